// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * When the outgoing queue sends, over the loopback provider (loopback0
 * number 100 sends, loopback1 number 101 answers): a discount-period job
 * waits for the queue's discount window (local time of the server) and
 * is sent inside it; a job for a specific time waits for that time;
 * RetryDelay is in minutes; the jobs of a broadcast leave the queue
 * together; activity and queue state are announced. faxd's test clock
 * (Test.SetClockOffset) moves ahead instead of the test waiting for
 * hours, and faxd runs in a time zone 5:30 east of UTC so local time is
 * not UTC.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "env.h"
#include "folders.h"

#define ZONE "XST-5:30"

__attribute__((constructor)) static void server_time_zone(void)
{
	setenv("TZ", ZONE, 1);	/* faxd inherits it */
	tzset();
}

FIXTURE(queue) {
	struct faxd_env env;
	fax_server_t *s;
	sd_bus *bus;
	struct seen seen;
};

FIXTURE_SETUP(queue)
{
	ASSERT_EQ(0, env_start(&self->env, NULL));
	self->s = env_connect(&self->env);
	self->bus = env_bus(&self->env);
	ASSERT_NE(NULL, self->s);
	ASSERT_NE(NULL, self->bus);
	memset(&self->seen, 0, sizeof(self->seen));
}

FIXTURE_TEARDOWN(queue)
{
	sd_bus_flush_close_unref(self->bus);
	fax_server_free(self->s);
	env_stop(&self->env);
}

/* Only loopback0 sends (or nobody with @none), so jobs go one by one. */
static int senders(fax_server_t *s, bool none)
{
	fax_devices_t *c;
	int r = fax_server_get_devices(s, &c, NULL);

	if (r < 0)
		return r;
	fax_device_set_send_enabled(fax_devices_item_by_name(c, "loopback0"), !none);
	fax_device_set_send_enabled(fax_devices_item_by_name(c, "loopback1"), false);
	r = fax_device_save(fax_devices_item_by_name(c, "loopback0"), NULL);
	if (r >= 0)
		r = fax_device_save(fax_devices_item_by_name(c, "loopback1"), NULL);
	fax_devices_free(c);
	return r;
}

static int submit(fax_server_t *s, const char *const *to, size_t n, uint32_t type, int64_t when,
		  char ***ids)
{
	struct fax_document doc = { .size = sizeof(doc), .recipients = to, .n_recipients = n,
				    .subject = "schedule", .priority = FAX_PRIORITY_NORMAL,
				    .schedule_type = type, .schedule_time = when };
	char *sub = NULL;
	int r;

	doc.body_fd = folders_body(1);
	if (doc.body_fd < 0)
		return doc.body_fd;
	r = fax_server_submit(s, &doc, &sub, ids, NULL);
	free(sub);
	close(doc.body_fd);
	return r;
}

/* Outgoing-queue settings the client's struct does not carry. */
static int save_u32(sd_bus *bus, const char *a, uint32_t va, const char *b, uint32_t vb,
		    sd_bus_error *e)
{
	return sd_bus_call_method(bus, FAX_BUS_NAME, FAX_BUS_PATH_OUTGOING_QUEUE, FAX_BUS_IFACE_QUEUE,
				  "Save", e, NULL, "a{sv}", 2, a, "u", va, b, "u", vb);
}

static int refresh_u32(sd_bus *bus, const char *name, uint32_t *v)
{
	sd_bus_message *reply = NULL;
	int r, found = -ENOENT;

	r = sd_bus_call_method(bus, FAX_BUS_NAME, FAX_BUS_PATH_OUTGOING_QUEUE, FAX_BUS_IFACE_QUEUE,
			       "Refresh", NULL, &reply, "");
	if (r >= 0)
		r = sd_bus_message_enter_container(reply, 'a', "{sv}");
	while (r > 0 && sd_bus_message_enter_container(reply, 'e', "sv") > 0) {
		const char *k;

		sd_bus_message_read(reply, "s", &k);
		if (!strcmp(k, name) && sd_bus_message_read(reply, "v", "u", v) >= 0)
			found = 0;
		else
			sd_bus_message_skip(reply, "v");
		sd_bus_message_exit_container(reply);
	}
	sd_bus_message_unref(reply);
	return r < 0 ? r : found;
}

