// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The access-rights matrix (object-model.md section 6) with callers of
 * different uids and groups (forked children that setuid), malformed
 * arguments answered with errors while the daemon keeps serving, and the
 * API through plain busctl and gdbus.
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "env.h"
#include "harness.h"

/* The op table names only the fields each row needs. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/*
 * dbus-daemon refuses connections from uids without a passwd entry, so the
 * callers are Debian's static system users (base-passwd): nobody, daemon,
 * bin, sys, sync, games, man. Their own groups do not matter: each child
 * gets exactly the groups listed below.
 */
#define UID_NOBODY 65534
#define UID_SUBMIT 1
#define UID_ADMIN 2
#define UID_QUERY_CONFIG 3
#define UID_MANAGE_CONFIG 4
#define UID_IN_ARCHIVE 5
#define UID_TWO_GROUPS 6

#define QC FAX_RIGHT_QUERY_CONFIG
#define MC FAX_RIGHT_MANAGE_CONFIG
#define QIA FAX_RIGHT_QUERY_IN_ARCHIVE
#define SUBMIT FAX_RIGHTS_SUBMIT_ANY

#define DEV1 FAX_BUS_PATH_DEVICE "/1"
#define PROV FAX_BUS_PATH_PROVIDER "/loopback"

struct op {
	const char *name;
	uint32_t need_all;	/* every bit needed */
	uint32_t need_any;	/* or: one of these bits (0 = none) */
	int (*fn)(sd_bus *bus, const struct op *op);
	const char *path, *iface, *member, *sig;
	const char *arg;
	uint32_t u;
};

static int call(sd_bus *bus, const struct op *op)
{
	sd_bus_message *m = NULL;
	char name[64];
	int r;

	r = sd_bus_message_new_method_call(bus, &m, FAX_BUS_NAME, op->path, op->iface, op->member);
	if (r < 0)
		return r;
	snprintf(name, sizeof(name), "%s-%u", op->arg ? op->arg : "x", getuid());
	if (!strcmp(op->sig, "u"))
		r = sd_bus_message_append(m, "u", op->u);
	else if (!strcmp(op->sig, "s"))
		r = sd_bus_message_append(m, "s", op->arg);
	else if (!strcmp(op->sig, "say"))
		r = sd_bus_message_append(m, "say", name, 2, 'h', 'i');
	else if (!strcmp(op->sig, "ssssu"))
		r = sd_bus_message_append(m, "ssssu", name, "F", "builtin:loopback", "", FAX_PROVIDER_API_VERSION);
	else if (!strcmp(op->sig, "sssas"))
		r = sd_bus_message_append(m, "sssas", name, "F", "builtin:x", 1, "a;b;c;{g}");
	else if (!strcmp(op->sig, "a{sv}"))
		r = sd_bus_message_append(m, "a{sv}", 0);
	else if (!strcmp(op->sig, "sb"))
		r = sd_bus_message_append(m, "sb", op->arg, 0);
	else if (!strcmp(op->sig, "us"))
		r = sd_bus_message_append(m, "us", 999, "101");
	if (r >= 0)
		r = sd_bus_call(bus, m, 0, NULL, NULL);
	sd_bus_message_unref(m);
	return r < 0 ? r : 0;
}

static int get(sd_bus *bus, const struct op *op)
{
	sd_bus_message *reply = NULL;
	int r = sd_bus_get_property(bus, FAX_BUS_NAME, op->path, op->iface, op->member, NULL,
				    &reply, op->sig);

	sd_bus_message_unref(reply);
	return r < 0 ? r : 0;
}

static int set(sd_bus *bus, const struct op *op)
{
	int r = sd_bus_set_property(bus, FAX_BUS_NAME, op->path, op->iface, op->member, NULL,
				    "s", op->arg);

	return r < 0 ? r : 0;
}

