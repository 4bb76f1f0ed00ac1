// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * faxtool security [show] | set ENTRY...
 * ENTRY is user:NAME=RIGHTS or group:NAME=RIGHTS (NAME or a number;
 * RIGHTS a comma list of right names, "all" or "none"). set replaces the
 * whole descriptor with the entries given, in one save.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "faxtool.h"

static const char *id_name(const struct fax_ace *e, char *buf, size_t size)
{
	if (e->kind == FAX_ACE_USER) {
		struct passwd *pw = getpwuid(e->id);

		if (pw)
			return pw->pw_name;
	} else {
		struct group *gr = getgrgid(e->id);

		if (gr)
			return gr->gr_name;
	}
	snprintf(buf, size, "%u", e->id);
	return buf;
}

static int parse_entry(const char *s, struct fax_ace *e)
{
	char buf[256], *name, *rights, *end;
	unsigned long n;

	if (strlen(s) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, s);
	if (!strncmp(buf, "user:", 5))
		e->kind = FAX_ACE_USER;
	else if (!strncmp(buf, "group:", 6))
		e->kind = FAX_ACE_GROUP;
	else
		return -EINVAL;
	name = strchr(buf, ':') + 1;
	rights = strchr(name, '=');
	if (!rights || rights == name)
		return -EINVAL;
	*rights++ = '\0';
	if (fax_rights_parse(rights, &e->rights) < 0)
		return -EINVAL;
	n = strtoul(name, &end, 10);
	if (!*end) {
		e->id = (uint32_t)n;
	} else if (e->kind == FAX_ACE_USER) {
		struct passwd *pw = getpwnam(name);

		if (!pw)
			return -ENOENT;
		e->id = pw->pw_uid;
	} else {
		struct group *gr = getgrnam(name);

		if (!gr)
			return -ENOENT;
		e->id = gr->gr_gid;
	}
	return 0;
}

static void show(struct faxtool *t, fax_security_t *sec)
{
	char rights[256], num[16];

	for (size_t i = 0; i < fax_security_get_count(sec); i++) {
		const struct fax_ace *e = fax_security_get_entry(sec, i);

		rights_text(e->rights, rights, sizeof(rights));
		if (t->json) {
			json_object *o = json_object_new_object();

			json_object_object_add(o, "kind", json_object_new_string(e->kind == FAX_ACE_USER ? "user" : "group"));
			json_object_object_add(o, "id", json_object_new_int64(e->id));
			json_object_object_add(o, "name", json_object_new_string(id_name(e, num, sizeof(num))));
			json_object_object_add(o, "rights", json_object_new_string(rights));
			out_json(o);
		} else {
			printf("%-5s %-16s %s\n", e->kind == FAX_ACE_USER ? "user" : "group",
			       id_name(e, num, sizeof(num)), rights);
		}
	}
	rights_text(fax_security_get_granted_rights(sec), rights, sizeof(rights));
	if (t->json) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "granted_rights", json_object_new_string(rights));
		out_json(o);
	} else {
		printf("granted to you: %s\n", rights);
	}
}

int verb_security(struct faxtool *t, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "show";
	struct fax_ace *v = NULL;
	fax_security_t *sec = NULL;
	fax_error_t err = { 0 };
	fax_server_t *s;
	int rc;

	if (strcmp(sub, "show") && strcmp(sub, "set"))
		return err_exit(EXIT_USAGE, "security: unknown subcommand '%s' (show, set)", sub);
	if (!strcmp(sub, "show") && argc > 2)
		return err_exit(EXIT_USAGE, "security show takes no arguments");
	if (!strcmp(sub, "set")) {
		v = calloc((size_t)argc, sizeof(*v));
		if (!v)
			return err_exit(EXIT_FAILURE_GENERIC, "out of memory");
		for (int i = 2; i < argc; i++)
			if (parse_entry(argv[i], &v[i - 2]) < 0) {
				free(v);
				return err_exit(EXIT_USAGE, "security set: bad entry '%s' (user:NAME=RIGHTS or group:NAME=RIGHTS)", argv[i]);
			}
	}
	rc = server_open(t, &s);
	if (rc) {
		free(v);
		return rc;
	}
	if (fax_server_get_security(s, &sec, &err) < 0) {
		rc = server_fail("security", &err);
		goto out;
	}
	if (v) {
		int r = fax_security_set_descriptor(sec, v, (size_t)argc - 2);

		if (r < 0)
			fax_error_set(&err, r, "at most %d entries", FAX_SECURITY_ENTRIES_MAX);
		if (r < 0 || fax_security_save(sec, &err) < 0 || fax_security_refresh(sec, &err) < 0) {
			rc = server_fail("security set", &err);
			goto out;
		}
	}
	show(t, sec);
out:
	free(v);
	fax_security_free(sec);
	fax_server_free(s);
	return rc;
}
