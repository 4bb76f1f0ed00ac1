// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Controlling the outgoing queue over the loopback provider: loopback0
 * (number 100) sends, loopback1 (number 101) receives. A busy number is
 * retried and then delivered; a number that never answers fails after
 * the retries with no-answer; a job cancelled on the line ends cancelled
 * with no spool file left; a paused queue holds its jobs until resumed
 * while a paused job waits for its own resume; priorities order the
 * queue; a device in manual mode rings until AnswerCall takes the call.
 * Every delivered fax is compared page by page, pixel for pixel.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "env.h"
#include "folders.h"
#include "jobs.h"

FIXTURE(queue) {
	struct faxd_env env;
	fax_server_t *s;
	struct body body;
	char why[128];
};

FIXTURE_SETUP(queue)
{
	self->body.fd = -1;
	ASSERT_EQ(0, env_start(&self->env, NULL));
	self->s = env_connect(&self->env);
	ASSERT_NE(NULL, self->s);
	/* One sending device, so that the order of the queue shows. */
	ASSERT_EQ(0, device_set_sending(self->s, "loopback1", false));
}

FIXTURE_TEARDOWN(queue)
{
	body_close(&self->body);
	fax_server_free(self->s);
	env_stop(&self->env);
}

/* Test.Dial/Hangup: drive a loopback line as a person at a phone would. */
static int test_line(struct faxd_env *e, const char *method, uint32_t dev, const char *number)
{
	sd_bus_error err = SD_BUS_ERROR_NULL;
	sd_bus *bus = env_bus(e);
	int r;

	if (!bus)
		return -EIO;
	if (number)
		r = sd_bus_call_method(bus, FAX_BUS_NAME, FAX_BUS_PATH, FAX_BUS_IFACE_TEST, method,
				       &err, NULL, "us", dev, number);
	else
		r = sd_bus_call_method(bus, FAX_BUS_NAME, FAX_BUS_PATH, FAX_BUS_IFACE_TEST, method,
				       &err, NULL, "u", dev);
	if (r < 0)
		fprintf(stderr, "# Test.%s: %s\n", method, err.message);
	sd_bus_error_free(&err);
	sd_bus_flush_close_unref(bus);
	return r;
}

TEST_F_TIMEOUT(queue, a_busy_number_is_retried_and_then_delivered, 2 * JOBS_WAIT_S)
{
	uint32_t rx = device_id(self->s, "loopback1");
	fax_jobs_t *c;
	char id[64], in[64];
	int r;

	ASSERT_NE(0, rx);
	/* RetryDelay is in minutes: the test moves faxd's clock instead. */
	ASSERT_EQ(0, queue_retries(self->s, 5, 1));
	/* Someone on 101 is on the phone (to a number that does not exist). */
	ASSERT_LE(0, test_line(&self->env, "Dial", rx, "999"));
	ASSERT_EQ(0, body_make(&self->env, "busy", 2, &self->body));
	ASSERT_EQ(0, job_submit(self->s, &self->body, "101", FAX_PRIORITY_NORMAL, id, NULL));
	ASSERT_LE(0, job_wait(self->s, FAX_FOLDER_OUTGOING_QUEUE, id, FAX_JOB_RETRYING));
	c = job_get(self->s, FAX_FOLDER_OUTGOING_QUEUE, id, &r);
	ASSERT_NE(NULL, c);
	EXPECT_EQ(FAX_JOBX_BUSY, fax_jobs_item(c, 1)->extended_status_code);
	EXPECT_LE(1, fax_jobs_item(c, 1)->retries);
	fax_jobs_free(c);
	EXPECT_EQ(0, folders_count(self->s, FAX_FOLDER_INCOMING_ARCHIVE));
	/* The line is free again: the next retry goes through. */
	ASSERT_LE(0, test_line(&self->env, "Hangup", rx, NULL));
	ASSERT_EQ(0, folders_set_clock(&self->env, 61 * 1000000LL, NULL));
	ASSERT_LE(0, job_wait(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, id, 0));
	c = job_get(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, id, &r);
	ASSERT_NE(NULL, c);
	EXPECT_EQ(FAX_JOB_COMPLETED, fax_jobs_item(c, 1)->status);
	EXPECT_LE(1, fax_jobs_item(c, 1)->retries);
	EXPECT_GE(5, fax_jobs_item(c, 1)->retries);
	fax_jobs_free(c);
	ASSERT_EQ(1, folders_count(self->s, FAX_FOLDER_INCOMING_ARCHIVE));
	ASSERT_EQ(0, incoming_id(self->s, 0, in));
	EXPECT_EQ(2, pages_equal(self->s, &self->env, FAX_FOLDER_INCOMING_ARCHIVE, in, &self->body,
				 self->why, sizeof(self->why))) TH_LOG("%s", self->why);
}