/* Wait until job @id of @folder has (all bits of) @status; its state then. */
static bool wait_status(fax_server_t *s, uint32_t folder, const char *id, uint32_t status,
			int secs, struct folders_job *j)
{
	for (int i = 0; i < secs * 10; i++) {
		if (folders_job(s, folder, id, j) == 0 && (j->status & status) == status)
			return true;
		usleep(100000);
	}
	return false;
}

/* The local minute of the day at @t (microseconds), in the server's zone. */
static uint32_t local_minute(int64_t t)
{
	time_t secs = (time_t)(t / 1000000);
	struct tm tm;

	localtime_r(&secs, &tm);
	return (uint32_t)(tm.tm_hour * 60 + tm.tm_min);
}

TEST_F_TIMEOUT(queue, the_discount_window_and_the_retry_delay_are_saved_in_minutes, 180)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	struct fax_folder_config c;
	uint32_t v = 0;

	ASSERT_EQ(0, refresh_u32(self->bus, "DiscountRateStart", &v));
	EXPECT_EQ(20 * 60, v);		/* the default window: 20:00 to 07:00 */
	ASSERT_EQ(0, refresh_u32(self->bus, "DiscountRateEnd", &v));
	EXPECT_EQ(7 * 60, v);
	ASSERT_EQ(0, refresh_u32(self->bus, "RetryDelay", &v));
	EXPECT_EQ(10, v);
	ASSERT_LE(0, save_u32(self->bus, "DiscountRateStart", 22 * 60 + 30, "DiscountRateEnd",
			      6 * 60 + 15, &e)) TH_LOG("%s", e.message);
	ASSERT_LE(0, save_u32(self->bus, "RetryDelay", 7 * 24 * 60, "Retries", 2, &e));
	ASSERT_EQ(0, refresh_u32(self->bus, "DiscountRateStart", &v));
	EXPECT_EQ(22 * 60 + 30, v);
	ASSERT_EQ(0, refresh_u32(self->bus, "DiscountRateEnd", &v));
	EXPECT_EQ(6 * 60 + 15, v);
	ASSERT_EQ(0, refresh_u32(self->bus, "RetryDelay", &v));
	EXPECT_EQ(7 * 24 * 60, v);
	/* The client library carries the window both ways. */
	ASSERT_EQ(0, fax_server_get_folder_config(self->s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL));
	EXPECT_EQ(22 * 60 + 30, c.discount_start);
	EXPECT_EQ(6 * 60 + 15, c.discount_end);
	c.discount_start = 60;
	ASSERT_LE(0, fax_server_set_folder_config(self->s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL));
	ASSERT_EQ(0, refresh_u32(self->bus, "DiscountRateStart", &v));
	EXPECT_EQ(60, v);
	c.discount_start = 22 * 60 + 30;
	ASSERT_LE(0, fax_server_set_folder_config(self->s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL));
	/* Out of range: a minute of the day, a week of minutes. */
	EXPECT_GT(0, save_u32(self->bus, "DiscountRateStart", 1440, "DiscountRateEnd", 0, &e));
	EXPECT_TRUE(sd_bus_error_has_name(&e, SD_BUS_ERROR_INVALID_ARGS));
	sd_bus_error_free(&e);
	EXPECT_GT(0, save_u32(self->bus, "RetryDelay", 7 * 24 * 60 + 1, "Retries", 2, &e));
	EXPECT_TRUE(sd_bus_error_has_name(&e, SD_BUS_ERROR_INVALID_ARGS));
	sd_bus_error_free(&e);
	/* Kept across a restart. */
	fax_server_free(self->s);
	self->s = NULL;
	sd_bus_flush_close_unref(self->bus);
	ASSERT_EQ(0, env_restart_faxd(&self->env));
	self->bus = env_bus(&self->env);
	self->s = env_connect(&self->env);
	ASSERT_EQ(0, refresh_u32(self->bus, "DiscountRateStart", &v));
	EXPECT_EQ(22 * 60 + 30, v);
}

