// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * faxtool's server verbs against a private faxd: what they print (text
 * and JSON), what they change, and the exit codes that scripts rely on
 * (6 access denied, 7 no such object, 8 no server, 2 bad input; for a
 * followed fax 0 sent, 5 no call, 9 cancelled, 124 time limit).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <json-c/json.h>

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

/* ---- send, watch and --json, parsed ------------------------------------ */

/* Start "faxtool -H <bus> ARGS" with stdout and stderr on the pipe it
 * returns; the shell execs faxtool, so *@pid can be signalled. */
static FILE *faxtool_spawn(struct faxd_env *e, const char *args, pid_t *pid)
{
	char self[PATH_MAX - 64], cmd[PATH_MAX + 1024];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	int pfd[2];

	self[n > 0 ? n : 0] = '\0';
	*strrchr(self, '/') = '\0';
	snprintf(cmd, sizeof(cmd), "exec %s/faxtool -H %s %s", self, e->address, args);
	if (pipe(pfd) < 0)
		return NULL;
	*pid = fork();
	if (*pid == 0) {
		dup2(pfd[1], 1);
		dup2(pfd[1], 2);
		close(pfd[0]);
		close(pfd[1]);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	return fdopen(pfd[0], "r");
}

static int exit_status(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Every line of @out as a JSON object into @v; -1 if a line is not one. */
static int parse_lines(const char *out, json_object **v, int max)
{
	int n = 0;

	while (*out && n < max) {
		const char *nl = strchrnul(out, '\n');
		char *line = strndup(out, (size_t)(nl - out));

		v[n] = json_tokener_parse(line);
		free(line);
		if (!v[n] || !json_object_is_type(v[n], json_type_object)) {
			json_object_put(v[n]);
			while (n--)
				json_object_put(v[n]);
			return -1;
		}
		n++;
		out = *nl ? nl + 1 : nl;
	}
	return n;
}

static void put_all(json_object **v, int n)
{
	for (int i = 0; i < n; i++)
		json_object_put(v[i]);
}

static json_object *jget(json_object *o, const char *key)
{
	json_object *v = NULL;

	return o && json_object_object_get_ex(o, key, &v) ? v : NULL;
}

static const char *jstr(json_object *o, const char *key)
{
	json_object *v = jget(o, key);

	return v ? json_object_get_string(v) : "";
}

static int jint(json_object *o, const char *key)
{
	return json_object_get_int(jget(o, key));
}

/* A one-page fax-shaped TIFF at @path. */
static int make_doc(char *path, size_t size, const char *tag)
{
	struct bitmap bm = { .width = 1728, .length = 100, .stride = 216 };
	struct test_page page = { &bm, 204, 98 };
	int r;

	bm.bits = calloc(bm.length, bm.stride);
	if (!bm.bits)
		return -ENOMEM;
	memset(bm.bits + 50 * bm.stride, 0xff, 100);
	snprintf(path, size, "/tmp/faxtool-%s-%d.tif", tag, getpid());
	r = write_pages_tiff(path, &page, 1, CODING_MMR);
	free(bm.bits);
	return r;
}

/* Change the outgoing queue's settings through the client API. */
static int queue_set(struct faxd_env *e, bool paused, uint32_t retries)
{
	struct fax_folder_config c;
	fax_server_t *s = env_connect(e);
	int r;

	if (!s)
		return -EIO;
	r = fax_server_get_folder_config(s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL);
	c.paused = paused;
	c.retries = retries;
	if (r >= 0)
		r = fax_server_set_folder_config(s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL);
	fax_server_free(s);
	return r;
}

/* "faxtool --json send OPTS PATH NUMBER": its exit status; its stdout in
 * @out and the first job id (from the first line) in @id. */
static int send_json(struct faxd_env *e, const char *opts, const char *path,
		     const char *number, char *out, size_t size, char id[32])
{
	char args[512];
	json_object *first;
	int rc;

	snprintf(args, sizeof(args), "--json send %s %s %s 2>/dev/null", opts, path, number);
	rc = faxtool(e, 0, out, size, args);
	first = json_tokener_parse(out);	/* stops at the end of the first line */
	snprintf(id, 32, "%s", json_object_get_string(
		json_object_array_get_idx(jget(first, "job_ids"), 0)) ?: "");
	json_object_put(first);
	return rc;
}

TEST_F_TIMEOUT(server, send_shows_each_change_and_watch_sees_the_same_fax, 300)
{
	static char out[65536];
	char path[64], args[256], line[8192], id[32] = "", sub[32] = "";
	bool transmitting = false, added = false, sent = false, received = false;
	json_object *v[256], *job;
	pid_t watcher;
	FILE *w;
	int n;

	ASSERT_EQ(0, make_doc(path, sizeof(path), "send"));
	w = faxtool_spawn(&self->env, "--json watch", &watcher);
	ASSERT_NE(NULL, w);
	ASSERT_NE(NULL, fgets(line, sizeof(line), w));
	EXPECT_NE(NULL, strstr(line, "watching every job")) TH_LOG("%s", line);

	/* send: the submission, then every change of the job, to its end. */
	ASSERT_EQ(0, send_json(&self->env, "--subject progress", path, "101", out, sizeof(out), id))
		TH_LOG("%s", out);
	n = parse_lines(out, v, 256);
	ASSERT_LE(3, n) TH_LOG("%s", out);
	ASSERT_EQ(1, json_object_array_length(jget(v[0], "job_ids")));
	snprintf(sub, sizeof(sub), "%s", jstr(v[0], "submission_id"));
	ASSERT_EQ(16, strlen(id));
	for (int i = 1; i < n; i++) {
		job = jget(v[i], "job");
		EXPECT_STREQ(id, jstr(v[i], "id"));
		EXPECT_NE(NULL, job) TH_LOG("line %d: %s", i, json_object_to_json_string(v[i]));
		EXPECT_STREQ(sub, jstr(job, "submission_id"));
		if (!strcmp(jstr(job, "extended_status"), "transmitting") &&
		    jint(job, "current_page") == 1)
			transmitting = true;
	}
	EXPECT_TRUE(transmitting) TH_LOG("%s", out);
	job = jget(v[n - 1], "job");
	EXPECT_STREQ("completed", jstr(job, "status"));
	EXPECT_STREQ("call-completed", jstr(job, "extended_status"));
	put_all(v, n);

	/* The outgoing archive holds the job as send reported it. */
	ASSERT_EQ(0, faxtool(&self->env, 0, out, sizeof(out), "--json outbox 2>/dev/null"));
	n = parse_lines(out, v, 256);
	ASSERT_EQ(1, n) TH_LOG("%s", out);
	EXPECT_STREQ(id, jstr(v[0], "id"));
	EXPECT_STREQ("completed", jstr(v[0], "status"));
	EXPECT_STREQ("progress", jstr(v[0], "subject"));
	EXPECT_EQ(1, jint(v[0], "pages"));
	put_all(v, n);

	/* The watcher saw it queued, sent and received. */
	while ((!sent || !received) && fgets(line, sizeof(line), w)) {
		json_object *o = json_tokener_parse(line);
		const char *ev = jstr(o, "event");

		if (!strcmp(ev, "OutgoingJobAdded") && !strcmp(jstr(o, "id"), id))
			added = true;
		if (!strcmp(ev, "OutgoingMessageAdded") && !strcmp(jstr(o, "id"), id)) {
			EXPECT_STREQ("completed", jstr(jget(o, "job"), "status"));
			EXPECT_STREQ("outgoing-archive", jstr(o, "folder"));
			sent = true;
		}
		if (!strcmp(ev, "IncomingMessageAdded")) {
			EXPECT_EQ(1, jint(jget(o, "job"), "pages"));
			received = true;
		}
		json_object_put(o);
	}
	EXPECT_TRUE(added);
	EXPECT_TRUE(sent);
	EXPECT_TRUE(received);
	kill(watcher, SIGINT);
	EXPECT_EQ(0, exit_status(watcher));	/* interrupting "watch everything" is its end */
	fclose(w);

	/* Watching a job or a submission that has ended shows its state and
	 * ends at once with the exit code of its outcome. */
	snprintf(args, sizeof(args), "--json watch %s 2>/dev/null", id);
	ASSERT_EQ(0, faxtool(&self->env, 0, out, sizeof(out), args)) TH_LOG("%s", out);
	n = parse_lines(out, v, 256);
	ASSERT_EQ(1, n) TH_LOG("%s", out);
	EXPECT_STREQ("State", jstr(v[0], "event"));
	EXPECT_STREQ("outgoing-archive", jstr(v[0], "folder"));
	EXPECT_STREQ("completed", jstr(jget(v[0], "job"), "status"));
	put_all(v, n);
	snprintf(args, sizeof(args), "--json watch %s 2>/dev/null", sub);
	ASSERT_EQ(0, faxtool(&self->env, 0, out, sizeof(out), args)) TH_LOG("%s", out);
	n = parse_lines(out, v, 256);
	ASSERT_EQ(1, n) TH_LOG("%s", out);
	EXPECT_STREQ(id, jstr(v[0], "id"));
	put_all(v, n);
	EXPECT_EQ(7, faxtool(&self->env, 0, out, sizeof(out), "watch 0123456789abcdef"));
	unlink(path);
}

TEST_F_TIMEOUT(server, watch_follows_a_job_to_its_cancellation, 120)
{
	static char out[16384];
	char path[64], args[256], line[8192], id[32] = "", last[8192] = "";
	bool pending = false;
	json_object *v[64];
	pid_t watcher;
	FILE *w;
	int n;

	ASSERT_EQ(0, make_doc(path, sizeof(path), "cancel"));
	ASSERT_EQ(0, queue_set(&self->env, true, 3));
	/* A paused queue holds the job: send gives up at its time limit,
	 * and the job stays queued. */
	EXPECT_EQ(124, send_json(&self->env, "--timeout 1", path, "101", out, sizeof(out), id))
		TH_LOG("%s", out);
	ASSERT_EQ(16, strlen(id));
	/* In text, the id on stdout, its state on stderr, and how to go on. */
	snprintf(args, sizeof(args), "send --timeout 1 %s 101", path);
	EXPECT_EQ(124, faxtool(&self->env, 0, out, sizeof(out), args)) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, ": pending")) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, "timed out; the fax goes on in the server")) TH_LOG("%s", out);

	snprintf(args, sizeof(args), "--json watch %s", id);
	w = faxtool_spawn(&self->env, args, &watcher);
	ASSERT_NE(NULL, w);
	while (fgets(line, sizeof(line), w) && !strstr(line, "watching")) {
		json_object *o = json_tokener_parse(line);

		if (!strcmp(jstr(o, "event"), "State") && !strcmp(jstr(o, "id"), id))
			pending = !strcmp(jstr(jget(o, "job"), "status"), "pending");
		json_object_put(o);
	}
	EXPECT_TRUE(pending);
	snprintf(args, sizeof(args), "job cancel %s", id);
	ASSERT_EQ(0, faxtool(&self->env, 0, out, sizeof(out), args)) TH_LOG("%s", out);
	while (fgets(line, sizeof(line), w))
		if (line[0] == '{')
			snprintf(last, sizeof(last), "%s", line);
	EXPECT_EQ(9, exit_status(watcher));
	fclose(w);
	n = parse_lines(last, v, 1);
	ASSERT_EQ(1, n) TH_LOG("%s", last);
	EXPECT_STREQ(id, jstr(v[0], "id"));
	EXPECT_STREQ("canceled", jstr(jget(v[0], "job"), "status"));
	put_all(v, n);
	unlink(path);
}