TEST_F_TIMEOUT(queue, a_number_that_never_answers_fails_after_the_retries_with_no_answer,
	       2 * JOBS_WAIT_S)
{
	fax_devices_t *devs;
	fax_device_t *d;
	fax_jobs_t *c;
	char id[64];
	int64_t status;
	int r;

	/* 101 rings on and on: nobody answers there. */
	ASSERT_EQ(0, fax_server_get_devices(self->s, &devs, NULL));
	d = fax_devices_item_by_name(devs, "loopback1");
	ASSERT_EQ(0, fax_device_set_receive_mode(d, FAX_RECEIVE_NO_ANSWER));
	ASSERT_EQ(0, fax_device_save(d, NULL));
	fax_devices_free(devs);
	ASSERT_EQ(0, queue_retries(self->s, 1, 0));
	ASSERT_EQ(0, body_make(&self->env, "unanswered", 1, &self->body));
	ASSERT_EQ(0, job_submit(self->s, &self->body, "101", FAX_PRIORITY_NORMAL, id, NULL));
	status = job_wait(self->s, FAX_FOLDER_OUTGOING_QUEUE, id,
			  FAX_JOB_RETRIES_EXCEEDED | FAX_JOB_COMPLETED | FAX_JOB_FAILED);
	ASSERT_EQ(FAX_JOB_RETRIES_EXCEEDED, status);
	c = job_get(self->s, FAX_FOLDER_OUTGOING_QUEUE, id, &r);
	ASSERT_NE(NULL, c);
	EXPECT_EQ(FAX_JOBX_NO_ANSWER, fax_jobs_item(c, 1)->extended_status_code);
	EXPECT_EQ(1, fax_jobs_item(c, 1)->retries);
	EXPECT_TRUE(fax_jobs_item(c, 1)->available_operations & FAX_JOB_OP_RESTART);
	fax_jobs_free(c);
	EXPECT_EQ(0, folders_count(self->s, FAX_FOLDER_OUTGOING_ARCHIVE));
	EXPECT_EQ(0, folders_count(self->s, FAX_FOLDER_INCOMING_ARCHIVE));
}

/* What the outgoing queue's events said about one job. */
struct watch {
	char id[64];
	bool cancelled, removed;
};

static void on_event(fax_server_t *s, const struct fax_server_event *ev, void *userdata)
{
	struct watch *w = userdata;

	(void)s;
	if (!ev->id || strcmp(ev->id, w->id))
		return;
	if (ev->type == FAX_SERVER_EV_OUTGOING_JOB_CHANGED && ev->job &&
	    ev->job->status == FAX_JOB_CANCELED)
		w->cancelled = true;
	if (ev->type == FAX_SERVER_EV_OUTGOING_JOB_REMOVED)
		w->removed = true;
}

