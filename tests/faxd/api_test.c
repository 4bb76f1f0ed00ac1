// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The server model through the libfax client API, against a private faxd:
 * properties, the Connect/Refresh/Save rules, 1-based collections,
 * validation, extension properties, registrations that take effect after
 * a restart, the security descriptor, and events.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "env.h"
#include "harness.h"

FIXTURE(server) {
	struct faxd_env env;
	fax_server_t *s;
};

FIXTURE_SETUP(server)
{
	ASSERT_EQ(0, env_start(&self->env, NULL));
	self->s = env_connect(&self->env);
	ASSERT_NE(NULL, self->s);
}

FIXTURE_TEARDOWN(server)
{
	fax_server_free(self->s);
	env_stop(&self->env);
}

static fax_devices_t *devices(fax_server_t *s)
{
	fax_devices_t *c = NULL;

	fax_error_t err = { 0 };

	if (fax_server_get_devices(s, &c, &err) < 0) {
		fprintf(stderr, "# GetDevices: %s\n", err.message);
		return NULL;
	}
	return c;
}

/* Reconnect after a restart of faxd. */
static fax_server_t *reconnect(struct faxd_env *e, fax_server_t *old)
{
	fax_server_free(old);
	return env_connect(e);
}

TEST_F(server, properties_match_the_build)
{
	struct fax_server_info info;
	unsigned int v[3];

	ASSERT_EQ(0, fax_server_get_info(self->s, &info));
	ASSERT_EQ(3, sscanf(FAX_VERSION, "%u.%u.%u", &v[0], &v[1], &v[2]));
	EXPECT_EQ(v[0], info.major_version);
	EXPECT_EQ(v[1], info.minor_version);
	EXPECT_EQ(v[2], info.major_build);
	EXPECT_EQ(FAX_SERVER_API_VERSION, info.api_version);
	EXPECT_STREQ("testserver", info.server_name);
#ifdef __SANITIZE_ADDRESS__
	EXPECT_TRUE(info.debug);
#else
	EXPECT_FALSE(info.debug);
#endif
}

TEST_F(server, connect_first_and_disconnect_fails_when_not_connected)
{
	fax_error_t err = { 0 };
	fax_server_t *s;
	fax_devices_t *c;
	struct fax_server_info info;

	ASSERT_EQ(0, fax_server_new(&s));
	EXPECT_EQ(-ENOTCONN, fax_server_disconnect(s));
	EXPECT_EQ(-ENOTCONN, fax_server_get_info(s, &info));
	EXPECT_EQ(-ENOTCONN, fax_server_get_devices(s, &c, &err));
	EXPECT_NE(NULL, strstr(err.message, "not connected"));
	ASSERT_EQ(0, fax_server_connect(s, self->env.address, NULL));
	EXPECT_EQ(-EISCONN, fax_server_connect(s, self->env.address, NULL));
	EXPECT_EQ(0, fax_server_disconnect(s));
	EXPECT_EQ(-ENOTCONN, fax_server_disconnect(s));
	fax_server_free(s);
}

TEST_F(server, connecting_to_a_bus_without_faxd_says_so)
{
	fax_server_t *s;

	ASSERT_EQ(0, env_stop_faxd(&self->env));
	ASSERT_EQ(0, fax_server_new(&s));
	EXPECT_EQ(-EHOSTDOWN, fax_server_connect(s, self->env.address, NULL));
	EXPECT_FALSE(fax_server_is_connected(s));
	fax_server_free(s);
}