TEST_F_TIMEOUT(server, send_to_a_number_that_does_not_exist_exits_5, 120)
{
	static char out[16384];
	char path[64], args[256], id[32];
	json_object *v[64];
	int n;

	ASSERT_EQ(0, make_doc(path, sizeof(path), "nocall"));
	ASSERT_EQ(0, queue_set(&self->env, false, 0));
	EXPECT_EQ(5, send_json(&self->env, "", path, "999", out, sizeof(out), id)) TH_LOG("%s", out);
	n = parse_lines(out, v, 64);
	ASSERT_LE(2, n) TH_LOG("%s", out);
	EXPECT_STREQ(id, jstr(v[n - 1], "id"));
	EXPECT_STREQ("retries-exceeded", jstr(jget(v[n - 1], "job"), "status"));
	EXPECT_STREQ("bad-address", jstr(jget(v[n - 1], "job"), "extended_status"));
	put_all(v, n);
	/* The queue says the same. */
	snprintf(args, sizeof(args), "--json job show %s 2>/dev/null", id);
	ASSERT_EQ(0, faxtool(&self->env, 0, out, sizeof(out), args)) TH_LOG("%s", out);
	n = parse_lines(out, v, 64);
	ASSERT_EQ(1, n) TH_LOG("%s", out);
	EXPECT_STREQ("retries-exceeded", jstr(v[0], "status"));
	EXPECT_STREQ("bad-address", jstr(v[0], "extended_status"));
	put_all(v, n);
	unlink(path);
}

