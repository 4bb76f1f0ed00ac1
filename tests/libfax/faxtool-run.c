// SPDX-License-Identifier: GPL-2.0-or-later
/* run_faxtool(): see faxtool-run.h. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "faxtool-run.h"

int run_faxtool(char *text, size_t size, const char *fmt, ...)
{
	char bindir[PATH_MAX], args[1024], cmd[PATH_MAX + 1100];
	ssize_t n = readlink("/proc/self/exe", bindir, sizeof(bindir) - 1);
	size_t len = 0, got;
	va_list ap;
	FILE *p;
	int status;

	text[0] = '\0';
	if (n <= 0)
		return -1;
	bindir[n] = '\0';
	*strrchr(bindir, '/') = '\0';
	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), "'%s/faxtool' %s 2>&1", bindir, args);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (len + 1 < size && (got = fread(text + len, 1, size - len - 1, p)) > 0)
		len += got;
	text[len] = '\0';
	status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