TEST_F(server, devices_are_a_one_based_collection)
{
	fax_devices_t *c = devices(self->s);

	ASSERT_NE(NULL, c);
	ASSERT_EQ(2, fax_devices_count(c));
	EXPECT_EQ(NULL, fax_devices_item(c, 0));
	EXPECT_EQ(NULL, fax_devices_item(c, 3));
	EXPECT_STREQ("loopback0", fax_device_get_name(fax_devices_item(c, 1)));
	EXPECT_STREQ("loopback1", fax_device_get_name(fax_devices_item(c, 2)));
	EXPECT_STREQ("loopback", fax_device_get_provider_unique_name(fax_devices_item(c, 1)));
	EXPECT_EQ(fax_devices_item(c, 2),
		  fax_devices_item_by_id(c, fax_device_get_id(fax_devices_item(c, 2))));
	EXPECT_EQ(NULL, fax_devices_item_by_id(c, 0));
	/* An idle loopback line: online, not ringing, defaults from the store. */
	EXPECT_FALSE(fax_device_get_powered_off(fax_devices_item(c, 1)));
	EXPECT_FALSE(fax_device_get_ringing_now(fax_devices_item(c, 1)));
	EXPECT_EQ(2, fax_device_get_rings_before_answer(fax_devices_item(c, 1)));
	EXPECT_EQ(FAX_RECEIVE_AUTO_ANSWER, fax_device_get_receive_mode(fax_devices_item(c, 1)));
	fax_devices_free(c);
}

TEST_F(server, changes_are_local_until_save_and_refresh_drops_them)
{
	fax_server_t *other = env_connect(&self->env);
	fax_devices_t *a = devices(self->s), *b = devices(other);
	fax_device_t *da, *db;

	ASSERT_NE(NULL, a);
	ASSERT_NE(NULL, b);
	da = fax_devices_item(a, 1);
	db = fax_devices_item(b, 1);
	ASSERT_EQ(0, fax_device_set_csid(da, "+49 30 1234"));
	ASSERT_EQ(0, fax_device_refresh(db, NULL));
	EXPECT_STREQ("", fax_device_get_csid(db));		/* not saved yet */
	ASSERT_EQ(0, fax_device_save(da, NULL));
	ASSERT_EQ(0, fax_device_refresh(db, NULL));
	EXPECT_STREQ("+49 30 1234", fax_device_get_csid(db));

	ASSERT_EQ(0, fax_device_set_tsid(da, "unsaved"));
	ASSERT_EQ(0, fax_device_refresh(da, NULL));		/* the cheap "cancel" */
	EXPECT_STREQ("", fax_device_get_tsid(da));
	fax_devices_free(a);
	fax_devices_free(b);
	fax_server_free(other);
}

TEST_F(server, save_sends_only_the_fields_changed)
{
	fax_server_t *other = env_connect(&self->env);
	fax_devices_t *a = devices(self->s), *b = devices(other);
	fax_device_t *da = fax_devices_item(a, 1), *db = fax_devices_item(b, 1);

	ASSERT_EQ(0, fax_device_set_tsid(db, "from-b"));
	ASSERT_EQ(0, fax_device_save(db, NULL));
	ASSERT_EQ(0, fax_device_set_description(da, "from a"));	/* a's copy has old TSID */
	ASSERT_EQ(0, fax_device_save(da, NULL));
	ASSERT_EQ(0, fax_device_refresh(da, NULL));
	EXPECT_STREQ("from-b", fax_device_get_tsid(da));
	EXPECT_STREQ("from a", fax_device_get_description(da));
	fax_devices_free(a);
	fax_devices_free(b);
	fax_server_free(other);
}

TEST_F(server, manual_answer_moves_to_the_device_that_takes_it)
{
	fax_devices_t *c = devices(self->s);
	fax_device_t *d1 = fax_devices_item(c, 1), *d2 = fax_devices_item(c, 2);

	ASSERT_EQ(0, fax_device_set_receive_mode(d1, FAX_RECEIVE_MANUAL_ANSWER));
	ASSERT_EQ(0, fax_device_save(d1, NULL));
	ASSERT_EQ(0, fax_device_set_receive_mode(d2, FAX_RECEIVE_MANUAL_ANSWER));
	ASSERT_EQ(0, fax_device_save(d2, NULL));
	EXPECT_EQ(FAX_RECEIVE_MANUAL_ANSWER, fax_device_get_receive_mode(d1));	/* stale copy */
	ASSERT_EQ(0, fax_device_refresh(d1, NULL));
	EXPECT_EQ(FAX_RECEIVE_NO_ANSWER, fax_device_get_receive_mode(d1));
	ASSERT_EQ(0, fax_device_refresh(d2, NULL));
	EXPECT_EQ(FAX_RECEIVE_MANUAL_ANSWER, fax_device_get_receive_mode(d2));
	fax_devices_free(c);
}