TEST_F_TIMEOUT(server, every_server_verb_speaks_json, 120)
{
	static char out[65536];
	static const char *const verbs[] = {
		"info", "providers", "devices", "devices show 1", "security", "jobs",
		"job show %1$s", "job pause %1$s", "job resume %1$s", "watch --count 1 %1$s",
		"inbox", "outbox", "get %1$s -o %2$s.out", "check %2$s",
		"normalise %2$s %2$s.norm", "events --mask config --timeout 1",
		"job cancel %1$s",
	};
	char path[64], args[512], fmt[256], id[32];
	json_object *v[64];
	int n;

	ASSERT_EQ(0, make_doc(path, sizeof(path), "json"));
	ASSERT_EQ(0, queue_set(&self->env, true, 3));
	ASSERT_EQ(0, send_json(&self->env, "--no-wait", path, "101", out, sizeof(out), id))
		TH_LOG("%s", out);
	n = parse_lines(out, v, 64);
	EXPECT_EQ(1, n) TH_LOG("%s", out);
	put_all(v, n > 0 ? n : 0);
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		snprintf(fmt, sizeof(fmt), "--json %s 2>/dev/null", verbs[i]);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		snprintf(args, sizeof(args), fmt, id, path);
#pragma GCC diagnostic pop
		EXPECT_EQ(0, faxtool(&self->env, 0, out, sizeof(out), args)) TH_LOG("%s", args);
		n = parse_lines(out, v, 64);
		/* Every verb prints something, and every line is an object
		 * (the archives and the events are empty here). */
		if (strncmp(verbs[i], "inbox", 5) && strncmp(verbs[i], "outbox", 6) &&
		    strncmp(verbs[i], "events", 6))
			EXPECT_LE(1, n) TH_LOG("%s: %s", args, out);
		EXPECT_LE(0, n) TH_LOG("%s: %s", args, out);
		if (n > 0 && !strncmp(verbs[i], "job ", 4) && strcmp(verbs[i], "job cancel %1$s"))
			EXPECT_STREQ(id, jstr(v[0], "id"));
		put_all(v, n > 0 ? n : 0);
	}
	snprintf(args, sizeof(args), "%s.out", path);
	EXPECT_EQ(1, fax_document_count_pages(args, NULL));
	unlink(args);
	snprintf(args, sizeof(args), "%s.norm", path);
	unlink(args);
	unlink(path);
}

TEST_HARNESS_MAIN