TEST_F_TIMEOUT(queue, a_discount_job_waits_for_the_window_and_is_sent_inside_it, 600)
{
	const char *to[] = { "101" };
	char **ids = NULL;
	struct folders_job j;
	int64_t now = 0, opens;
	uint32_t minute;

	ASSERT_EQ(0, senders(self->s, false));
	/* A window that opens two hours from now (local time) for an hour. */
	ASSERT_EQ(0, folders_set_clock(&self->env, 0, &now));
	minute = local_minute(now);
	ASSERT_LE(0, save_u32(self->bus, "DiscountRateStart", (minute + 120) % 1440,
			      "DiscountRateEnd", (minute + 180) % 1440, NULL));
	ASSERT_EQ(0, submit(self->s, to, 1, FAX_SCHEDULE_DISCOUNT_PERIOD, 0, &ids));
	ASSERT_EQ(0, folders_job(self->s, FAX_FOLDER_OUTGOING_QUEUE, ids[0], &j));
	EXPECT_EQ(FAX_JOB_PENDING, j.status);
	EXPECT_EQ(FAX_JOBX_NONE, j.ext);
	EXPECT_EQ(FAX_SCHEDULE_DISCOUNT_PERIOD, j.schedule_type);
	/* It is scheduled at the start of the window: a whole local minute
	 * between 119 and 120 minutes from now. */
	opens = j.scheduled_time;
	EXPECT_EQ(0, opens % (60 * 1000000));
	EXPECT_LT(now + 119 * USEC_PER_MIN, opens);
	EXPECT_GE(now + 120 * USEC_PER_MIN, opens);
	EXPECT_EQ((minute + 120) % 1440, local_minute(opens));
	/* Before the window, an hour on: not sent. */
	ASSERT_EQ(0, folders_set_clock(&self->env, 60 * USEC_PER_MIN, NULL));
	usleep(500000);
	ASSERT_EQ(0, folders_job(self->s, FAX_FOLDER_OUTGOING_QUEUE, ids[0], &j));
	EXPECT_EQ(FAX_JOB_PENDING, j.status);
	EXPECT_EQ(opens, j.scheduled_time);
	EXPECT_EQ(0, folders_count(self->s, FAX_FOLDER_OUTGOING_ARCHIVE));
	/* Inside the window: sent. */
	ASSERT_EQ(0, folders_set_clock(&self->env, 121 * USEC_PER_MIN, NULL));
	ASSERT_TRUE(wait_status(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, ids[0], FAX_JOB_COMPLETED, 400,
				&j));
	EXPECT_LE(opens, j.transmission_start);
	EXPECT_EQ(1, folders_count(self->s, FAX_FOLDER_INCOMING_ARCHIVE));
	fax_strv_free(ids);
}

TEST_F_TIMEOUT(queue, a_job_for_a_specific_time_waits_until_then, 180)
{
	const char *to[] = { "101" };
	char **ids = NULL;
	struct folders_job j;
	int64_t now = 0, when;

	/* No device sends: a job that is due shows "no line". */
	ASSERT_EQ(0, senders(self->s, true));
	ASSERT_EQ(0, folders_set_clock(&self->env, 0, &now));
	when = now + 90 * USEC_PER_MIN;
	ASSERT_EQ(0, submit(self->s, to, 1, FAX_SCHEDULE_SPECIFIC_TIME, when, &ids));
	ASSERT_EQ(0, folders_job(self->s, FAX_FOLDER_OUTGOING_QUEUE, ids[0], &j));
	EXPECT_EQ(FAX_JOB_PENDING, j.status);
	EXPECT_EQ(when, j.scheduled_time);
	ASSERT_EQ(0, folders_set_clock(&self->env, 89 * USEC_PER_MIN, NULL));
	usleep(300000);
	ASSERT_EQ(0, folders_job(self->s, FAX_FOLDER_OUTGOING_QUEUE, ids[0], &j));
	EXPECT_EQ(FAX_JOB_PENDING, j.status);
	ASSERT_EQ(0, folders_set_clock(&self->env, 91 * USEC_PER_MIN, NULL));
	ASSERT_TRUE(wait_status(self->s, FAX_FOLDER_OUTGOING_QUEUE, ids[0],
				FAX_JOB_PENDING | FAX_JOB_NOLINE, 60, &j));
	fax_strv_free(ids);
}

