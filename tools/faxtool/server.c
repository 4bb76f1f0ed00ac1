// SPDX-License-Identifier: GPL-2.0-or-later
/* faxtool's connection to faxd and the mapping of its errors to exit codes. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "faxtool.h"

static int exit_code(int r)
{
	switch (-r) {
	case EACCES:
	case EPERM:
		return EXIT_ACCESS_DENIED;
	case ENOENT:
	case ENODEV:
		return EXIT_NO_SUCH_OBJECT;
	case EHOSTDOWN:
	case ECONNREFUSED:
		return EXIT_NOT_RUNNING;
	case EINVAL:
		return EXIT_USAGE;
	default:
		return EXIT_FAILURE_GENERIC;
	}
}

int server_fail(const char *verb, const fax_error_t *err)
{
	fprintf(stderr, "faxtool %s: %s\n", verb,
		err->message[0] ? err->message : strerror(-err->code));
	return exit_code(err->code);
}

int server_open(struct faxtool *t, fax_server_t **ret)
{
	fax_error_t err = { 0 };
	fax_server_t *s;
	int r;

	r = fax_server_new(&s);
	if (r < 0)
		return err_exit(EXIT_FAILURE_GENERIC, "out of memory");
	r = fax_server_connect(s, t->server, &err);
	if (r < 0) {
		fax_server_free(s);
		if (r == -EHOSTDOWN)
			fprintf(stderr, "faxtool: no fax server is running on %s\n",
				t->server ? t->server : "the system bus");
		else
			server_fail("connect", &err);
		return exit_code(r) == EXIT_USAGE ? EXIT_FAILURE_GENERIC : exit_code(r);
	}
	*ret = s;
	return EXIT_OK;
}

const char *rights_text(uint32_t rights, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	if (!rights)
		snprintf(buf, size, "none");
	for (uint32_t bit = 1; bit & FAX_RIGHTS_ALL; bit <<= 1)
		if ((rights & bit) && len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "," : "",
						fax_right_name(bit));
	return buf;
}