/* Saves the descriptor it reads (changing nothing) when allowed. */
static int security_save(sd_bus *bus, const struct op *op)
{
	sd_bus_message *m = NULL;
	int r;

	(void)op;
	r = sd_bus_message_new_method_call(bus, &m, FAX_BUS_NAME, FAX_BUS_PATH_SECURITY,
					   FAX_BUS_IFACE_SECURITY, "Save");
	if (r >= 0)
		r = sd_bus_message_append(m, "a(uuu)", 6, 0, 0, FAX_RIGHTS_ALL,
					  1, TEST_ADMIN_GID, FAX_RIGHTS_ALL,
					  1, TEST_SUBMIT_GID, FAX_RIGHT_SUBMIT_NORMAL,
					  0, UID_QUERY_CONFIG, QC, 0, UID_MANAGE_CONFIG, MC,
					  0, UID_IN_ARCHIVE, QIA);
	if (r >= 0)
		r = sd_bus_call(bus, m, 0, NULL, NULL);
	sd_bus_message_unref(m);
	return r < 0 ? r : 0;
}

#define S FAX_BUS_PATH, FAX_BUS_IFACE_SERVER
#define A FAX_BUS_PATH_ACTIVITY, FAX_BUS_IFACE_ACTIVITY
#define SEC FAX_BUS_PATH_SECURITY, FAX_BUS_IFACE_SECURITY
#define D DEV1, FAX_BUS_IFACE_DEVICE

static const struct op ops[] = {
	{ "Server.APIVersion", 0, 0, get, S, "APIVersion", "u" },
	{ "Server.RegisteredEvents", 0, 0, get, S, "RegisteredEvents", "u" },
	{ "GetDevices", QC, 0, call, S, "GetDevices", "" },
	{ "GetDeviceProviders", QC, 0, call, S, "GetDeviceProviders", "" },
	{ "Server.GetExtensionProperty", QC, 0, call, S, "GetExtensionProperty", "s", "key" },
	{ "Server.SetExtensionProperty", MC, 0, call, S, "SetExtensionProperty", "say" },
	{ "RegisterDeviceProvider", MC, 0, call, S, "RegisterDeviceProvider", "ssssu", "p" },
	{ "UnregisterDeviceProvider", MC, 0, call, S, "UnregisterDeviceProvider", "s", "none" },
	{ "RegisterInboundRoutingExtension", MC, 0, call, S, "RegisterInboundRoutingExtension", "sssas", "r" },
	{ "UnregisterInboundRoutingExtension", MC, 0, call, S, "UnregisterInboundRoutingExtension", "s", "none" },
	{ "Activity.Refresh", QC, 0, call, A, "Refresh", "" },
	{ "Activity.QueuedMessages", QC, 0, get, A, "QueuedMessages", "u" },
	{ "Security.Refresh", QC, 0, call, SEC, "Refresh", "" },
	{ "Security.GrantedRights", QC, 0, get, SEC, "GrantedRights", "u" },
	{ "Security.Descriptor", QC, 0, get, SEC, "Descriptor", "a(uuu)" },
	{ "Security.Save", QC | MC, 0, security_save },
	{ "Device.Refresh", QC, 0, call, D, "Refresh", "" },
	{ "Device.CSID", QC, 0, get, D, "CSID", "s" },
	{ "Device.RingingNow", QC, 0, get, D, "RingingNow", "b" },
	{ "Device.Save", MC, 0, call, D, "Save", "a{sv}" },
	{ "Device.CSID=", MC, 0, set, D, "CSID", "s", "x" },
	{ "Device.GetExtensionProperty", QC, 0, call, D, "GetExtensionProperty", "s", "key" },
	{ "Device.SetExtensionProperty", MC, 0, call, D, "SetExtensionProperty", "say" },
	{ "Device.UseRoutingMethod", MC, 0, call, D, "UseRoutingMethod", "sb", "{none}" },
	{ "Device.AnswerCall", QIA, 0, call, D, "AnswerCall", "" },
	{ "DeviceProvider.Status", QC, 0, get, PROV, FAX_BUS_IFACE_PROVIDER, "Status", "u" },
	{ "Listen(config)", QC, 0, call, S, "ListenToServerEvents", "u", NULL, FAX_EVENTS_CONFIG },
	{ "Listen(activity)", QC, 0, call, S, "ListenToServerEvents", "u", NULL, FAX_EVENTS_ACTIVITY },
	{ "Listen(device-status)", QC, 0, call, S, "ListenToServerEvents", "u", NULL, FAX_EVENTS_DEVICE_STATUS },
	{ "Listen(incoming-call)", QIA, 0, call, S, "ListenToServerEvents", "u", NULL, FAX_EVENTS_INCOMING_CALL },
	{ "Listen(in-queue)", 0, SUBMIT | FAX_RIGHT_QUERY_JOBS, call, S, "ListenToServerEvents", "u", NULL, FAX_EVENTS_IN_QUEUE },
	{ "Listen(out-archive)", 0, SUBMIT | FAX_RIGHT_QUERY_OUT_ARCHIVE, call, S, "ListenToServerEvents", "u", NULL, FAX_EVENTS_OUT_ARCHIVE },
	{ "Listen(server-shutdown)", 0, 0, call, S, "ListenToServerEvents", "u", NULL, FAX_EVENTS_SERVER_ENDED },
	{ "Test.Dial", MC, 0, call, FAX_BUS_PATH, FAX_BUS_IFACE_TEST, "Dial", "us" },
};
#define N_OPS (sizeof(ops) / sizeof(ops[0]))

