// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The queues over the loopback provider: a fax submitted through the bus
 * is sent from loopback0 (number 100) to loopback1 (number 101), which
 * answers automatically; the sent message lands in the outgoing archive,
 * the received one in the incoming archive with the same pages, pixel
 * for pixel, and their TIFFs come back through CopyTiff. Also: bad bodies
 * and bad numbers are refused, a paused queue holds, a broadcast sends
 * one job per recipient, an unreachable number fails after its retries,
 * a SIGKILL mid-transfer loses nothing. More in queue_control_test.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <systemd/sd-bus.h>

#include "harness.h"
#include "env.h"
#include "fixture.h"
#include "../libfax/helpers.h"

/* A @pages-page fax-shaped TIFF in a memfd. */
static int make_body(int pages)
{
	struct bitmap bm = { .width = 1728, .length = 200, .stride = 216 };
	struct test_page pv[8];
	char path[64];
	int fd, out;
	char buf[65536];
	ssize_t n;

	bm.bits = calloc(bm.length, bm.stride);
	for (uint32_t y = 0; y < bm.length; y += 4)
		memset(bm.bits + y * bm.stride + 20, 0xf0, 100);
	for (int i = 0; i < pages; i++)
		pv[i] = (struct test_page){ &bm, 204, 98 };
	snprintf(path, sizeof(path), "/tmp/faxd-body-%d.tif", getpid());
	if (write_pages_tiff(path, pv, pages, CODING_MMR) < 0)
		return -1;
	free(bm.bits);
	fd = open(path, O_RDONLY);
	out = memfd_create("body", MFD_CLOEXEC);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			return -1;
	close(fd);
	unlink(path);
	return out;
}

static int submit(sd_bus *bus, int fd, const char *number, sd_bus_error *e, char *id,
		  size_t size)
{
	sd_bus_message *m = NULL, *reply = NULL;
	const char *sub, *first = NULL;
	int r;

	r = sd_bus_message_new_method_call(bus, &m, FAX_BUS_NAME, FAX_BUS_PATH_OUTGOING_QUEUE,
					   FAX_BUS_IFACE_QUEUE, "Submit");
	if (r >= 0)
		r = sd_bus_message_append(m, "ha{sv}", fd, 2, "Subject", "s", "test",
					  "Priority", "u", 1);
	if (r >= 0)
		r = sd_bus_message_append(m, "as", 1, number);
	if (r >= 0)
		r = sd_bus_message_append(m, "as", 0);
	if (r >= 0)
		r = sd_bus_call(bus, m, 30 * 1000000, e, &reply);
	if (r >= 0)
		r = sd_bus_message_read(reply, "s", &sub);
	if (r >= 0)
		r = sd_bus_message_enter_container(reply, 'a', "s");
	if (r >= 0)
		r = sd_bus_message_read(reply, "s", &first);
	if (r >= 0 && id)
		snprintf(id, size, "%s", first);
	sd_bus_message_unref(m);
	sd_bus_message_unref(reply);
	return r;
}

/* Property @name (type u) of the first record of a GetJob/GetMessage-style answer. */
static int get_u32(sd_bus *bus, const char *path, const char *iface, const char *method,
		   const char *id, const char *name, uint32_t *ret)
{
	sd_bus_message *reply = NULL;
	int r, found = -ENOENT;

	r = sd_bus_call_method(bus, FAX_BUS_NAME, path, iface, method, NULL, &reply, "s", id);
	if (r < 0)
		return r;
	r = sd_bus_message_enter_container(reply, 'a', "a{sv}");
	if (r > 0)
		r = sd_bus_message_enter_container(reply, 'a', "{sv}");
	while (r > 0 && (r = sd_bus_message_enter_container(reply, 'e', "sv")) > 0) {
		const char *k, *sig;

		sd_bus_message_read(reply, "s", &k);
		sd_bus_message_peek_type(reply, NULL, &sig);
		if (!strcmp(k, name) && !strcmp(sig, "u")) {
			sd_bus_message_read(reply, "v", "u", ret);
			found = 0;
		} else {
			sd_bus_message_skip(reply, "v");
		}
		sd_bus_message_exit_container(reply);
	}
	sd_bus_message_unref(reply);
	return r < 0 ? r : found;
}