TEST_F_TIMEOUT(queue, a_job_cancelled_on_the_line_ends_cancelled_and_leaves_no_file, 2 * JOBS_WAIT_S)
{
	struct watch w = { .cancelled = false };
	fax_jobs_t *c;
	char id[64], in[64];
	int64_t status;
	int r, n_in;

	ASSERT_EQ(0, fax_server_listen_to_events(self->s, FAX_EVENTS_OUT_QUEUE, on_event, &w, NULL));
	ASSERT_EQ(0, body_make(&self->env, "cancel", 4, &self->body));
	ASSERT_EQ(0, job_submit(self->s, &self->body, "101", FAX_PRIORITY_NORMAL, id, NULL));
	snprintf(w.id, sizeof(w.id), "%s", id);
	ASSERT_EQ(0, job_wait_page(self->s, id, 2));
	ASSERT_EQ(0, fax_server_job_action(self->s, FAX_FOLDER_OUTGOING_QUEUE, id, FAX_JOB_CANCEL,
					   NULL));
	/* Cancelling: the call is aborted and the job ends cancelled. */
	for (int i = 0; i < JOBS_WAIT_S * 20; i++) {
		status = job_status(self->s, id);
		if (status < 0 || (status & FAX_JOB_CANCELED))
			break;
		EXPECT_EQ(FAX_JOB_CANCELING, status);
		usleep(50000);
	}
	/* Cancelled, or already gone from the queue as a cancelled job that
	 * is not part of a broadcast may be; never sent. */
	EXPECT_TRUE(status == -ENOENT || status == FAX_JOB_CANCELED) TH_LOG("status %lld",
									   (long long)status);
	/* Its last change said cancelled, and it left only if it is gone. */
	for (int i = 0; i < 100 && !(w.cancelled && w.removed == (status == -ENOENT)); i++)
		if (fax_server_process(self->s) <= 0)
			fax_server_wait(self->s, 100000);
	EXPECT_TRUE(w.cancelled);
	EXPECT_EQ(status == -ENOENT, w.removed);
	c = job_get(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, id, &r);
	EXPECT_EQ(NULL, c);
	fax_jobs_free(c);
	/* The far end keeps what it got, marked partial, or nothing, once
	 * its session has noticed the hangup (on a loaded machine that can
	 * take until a T.30 timer of its own). */
	for (int i = 0; i < JOBS_WAIT_S * 10 && folders_count(self->s, FAX_FOLDER_INCOMING_QUEUE); i++)
		usleep(100000);
	ASSERT_EQ(0, folders_count(self->s, FAX_FOLDER_INCOMING_QUEUE));
	n_in = folders_count(self->s, FAX_FOLDER_INCOMING_ARCHIVE);
	ASSERT_LE(0, n_in);
	ASSERT_GE(1, n_in);
	if (n_in == 1) {
		ASSERT_EQ(0, incoming_id(self->s, 0, in));
		c = job_get(self->s, FAX_FOLDER_INCOMING_ARCHIVE, in, &r);
		ASSERT_NE(NULL, c);
		EXPECT_TRUE(fax_jobs_item(c, 1)->partially_received);
		EXPECT_GT(4, fax_jobs_item(c, 1)->pages);
		fax_jobs_free(c);
	}
	/* Every spool file belongs to a record that is still listed. */
	EXPECT_EQ(n_in + (status == FAX_JOB_CANCELED), folders_spool_files(&self->env));
	/* The line is free: the next fax (one page of it) goes. */
	body_close(&self->body);
	ASSERT_EQ(0, body_make(&self->env, "next", 1, &self->body));
	ASSERT_EQ(0, job_submit(self->s, &self->body, "101", FAX_PRIORITY_NORMAL, id, NULL));
	EXPECT_LE(0, job_wait(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, id, FAX_JOB_COMPLETED));
}

TEST_F_TIMEOUT(queue, a_paused_queue_holds_its_jobs_and_a_paused_job_its_own, 2 * JOBS_WAIT_S)
{
	fax_devices_t *devs;
	char a[64], b[64];

	ASSERT_EQ(0, queue_pause(self->s, true));
	ASSERT_EQ(0, body_make(&self->env, "paused", 1, &self->body));
	ASSERT_EQ(0, job_submit(self->s, &self->body, "101", FAX_PRIORITY_NORMAL, a, NULL));
	ASSERT_EQ(0, job_submit(self->s, &self->body, "101", FAX_PRIORITY_NORMAL, b, NULL));
	ASSERT_EQ(0, fax_server_job_action(self->s, FAX_FOLDER_OUTGOING_QUEUE, a, FAX_JOB_PAUSE,
					   NULL));
	/* Held: long enough for a call to have started at this line speed. */
	sleep(2);
	EXPECT_EQ(FAX_JOB_PENDING | FAX_JOB_PAUSED, job_status(self->s, a));
	EXPECT_EQ(FAX_JOB_PENDING, job_status(self->s, b));
	ASSERT_EQ(0, fax_server_get_devices(self->s, &devs, NULL));
	EXPECT_FALSE(fax_device_get_sending_now(fax_devices_item_by_name(devs, "loopback0")));
	fax_devices_free(devs);
	EXPECT_EQ(0, folders_count(self->s, FAX_FOLDER_INCOMING_QUEUE));
	/* The queue goes on: b is sent, a keeps waiting for its own resume. */
	ASSERT_EQ(0, queue_pause(self->s, false));
	ASSERT_LE(0, job_wait(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, b, FAX_JOB_COMPLETED));
	EXPECT_EQ(FAX_JOB_PENDING | FAX_JOB_PAUSED, job_status(self->s, a));
	EXPECT_EQ(1, folders_count(self->s, FAX_FOLDER_INCOMING_ARCHIVE));
	ASSERT_EQ(0, fax_server_job_action(self->s, FAX_FOLDER_OUTGOING_QUEUE, a, FAX_JOB_RESUME,
					   NULL));
	ASSERT_LE(0, job_wait(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, a, FAX_JOB_COMPLETED));
	EXPECT_EQ(2, folders_count(self->s, FAX_FOLDER_INCOMING_ARCHIVE));
}