struct identity {
	const char *name;
	uid_t uid;
	gid_t gids[3];
	uint32_t rights;
};

static const struct identity identities[] = {
	{ "root", 0, { 0 }, FAX_RIGHTS_ALL },
	{ "nobody", UID_NOBODY, { 0 }, 0 },
	{ "fax group", UID_SUBMIT, { TEST_SUBMIT_GID }, FAX_RIGHT_SUBMIT_NORMAL | FAX_RIGHT_SUBMIT_LOW },
	{ "faxadmin group", UID_ADMIN, { TEST_ADMIN_GID }, FAX_RIGHTS_ALL },
	{ "user with query-config", UID_QUERY_CONFIG, { 0 }, QC },
	{ "user with manage-config", UID_MANAGE_CONFIG, { 0 }, MC },
	{ "user with query-in-archive", UID_IN_ARCHIVE, { 0 }, QIA },
	{ "fax as second group", UID_TWO_GROUPS, { 5000, TEST_SUBMIT_GID }, FAX_RIGHT_SUBMIT_NORMAL | FAX_RIGHT_SUBMIT_LOW },
};

FIXTURE(server) {
	struct faxd_env env;
};

FIXTURE_SETUP(server)
{
	sd_bus *bus;

	for (uid_t u = 1; u <= 6; u++)
		if (!getpwuid(u))
			SKIP(return, "uid %u has no passwd entry (dbus-daemon needs one)", u);
	ASSERT_EQ(0, env_start(&self->env, NULL));
	bus = env_bus(&self->env);
	ASSERT_NE(NULL, bus);
	ASSERT_EQ(0, security_save(bus, NULL));		/* the users of the matrix */
	sd_bus_flush_close_unref(bus);
}

FIXTURE_TEARDOWN(server)
{
	env_stop(&self->env);
}

/* In a child as @id: run every op, write the results to @fd. */
static void run_as(struct faxd_env *e, const struct identity *id, int fd)
{
	int results[N_OPS];
	sd_bus *bus;

	if (id->uid)
		env_as(id->uid, id->gids);
	bus = env_bus(e);
	if (!bus)
		_exit(98);
	for (size_t i = 0; i < N_OPS; i++)
		results[i] = ops[i].fn(bus, &ops[i]);
	sd_bus_flush_close_unref(bus);
	_exit(write(fd, results, sizeof(results)) == sizeof(results) ? 0 : 97);
}

TEST_F(server, every_operation_needs_exactly_its_rights)
{
	for (size_t k = 0; k < sizeof(identities) / sizeof(identities[0]); k++) {
		const struct identity *id = &identities[k];
		int results[N_OPS], pfd[2], status;
		pid_t pid;

		ASSERT_EQ(0, pipe(pfd));
		pid = fork();
		ASSERT_LE(0, pid);
		if (pid == 0) {
			close(pfd[0]);
			run_as(&self->env, id, pfd[1]);
		}
		close(pfd[1]);
		ASSERT_EQ(sizeof(results), read(pfd[0], results, sizeof(results))) TH_LOG("%s", id->name);
		close(pfd[0]);
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		for (size_t i = 0; i < N_OPS; i++) {
			const struct op *op = &ops[i];
			uint32_t r = fax_rights_implied(id->rights);
			bool allowed = (r & op->need_all) == op->need_all &&
				       (!op->need_any || (r & op->need_any));

			if (allowed) {
				EXPECT_NE(-EACCES, results[i]) TH_LOG("%s: %s refused", id->name, op->name);
			} else {
				EXPECT_EQ(-EACCES, results[i]) TH_LOG("%s: %s got %d, not -EACCES",
								      id->name, op->name, results[i]);
			}
		}
	}
}

