// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * faxtool devices [show [DEV]] | set DEV KEY=VALUE...
 * DEV is a device id or name. Keys of set: description, send (yes|no),
 * receive (no-answer|auto|manual), rings (1-99), csid, tsid. All changes
 * of one command are saved together (one Device.Save).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "faxtool.h"

static fax_device_t *find_device(fax_devices_t *c, const char *which)
{
	char *end;
	unsigned long id = strtoul(which, &end, 10);

	if (*which && !*end)
		return fax_devices_item_by_id(c, (uint32_t)id);
	return fax_devices_item_by_name(c, which);
}

static json_object *device_json(fax_device_t *d)
{
	json_object *o = json_object_new_object();
	json_object *rm = json_object_new_array();

	for (const char *const *g = fax_device_get_used_routing_methods(d); g && *g; g++)
		json_object_array_add(rm, json_object_new_string(*g));
	json_object_object_add(o, "id", json_object_new_int((int)fax_device_get_id(d)));
	json_object_object_add(o, "name", json_object_new_string(fax_device_get_name(d)));
	json_object_object_add(o, "provider", json_object_new_string(fax_device_get_provider_unique_name(d)));
	json_object_object_add(o, "powered_off", json_object_new_boolean(fax_device_get_powered_off(d)));
	json_object_object_add(o, "sending_now", json_object_new_boolean(fax_device_get_sending_now(d)));
	json_object_object_add(o, "receiving_now", json_object_new_boolean(fax_device_get_receiving_now(d)));
	json_object_object_add(o, "ringing_now", json_object_new_boolean(fax_device_get_ringing_now(d)));
	json_object_object_add(o, "description", json_object_new_string(fax_device_get_description(d)));
	json_object_object_add(o, "send_enabled", json_object_new_boolean(fax_device_get_send_enabled(d)));
	json_object_object_add(o, "receive_mode", json_object_new_string(fax_receive_mode_name(fax_device_get_receive_mode(d))));
	json_object_object_add(o, "rings_before_answer", json_object_new_int((int)fax_device_get_rings_before_answer(d)));
	json_object_object_add(o, "csid", json_object_new_string(fax_device_get_csid(d)));
	json_object_object_add(o, "tsid", json_object_new_string(fax_device_get_tsid(d)));
	json_object_object_add(o, "used_routing_methods", rm);
	return o;
}

static const char *status_word(fax_device_t *d)
{
	if (fax_device_get_powered_off(d))
		return "off";
	if (fax_device_get_ringing_now(d))
		return "ringing";
	if (fax_device_get_sending_now(d))
		return "sending";
	if (fax_device_get_receiving_now(d))
		return "receiving";
	return "idle";
}

static void show(struct faxtool *t, fax_device_t *d, bool header)
{
	if (t->json) {
		out_json(device_json(d));
		return;
	}
	if (header)
		printf("%-4s %-12s %-9s %-8s %-4s %-9s %-5s %-20s %s\n", "ID", "NAME", "PROVIDER",
		       "STATUS", "SEND", "RECEIVE", "RINGS", "CSID", "DESCRIPTION");
	printf("%-4u %-12s %-9s %-8s %-4s %-9s %-5u %-20s %s\n", fax_device_get_id(d),
	       fax_device_get_name(d), fax_device_get_provider_unique_name(d), status_word(d),
	       fax_device_get_send_enabled(d) ? "yes" : "no",
	       fax_receive_mode_name(fax_device_get_receive_mode(d)),
	       fax_device_get_rings_before_answer(d), fax_device_get_csid(d),
	       fax_device_get_description(d));
}

static int apply(fax_device_t *d, const char *kv)
{
	const char *eq = strchr(kv, '=');
	const char *v = eq ? eq + 1 : NULL;
	size_t klen = eq ? (size_t)(eq - kv) : 0;
	uint32_t u;
	char *end;

#define KEY(k) (klen == strlen(k) && !strncmp(kv, k, klen))
	if (!eq)
		return -EINVAL;
	if (KEY("description"))
		return fax_device_set_description(d, v);
	if (KEY("csid"))
		return fax_device_set_csid(d, v);
	if (KEY("tsid"))
		return fax_device_set_tsid(d, v);
	if (KEY("send")) {
		if (strcmp(v, "yes") && strcmp(v, "no"))
			return -EINVAL;
		return fax_device_set_send_enabled(d, !strcmp(v, "yes"));
	}
	if (KEY("receive")) {
		if (fax_receive_mode_parse(v, &u) < 0)
			return -EINVAL;
		return fax_device_set_receive_mode(d, u);
	}
	if (KEY("rings")) {
		u = (uint32_t)strtoul(v, &end, 10);
		if (!*v || *end)
			return -EINVAL;
		return fax_device_set_rings_before_answer(d, u);
	}
#undef KEY
	return -EINVAL;
}

int verb_devices(struct faxtool *t, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "show";
	fax_error_t err = { 0 };
	fax_devices_t *c = NULL;
	fax_device_t *d;
	fax_server_t *s;
	int rc;

	if (strcmp(sub, "show") && strcmp(sub, "set"))
		return err_exit(EXIT_USAGE, "devices: unknown subcommand '%s' (show, set)", sub);
	if (!strcmp(sub, "set") && argc < 4)
		return err_exit(EXIT_USAGE, "devices set DEV KEY=VALUE...");
	if (!strcmp(sub, "show") && argc > 3)
		return err_exit(EXIT_USAGE, "devices show [DEV]");
	rc = server_open(t, &s);
	if (rc)
		return rc;
	if (fax_server_get_devices(s, &c, &err) < 0) {
		rc = server_fail("devices", &err);
		goto out;
	}
	if (argc > 2) {
		d = find_device(c, argv[2]);
		if (!d) {
			rc = err_exit(EXIT_NO_SUCH_OBJECT, "devices: no device '%s'", argv[2]);
			goto out;
		}
		if (!strcmp(sub, "set")) {
			for (int i = 3; i < argc; i++)
				if (apply(d, argv[i]) < 0) {
					rc = err_exit(EXIT_USAGE, "devices set: bad setting '%s' (description=, send=yes|no, receive=no-answer|auto|manual, rings=N, csid=, tsid=)", argv[i]);
					goto out;
				}
			if (fax_device_save(d, &err) < 0) {
				rc = server_fail("devices set", &err);
				goto out;
			}
		}
		show(t, d, true);
	} else {
		for (size_t i = 1; i <= fax_devices_count(c); i++)
			show(t, fax_devices_item(c, i), i == 1);
	}
out:
	fax_devices_free(c);
	fax_server_free(s);
	return rc;
}