static int count_messages(sd_bus *bus, const char *path)
{
	sd_bus_message *reply = NULL;
	int n = 0, r;

	r = sd_bus_call_method(bus, FAX_BUS_NAME, path, FAX_BUS_IFACE_ARCHIVE, "GetMessages", NULL,
			       &reply, "su", "", 100);
	if (r < 0)
		return r;
	sd_bus_message_enter_container(reply, 'a', "a{sv}");
	while (sd_bus_message_skip(reply, "a{sv}") > 0)
		n++;
	sd_bus_message_unref(reply);
	return n;
}

/* Wait (at most @secs) until the outgoing archive holds @id. */
static int wait_sent(sd_bus *bus, const char *id, int secs)
{
	uint32_t v;

	for (int i = 0; i < secs * 10; i++) {
		if (get_u32(bus, FAX_BUS_PATH_OUTGOING_ARCHIVE, FAX_BUS_IFACE_ARCHIVE, "GetMessage",
			    id, "Pages", &v) == 0)
			return 0;
		usleep(100000);
	}
	return -ETIMEDOUT;
}

TEST_F_TIMEOUT(server, a_submitted_fax_is_sent_received_and_archived, 300)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus *bus = env_bus(&self->env);
	sd_bus_message *reply = NULL;
	char id[64];
	uint32_t pages = 0, status = 0, in_pages = 0;
	const char *in_id = NULL;
	int fd = make_body(2);

	ASSERT_LE(0, fd);
	ASSERT_LE(0, submit(bus, fd, "101", &e, id, sizeof(id))) TH_LOG("%s", e.message);
	ASSERT_EQ(0, get_u32(bus, FAX_BUS_PATH_OUTGOING_QUEUE, FAX_BUS_IFACE_QUEUE, "GetJob", id,
			     "Pages", &pages));
	EXPECT_EQ(2, pages);
	ASSERT_EQ(0, wait_sent(bus, id, 240));
	ASSERT_EQ(0, get_u32(bus, FAX_BUS_PATH_OUTGOING_ARCHIVE, FAX_BUS_IFACE_ARCHIVE,
			     "GetMessage", id, "Status", &status));
	EXPECT_EQ(FAX_JOB_COMPLETED, status);
	/* The job left the queue. */
	EXPECT_GT(0, get_u32(bus, FAX_BUS_PATH_OUTGOING_QUEUE, FAX_BUS_IFACE_QUEUE, "GetJob", id,
			     "Pages", &pages));
	/* One message arrived with every page. */
	ASSERT_EQ(1, count_messages(bus, FAX_BUS_PATH_INCOMING_ARCHIVE));
	ASSERT_LE(0, sd_bus_call_method(bus, FAX_BUS_NAME, FAX_BUS_PATH_INCOMING_ARCHIVE,
					FAX_BUS_IFACE_ARCHIVE, "GetMessages", NULL, &reply, "su", "", 10));
	ASSERT_LT(0, sd_bus_message_enter_container(reply, 'a', "a{sv}"));
	ASSERT_LT(0, sd_bus_message_enter_container(reply, 'a', "{sv}"));
	while (sd_bus_message_enter_container(reply, 'e', "sv") > 0) {
		const char *k;

		sd_bus_message_read(reply, "s", &k);
		if (!strcmp(k, "Id"))
			sd_bus_message_read(reply, "v", "s", &in_id);
		else if (!strcmp(k, "Pages"))
			sd_bus_message_read(reply, "v", "u", &in_pages);
		else
			sd_bus_message_skip(reply, "v");
		sd_bus_message_exit_container(reply);
	}
	EXPECT_EQ(2, in_pages);
	ASSERT_NE(NULL, in_id);
	{
		int out = memfd_create("copy", MFD_CLOEXEC);
		char path[64], sent[64], why[128];

		ASSERT_LE(0, sd_bus_call_method(bus, FAX_BUS_NAME, FAX_BUS_PATH_INCOMING_ARCHIVE,
						FAX_BUS_IFACE_ARCHIVE, "CopyTiff", NULL, NULL, "sh",
						in_id, out));
		snprintf(path, sizeof(path), "/proc/self/fd/%d", out);
		EXPECT_EQ(2, fax_document_count_pages(path, NULL));
		/* What arrived is what was sent, pixel for pixel. */
		snprintf(sent, sizeof(sent), "/proc/self/fd/%d", fd);
		EXPECT_EQ(2, compare_tiffs(sent, path, why, sizeof(why))) TH_LOG("%s", why);
		close(out);
	}
	sd_bus_message_unref(reply);
	close(fd);
}