/* GetManagedObjects as @uid: the number of objects it lists. */
static int managed_objects_as(struct faxd_env *e, uid_t uid)
{
	int pfd[2], n = -1;
	pid_t pid;

	if (pipe(pfd) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		sd_bus_message *reply = NULL;
		sd_bus *bus;
		int count = 0;

		if (uid)
			env_as(uid, NULL);
		bus = env_bus(e);
		if (bus && sd_bus_call_method(bus, FAX_BUS_NAME, FAX_BUS_PATH,
					      "org.freedesktop.DBus.ObjectManager", "GetManagedObjects",
					      NULL, &reply, "") >= 0) {
			sd_bus_message_enter_container(reply, 'a', "{oa{sa{sv}}}");
			while (sd_bus_message_skip(reply, "{oa{sa{sv}}}") > 0)
				count++;
		} else {
			count = -1;
		}
		_exit(write(pfd[1], &count, sizeof(count)) == sizeof(count) ? 0 : 1);
	}
	close(pfd[1]);
	if (read(pfd[0], &n, sizeof(n)) != sizeof(n))
		n = -1;
	close(pfd[0]);
	waitpid(pid, NULL, 0);
	return n;
}

TEST_F(server, object_manager_hides_guarded_objects_without_failing)
{
	/* Activity, Security, 2 providers, 2 devices, and the four folders,
	 * which every caller sees (their methods check the rights per item). */
	EXPECT_EQ(10, managed_objects_as(&self->env, 0));
	EXPECT_EQ(10, managed_objects_as(&self->env, UID_QUERY_CONFIG));
	EXPECT_EQ(4, managed_objects_as(&self->env, UID_NOBODY));
	EXPECT_EQ(4, managed_objects_as(&self->env, UID_MANAGE_CONFIG));
}

/* ---- malformed arguments ------------------------------------------- */

static int raw(sd_bus *bus, const char *path, const char *iface, const char *member,
	       sd_bus_error *e, const char *types, ...)
{
	sd_bus_message *m = NULL;
	va_list ap;
	int r;

	sd_bus_error_free(e);
	r = sd_bus_message_new_method_call(bus, &m, FAX_BUS_NAME, path, iface, member);
	va_start(ap, types);
	if (r >= 0 && *types)
		r = sd_bus_message_appendv(m, types, ap);
	va_end(ap);
	if (r >= 0)
		r = sd_bus_call(bus, m, 0, e, NULL);
	sd_bus_message_unref(m);
	return r < 0 ? r : 0;
}