TEST_F_TIMEOUT(queue, a_failed_attempt_is_retried_after_retry_delay_minutes, 300)
{
	const char *to[] = { "999" };
	char **ids = NULL;
	struct folders_job j;
	int64_t before = 0, after = 0;

	ASSERT_EQ(0, senders(self->s, false));
	ASSERT_LE(0, save_u32(self->bus, "RetryDelay", 2, "Retries", 1, NULL));
	ASSERT_EQ(0, folders_set_clock(&self->env, 0, &before));
	ASSERT_EQ(0, submit(self->s, to, 1, FAX_SCHEDULE_NOW, 0, &ids));
	ASSERT_TRUE(wait_status(self->s, FAX_FOLDER_OUTGOING_QUEUE, ids[0], FAX_JOB_RETRYING, 120,
				&j));
	ASSERT_EQ(0, folders_set_clock(&self->env, 0, &after));
	EXPECT_EQ(1, j.retries);
	EXPECT_LE(before + 2 * USEC_PER_MIN, j.scheduled_time);
	EXPECT_GE(after + 2 * USEC_PER_MIN, j.scheduled_time);
	/* Three minutes on, the retry has run and was the last. */
	ASSERT_EQ(0, folders_set_clock(&self->env, 3 * USEC_PER_MIN, NULL));
	ASSERT_TRUE(wait_status(self->s, FAX_FOLDER_OUTGOING_QUEUE, ids[0],
				FAX_JOB_RETRIES_EXCEEDED, 120, &j));
	EXPECT_EQ(FAX_JOBX_BAD_ADDRESS, j.ext);
	fax_strv_free(ids);
}