TEST_F(server, invalid_values_are_refused_and_nothing_changes)
{
	static const struct {
		const char *field;
		const char *csid;
		uint32_t rings, mode;
	} bad[] = {
		{ "RingsBeforeAnswer", "", 0, 1 },
		{ "RingsBeforeAnswer", "", 100, 1 },
		{ "ReceiveMode", "", 2, 3 },
		{ "CSID", "123456789012345678901", 2, 1 },	/* 21 characters */
		{ "CSID", "caf\xc3\xa9", 2, 1 },		/* not ASCII */
	};
	fax_devices_t *c = devices(self->s);
	fax_device_t *d = fax_devices_item(c, 1);

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fax_error_t err = { 0 };

		fax_device_set_csid(d, bad[i].csid);
		fax_device_set_rings_before_answer(d, bad[i].rings);
		fax_device_set_receive_mode(d, bad[i].mode);
		EXPECT_EQ(-EINVAL, fax_device_save(d, &err));
		EXPECT_NE(NULL, strstr(err.message, bad[i].field)) TH_LOG("%s", err.message);
		ASSERT_EQ(0, fax_device_refresh(d, NULL));
		EXPECT_STREQ("", fax_device_get_csid(d));
		EXPECT_EQ(2, fax_device_get_rings_before_answer(d));
		EXPECT_EQ(FAX_RECEIVE_AUTO_ANSWER, fax_device_get_receive_mode(d));
	}
	fax_devices_free(c);
}

TEST_F(server, device_configuration_survives_a_restart)
{
	fax_devices_t *c = devices(self->s);
	fax_device_t *d = fax_devices_item_by_name(c, "loopback1");
	uint32_t id = fax_device_get_id(d);

	fax_device_set_description(d, "second line");
	fax_device_set_send_enabled(d, false);
	fax_device_set_rings_before_answer(d, 7);
	ASSERT_EQ(0, fax_device_save(d, NULL));
	fax_devices_free(c);
	ASSERT_EQ(0, env_restart_faxd(&self->env));
	self->s = reconnect(&self->env, self->s);
	ASSERT_NE(NULL, self->s);
	c = devices(self->s);
	d = fax_devices_item_by_name(c, "loopback1");
	ASSERT_NE(NULL, d);
	EXPECT_EQ(id, fax_device_get_id(d));			/* ids are kept */
	EXPECT_STREQ("second line", fax_device_get_description(d));
	EXPECT_FALSE(fax_device_get_send_enabled(d));
	EXPECT_EQ(7, fax_device_get_rings_before_answer(d));
	fax_devices_free(c);
}