TEST_F_TIMEOUT(queue, high_priority_jobs_go_before_earlier_normal_and_low_ones, 3 * JOBS_WAIT_S)
{
	static const uint32_t prio[] = { FAX_PRIORITY_LOW, FAX_PRIORITY_NORMAL, FAX_PRIORITY_HIGH,
					 FAX_PRIORITY_NORMAL };
	/* Expected order of sending: high, then the normal ones by age, low. */
	static const int order[] = { 2, 1, 3, 0 };
	char id[4][64];
	int64_t start[4];

	ASSERT_EQ(0, queue_pause(self->s, true));
	ASSERT_EQ(0, body_make(&self->env, "prio", 1, &self->body));
	for (int i = 0; i < 4; i++) {
		ASSERT_EQ(0, job_submit(self->s, &self->body, "101", prio[i], id[i], NULL));
		usleep(10000);	/* distinct submission times */
	}
	ASSERT_EQ(0, queue_pause(self->s, false));
	for (int i = 0; i < 4; i++) {
		fax_jobs_t *c;
		int r;

		ASSERT_LE(0, job_wait(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, id[i], FAX_JOB_COMPLETED));
		c = job_get(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, id[i], &r);
		ASSERT_NE(NULL, c);
		start[i] = fax_jobs_item(c, 1)->transmission_start;
		EXPECT_EQ(prio[i], fax_jobs_item(c, 1)->priority);
		fax_jobs_free(c);
	}
	for (int k = 1; k < 4; k++) {
		EXPECT_LT(start[order[k - 1]], start[order[k]]) TH_LOG("job %d went before job %d",
								       order[k], order[k - 1]);
	}
}

static bool wait_ringing(fax_device_t *d)
{
	for (int i = 0; i < JOBS_WAIT_S * 20; i++) {
		if (fax_device_refresh(d, NULL) < 0)
			return false;
		if (fax_device_get_ringing_now(d))
			return true;
		usleep(50000);
	}
	return false;
}

TEST_F_TIMEOUT(queue, a_manual_device_rings_until_answer_call_takes_the_fax, 2 * JOBS_WAIT_S)
{
	fax_devices_t *devs;
	fax_device_t *d;
	fax_jobs_t *c;
	char id[64], in[64];
	int r, answers = 0;

	ASSERT_EQ(0, fax_server_get_devices(self->s, &devs, NULL));
	d = fax_devices_item_by_name(devs, "loopback1");
	ASSERT_EQ(0, fax_device_set_receive_mode(d, FAX_RECEIVE_MANUAL_ANSWER));
	ASSERT_EQ(0, fax_device_save(d, NULL));
	/* Nothing rings: nothing to answer. */
	EXPECT_EQ(-EBUSY, fax_device_answer_call(d, NULL));
	/* A caller that gives up before we answer tries again at once. */
	ASSERT_EQ(0, queue_retries(self->s, 5, 0));
	ASSERT_EQ(0, body_make(&self->env, "manual", 2, &self->body));
	ASSERT_EQ(0, job_submit(self->s, &self->body, "101", FAX_PRIORITY_NORMAL, id, NULL));
	ASSERT_TRUE(wait_ringing(d));
	/* It rings on past ring 2 (6 s of line time apart), where an
	 * automatic device would answer: a manual one never does. */
	usleep(8000000 / env_speed());
	EXPECT_EQ(0, folders_count(self->s, FAX_FOLDER_INCOMING_QUEUE));
	EXPECT_EQ(0, folders_count(self->s, FAX_FOLDER_INCOMING_ARCHIVE));
	do {
		ASSERT_TRUE(wait_ringing(d));
		r = fax_device_answer_call(d, NULL);
	} while (r == -EBUSY && ++answers < 5);
	ASSERT_EQ(0, r);
	ASSERT_LE(0, job_wait(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, id, FAX_JOB_COMPLETED));
	ASSERT_EQ(1, folders_count(self->s, FAX_FOLDER_INCOMING_ARCHIVE));
	ASSERT_EQ(0, incoming_id(self->s, 0, in));
	c = job_get(self->s, FAX_FOLDER_INCOMING_ARCHIVE, in, &r);
	ASSERT_NE(NULL, c);
	EXPECT_EQ(fax_device_get_id(d), fax_jobs_item(c, 1)->device_id);
	EXPECT_FALSE(fax_jobs_item(c, 1)->partially_received);
	EXPECT_STREQ("100", fax_jobs_item(c, 1)->caller_id);
	fax_jobs_free(c);
	EXPECT_EQ(2, pages_equal(self->s, &self->env, FAX_FOLDER_INCOMING_ARCHIVE, in, &self->body,
				 self->why, sizeof(self->why))) TH_LOG("%s", self->why);
	fax_devices_free(devs);
}

TEST_HARNESS_MAIN
