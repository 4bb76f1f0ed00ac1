// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The archives kept in bounds: messages older than their archive's
 * AgeLimit (days) and failed jobs older than the outgoing queue's go with
 * their TIFF, at start and while faxd runs (faxd's test clock moves days
 * ahead instead of the test waiting for them), with the removal events;
 * a kill at any point of that leaves no row without its file; the sizes
 * add up; the quota warning is raised over the high water mark and
 * cleared only under the low one; a queue longer than a page is listed
 * whole, in sending order, through GetJobs' pages. Records are written
 * straight into a stopped server's store, so no fax has to be sent.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "harness.h"
#include "env.h"
#include "folders.h"

#define KIB 1024LL

FIXTURE(store) {
	struct faxd_env env;
	fax_server_t *s;
};

/* A server that ran once (so its store exists), stopped. */
FIXTURE_SETUP(store)
{
	ASSERT_EQ(0, env_start(&self->env, NULL));
	ASSERT_EQ(0, env_stop_faxd(&self->env));
	self->s = NULL;
}

FIXTURE_TEARDOWN(store)
{
	fax_server_free(self->s);
	env_stop(&self->env);
}

static fax_server_t *start(struct faxd_env *e)
{
	return env_start_faxd(e) == 0 ? env_connect(e) : NULL;
}

/* Wait until the store holds @n rows (faxd works on its own loop). */
static bool wait_rows(struct faxd_env *e, int n)
{
	for (int i = 0; i < 3000; i++) {
		if (folders_rows(e, NULL) == n)
			return true;
		usleep(10000);
	}
	return false;
}

TEST_F_TIMEOUT(store, messages_past_the_age_limit_go_with_their_files_when_faxd_starts, 180)
{
	int64_t now = folders_now();
	struct fax_folder_config c;

	/* Three days old and a day old, in both archives; limits of 2 days. */
	ASSERT_EQ(0, folders_insert(&self->env, "00000000000000a1", FAX_FOLDER_INCOMING_ARCHIVE,
				    FAX_JOB_COMPLETED, now - 3 * USEC_PER_DAY, 10 * KIB));
	ASSERT_EQ(0, folders_insert(&self->env, "00000000000000a2", FAX_FOLDER_INCOMING_ARCHIVE,
				    FAX_JOB_COMPLETED, now - 1 * USEC_PER_DAY, 20 * KIB));
	ASSERT_EQ(0, folders_insert(&self->env, "00000000000000b1", FAX_FOLDER_OUTGOING_ARCHIVE,
				    FAX_JOB_COMPLETED, now - 3 * USEC_PER_DAY, 30 * KIB));
	ASSERT_EQ(0, folders_insert(&self->env, "00000000000000b2", FAX_FOLDER_OUTGOING_ARCHIVE,
				    FAX_JOB_COMPLETED, now - 1 * USEC_PER_DAY, 40 * KIB));
	ASSERT_EQ(0, folders_setting(&self->env, "incoming_archive.age_limit", 2));
	ASSERT_EQ(0, folders_setting(&self->env, "outgoing_archive.age_limit", 2));
	self->s = start(&self->env);
	ASSERT_NE(NULL, self->s);
	ASSERT_TRUE(wait_rows(&self->env, 2));
	EXPECT_FALSE(folders_spool_has(&self->env, "00000000000000a1"));
	EXPECT_FALSE(folders_spool_has(&self->env, "00000000000000b1"));
	EXPECT_TRUE(folders_spool_has(&self->env, "00000000000000a2"));
	EXPECT_TRUE(folders_spool_has(&self->env, "00000000000000b2"));
	EXPECT_EQ(2, folders_spool_files(&self->env));
	EXPECT_EQ(1, folders_count(self->s, FAX_FOLDER_INCOMING_ARCHIVE));
	EXPECT_EQ(1, folders_count(self->s, FAX_FOLDER_OUTGOING_ARCHIVE));
	/* The sizes are those of what is left. */
	ASSERT_EQ(0, fax_server_get_folder_config(self->s, FAX_FOLDER_INCOMING_ARCHIVE, &c, NULL));
	EXPECT_EQ(20 * KIB, (int64_t)c.size);
	EXPECT_EQ(2, c.age_limit);
	ASSERT_EQ(0, fax_server_get_folder_config(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, &c, NULL));
	EXPECT_EQ(40 * KIB, (int64_t)c.size);
}