TEST_F(server, extension_properties_at_server_and_device_level)
{
	static const unsigned char blob[] = { 0, 1, 2, 0xff, 'x' };
	fax_devices_t *c = devices(self->s);
	fax_device_t *d = fax_devices_item(c, 1);
	static char big[FAX_EXTENSION_PROPERTY_MAX + 1];
	void *data;
	size_t len;

	EXPECT_EQ(-ENOENT, fax_server_get_extension_property(self->s, "{guid-1}", &data, &len, NULL));
	ASSERT_EQ(0, fax_server_set_extension_property(self->s, "{guid-1}", blob, sizeof(blob), NULL));
	ASSERT_EQ(0, fax_server_get_extension_property(self->s, "{guid-1}", &data, &len, NULL));
	ASSERT_EQ(sizeof(blob), len);
	EXPECT_EQ(0, memcmp(blob, data, len));
	free(data);
	/* The same key at device level is another property. */
	EXPECT_EQ(-ENOENT, fax_device_get_extension_property(d, "{guid-1}", &data, &len, NULL));
	ASSERT_EQ(0, fax_device_set_extension_property(d, "{guid-1}", "dev", 3, NULL));
	ASSERT_EQ(0, fax_device_get_extension_property(d, "{guid-1}", &data, &len, NULL));
	EXPECT_EQ(3, len);
	free(data);
	/* Empty blobs are values too; oversized ones and bad keys are refused. */
	ASSERT_EQ(0, fax_server_set_extension_property(self->s, "empty", "", 0, NULL));
	ASSERT_EQ(0, fax_server_get_extension_property(self->s, "empty", &data, &len, NULL));
	EXPECT_EQ(0, len);
	free(data);
	EXPECT_EQ(-EINVAL, fax_server_set_extension_property(self->s, "big", big, sizeof(big), NULL));
	EXPECT_EQ(-EINVAL, fax_server_set_extension_property(self->s, "bad key!", "x", 1, NULL));
	fax_devices_free(c);
}

static size_t provider_count(fax_server_t *s, const char *name, uint32_t *status)
{
	fax_device_providers_t *c;
	size_t n;

	if (fax_server_get_device_providers(s, &c, NULL) < 0)
		return 0;
	n = fax_device_providers_count(c);
	for (size_t i = 1; name && i <= n; i++) {
		fax_device_provider_t *p = fax_device_providers_item(c, i);

		if (!strcmp(fax_device_provider_get_unique_name(p), name))
			*status = fax_device_provider_get_status(p);
	}
	fax_device_providers_free(c);
	return n;
}

TEST_F(server, provider_registration_takes_effect_after_restart)
{
	uint32_t status = 99;
	fax_devices_t *c;

	ASSERT_EQ(2, provider_count(self->s, NULL, NULL));
	ASSERT_EQ(0, fax_server_register_device_provider(self->s, "more-lines", "More lines",
							 "builtin:loopback", "", FAX_PROVIDER_API_VERSION, NULL));
	EXPECT_EQ(-EEXIST, fax_server_register_device_provider(self->s, "more-lines", "x",
							       "builtin:loopback", "", FAX_PROVIDER_API_VERSION, NULL));
	ASSERT_EQ(0, fax_server_register_device_provider(self->s, "missing", "Missing",
							 "/nonexistent/provider.so", "", FAX_PROVIDER_API_VERSION, NULL));
	ASSERT_EQ(0, fax_server_register_device_provider(self->s, "old", "Old",
							 "builtin:loopback", "", 0x20000, NULL));
	EXPECT_EQ(2, provider_count(self->s, NULL, NULL));	/* not before a restart */

	ASSERT_EQ(0, env_restart_faxd(&self->env));
	self->s = reconnect(&self->env, self->s);
	ASSERT_NE(NULL, self->s);
	EXPECT_EQ(5, provider_count(self->s, "more-lines", &status));
	EXPECT_EQ(FAX_PROVIDER_SUCCESS, status);
	provider_count(self->s, "missing", &status);
	EXPECT_EQ(FAX_PROVIDER_CANT_LOAD, status);
	provider_count(self->s, "old", &status);
	EXPECT_EQ(FAX_PROVIDER_BAD_VERSION, status);
	provider_count(self->s, "kernel", &status);
	EXPECT_EQ(FAX_PROVIDER_CANT_INIT, status);		/* no faxcore here */
	c = devices(self->s);
	ASSERT_NE(NULL, c);
	EXPECT_EQ(4, fax_devices_count(c));			/* its two lines joined */
	fax_devices_free(c);

	ASSERT_EQ(0, fax_server_unregister_device_provider(self->s, "more-lines", NULL));
	EXPECT_EQ(-ENOENT, fax_server_unregister_device_provider(self->s, "more-lines", NULL));
	EXPECT_EQ(5, provider_count(self->s, NULL, NULL));
	ASSERT_EQ(0, env_restart_faxd(&self->env));
	self->s = reconnect(&self->env, self->s);
	ASSERT_NE(NULL, self->s);
	EXPECT_EQ(4, provider_count(self->s, NULL, NULL));
}

