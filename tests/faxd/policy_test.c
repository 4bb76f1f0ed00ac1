// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The bus policy faxd ships (faxd/data/org.faxserver.Fax1.conf) on a bus
 * that denies by default, as the system bus does: faxd may own its name,
 * every user may call the interfaces of the model (faxd's own check then
 * decides) and receive the events addressed to it, and nobody but the
 * admitted users reaches the Test interface.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "env.h"
#include "harness.h"

FIXTURE(policy) {
	struct faxd_env env;
};

FIXTURE_SETUP(policy)
{
	self->env.policy = FAXD_DATA_DIR "/org.faxserver.Fax1.conf";
	ASSERT_EQ(0, env_start(&self->env, NULL));	/* faxd (root) owns the name */
}

FIXTURE_TEARDOWN(policy)
{
	env_stop(&self->env);
}

/* As nobody: call @member on @iface and report the error name. */
static void call_as_nobody(struct faxd_env *e, const char *path, const char *iface,
			   const char *member, char *name, size_t size)
{
	int pfd[2];
	pid_t pid;

	name[0] = '\0';
	if (pipe(pfd) < 0)
		return;
	pid = fork();
	if (pid == 0) {
		sd_bus_error err = SD_BUS_ERROR_NULL;
		char out[256] = "ok";
		sd_bus *bus;

		env_as(65534, NULL);
		bus = env_bus(e);
		if (!bus)
			snprintf(out, sizeof(out), "no bus");
		else if (sd_bus_call_method(bus, FAX_BUS_NAME, path, iface, member, &err, NULL, "") < 0)
			snprintf(out, sizeof(out), "%s: %s", err.name, err.message);
		_exit(write(pfd[1], out, strlen(out) + 1) > 0 ? 0 : 1);
	}
	close(pfd[1]);
	if (read(pfd[0], name, size - 1) < 0)
		name[0] = '\0';
	name[size - 1] = '\0';
	close(pfd[0]);
	waitpid(pid, NULL, 0);
}

TEST_F(policy, users_reach_the_model_and_faxd_decides)
{
	char r[512];

	call_as_nobody(&self->env, FAX_BUS_PATH, FAX_BUS_IFACE_SERVER, "GetDevices", r, sizeof(r));
	/* Refused by faxd (it names the right), not by the bus. */
	EXPECT_NE(NULL, strstr(r, "needs the right query-config")) TH_LOG("%s", r);
	call_as_nobody(&self->env, FAX_BUS_PATH_DEVICE "/1", "org.freedesktop.DBus.Properties",
		       "GetAll", r, sizeof(r));
	EXPECT_EQ(NULL, strstr(r, "Rejected send message")) TH_LOG("%s", r);
	call_as_nobody(&self->env, FAX_BUS_PATH, "org.freedesktop.DBus.Peer", "Ping", r, sizeof(r));
	EXPECT_STREQ("ok", r);
}

TEST_F(policy, other_interfaces_are_closed_by_the_bus)
{
	char r[512];

	call_as_nobody(&self->env, FAX_BUS_PATH, FAX_BUS_IFACE_TEST, "Hangup", r, sizeof(r));
	EXPECT_NE(NULL, strstr(r, SD_BUS_ERROR_ACCESS_DENIED)) TH_LOG("%s", r);
	EXPECT_NE(NULL, strstr(r, "Rejected send message")) TH_LOG("%s", r);
}

TEST_F(policy, users_receive_the_events_addressed_to_them)
{
	int pfd[2], got = 0;
	char c;
	pid_t pid;

	ASSERT_EQ(0, pipe(pfd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct seen seen = { 0 };
		fax_server_t *s;

		env_as(65534, NULL);
		s = env_connect(&self->env);
		if (!s || fax_server_listen_to_events(s, FAX_EVENTS_SERVER_ENDED, seen_record,
						      &seen, NULL) < 0)
			_exit(1);
		if (write(pfd[1], "l", 1) != 1)	/* listening */
			_exit(1);
		for (int i = 0; i < 3000 && !seen.count[FAX_SERVER_EV_SERVER_SHUTDOWN]; i++)
			if (fax_server_process(s) == 0)
				fax_server_wait(s, 10000);
		_exit(seen.count[FAX_SERVER_EV_SERVER_SHUTDOWN] ? 0 : 2);
	}
	close(pfd[1]);
	ASSERT_EQ(1, read(pfd[0], &c, 1));
	close(pfd[0]);
	EXPECT_EQ(0, env_stop_faxd(&self->env));
	ASSERT_EQ(pid, waitpid(pid, &got, 0));
	EXPECT_EQ(0, WEXITSTATUS(got));
}

TEST_HARNESS_MAIN
