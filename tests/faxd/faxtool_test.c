// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * faxtool's server verbs against a private faxd: what they print (text
 * and JSON), what they change, and the exit codes that scripts rely on
 * (6 access denied, 7 no such object, 8 no server, 2 bad input).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "env.h"
#include "harness.h"
#include "../libfax/helpers.h"
#include "fixture.h"


/* Run "faxtool -H <bus> ARGS" as @uid (0: ourselves); stdout and stderr
 * in @out; returns the exit status. */
static int faxtool(struct faxd_env *e, uid_t uid, char *out, size_t size, const char *args)
{
	char self[PATH_MAX - 64], cmd[PATH_MAX + 1024];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	size_t len = 0;
	int pfd[2], status;
	pid_t pid;

	self[n > 0 ? n : 0] = '\0';
	*strrchr(self, '/') = '\0';
	snprintf(cmd, sizeof(cmd), "%s/faxtool -H %s %s", self, e->address, args);
	if (pipe(pfd) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		if (uid)
			env_as(uid, NULL);
		dup2(pfd[1], 1);
		dup2(pfd[1], 2);
		close(pfd[0]);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	while (len + 1 < size && (n = read(pfd[0], out + len, size - len - 1)) > 0)
		len += (size_t)n;
	out[len] = '\0';
	close(pfd[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_F(server, info_shows_the_server)
{
	char out[4096];

	ASSERT_EQ(0, faxtool(&self->env, 0, out, sizeof(out), "info"));
	EXPECT_NE(NULL, strstr(out, "Server:   testserver"));
	EXPECT_NE(NULL, strstr(out, "(API 0x10000)"));
	ASSERT_EQ(0, faxtool(&self->env, 0, out, sizeof(out), "--json info"));
	EXPECT_NE(NULL, strstr(out, "\"server_name\":\"testserver\""));
	EXPECT_NE(NULL, strstr(out, "\"granted_rights\":\"submit-low,"));
	EXPECT_NE(NULL, strstr(out, "\"queued_messages\":0"));
}

TEST_F(server, providers_show_their_status)
{
	char out[4096];

	ASSERT_EQ(0, faxtool(&self->env, 0, out, sizeof(out), "--json providers"));
	EXPECT_NE(NULL, strstr(out, "\"unique_name\":\"loopback\""));
	EXPECT_NE(NULL, strstr(out, "\"status\":\"success\""));
	EXPECT_NE(NULL, strstr(out, "\"status\":\"cant-init\""));	/* kernel: no module here */
	EXPECT_NE(NULL, strstr(out, "\"devices\":2"));
}

TEST_F(server, devices_set_saves_and_show_reads_back)
{
	char out[4096];

	ASSERT_EQ(0, faxtool(&self->env, 0, out, sizeof(out),
			     "devices set loopback0 csid=ABC rings=4 receive=manual 'description=front desk'"));
	EXPECT_NE(NULL, strstr(out, "front desk")) TH_LOG("%s", out);
	ASSERT_EQ(0, faxtool(&self->env, 0, out, sizeof(out), "--json devices show 1"));
	EXPECT_NE(NULL, strstr(out, "\"csid\":\"ABC\""));
	EXPECT_NE(NULL, strstr(out, "\"rings_before_answer\":4"));
	EXPECT_NE(NULL, strstr(out, "\"receive_mode\":\"manual\""));
	EXPECT_NE(NULL, strstr(out, "\"ringing_now\":false"));
	/* Bad values are refused by the server with the rule; nothing changes. */
	EXPECT_EQ(2, faxtool(&self->env, 0, out, sizeof(out), "devices set 1 rings=0 csid=XYZ"));
	EXPECT_NE(NULL, strstr(out, "RingsBeforeAnswer 0 is not in 1..99")) TH_LOG("%s", out);
	EXPECT_EQ(2, faxtool(&self->env, 0, out, sizeof(out), "devices set 1 colour=red"));
	ASSERT_EQ(0, faxtool(&self->env, 0, out, sizeof(out), "--json devices show 1"));
	EXPECT_NE(NULL, strstr(out, "\"csid\":\"ABC\""));
	EXPECT_EQ(7, faxtool(&self->env, 0, out, sizeof(out), "devices show nosuch"));
}

TEST_F(server, security_set_replaces_the_descriptor)
{
	char out[4096];

	ASSERT_EQ(0, faxtool(&self->env, 0, out, sizeof(out),
			     "security set user:0=all group:4000=all group:4001=submit-normal,query-config"));
	ASSERT_EQ(0, faxtool(&self->env, 0, out, sizeof(out), "--json security"));
	EXPECT_NE(NULL, strstr(out, "\"id\":4001,\"name\":")) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, "\"rights\":\"submit-low,submit-normal,query-config\"") ||
		  strstr(out, "\"rights\":\"submit-normal,query-config\""));
	EXPECT_EQ(2, faxtool(&self->env, 0, out, sizeof(out), "security set user:0=everything"));
}

TEST_F(server, exit_codes_say_denied_and_not_running)
{
	char out[4096];

	EXPECT_EQ(6, faxtool(&self->env, 65534, out, sizeof(out), "devices"));
	EXPECT_NE(NULL, strstr(out, "query-config")) TH_LOG("%s", out);
	EXPECT_EQ(6, faxtool(&self->env, 65534, out, sizeof(out), "events --mask config"));
	ASSERT_EQ(0, env_stop_faxd(&self->env));
	EXPECT_EQ(8, faxtool(&self->env, 0, out, sizeof(out), "info"));
	EXPECT_NE(NULL, strstr(out, "no fax server is running"));
}

TEST_F(server, events_prints_one_json_object_per_event)
{
	char out[4096], self_dir[PATH_MAX - 64], cmd[PATH_MAX + 512];
	ssize_t n = readlink("/proc/self/exe", self_dir, sizeof(self_dir) - 1);
	FILE *p;
	sd_bus *bus = env_bus(&self->env);

	self_dir[n > 0 ? n : 0] = '\0';
	*strrchr(self_dir, '/') = '\0';
	/* The listener reports readiness on stderr ("listening"), which the
	 * shell turns into the first line of output. */
	snprintf(cmd, sizeof(cmd), "%s/faxtool -H %s --json events --mask config --count 1 --timeout 60 2>&1",
		 self_dir, self->env.address);
	p = popen(cmd, "r");
	ASSERT_NE(NULL, p);
	ASSERT_NE(NULL, fgets(out, sizeof(out), p));
	EXPECT_NE(NULL, strstr(out, "listening"));
	ASSERT_LE(0, sd_bus_call_method(bus, FAX_BUS_NAME, FAX_BUS_PATH_DEVICE "/1", FAX_BUS_IFACE_DEVICE,
					"Save", NULL, NULL, "a{sv}", 1, "TSID", "s", "ev"));
	ASSERT_NE(NULL, fgets(out, sizeof(out), p));
	EXPECT_STREQ("{\"event\":\"DevicesConfigChange\"}\n", out);
	EXPECT_EQ(0, WEXITSTATUS(pclose(p)));
	sd_bus_flush_close_unref(bus);
}

TEST_F_TIMEOUT(server, submit_waits_for_the_result_and_the_archives_show_it, 300)
{
	static char out[16384];
	struct bitmap bm = { .width = 1728, .length = 100, .stride = 216 };
	struct test_page page = { &bm, 204, 98 };
	char path[64], args[256], id[17] = "";
	const char *p;

	bm.bits = calloc(bm.length, bm.stride);
	memset(bm.bits + 50 * bm.stride, 0xff, 100);
	snprintf(path, sizeof(path), "/tmp/faxtool-submit-%d.tif", getpid());
	ASSERT_EQ(0, write_pages_tiff(path, &page, 1, CODING_MMR));
	free(bm.bits);
	snprintf(args, sizeof(args), "-q --json submit --subject hello %s 101", path);
	ASSERT_EQ(0, faxtool(&self->env, 0, out, sizeof(out), args)) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, "\"submission_id\""));
	EXPECT_NE(NULL, strstr(out, "\"status\":\"completed\"")) TH_LOG("%s", out);
	ASSERT_EQ(0, faxtool(&self->env, 0, out, sizeof(out), "--json outbox"));
	EXPECT_NE(NULL, strstr(out, "\"subject\":\"hello\""));
	ASSERT_EQ(0, faxtool(&self->env, 0, out, sizeof(out), "--json inbox"));
	EXPECT_NE(NULL, strstr(out, "\"pages\":1")) TH_LOG("%s", out);
	p = strstr(out, "\"id\":\"");
	ASSERT_NE(NULL, p);
	memcpy(id, p + 6, 16);
	snprintf(args, sizeof(args), "get %s -o %s", id, path);
	ASSERT_EQ(0, faxtool(&self->env, 0, out, sizeof(out), args)) TH_LOG("%s", out);
	EXPECT_EQ(1, fax_document_count_pages(path, NULL));
	snprintf(args, sizeof(args), "rm %s", id);
	ASSERT_EQ(0, faxtool(&self->env, 0, out, sizeof(out), args)) TH_LOG("%s", out);
	EXPECT_EQ(7, faxtool(&self->env, 0, out, sizeof(out), args));	/* gone */
	/* A bad document is refused with its own exit code. */
	ASSERT_EQ(0, truncate(path, 10));
	snprintf(args, sizeof(args), "submit %s 101", path);
	EXPECT_EQ(4, faxtool(&self->env, 0, out, sizeof(out), args)) TH_LOG("%s", out);
	unlink(path);
}

TEST_HARNESS_MAIN