TEST_F(server, routing_methods_are_usable_after_the_extension_loads)
{
	static const char *const methods[] = {
		"Store;Store in a folder;route_store;{aaaaaaaa-0000-0000-0000-000000000001}",
		NULL,
	};
	static const char *const bad[] = { "only;three;fields", NULL };
	static const char *const none[] = { NULL };
	const char *guid = "{aaaaaaaa-0000-0000-0000-000000000001}";
	fax_devices_t *c = devices(self->s);
	const char *const *used;

	EXPECT_EQ(-EINVAL, fax_server_register_inbound_routing_extension(self->s, "x", "X",
									  "builtin:store", bad, NULL));
	EXPECT_EQ(-EINVAL, fax_server_register_inbound_routing_extension(self->s, "x", "X",
									  "builtin:store", none, NULL));
	ASSERT_EQ(0, fax_server_register_inbound_routing_extension(self->s, "store", "Store",
								    "builtin:store", methods, NULL));
	EXPECT_EQ(-ENOENT, fax_device_use_routing_method(fax_devices_item(c, 1), guid, true, NULL));
	fax_devices_free(c);

	ASSERT_EQ(0, env_restart_faxd(&self->env));
	self->s = reconnect(&self->env, self->s);
	ASSERT_NE(NULL, self->s);
	c = devices(self->s);
	ASSERT_EQ(0, fax_device_use_routing_method(fax_devices_item(c, 1), guid, true, NULL));
	ASSERT_EQ(0, fax_device_refresh(fax_devices_item(c, 1), NULL));
	used = fax_device_get_used_routing_methods(fax_devices_item(c, 1));
	ASSERT_NE(NULL, used[0]);
	EXPECT_STREQ(guid, used[0]);
	EXPECT_EQ(NULL, used[1]);
	ASSERT_EQ(0, fax_device_use_routing_method(fax_devices_item(c, 1), guid, false, NULL));
	ASSERT_EQ(0, fax_device_refresh(fax_devices_item(c, 1), NULL));
	EXPECT_EQ(NULL, fax_device_get_used_routing_methods(fax_devices_item(c, 1))[0]);
	ASSERT_EQ(0, fax_server_unregister_inbound_routing_extension(self->s, "store", NULL));
	EXPECT_EQ(-ENOENT, fax_server_unregister_inbound_routing_extension(self->s, "store", NULL));
	fax_devices_free(c);
}

TEST_F(server, security_descriptor_saves_and_grants)
{
	fax_security_t *sec;
	struct fax_ace v[] = {
		{ FAX_ACE_USER, 0, FAX_RIGHTS_ALL },
		{ FAX_ACE_GROUP, 4321, FAX_RIGHT_SUBMIT_HIGH },
	};
	struct fax_ace bad = { 7, 1, 0 };
	fax_error_t err = { 0 };

	ASSERT_EQ(0, fax_server_get_security(self->s, &sec, NULL));
	/* The default: root and the admin group everything, submitters normal. */
	ASSERT_EQ(3, fax_security_get_count(sec));
	EXPECT_EQ(FAX_ACE_USER, fax_security_get_entry(sec, 0)->kind);
	EXPECT_EQ(TEST_ADMIN_GID, fax_security_get_entry(sec, 1)->id);
	EXPECT_EQ(FAX_RIGHTS_ALL, fax_security_get_entry(sec, 1)->rights);
	EXPECT_EQ(TEST_SUBMIT_GID, fax_security_get_entry(sec, 2)->id);
	EXPECT_EQ(FAX_RIGHT_SUBMIT_NORMAL, fax_security_get_entry(sec, 2)->rights);
	EXPECT_EQ(FAX_RIGHTS_ALL, fax_security_get_granted_rights(sec));

	ASSERT_EQ(0, fax_security_set_descriptor(sec, v, 2));
	ASSERT_EQ(0, fax_security_save(sec, NULL));
	ASSERT_EQ(0, fax_security_refresh(sec, NULL));
	ASSERT_EQ(2, fax_security_get_count(sec));
	EXPECT_EQ(4321, fax_security_get_entry(sec, 1)->id);
	ASSERT_EQ(0, fax_security_set_descriptor(sec, &bad, 1));
	EXPECT_EQ(-EINVAL, fax_security_save(sec, &err));
	EXPECT_NE(NULL, strstr(err.message, "kind"));
	/* A descriptor that would lock the saver out is refused. */
	fax_error_clear(&err);
	ASSERT_EQ(0, fax_security_set_descriptor(sec, &v[1], 1));
	EXPECT_EQ(-EINVAL, fax_security_save(sec, &err));
	EXPECT_NE(NULL, strstr(err.message, "manage-config"));
	ASSERT_EQ(0, fax_security_refresh(sec, NULL));
	EXPECT_EQ(2, fax_security_get_count(sec));		/* unchanged */
	fax_security_free(sec);
}