TEST_F_TIMEOUT(queue, the_jobs_of_a_broadcast_leave_the_queue_together, 600)
{
	const char *to[] = { "101", "999" };
	char **ids = NULL;
	struct folders_job a, b;

	ASSERT_EQ(0, senders(self->s, false));
	ASSERT_LE(0, save_u32(self->bus, "RetryDelay", 1, "Retries", 1, NULL));
	ASSERT_EQ(0, fax_server_listen_to_events(self->s, FAX_EVENTS_OUT_QUEUE |
						 FAX_EVENTS_OUT_ARCHIVE, seen_record, &self->seen,
						 NULL));
	ASSERT_EQ(0, submit(self->s, to, 2, FAX_SCHEDULE_NOW, 0, &ids));
	/* The fax to 101 is sent: in the archive, and still in the queue. */
	ASSERT_TRUE(wait_status(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, ids[0], FAX_JOB_COMPLETED,
				400, &a));
	EXPECT_EQ(FAX_FOLDER_OUTGOING_ARCHIVE, a.folder);
	ASSERT_TRUE(wait_status(self->s, FAX_FOLDER_OUTGOING_QUEUE, ids[1], FAX_JOB_RETRYING, 120,
				&b));
	ASSERT_EQ(0, folders_job(self->s, FAX_FOLDER_OUTGOING_QUEUE, ids[0], &a));
	EXPECT_EQ(FAX_JOB_COMPLETED, a.status);
	EXPECT_EQ(FAX_FOLDER_OUTGOING_QUEUE, a.folder);
	EXPECT_STREQ(a.submission_id, b.submission_id);
	EXPECT_EQ(2, folders_count(self->s, FAX_FOLDER_OUTGOING_QUEUE));
	EXPECT_EQ(1, folders_count(self->s, FAX_FOLDER_OUTGOING_ARCHIVE));
	ASSERT_TRUE(folders_wait(self->s, &self->seen, FAX_SERVER_EV_OUTGOING_MESSAGE_ADDED, 1));
	EXPECT_EQ(0, self->seen.count[FAX_SERVER_EV_OUTGOING_JOB_REMOVED]);
	/* The other one fails for good: the broadcast is over. */
	ASSERT_EQ(0, folders_set_clock(&self->env, 2 * USEC_PER_MIN, NULL));
	ASSERT_TRUE(wait_status(self->s, FAX_FOLDER_OUTGOING_QUEUE, ids[1],
				FAX_JOB_RETRIES_EXCEEDED, 120, &b));
	ASSERT_TRUE(folders_wait(self->s, &self->seen, FAX_SERVER_EV_OUTGOING_JOB_REMOVED, 1));
	EXPECT_EQ(-ENOENT, folders_job(self->s, FAX_FOLDER_OUTGOING_QUEUE, ids[0], &a));
	ASSERT_EQ(0, folders_job(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, ids[0], &a));
	EXPECT_EQ(FAX_FOLDER_OUTGOING_ARCHIVE, a.folder);
	/* The failed one stays, to be restarted or aged out. */
	EXPECT_EQ(1, folders_count(self->s, FAX_FOLDER_OUTGOING_QUEUE));
	EXPECT_EQ(1, self->seen.count[FAX_SERVER_EV_OUTGOING_JOB_REMOVED]);
	fax_strv_free(ids);
}

TEST_F_TIMEOUT(queue, a_cancelled_job_of_a_broadcast_stays_until_the_whole_broadcast_is_cancelled, 180)
{
	const char *to[] = { "101", "101" };
	struct fax_folder_config c;
	char **ids = NULL;
	struct folders_job j;

	ASSERT_EQ(0, fax_server_get_folder_config(self->s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL));
	c.paused = true;
	ASSERT_LE(0, fax_server_set_folder_config(self->s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL));
	ASSERT_EQ(0, fax_server_listen_to_events(self->s, FAX_EVENTS_OUT_QUEUE, seen_record,
						 &self->seen, NULL));
	ASSERT_EQ(0, submit(self->s, to, 2, FAX_SCHEDULE_NOW, 0, &ids));
	EXPECT_EQ(2, folders_spool_files(&self->env));
	ASSERT_EQ(0, fax_server_job_action(self->s, FAX_FOLDER_OUTGOING_QUEUE, ids[0],
					   FAX_JOB_CANCEL, NULL));
	ASSERT_EQ(0, folders_job(self->s, FAX_FOLDER_OUTGOING_QUEUE, ids[0], &j));
	EXPECT_EQ(FAX_JOB_CANCELED, j.status);
	EXPECT_EQ(2, folders_count(self->s, FAX_FOLDER_OUTGOING_QUEUE));
	EXPECT_EQ(2, folders_spool_files(&self->env));
	ASSERT_EQ(0, fax_server_job_action(self->s, FAX_FOLDER_OUTGOING_QUEUE, ids[1],
					   FAX_JOB_CANCEL, NULL));
	ASSERT_TRUE(folders_wait(self->s, &self->seen, FAX_SERVER_EV_OUTGOING_JOB_REMOVED, 2));
	EXPECT_EQ(0, folders_count(self->s, FAX_FOLDER_OUTGOING_QUEUE));
	EXPECT_EQ(0, folders_spool_files(&self->env));
	EXPECT_EQ(0, folders_count(self->s, FAX_FOLDER_OUTGOING_ARCHIVE));
	fax_strv_free(ids);
}