TEST_F(server, bodies_and_numbers_that_cannot_be_faxed_are_refused)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus *bus = env_bus(&self->env);
	int junk = memfd_create("junk", MFD_CLOEXEC);
	int fd = make_body(1);

	ASSERT_EQ(5, write(junk, "hello", 5));
	EXPECT_GT(0, submit(bus, junk, "101", &e, NULL, 0));
	EXPECT_NE(NULL, strstr(e.message, "cannot be faxed")) TH_LOG("%s", e.message);
	sd_bus_error_free(&e);
	EXPECT_GT(0, submit(bus, fd, "not a number", &e, NULL, 0));
	EXPECT_TRUE(sd_bus_error_has_name(&e, SD_BUS_ERROR_INVALID_ARGS));
	sd_bus_error_free(&e);
	close(junk);
	close(fd);
}

TEST_F_TIMEOUT(server, a_paused_job_stays_until_resumed_and_a_cancelled_one_never_goes, 300)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus *bus = env_bus(&self->env);
	char id[64], id2[64];
	uint32_t status = 0, ops = 0;
	int fd = make_body(1);

	/* Pause the queue first so that the jobs wait for us. */
	ASSERT_LE(0, sd_bus_call_method(bus, FAX_BUS_NAME, FAX_BUS_PATH_OUTGOING_QUEUE,
					FAX_BUS_IFACE_QUEUE, "Save", &e, NULL, "a{sv}", 1, "Paused",
					"b", 1)) TH_LOG("%s", e.message);
	ASSERT_LE(0, submit(bus, fd, "101", &e, id, sizeof(id)));
	ASSERT_LE(0, submit(bus, fd, "101", &e, id2, sizeof(id2)));
	ASSERT_EQ(0, get_u32(bus, FAX_BUS_PATH_OUTGOING_QUEUE, FAX_BUS_IFACE_QUEUE, "GetJob", id,
			     "AvailableOperations", &ops));
	EXPECT_TRUE(ops & FAX_JOB_OP_PAUSE);
	EXPECT_FALSE(ops & FAX_JOB_OP_RESUME);
	ASSERT_LE(0, sd_bus_call_method(bus, FAX_BUS_NAME, FAX_BUS_PATH_OUTGOING_QUEUE,
					FAX_BUS_IFACE_QUEUE, "Pause", NULL, NULL, "s", id));
	ASSERT_EQ(0, get_u32(bus, FAX_BUS_PATH_OUTGOING_QUEUE, FAX_BUS_IFACE_QUEUE, "GetJob", id,
			     "Status", &status));
	EXPECT_EQ(FAX_JOB_PENDING | FAX_JOB_PAUSED, status);
	/* Pausing twice is not offered. */
	EXPECT_GT(0, sd_bus_call_method(bus, FAX_BUS_NAME, FAX_BUS_PATH_OUTGOING_QUEUE,
					FAX_BUS_IFACE_QUEUE, "Pause", &e, NULL, "s", id));
	EXPECT_TRUE(sd_bus_error_has_name(&e, FAX_BUS_ERROR_INVALID_STATE));
	sd_bus_error_free(&e);
	ASSERT_LE(0, sd_bus_call_method(bus, FAX_BUS_NAME, FAX_BUS_PATH_OUTGOING_QUEUE,
					FAX_BUS_IFACE_QUEUE, "Cancel", NULL, NULL, "s", id2));
	/* A cancelled job that is not part of a broadcast leaves the queue. */
	EXPECT_GT(0, get_u32(bus, FAX_BUS_PATH_OUTGOING_QUEUE, FAX_BUS_IFACE_QUEUE, "GetJob", id2,
			     "Status", &status));
	/* Unpause the queue: the paused job still waits. */
	ASSERT_LE(0, sd_bus_call_method(bus, FAX_BUS_NAME, FAX_BUS_PATH_OUTGOING_QUEUE,
					FAX_BUS_IFACE_QUEUE, "Save", NULL, NULL, "a{sv}", 1, "Paused",
					"b", 0));
	usleep(300000);
	ASSERT_EQ(0, get_u32(bus, FAX_BUS_PATH_OUTGOING_QUEUE, FAX_BUS_IFACE_QUEUE, "GetJob", id,
			     "Status", &status));
	EXPECT_EQ(FAX_JOB_PENDING | FAX_JOB_PAUSED, status);
	ASSERT_LE(0, sd_bus_call_method(bus, FAX_BUS_NAME, FAX_BUS_PATH_OUTGOING_QUEUE,
					FAX_BUS_IFACE_QUEUE, "Resume", NULL, NULL, "s", id));
	ASSERT_EQ(0, wait_sent(bus, id, 240));
	EXPECT_EQ(1, count_messages(bus, FAX_BUS_PATH_OUTGOING_ARCHIVE));
	close(fd);
}