/* ---- events ---------------------------------------------------------- */

/* Process events until @type arrived @n times; a generous bound only
 * catches a daemon that never sends it. */
static bool wait_event(fax_server_t *s, struct seen *seen, int type, int n)
{
	for (int i = 0; i < 1000 && seen->count[type] < n; i++) {
		if (fax_server_process(s) > 0)
			continue;
		fax_server_wait(s, 10000);
	}
	return seen->count[type] >= n;
}

/* Drain what is queued now (a ping round trip orders it). */
static void drain(fax_server_t *s)
{
	uint32_t mask;

	fax_server_get_registered_events(s, &mask, NULL);
	while (fax_server_process(s) > 0)
		;
}

static int test_call(struct faxd_env *e, const char *member, const char *types, ...)
{
	sd_bus *bus = env_bus(e);
	sd_bus_message *m = NULL;
	va_list ap;
	int r;

	r = sd_bus_message_new_method_call(bus, &m, FAX_BUS_NAME, FAX_BUS_PATH, FAX_BUS_IFACE_TEST,
					   member);
	va_start(ap, types);
	if (r >= 0)
		r = sd_bus_message_appendv(m, types, ap);
	va_end(ap);
	if (r >= 0)
		r = sd_bus_call(bus, m, 0, NULL, NULL);
	sd_bus_message_unref(m);
	sd_bus_flush_close_unref(bus);
	return r < 0 ? r : 0;
}

TEST_F(server, registered_events_follow_listen)
{
	struct seen seen = { 0 };
	uint32_t mask = 99;

	ASSERT_EQ(0, fax_server_get_registered_events(self->s, &mask, NULL));
	EXPECT_EQ(0, mask);					/* nothing by default */
	ASSERT_EQ(0, fax_server_listen_to_events(self->s, FAX_EVENTS_CONFIG | FAX_EVENTS_DEVICE_STATUS,
						 seen_record, &seen, NULL));
	ASSERT_EQ(0, fax_server_get_registered_events(self->s, &mask, NULL));
	EXPECT_EQ(FAX_EVENTS_CONFIG | FAX_EVENTS_DEVICE_STATUS, mask);
	EXPECT_EQ(-EINVAL, fax_server_listen_to_events(self->s, 0x400, seen_record, &seen, NULL));
	ASSERT_EQ(0, fax_server_listen_to_events(self->s, FAX_EVENTS_NONE, NULL, NULL, NULL));
	ASSERT_EQ(0, fax_server_get_registered_events(self->s, &mask, NULL));
	EXPECT_EQ(0, mask);
}