TEST_F_TIMEOUT(store, the_age_limit_purges_while_faxd_runs_and_announces_it, 180)
{
	int64_t now = folders_now();
	struct fax_folder_config c;
	struct seen seen = { 0 };

	ASSERT_EQ(0, folders_insert(&self->env, "00000000000000c1", FAX_FOLDER_INCOMING_ARCHIVE,
				    FAX_JOB_COMPLETED, now - USEC_PER_MIN, 10 * KIB));
	ASSERT_EQ(0, folders_insert(&self->env, "00000000000000c2", FAX_FOLDER_OUTGOING_ARCHIVE,
				    FAX_JOB_COMPLETED, now - USEC_PER_MIN, 10 * KIB));
	/* Failed jobs age out of the outgoing queue; a waiting one never does. */
	ASSERT_EQ(0, folders_insert(&self->env, "00000000000000c3", FAX_FOLDER_OUTGOING_QUEUE,
				    FAX_JOB_RETRIES_EXCEEDED, now - USEC_PER_MIN, 10 * KIB));
	ASSERT_EQ(0, folders_insert(&self->env, "00000000000000c4", FAX_FOLDER_OUTGOING_QUEUE,
				    FAX_JOB_PENDING | FAX_JOB_PAUSED, now - USEC_PER_MIN, 10 * KIB));
	self->s = start(&self->env);
	ASSERT_NE(NULL, self->s);
	ASSERT_EQ(0, fax_server_listen_to_events(self->s, FAX_EVENTS_IN_ARCHIVE |
						 FAX_EVENTS_OUT_ARCHIVE | FAX_EVENTS_OUT_QUEUE,
						 seen_record, &seen, NULL));
	for (uint32_t f = FAX_FOLDER_OUTGOING_QUEUE; f <= FAX_FOLDER_INCOMING_ARCHIVE; f++) {
		if (f == FAX_FOLDER_INCOMING_QUEUE)
			continue;
		ASSERT_EQ(0, fax_server_get_folder_config(self->s, f, &c, NULL));
		c.age_limit = 1;
		ASSERT_EQ(0, fax_server_set_folder_config(self->s, f, &c, NULL));
	}
	/* A day has not passed: everything stays. */
	ASSERT_EQ(0, folders_set_clock(&self->env, 0, NULL));
	EXPECT_EQ(4, folders_rows(&self->env, NULL));
	/* Two days later. */
	ASSERT_EQ(0, folders_set_clock(&self->env, 2 * USEC_PER_DAY, NULL));
	ASSERT_TRUE(folders_wait(self->s, &seen, FAX_SERVER_EV_INCOMING_MESSAGE_REMOVED, 1));
	ASSERT_TRUE(folders_wait(self->s, &seen, FAX_SERVER_EV_OUTGOING_MESSAGE_REMOVED, 1));
	ASSERT_TRUE(folders_wait(self->s, &seen, FAX_SERVER_EV_OUTGOING_JOB_REMOVED, 1));
	EXPECT_EQ(1, folders_rows(&self->env, NULL));
	EXPECT_EQ(1, folders_spool_files(&self->env));
	EXPECT_TRUE(folders_spool_has(&self->env, "00000000000000c4"));
	EXPECT_EQ(1, folders_count(self->s, FAX_FOLDER_OUTGOING_QUEUE));
	EXPECT_EQ(0, folders_count(self->s, FAX_FOLDER_OUTGOING_ARCHIVE));
	EXPECT_EQ(0, folders_count(self->s, FAX_FOLDER_INCOMING_ARCHIVE));
}