/* Messages in archive @folder through the client's iterator (prefetch 1,
 * so every step is a request with a cursor). */
static int iterate(fax_server_t *s, uint32_t folder, char sub[][32], int max)
{
	fax_message_iterator_t *it;
	int n = 0;

	if (fax_server_get_messages(s, folder, 1, &it, NULL) < 0)
		return -1;
	while (!fax_message_iterator_at_eof(it)) {
		if (n < max)
			snprintf(sub[n], 32, "%s", fax_message_iterator_message(it)->submission_id);
		n++;
		if (fax_message_iterator_move_next(it, NULL) < 0)
			break;
	}
	if (fax_message_iterator_move_next(it, NULL) != -ENODATA)
		n = -1;		/* MoveNext at EOF must fail */
	fax_message_iterator_free(it);
	return n;
}

TEST_F_TIMEOUT(server, a_broadcast_through_the_client_api_sends_one_job_per_recipient, 400)
{
	fax_server_t *s = env_connect(&self->env);
	const char *to[] = { "101", "101" };
	struct fax_document doc = { .size = sizeof(doc), .recipients = to, .n_recipients = 2,
				    .subject = "broadcast", .priority = FAX_PRIORITY_NORMAL };
	fax_devices_t *c;
	fax_jobs_t *jobs;
	char *sub = NULL, **ids = NULL, subs[4][32];
	int n = 0;

	/* Only loopback0 sends; loopback1 answers. */
	ASSERT_EQ(0, fax_server_get_devices(s, &c, NULL));
	fax_device_set_send_enabled(fax_devices_item_by_name(c, "loopback1"), false);
	ASSERT_EQ(0, fax_device_save(fax_devices_item_by_name(c, "loopback1"), NULL));
	fax_devices_free(c);
	doc.body_fd = make_body(1);
	ASSERT_EQ(0, fax_server_submit(s, &doc, &sub, &ids, NULL));
	ASSERT_NE(NULL, ids[0]);
	ASSERT_NE(NULL, ids[1]);
	EXPECT_EQ(NULL, ids[2]);
	EXPECT_STRNE(ids[0], ids[1]);
	ASSERT_EQ(0, fax_server_get_jobs(s, FAX_FOLDER_OUTGOING_QUEUE, &jobs, NULL));
	EXPECT_EQ(2, fax_jobs_count(jobs));
	EXPECT_STREQ(sub, fax_jobs_item(jobs, 1)->submission_id);
	EXPECT_STREQ("broadcast", fax_jobs_item(jobs, 2)->subject);
	EXPECT_EQ(NULL, fax_jobs_item(jobs, 3));
	fax_jobs_free(jobs);
	for (int i = 0; i < 3000 && n < 2; i++) {
		usleep(100000);
		n = iterate(s, FAX_FOLDER_OUTGOING_ARCHIVE, subs, 4);
	}
	ASSERT_EQ(2, n);
	EXPECT_STREQ(sub, subs[0]);
	EXPECT_STREQ(sub, subs[1]);
	EXPECT_EQ(2, iterate(s, FAX_FOLDER_INCOMING_ARCHIVE, subs, 4));
	free(sub);
	fax_strv_free(ids);
	close(doc.body_fd);
	fax_server_free(s);
}

