// SPDX-License-Identifier: GPL-2.0-or-later
/* faxtool info / providers: the server and its device providers. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "faxtool.h"

int verb_info(struct faxtool *t, int argc, char **argv)
{
	struct fax_server_info info;
	struct fax_activity a;
	fax_security_t *sec = NULL;
	fax_error_t err = { 0 };
	fax_server_t *s;
	bool have_activity;
	char rights[256];
	int rc;

	(void)argv;
	if (argc > 1)
		return err_exit(EXIT_USAGE, "info takes no arguments");
	rc = server_open(t, &s);
	if (rc)
		return rc;
	fax_server_get_info(s, &info);
	/* Activity and rights need query-config: show what we may see. */
	have_activity = fax_server_get_activity(s, &a, NULL) == 0;
	fax_server_get_security(s, &sec, &err);
	if (sec)
		rights_text(fax_security_get_granted_rights(sec), rights, sizeof(rights));
	if (t->json) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "server_name", json_object_new_string(info.server_name));
		json_object_object_add(o, "version", json_object_new_string(FAX_VERSION));
		json_object_object_add(o, "major_version", json_object_new_int((int)info.major_version));
		json_object_object_add(o, "minor_version", json_object_new_int((int)info.minor_version));
		json_object_object_add(o, "major_build", json_object_new_int((int)info.major_build));
		json_object_object_add(o, "minor_build", json_object_new_int((int)info.minor_build));
		json_object_object_add(o, "api_version", json_object_new_int((int)info.api_version));
		json_object_object_add(o, "debug", json_object_new_boolean(info.debug));
		if (have_activity) {
			json_object_object_add(o, "incoming_messages", json_object_new_int((int)a.incoming_messages));
			json_object_object_add(o, "routing_messages", json_object_new_int((int)a.routing_messages));
			json_object_object_add(o, "outgoing_messages", json_object_new_int((int)a.outgoing_messages));
			json_object_object_add(o, "queued_messages", json_object_new_int((int)a.queued_messages));
		}
		if (sec)
			json_object_object_add(o, "granted_rights", json_object_new_string(rights));
		out_json(o);
	} else {
		printf("Server:   %s\n", info.server_name);
		printf("Version:  %u.%u.%u.%u%s (API 0x%x)\n", info.major_version, info.minor_version,
		       info.major_build, info.minor_build, info.debug ? " debug" : "", info.api_version);
		if (have_activity)
			printf("Activity: %u incoming, %u routing, %u outgoing, %u queued\n",
			       a.incoming_messages, a.routing_messages, a.outgoing_messages,
			       a.queued_messages);
		if (sec)
			printf("Rights:   %s\n", rights);
	}
	fax_security_free(sec);
	fax_server_free(s);
	return EXIT_OK;
}

int verb_providers(struct faxtool *t, int argc, char **argv)
{
	fax_device_providers_t *c;
	fax_error_t err = { 0 };
	fax_server_t *s;
	int rc;

	(void)argv;
	if (argc > 1)
		return err_exit(EXIT_USAGE, "providers takes no arguments");
	rc = server_open(t, &s);
	if (rc)
		return rc;
	if (fax_server_get_device_providers(s, &c, &err) < 0) {
		rc = server_fail("providers", &err);
		fax_server_free(s);
		return rc;
	}
	if (!t->json)
		printf("%-12s %-11s %-8s %-7s %s\n", "NAME", "STATUS", "VERSION", "DEVICES", "IMAGE");
	for (size_t i = 1; i <= fax_device_providers_count(c); i++) {
		fax_device_provider_t *p = fax_device_providers_item(c, i);
		uint32_t v[4];
		size_t n;
		bool debug;
		char ver[48];

		fax_device_provider_get_version(p, v, &debug);
		fax_device_provider_get_device_ids(p, &n);
		snprintf(ver, sizeof(ver), "%u.%u.%u.%u", v[0], v[1], v[2], v[3]);
		if (t->json) {
			json_object *o = json_object_new_object();

			json_object_object_add(o, "unique_name", json_object_new_string(fax_device_provider_get_unique_name(p)));
			json_object_object_add(o, "friendly_name", json_object_new_string(fax_device_provider_get_friendly_name(p)));
			json_object_object_add(o, "image_name", json_object_new_string(fax_device_provider_get_image_name(p)));
			json_object_object_add(o, "tapi_provider_name", json_object_new_string(fax_device_provider_get_tapi_provider_name(p)));
			json_object_object_add(o, "version", json_object_new_string(ver));
			json_object_object_add(o, "debug", json_object_new_boolean(debug));
			json_object_object_add(o, "status", json_object_new_string(fax_provider_status_name(fax_device_provider_get_status(p))));
			json_object_object_add(o, "init_error_code", json_object_new_int(fax_device_provider_get_init_error_code(p)));
			json_object_object_add(o, "devices", json_object_new_int((int)n));
			out_json(o);
		} else {
			int e = fax_device_provider_get_init_error_code(p);

			printf("%-12s %-11s %-8s %-7zu %s", fax_device_provider_get_unique_name(p),
			       fax_provider_status_name(fax_device_provider_get_status(p)), ver, n,
			       fax_device_provider_get_image_name(p));
			if (e)
				printf(" (%s)", strerror(-e));
			putchar('\n');
		}
	}
	fax_device_providers_free(c);
	fax_server_free(s);
	return EXIT_OK;
}