TEST_F_TIMEOUT(queue, queue_state_and_activity_are_announced_as_they_change, 180)
{
	const char *to[] = { "101", "101" };
	struct fax_folder_config c;
	struct fax_activity act;
	struct seen *seen = &self->seen;
	char **ids = NULL;
	int n;

	ASSERT_EQ(0, fax_server_listen_to_events(self->s, FAX_EVENTS_QUEUE_STATE |
						 FAX_EVENTS_ACTIVITY, seen_record, seen, NULL));
	ASSERT_EQ(0, fax_server_get_folder_config(self->s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL));
	c.paused = true;
	ASSERT_LE(0, fax_server_set_folder_config(self->s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL));
	ASSERT_TRUE(folders_wait(self->s, seen, FAX_SERVER_EV_QUEUES_STATUS_CHANGE, 1));
	EXPECT_TRUE(seen->last[FAX_SERVER_EV_QUEUES_STATUS_CHANGE].out_paused);
	EXPECT_FALSE(seen->last[FAX_SERVER_EV_QUEUES_STATUS_CHANGE].out_blocked);
	/* Saving the same state again announces nothing new. */
	ASSERT_LE(0, fax_server_set_folder_config(self->s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL));
	c.blocked = true;
	ASSERT_LE(0, fax_server_set_folder_config(self->s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL));
	ASSERT_TRUE(folders_wait(self->s, seen, FAX_SERVER_EV_QUEUES_STATUS_CHANGE, 2));
	EXPECT_TRUE(seen->last[FAX_SERVER_EV_QUEUES_STATUS_CHANGE].out_blocked);
	EXPECT_EQ(2, seen->count[FAX_SERVER_EV_QUEUES_STATUS_CHANGE]);
	/* Blocked: no submission. */
	EXPECT_GT(0, submit(self->s, to, 1, FAX_SCHEDULE_NOW, 0, &ids));
	ASSERT_EQ(0, fax_server_get_folder_config(self->s, FAX_FOLDER_INCOMING_QUEUE, &c, NULL));
	c.blocked = true;
	ASSERT_LE(0, fax_server_set_folder_config(self->s, FAX_FOLDER_INCOMING_QUEUE, &c, NULL));
	ASSERT_TRUE(folders_wait(self->s, seen, FAX_SERVER_EV_QUEUES_STATUS_CHANGE, 3));
	EXPECT_TRUE(seen->last[FAX_SERVER_EV_QUEUES_STATUS_CHANGE].in_blocked);
	ASSERT_EQ(0, fax_server_get_folder_config(self->s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL));
	c.blocked = false;
	ASSERT_LE(0, fax_server_set_folder_config(self->s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL));
	/* Two jobs wait in the paused queue: two queued messages. */
	n = seen->count[FAX_SERVER_EV_SERVER_ACTIVITY_CHANGE];
	ASSERT_EQ(0, submit(self->s, to, 2, FAX_SCHEDULE_NOW, 0, &ids));
	ASSERT_TRUE(folders_wait(self->s, seen, FAX_SERVER_EV_SERVER_ACTIVITY_CHANGE, n + 1));
	EXPECT_EQ(2, seen->last[FAX_SERVER_EV_SERVER_ACTIVITY_CHANGE].queued);
	ASSERT_EQ(0, fax_server_get_activity(self->s, &act, NULL));
	EXPECT_EQ(2, act.queued_messages);
	EXPECT_EQ(0, act.outgoing_messages);
	/* A cancelled job is no longer queued. */
	ASSERT_EQ(0, fax_server_job_action(self->s, FAX_FOLDER_OUTGOING_QUEUE, ids[0],
					   FAX_JOB_CANCEL, NULL));
	ASSERT_TRUE(folders_wait(self->s, seen, FAX_SERVER_EV_SERVER_ACTIVITY_CHANGE, n + 2));
	EXPECT_EQ(1, seen->last[FAX_SERVER_EV_SERVER_ACTIVITY_CHANGE].queued);
	fax_strv_free(ids);
}

TEST_HARNESS_MAIN