TEST_F_TIMEOUT(store, a_kill_at_any_point_of_a_purge_leaves_no_row_without_its_file, 900)
{
	int64_t now = folders_now();
	int rows = 0, dangling = 0, round, midway = 0;

	for (int i = 0; i < 600; i++) {
		char id[17];

		snprintf(id, sizeof(id), "%016x", 0xd000 + i);
		ASSERT_EQ(0, folders_insert(&self->env, id, i % 2 ? FAX_FOLDER_INCOMING_ARCHIVE :
					    FAX_FOLDER_OUTGOING_ARCHIVE, FAX_JOB_COMPLETED,
					    now - 10 * USEC_PER_DAY, KIB));
	}
	ASSERT_EQ(0, folders_insert(&self->env, "00000000000000e1", FAX_FOLDER_INCOMING_ARCHIVE,
				    FAX_JOB_COMPLETED, now, KIB));
	ASSERT_EQ(0, folders_setting(&self->env, "incoming_archive.age_limit", 1));
	ASSERT_EQ(0, folders_setting(&self->env, "outgoing_archive.age_limit", 1));
	srand((unsigned int)getpid());
	/* Kill faxd at later and later points of its start (the purge runs
	 * then), a little at random, until it is done; after every kill each
	 * row still has its file. */
	for (round = 0; round < 300; round++) {
		pid_t pid = folders_spawn(&self->env);

		ASSERT_LT(0, pid);
		usleep((useconds_t)(round * 4000 + rand() % 4000));
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		rows = folders_rows(&self->env, &dangling);
		ASSERT_LE(1, rows);
		ASSERT_EQ(0, dangling) TH_LOG("round %d: %d rows name a missing file", round, dangling);
		if (rows == 1)
			break;
		midway += rows < 601;
	}
	TH_LOG("%d kills, %d of them in the middle of the purge, %d rows left", round + 1, midway,
	       rows);
	/* A start that is left alone finishes the job and the orphans. */
	self->s = start(&self->env);
	ASSERT_NE(NULL, self->s);
	ASSERT_TRUE(wait_rows(&self->env, 1));
	ASSERT_EQ(0, env_stop_faxd(&self->env));
	ASSERT_EQ(0, env_start_faxd(&self->env));	/* reconciles the spool at start */
	EXPECT_EQ(1, folders_rows(&self->env, &dangling));
	EXPECT_EQ(0, dangling);
	EXPECT_EQ(1, folders_spool_files(&self->env));
	EXPECT_TRUE(folders_spool_has(&self->env, "00000000000000e1"));
}

/* Run @faxd_start with faxd's log going to @path. */
static int start_logged(struct faxd_env *e, const char *path)
{
	int saved = dup(2), fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600), r;

	if (saved < 0 || fd < 0)
		return -errno;
	setenv("FAXD_TEST_VERBOSE", "1", 1);
	dup2(fd, 2);
	r = env_start_faxd(e);
	dup2(saved, 2);
	unsetenv("FAXD_TEST_VERBOSE");
	close(saved);
	close(fd);
	return r;
}

static bool log_has(const char *path, const char *text)
{
	char line[512];
	bool found = false;
	FILE *f = fopen(path, "re");

	while (f && !found && fgets(line, sizeof(line), f))
		found = strstr(line, text) != NULL;
	if (f)
		fclose(f);
	return found;
}

static bool quota_exceeded(struct faxd_env *e)
{
	sd_bus *bus = env_bus(e);
	sd_bus_message *reply = NULL;
	int v = -1;

	if (sd_bus_call_method(bus, FAX_BUS_NAME, FAX_BUS_PATH_INCOMING_ARCHIVE,
			       FAX_BUS_IFACE_ARCHIVE, "Refresh", NULL, &reply, "") >= 0 &&
	    sd_bus_message_enter_container(reply, 'a', "{sv}") > 0)
		while (sd_bus_message_enter_container(reply, 'e', "sv") > 0) {
			const char *k;

			sd_bus_message_read(reply, "s", &k);
			if (!strcmp(k, "SizeQuotaExceeded"))
				sd_bus_message_read(reply, "v", "b", &v);
			else
				sd_bus_message_skip(reply, "v");
			sd_bus_message_exit_container(reply);
		}
	sd_bus_message_unref(reply);
	sd_bus_flush_close_unref(bus);
	return v == 1;
}