TEST_F(server, malformed_arguments_get_errors_and_the_daemon_keeps_serving)
{
	static char big[FAX_EXTENSION_PROPERTY_MAX + 1];
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus *bus = env_bus(&self->env);

	ASSERT_NE(NULL, bus);
	ASSERT_EQ(0, fax_bus_errors_register());		/* our names to errno */
#define INVALID(...) do { \
		EXPECT_GT(0, raw(bus, __VA_ARGS__)); \
		EXPECT_TRUE(sd_bus_error_has_name(&e, SD_BUS_ERROR_INVALID_ARGS)) \
			TH_LOG("%s: %s", e.name, e.message); \
	} while (0)
	INVALID(DEV1, FAX_BUS_IFACE_DEVICE, "Save", &e, "s", "CSID");
	INVALID(DEV1, FAX_BUS_IFACE_DEVICE, "Save", &e, "a{sv}", 1, "Bogus", "s", "x");
	INVALID(DEV1, FAX_BUS_IFACE_DEVICE, "Save", &e, "a{sv}", 1, "Id", "u", 5);
	INVALID(DEV1, FAX_BUS_IFACE_DEVICE, "Save", &e, "a{sv}", 1, "CSID", "u", 5);
	INVALID(DEV1, FAX_BUS_IFACE_DEVICE, "Save", &e, "a{sv}", 1, "Description", "s", "a\nb");
	INVALID(FAX_BUS_PATH_SECURITY, FAX_BUS_IFACE_SECURITY, "Save", &e, "a(uuu)", 1, 5, 1, 1);
	INVALID(FAX_BUS_PATH_SECURITY, FAX_BUS_IFACE_SECURITY, "Save", &e, "a(uuu)", 1, 0, 1, 0x800);
	INVALID(FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, "RegisterDeviceProvider", &e, "ssssu", "", "f", "builtin:x", "", 0x10000);
	INVALID(FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, "RegisterDeviceProvider", &e, "ssssu", "a/b", "f", "builtin:x", "", 0x10000);
	INVALID(FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, "RegisterDeviceProvider", &e, "ssssu", "ok", "f", "relative.so", "", 0x10000);
	INVALID(FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, "RegisterInboundRoutingExtension", &e, "sssas", "r", "f", "builtin:x", 1, "a;b;c");
	INVALID(FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, "RegisterInboundRoutingExtension", &e, "sssas", "r", "f", "builtin:x", 0);
	INVALID(FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, "ListenToServerEvents", &e, "u", 0x400);
	INVALID(FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, "GetExtensionProperty", &e, "s", "");
	INVALID(FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, "GetExtensionProperty", &e, "i", 5);
	{
		sd_bus_message *m = NULL;

		ASSERT_LE(0, sd_bus_message_new_method_call(bus, &m, FAX_BUS_NAME, FAX_BUS_PATH,
							     FAX_BUS_IFACE_SERVER, "SetExtensionProperty"));
		ASSERT_LE(0, sd_bus_message_append(m, "s", "big"));
		ASSERT_LE(0, sd_bus_message_append_array(m, 'y', big, sizeof(big)));
		EXPECT_GT(0, sd_bus_call(bus, m, 0, &e, NULL));
		EXPECT_TRUE(sd_bus_error_has_name(&e, SD_BUS_ERROR_INVALID_ARGS));
		sd_bus_message_unref(m);
	}
	/* Objects that do not exist. */
	EXPECT_GT(0, raw(bus, FAX_BUS_PATH_DEVICE "/999", FAX_BUS_IFACE_DEVICE, "Refresh", &e, ""));
	EXPECT_TRUE(sd_bus_error_has_name(&e, SD_BUS_ERROR_UNKNOWN_OBJECT)) TH_LOG("%s", e.name);
	EXPECT_GT(0, raw(bus, FAX_BUS_PATH_DEVICE "/01", FAX_BUS_IFACE_DEVICE, "Refresh", &e, ""));
	EXPECT_GT(0, raw(bus, FAX_BUS_PATH_DEVICE "/x", FAX_BUS_IFACE_DEVICE, "Refresh", &e, ""));
	EXPECT_GT(0, raw(bus, FAX_BUS_PATH_ACTIVITY "/x", FAX_BUS_IFACE_ACTIVITY, "Refresh", &e, ""));
	EXPECT_GT(0, raw(bus, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, "NoSuchMethod", &e, ""));
	EXPECT_TRUE(sd_bus_error_has_name(&e, SD_BUS_ERROR_UNKNOWN_METHOD)) TH_LOG("%s", e.name);
	/* Our own error names, with messages an administrator can act on. */
	EXPECT_EQ(-ENOENT, raw(bus, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, "UnregisterDeviceProvider", &e, "s", "nope"));
	EXPECT_TRUE(sd_bus_error_has_name(&e, FAX_BUS_ERROR_NOT_FOUND));
	EXPECT_NE(NULL, strstr(e.message, "nope"));
	EXPECT_EQ(0, raw(bus, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, "RegisterDeviceProvider", &e, "ssssu", "dup", "f", "builtin:x", "", 0x10000));
	EXPECT_EQ(-EEXIST, raw(bus, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, "RegisterDeviceProvider", &e, "ssssu", "dup", "f", "builtin:x", "", 0x10000));
	EXPECT_TRUE(sd_bus_error_has_name(&e, FAX_BUS_ERROR_ALREADY_REGISTERED));

	/* Still serving, with the state unchanged. */
	EXPECT_EQ(0, raw(bus, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, "GetDevices", &e, ""));
	EXPECT_EQ(0, env_stop_faxd(&self->env));		/* and exits cleanly */
	sd_bus_error_free(&e);
	sd_bus_flush_close_unref(bus);
}

/* ---- plain busctl and gdbus ----------------------------------------- */