TEST_F(server, saving_a_device_raises_the_config_event)
{
	fax_server_t *listener = env_connect(&self->env);
	fax_devices_t *c = devices(self->s);
	struct seen seen = { 0 };

	ASSERT_EQ(0, fax_server_listen_to_events(listener, FAX_EVENTS_CONFIG, seen_record, &seen, NULL));
	fax_device_set_csid(fax_devices_item(c, 1), "evt");
	ASSERT_EQ(0, fax_device_save(fax_devices_item(c, 1), NULL));
	EXPECT_TRUE(wait_event(listener, &seen, FAX_SERVER_EV_DEVICES_CONFIG_CHANGE, 1));
	EXPECT_EQ(0, seen.count[FAX_SERVER_EV_SECURITY_CONFIG_CHANGE]);
	fax_devices_free(c);
	fax_server_free(listener);
}

TEST_F(server, a_ringing_line_shows_ringing_now_and_raises_events)
{
	fax_server_t *calls = env_connect(&self->env);
	struct seen seen = { 0 }, seen_calls = { 0 };
	fax_devices_t *c = devices(self->s);
	uint32_t from = fax_device_get_id(fax_devices_item_by_name(c, "loopback0"));
	uint32_t to = fax_device_get_id(fax_devices_item_by_name(c, "loopback1"));
	fax_device_t *d = fax_devices_item_by_name(c, "loopback1");

	/* Not answered by itself: this test answers (or not) by hand. */
	fax_device_set_receive_mode(d, FAX_RECEIVE_MANUAL_ANSWER);
	ASSERT_EQ(0, fax_device_save(d, NULL));
	ASSERT_EQ(0, fax_server_listen_to_events(self->s, FAX_EVENTS_DEVICE_STATUS, seen_record, &seen, NULL));
	ASSERT_EQ(0, fax_server_listen_to_events(calls, FAX_EVENTS_INCOMING_CALL, seen_record,
						 &seen_calls, NULL));
	ASSERT_EQ(0, test_call(&self->env, "Dial", "us", from, "101"));
	ASSERT_TRUE(wait_event(self->s, &seen, FAX_SERVER_EV_DEVICE_STATUS_CHANGE, 1));
	EXPECT_EQ(to, seen.last[FAX_SERVER_EV_DEVICE_STATUS_CHANGE].device_id);
	EXPECT_TRUE(seen.last[FAX_SERVER_EV_DEVICE_STATUS_CHANGE].ringing);
	EXPECT_EQ(0, seen.count[FAX_SERVER_EV_NEW_CALL]);		/* not in its mask */
	ASSERT_TRUE(wait_event(calls, &seen_calls, FAX_SERVER_EV_NEW_CALL, 1));
	EXPECT_EQ(to, seen_calls.last[FAX_SERVER_EV_NEW_CALL].device_id);
	EXPECT_STREQ("100", seen_calls.caller);			/* the caller's number */
	EXPECT_EQ(0, seen_calls.count[FAX_SERVER_EV_DEVICE_STATUS_CHANGE]);
	ASSERT_EQ(0, fax_device_refresh(d, NULL));
	EXPECT_TRUE(fax_device_get_ringing_now(d));
	/* Answering takes the call into an incoming job: receiving now. */
	EXPECT_EQ(0, fax_device_answer_call(d, NULL));
	ASSERT_TRUE(wait_event(self->s, &seen, FAX_SERVER_EV_DEVICE_STATUS_CHANGE, 2));
	EXPECT_TRUE(seen.last[FAX_SERVER_EV_DEVICE_STATUS_CHANGE].receiving);
	EXPECT_FALSE(seen.last[FAX_SERVER_EV_DEVICE_STATUS_CHANGE].ringing);

	/* The caller hangs up without sending a page: the job goes, idle again. */
	ASSERT_EQ(0, test_call(&self->env, "Hangup", "u", from));
	ASSERT_TRUE(wait_event(self->s, &seen, FAX_SERVER_EV_DEVICE_STATUS_CHANGE, 3));
	EXPECT_FALSE(seen.last[FAX_SERVER_EV_DEVICE_STATUS_CHANGE].receiving);
	ASSERT_EQ(0, fax_device_refresh(d, NULL));
	EXPECT_FALSE(fax_device_get_ringing_now(d));
	EXPECT_EQ(-EBUSY, fax_device_answer_call(d, NULL));	/* nothing rings */
	fax_devices_free(c);
	fax_server_free(calls);
}