TEST_F_TIMEOUT(store, the_quota_warning_is_raised_over_the_high_mark_and_cleared_under_the_low, 180)
{
	int64_t now = folders_now();
	char log[128], id[17];
	struct fax_folder_config c;

	/* Four messages of 700 KiB: 2.8 MB. */
	for (int i = 0; i < 4; i++) {
		snprintf(id, sizeof(id), "%016x", 0xf000 + i);
		ASSERT_EQ(0, folders_insert(&self->env, id, FAX_FOLDER_INCOMING_ARCHIVE,
					    FAX_JOB_COMPLETED, now, 700 * KIB));
	}
	snprintf(log, sizeof(log), "%s/faxd.log", self->env.dir);
	ASSERT_EQ(0, start_logged(&self->env, log));
	self->s = env_connect(&self->env);
	ASSERT_NE(NULL, self->s);
	ASSERT_EQ(0, fax_server_get_folder_config(self->s, FAX_FOLDER_INCOMING_ARCHIVE, &c, NULL));
	EXPECT_EQ(4 * 700 * KIB, (int64_t)c.size);
	EXPECT_FALSE(quota_exceeded(&self->env));
	/* The low mark above the high one is refused. */
	c.quota_warning = true;
	c.high_watermark = 1;
	c.low_watermark = 2;
	EXPECT_EQ(-EINVAL, fax_server_set_folder_config(self->s, FAX_FOLDER_INCOMING_ARCHIVE, &c,
							 NULL));
	c.high_watermark = 2;
	c.low_watermark = 1;
	ASSERT_EQ(0, fax_server_set_folder_config(self->s, FAX_FOLDER_INCOMING_ARCHIVE, &c, NULL));
	for (int i = 0; i < 3000 && !quota_exceeded(&self->env); i++)
		usleep(10000);
	ASSERT_TRUE(quota_exceeded(&self->env));
	/* 2.1 MB, between the marks: the warning stays. */
	ASSERT_EQ(0, fax_server_delete_message(self->s, FAX_FOLDER_INCOMING_ARCHIVE,
					       "000000000000f000", NULL));
	ASSERT_EQ(0, fax_server_get_folder_config(self->s, FAX_FOLDER_INCOMING_ARCHIVE, &c, NULL));
	EXPECT_EQ(3 * 700 * KIB, (int64_t)c.size);
	EXPECT_TRUE(quota_exceeded(&self->env));
	/* 0.7 MB, under the low mark: cleared. */
	ASSERT_EQ(0, fax_server_delete_message(self->s, FAX_FOLDER_INCOMING_ARCHIVE,
					       "000000000000f001", NULL));
	ASSERT_EQ(0, fax_server_delete_message(self->s, FAX_FOLDER_INCOMING_ARCHIVE,
					       "000000000000f002", NULL));
	for (int i = 0; i < 3000 && quota_exceeded(&self->env); i++)
		usleep(10000);
	EXPECT_FALSE(quota_exceeded(&self->env));
	EXPECT_EQ(1, folders_spool_files(&self->env));
	ASSERT_EQ(0, env_stop_faxd(&self->env));
	EXPECT_TRUE(log_has(log, "incoming archive: quota warning: "));
	EXPECT_TRUE(log_has(log, "incoming archive: quota warning cleared"));
}

#define QUEUED 2500	/* two and a half of the client's pages */

/* GetJobs(@cursor, @count): its jobs, its next cursor in @next. */
static int get_jobs_page(struct faxd_env *e, const char *cursor, uint32_t count, char *next,
			 size_t size, sd_bus_error *error)
{
	sd_bus_message *reply = NULL;
	const char *nc;
	int n = 0, r;

	r = sd_bus_call_method(env_bus(e), FAX_BUS_NAME, FAX_BUS_PATH_OUTGOING_QUEUE,
			       FAX_BUS_IFACE_QUEUE, "GetJobs", error, &reply, "su", cursor, count);
	if (r >= 0)
		r = sd_bus_message_enter_container(reply, 'a', "a{sv}");
	while (r >= 0 && (r = sd_bus_message_skip(reply, "a{sv}")) > 0)
		n++;
	if (r >= 0)
		r = sd_bus_message_exit_container(reply);
	if (r >= 0)
		r = sd_bus_message_read(reply, "s", &nc);
	if (r >= 0)
		snprintf(next, size, "%s", nc);
	sd_bus_message_unref(reply);
	return r < 0 ? r : n;
}