TEST_F(server, busctl_and_gdbus_speak_to_it_directly)
{
	char out[4096], args[512];

	ASSERT_EQ(0, env_busctl(&self->env, out, sizeof(out),
				"get-property " FAX_BUS_NAME " " FAX_BUS_PATH " " FAX_BUS_IFACE_SERVER " APIVersion"));
	EXPECT_STREQ("u 65536", out);
	ASSERT_EQ(0, env_busctl(&self->env, out, sizeof(out),
				"call " FAX_BUS_NAME " " FAX_BUS_PATH " " FAX_BUS_IFACE_SERVER " GetDevices"));
	EXPECT_STREQ("ao 2 \"" FAX_BUS_PATH_DEVICE "/1\" \"" FAX_BUS_PATH_DEVICE "/2\"", out);
	ASSERT_EQ(0, env_busctl(&self->env, out, sizeof(out),
				"set-property " FAX_BUS_NAME " " DEV1 " " FAX_BUS_IFACE_DEVICE " CSID s 'busctl 1'"));
	ASSERT_EQ(0, env_busctl(&self->env, out, sizeof(out),
				"get-property " FAX_BUS_NAME " " DEV1 " " FAX_BUS_IFACE_DEVICE " CSID"));
	EXPECT_STREQ("s \"busctl 1\"", out);
	ASSERT_EQ(0, env_busctl(&self->env, out, sizeof(out),
				"call " FAX_BUS_NAME " " DEV1 " " FAX_BUS_IFACE_DEVICE " Save 'a{sv}' 2 RingsBeforeAnswer u 5 SendEnabled b false"));
	ASSERT_EQ(0, env_busctl(&self->env, out, sizeof(out),
				"get-property " FAX_BUS_NAME " " DEV1 " " FAX_BUS_IFACE_DEVICE " RingsBeforeAnswer SendEnabled"));
	EXPECT_STREQ("u 5\nb false", out);
	EXPECT_NE(0, env_busctl(&self->env, out, sizeof(out),
				"call " FAX_BUS_NAME " " DEV1 " " FAX_BUS_IFACE_DEVICE " Save 'a{sv}' 1 RingsBeforeAnswer u 0"));
	EXPECT_NE(NULL, strstr(out, "RingsBeforeAnswer 0 is not in 1..99")) TH_LOG("%s", out);
	ASSERT_EQ(0, env_busctl(&self->env, out, sizeof(out),
				"call " FAX_BUS_NAME " " FAX_BUS_PATH_SECURITY " " FAX_BUS_IFACE_SECURITY " Refresh"));
	EXPECT_EQ(0, strncmp(out, "a(uuu)u 6 0 0 2047 1 4000 2047", 30)) TH_LOG("%s", out);
	ASSERT_EQ(0, env_busctl(&self->env, out, sizeof(out),
				"introspect " FAX_BUS_NAME " " FAX_BUS_PATH " " FAX_BUS_IFACE_SERVER));
	EXPECT_NE(NULL, strstr(out, ".ListenToServerEvents"));
	EXPECT_NE(NULL, strstr(out, ".DeviceStatusChange"));
	ASSERT_EQ(0, env_busctl(&self->env, out, sizeof(out),
				"set-property " FAX_BUS_NAME " /org/freedesktop/LogControl1 org.freedesktop.LogControl1 LogLevel s debug"));
	ASSERT_EQ(0, env_busctl(&self->env, out, sizeof(out),
				"get-property " FAX_BUS_NAME " /org/freedesktop/LogControl1 org.freedesktop.LogControl1 LogLevel"));
	EXPECT_STREQ("s \"debug\"", out);
	ASSERT_EQ(0, env_busctl(&self->env, out, sizeof(out), "tree " FAX_BUS_NAME));
	EXPECT_NE(NULL, strstr(out, FAX_BUS_PATH_PROVIDER "/loopback"));

	snprintf(args, sizeof(args), "gdbus call --address %s --dest " FAX_BUS_NAME
		 " --object-path " FAX_BUS_PATH " --method org.freedesktop.DBus.Properties.Get "
		 FAX_BUS_IFACE_SERVER " ServerName 2>&1", self->env.address);
	{
		FILE *p = popen(args, "r");

		ASSERT_NE(NULL, p);
		ASSERT_NE(NULL, fgets(out, sizeof(out), p));
		pclose(p);
		EXPECT_STREQ("(<'testserver'>,)\n", out);
	}
}

TEST_HARNESS_MAIN