TEST_F(server, events_are_withheld_once_the_right_is_revoked)
{
	fax_server_t *listener = env_connect(&self->env);
	struct seen seen = { 0 };
	fax_security_t *sec;
	fax_devices_t *c = devices(self->s);
	/* Root keeps manage-config (enough for Device.Save) but loses
	 * query-config, which config events need. */
	struct fax_ace v[] = { { FAX_ACE_USER, 0, FAX_RIGHT_MANAGE_CONFIG } };

	ASSERT_EQ(0, fax_server_listen_to_events(listener, FAX_EVENTS_CONFIG | FAX_EVENTS_SERVER_ENDED,
						 seen_record, &seen, NULL));
	fax_device_set_csid(fax_devices_item(c, 1), "one");
	ASSERT_EQ(0, fax_device_save(fax_devices_item(c, 1), NULL));
	ASSERT_TRUE(wait_event(listener, &seen, FAX_SERVER_EV_DEVICES_CONFIG_CHANGE, 1));

	ASSERT_EQ(0, fax_server_get_security(self->s, &sec, NULL));
	ASSERT_EQ(0, fax_security_set_descriptor(sec, v, 1));
	ASSERT_EQ(0, fax_security_save(sec, NULL));
	EXPECT_EQ(-EACCES, fax_security_refresh(sec, NULL));	/* root cannot read it now */
	fax_security_free(sec);
	fax_device_set_csid(fax_devices_item(c, 1), "two");
	ASSERT_EQ(0, fax_device_save(fax_devices_item(c, 1), NULL));

	/* Shutdown needs no right and comes after the save on the same
	 * connection: when it arrives, a config event would have too. */
	ASSERT_EQ(0, env_stop_faxd(&self->env));
	ASSERT_TRUE(wait_event(listener, &seen, FAX_SERVER_EV_SERVER_SHUTDOWN, 1));
	EXPECT_EQ(1, seen.count[FAX_SERVER_EV_DEVICES_CONFIG_CHANGE]);
	EXPECT_EQ(0, seen.count[FAX_SERVER_EV_SECURITY_CONFIG_CHANGE]);	/* raised after the revocation */
	fax_devices_free(c);
	fax_server_free(listener);
}

TEST_F(server, a_listener_that_leaves_the_bus_is_forgotten)
{
	fax_server_t *listener = env_connect(&self->env);
	fax_devices_t *c = devices(self->s);
	struct seen seen = { 0 };

	ASSERT_EQ(0, fax_server_listen_to_events(listener, FAX_EVENTS_CONFIG, seen_record, &seen, NULL));
	fax_server_free(listener);				/* leaves without unsubscribing */
	drain(self->s);
	fax_device_set_csid(fax_devices_item(c, 1), "after");
	ASSERT_EQ(0, fax_device_save(fax_devices_item(c, 1), NULL));	/* events go nowhere */
	fax_devices_free(c);
	EXPECT_EQ(0, env_stop_faxd(&self->env));		/* clean, no sanitiser report */
}

TEST_F(server, listeners_hear_the_server_shut_down)
{
	struct seen seen = { 0 };

	ASSERT_EQ(0, fax_server_listen_to_events(self->s, FAX_EVENTS_SERVER_ENDED, seen_record, &seen, NULL));
	drain(self->s);
	EXPECT_EQ(0, env_stop_faxd(&self->env));		/* clean exit */
	EXPECT_TRUE(wait_event(self->s, &seen, FAX_SERVER_EV_SERVER_SHUTDOWN, 1));
}

TEST_HARNESS_MAIN