TEST_F_TIMEOUT(store, a_queue_longer_than_a_page_is_listed_whole_in_sending_order, 300)
{
	const struct fax_job_info *prev = NULL;
	sd_bus_error error = SD_BUS_ERROR_NULL;
	fax_message_iterator_t *it;
	struct fax_activity a;
	fax_jobs_t *jobs;
	int64_t base = folders_now() - 3600LL * 1000000;
	char id[32], next[64];
	sqlite3 *db;
	int n;

	/* A store of schema 3 (before the indexes and the count), that
	 * faxd migrates when it starts. */
	ASSERT_EQ(SQLITE_OK, sqlite3_open(env_db_path(&self->env), &db));
	ASSERT_EQ(SQLITE_OK, sqlite3_exec(db, "DROP TRIGGER job_count_insert;"
					  "DROP TRIGGER job_count_delete;"
					  "DROP TRIGGER job_count_update;"
					  "DROP TABLE job_count; DROP INDEX job_folder_rowid;"
					  "DROP INDEX job_sent_queued; DROP INDEX job_waiting;"
					  "DROP INDEX job_waiting_time; DROP INDEX job_submission;"
					  "PRAGMA user_version = 3", NULL, NULL, NULL));
	sqlite3_close(db);
	/* Pending jobs submitted a microsecond apart, a third at each
	 * priority; three sent jobs of a broadcast with the first of them
	 * (unfinished: they stay in the queue too) and two messages are the
	 * outgoing archive. The queue is paused. */
	for (int i = 0; i < QUEUED + 3; i++) {
		snprintf(id, sizeof(id), "%016x", 0x10000 + i);
		ASSERT_EQ(0, folders_insert(&self->env, id, FAX_FOLDER_OUTGOING_QUEUE,
					    i < QUEUED ? FAX_JOB_PENDING : FAX_JOB_COMPLETED, base + i,
					    1));
	}
	for (int i = 0; i < 2; i++) {
		snprintf(id, sizeof(id), "%016x", 0x20000 + i);
		ASSERT_EQ(0, folders_insert(&self->env, id, FAX_FOLDER_OUTGOING_ARCHIVE,
					    FAX_JOB_COMPLETED, base + i, 1));
	}
	ASSERT_EQ(SQLITE_OK, sqlite3_open(env_db_path(&self->env), &db));
	EXPECT_EQ(SQLITE_OK, sqlite3_exec(db, "UPDATE job SET priority = rowid % 3;"
					  "UPDATE job SET submission_id = '0000000000010000'"
					  "  WHERE folder = 0 AND status = 256", NULL, NULL, NULL));
	sqlite3_close(db);
	ASSERT_EQ(0, folders_setting(&self->env, "outgoing_queue.paused", 1));
	self->s = start(&self->env);
	ASSERT_NE(NULL, self->s);

	/* The client pages on its own: every job, each page in order. */
	ASSERT_EQ(0, fax_server_get_jobs(self->s, FAX_FOLDER_OUTGOING_QUEUE, &jobs, NULL));
	ASSERT_EQ(QUEUED + 3, fax_jobs_count(jobs));
	for (size_t i = 1; i <= fax_jobs_count(jobs); i++) {
		const struct fax_job_info *j = fax_jobs_item(jobs, i);

		if (prev) {
			EXPECT_GE(prev->priority, j->priority);
			if (prev->priority == j->priority)
				EXPECT_LT(prev->submission_time, j->submission_time);
		}
		prev = j;
	}
	EXPECT_EQ(FAX_PRIORITY_HIGH, fax_jobs_item(jobs, 1)->priority);
	EXPECT_EQ(FAX_PRIORITY_LOW, fax_jobs_item(jobs, QUEUED + 3)->priority);
	fax_jobs_free(jobs);

	/* The bus: a page as asked, a cursor on, bad arguments refused. */
	EXPECT_EQ(1000, get_jobs_page(&self->env, "", 1000, next, sizeof(next), NULL));
	EXPECT_NE(0, strlen(next));
	EXPECT_EQ(QUEUED + 3 - 1000, get_jobs_page(&self->env, next, 10000, next, sizeof(next),
						   NULL));
	EXPECT_STREQ("", next);
	EXPECT_GT(0, get_jobs_page(&self->env, "2:x:1", 10, next, sizeof(next), &error));
	EXPECT_STREQ(SD_BUS_ERROR_INVALID_ARGS, error.name);
	sd_bus_error_free(&error);
	EXPECT_GT(0, get_jobs_page(&self->env, "", 0, next, sizeof(next), &error));
	EXPECT_STREQ(SD_BUS_ERROR_INVALID_ARGS, error.name);
	sd_bus_error_free(&error);

	/* The migration counted the waiting jobs (and start recounted
	 * them); the sent ones are the archive's, in archiving order. */
	ASSERT_EQ(0, fax_server_get_activity(self->s, &a, NULL));
	EXPECT_EQ(QUEUED, a.queued_messages);
	ASSERT_EQ(0, fax_server_get_messages(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, 2, &it, NULL));
	for (n = 0; !fax_message_iterator_at_eof(it); n++) {
		snprintf(id, sizeof(id), "%016x", n < 3 ? 0x10000 + QUEUED + n : 0x20000 + n - 3);
		EXPECT_STREQ(id, fax_message_iterator_message(it)->id);
		ASSERT_EQ(0, fax_message_iterator_move_next(it, NULL));
	}
	EXPECT_EQ(5, n);
	fax_message_iterator_free(it);
}

TEST_HARNESS_MAIN