TEST_F_TIMEOUT(server, a_number_that_does_not_exist_fails_after_the_retries, 120)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus *bus = env_bus(&self->env);
	char id[64];
	uint32_t status = 0, ext = 0, retries = 0, ops = 0;
	int fd = make_body(1);

	ASSERT_LE(0, sd_bus_call_method(bus, FAX_BUS_NAME, FAX_BUS_PATH_OUTGOING_QUEUE,
					FAX_BUS_IFACE_QUEUE, "Save", &e, NULL, "a{sv}", 2, "Retries",
					"u", 1, "RetryDelay", "u", 0)) TH_LOG("%s", e.message);
	ASSERT_LE(0, submit(bus, fd, "999", &e, id, sizeof(id)));
	for (int i = 0; i < 600 && status != FAX_JOB_RETRIES_EXCEEDED; i++) {
		usleep(100000);
		get_u32(bus, FAX_BUS_PATH_OUTGOING_QUEUE, FAX_BUS_IFACE_QUEUE, "GetJob", id, "Status",
			&status);
	}
	ASSERT_EQ(FAX_JOB_RETRIES_EXCEEDED, status);
	ASSERT_EQ(0, get_u32(bus, FAX_BUS_PATH_OUTGOING_QUEUE, FAX_BUS_IFACE_QUEUE, "GetJob", id,
			     "ExtendedStatusCode", &ext));
	EXPECT_EQ(FAX_JOBX_BAD_ADDRESS, ext);
	ASSERT_EQ(0, get_u32(bus, FAX_BUS_PATH_OUTGOING_QUEUE, FAX_BUS_IFACE_QUEUE, "GetJob", id,
			     "Retries", &retries));
	EXPECT_EQ(1, retries);
	ASSERT_EQ(0, get_u32(bus, FAX_BUS_PATH_OUTGOING_QUEUE, FAX_BUS_IFACE_QUEUE, "GetJob", id,
			     "AvailableOperations", &ops));
	EXPECT_TRUE(ops & FAX_JOB_OP_RESTART);
	EXPECT_FALSE(ops & FAX_JOB_OP_PAUSE);
	EXPECT_EQ(0, count_messages(bus, FAX_BUS_PATH_OUTGOING_ARCHIVE));
	close(fd);
}

/* Files in the spool of the test server. */
static int spool_files(struct faxd_env *e)
{
	char cmd[256], buf[32] = "";
	FILE *f;

	snprintf(cmd, sizeof(cmd), "ls -A %s/state/spool | wc -l", e->dir);
	f = popen(cmd, "r");
	if (!f || !fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	if (f)
		pclose(f);
	return atoi(buf);
}

TEST_F_TIMEOUT(server, a_kill_during_a_transfer_loses_nothing_and_sends_once, 400)
{
	sd_bus_error e = SD_BUS_ERROR_NULL;
	sd_bus *bus = env_bus(&self->env);
	char id[64];
	uint32_t status = 0, page = 0;
	int fd = make_body(3), rows;

	ASSERT_LE(0, submit(bus, fd, "101", &e, id, sizeof(id))) TH_LOG("%s", e.message);
	/* Wait until the fax is on the line, past its first page. */
	for (int i = 0; i < 1200 && page < 2; i++) {
		usleep(100000);
		get_u32(bus, FAX_BUS_PATH_OUTGOING_QUEUE, FAX_BUS_IFACE_QUEUE, "GetJob", id,
			"CurrentPage", &page);
	}
	ASSERT_LE(2, page);
	sd_bus_flush_close_unref(bus);
	env_kill_faxd(&self->env);
	ASSERT_EQ(0, env_start_faxd(&self->env));
	bus = env_bus(&self->env);
	ASSERT_EQ(0, get_u32(bus, FAX_BUS_PATH_OUTGOING_QUEUE, FAX_BUS_IFACE_QUEUE, "GetJob", id,
			     "Status", &status));
	EXPECT_TRUE(status & (FAX_JOB_PENDING | FAX_JOB_INPROGRESS)) TH_LOG("status 0x%x", status);
	ASSERT_EQ(0, wait_sent(bus, id, 300));
	EXPECT_EQ(1, count_messages(bus, FAX_BUS_PATH_OUTGOING_ARCHIVE));
	/* Every spool file belongs to a record: the sent message, the
	 * received one, and a partial reception if pages had arrived. */
	rows = count_messages(bus, FAX_BUS_PATH_OUTGOING_ARCHIVE) +
	       count_messages(bus, FAX_BUS_PATH_INCOMING_ARCHIVE);
	EXPECT_LE(1, count_messages(bus, FAX_BUS_PATH_INCOMING_ARCHIVE));	/* the complete one */
	EXPECT_EQ(rows, spool_files(&self->env));
	close(fd);
}

TEST_HARNESS_MAIN
