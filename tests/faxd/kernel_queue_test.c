// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * In the VM: faxd's queues, jobs and archives end to end over fax_sim
 * through the kernel provider (issue #7). One card of LINES lines: line 0
 * sends, lines 1-3 answer automatically on the first ring, lines 4-5 do
 * neither until a case configures them. Each case submits 1-page faxes
 * through the bus and asserts what a user would check: the job's status
 * and extended status, the rows of the archives, the received pixels
 * (CopyTiff against the sent page), the files of the spool.
 *
 * fax_sim's clock runs CLOCK_MULT times faster than real time to keep the
 * program short; timing is never asserted, the bounds only stop a hung
 * case.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The kernel's enum fax_line_state has the name of fax/line.h's. */
#define fax_line_state fax_uapi_line_state
#include "../kselftest/lib/faxsim.h"
#undef fax_line_state
#include "../libfax/helpers.h"
#include "env.h"
#include "harness.h"

#define LINES		6
#define CLOCK_MULT	"2"
#define POLL_US		100000
#define WAIT_S		180	/* bound of every wait: only a hung case hits it */
#define TSID_A		"+49 30 1111"

FIXTURE(kq) {
	struct faxd_env env;
	fax_server_t *s;
	unsigned int card;
	struct fax_info info[LINES];
	uint32_t dev[LINES];
	char dir[256], page[300], long_page[300];
	char mnt[128];			/* a file system mounted by the case */
};

/* The kernel provider's devices of our lines, found by their /dev name. */
static int find_devices(fax_server_t *s, const struct fax_info *info, uint32_t *dev, int n)
{
	fax_devices_t *c;
	int found = 0;

	if (fax_server_get_devices(s, &c, NULL) < 0)
		return 0;
	for (int i = 0; i < n; i++) {
		char name[32];
		fax_device_t *d;

		snprintf(name, sizeof(name), "fax%u", info[i].minor);
		d = fax_devices_item_by_name(c, name);
		dev[i] = d && !strcmp(fax_device_get_provider_unique_name(d), "kernel") ?
			 fax_device_get_id(d) : 0;
		found += dev[i] != 0;
	}
	fax_devices_free(c);
	return found;
}

/*
 * A 1-page fax at 204x98 dpi: bars, and @noise_rows rows of noise that no
 * coding compresses, which make the page last long enough on the line to
 * be interrupted in the middle.
 */
static int write_page(const char *path, uint32_t noise_rows, unsigned int seed)
{
	struct bitmap bm = { .width = 1728, .length = 240 + noise_rows, .stride = 216 };
	struct test_page p = { &bm, 204, 98 };
	int r;

	bm.bits = calloc(bm.length, bm.stride);
	if (!bm.bits)
		return -ENOMEM;
	for (uint32_t y = 16; y < 240; y += 8)
		memset(bm.bits + y * bm.stride + 20 + y / 8, 0xff, 60 + y / 4);
	srand(seed);
	for (size_t i = 240 * bm.stride; i < bm.length * bm.stride; i++)
		bm.bits[i] = (uint8_t)rand();
	r = write_pages_tiff(path, &p, 1, CODING_MMR);
	free(bm.bits);
	return r;
}

/*
 * A failed ASSERT skips FIXTURE_TEARDOWN (kselftest_harness.h longjmps
 * back into a frame whose fork() result setjmp did not keep), so the card
 * of a failed case would outlive it and lend its lines to the next ones.
 * VM test programs run one at a time: every card here is one of ours.
 */
static void remove_stale_cards(void)
{
	DIR *d = opendir("/sys/bus/fax_sim/devices");
	struct dirent *de;

	while (d && (de = readdir(d))) {
		unsigned int id;

		if (sscanf(de->d_name, "fax_sim%u", &id) == 1)
			faxsim_del(id);
	}
	if (d)
		closedir(d);
}

FIXTURE_SETUP(kq)
{
	if (access(FAXSIM_BUS "/new_device", W_OK))
		SKIP(return, "no fax_sim module in this kernel");
	remove_stale_cards();
	ASSERT_EQ(0, tmpdir_make(self->dir, sizeof(self->dir)));
	snprintf(self->page, sizeof(self->page), "%s/page.tif", self->dir);
	snprintf(self->long_page, sizeof(self->long_page), "%s/long.tif", self->dir);
	ASSERT_EQ(0, write_page(self->page, 0, 1));
	ASSERT_EQ(0, write_page(self->long_page, 60, 2));
	ASSERT_EQ(0, env_start(&self->env, "[loopback]\npairs = 0\n"));
	self->s = env_connect(&self->env);
	ASSERT_NE(NULL, self->s);
	ASSERT_EQ(0, faxsim_write(FAXSIM_DEBUGFS "/clock_mult", CLOCK_MULT));
	self->card = faxsim_pick_id();
	ASSERT_EQ(0, faxsim_new(self->card, LINES));
	for (int i = 0; i < LINES; i++) {
		int fd = faxsim_open_line(self->card, (unsigned int)i, O_RDWR);

		ASSERT_LE(0, fd);
		ASSERT_EQ(0, fax_get_info(fd, &self->info[i]));
		close(fd);
	}
	/* faxd follows the hotplug events; TCG guests are slow. */
	for (int t = 0; t < WAIT_S * 10; t++) {
		if (find_devices(self->s, self->info, self->dev, LINES) == LINES)
			break;
		usleep(POLL_US);
	}
	ASSERT_EQ(LINES, find_devices(self->s, self->info, self->dev, LINES));
	ASSERT_EQ(0, env_set_device(self->s, self->dev[0], true, FAX_RECEIVE_NO_ANSWER, TSID_A));
	for (int i = 1; i < LINES; i++) {
		char csid[32];

		snprintf(csid, sizeof(csid), "+49 30 %04d", 2000 + i);
		ASSERT_EQ(0, env_set_device(self->s, self->dev[i], false,
					i <= 3 ? FAX_RECEIVE_AUTO_ANSWER : FAX_RECEIVE_NO_ANSWER, csid));
	}
}

FIXTURE_TEARDOWN(kq)
{
	fax_server_free(self->s);
	if (self->mnt[0]) {
		env_stop_faxd(&self->env);
		umount2(self->mnt, MNT_DETACH);
	}
	env_stop(&self->env);
	if (self->card) {
		faxsim_del(self->card);
		faxsim_write(FAXSIM_DEBUGFS "/clock_mult", "1");
	}
	if (self->dir[0])
		tmpdir_remove(self->dir);
}

/* ---- helpers of the cases ----------------------------------------------- */

/* Submit @path to @n numbers at @priority; the job ids in @ids. */
static int submit(fax_server_t *s, const char *path, const char *const *to, size_t n,
		  uint32_t priority, const char *subject, char ***ids, fax_error_t *err)
{
	struct fax_document doc = {
		.size = sizeof(doc),
		.recipients = to,
		.n_recipients = n,
		.subject = subject,
		.priority = priority,
	};
	char *sub = NULL;
	int r;

	doc.body_fd = open(path, O_RDONLY | O_CLOEXEC);
	if (doc.body_fd < 0)
		return -errno;
	r = fax_server_submit(s, &doc, &sub, ids, err);
	close(doc.body_fd);
	free(sub);
	return r;
}

/* Submit to one number: the job id (free()), NULL on failure. */
static char *submit1(fax_server_t *s, const char *path, const char *to, uint32_t priority,
		     const char *subject)
{
	fax_error_t err = { 0 };
	char **ids = NULL, *id;

	if (submit(s, path, &to, 1, priority, subject, &ids, &err) < 0) {
		fprintf(stderr, "# submit: %s\n", err.message);
		return NULL;
	}
	id = strdup(ids[0]);
	fax_strv_free(ids);
	return id;
}

/* Job or message @id of @folder (fax_jobs_free() it), NULL if not there. */
static fax_jobs_t *get(fax_server_t *s, uint32_t folder, const char *id)
{
	fax_jobs_t *c;

	if (fax_server_get_job(s, folder, id, &c, NULL) < 0)
		return NULL;
	if (fax_jobs_count(c) == 1)
		return c;
	fax_jobs_free(c);
	return NULL;
}

/* Wait until outgoing job @id has every bit of @status and, when @ext is
 * not ~0, that extended status. */
static bool wait_job(fax_server_t *s, const char *id, uint32_t status, uint32_t ext)
{
	uint32_t last = 0, last_ext = 0;

	for (int i = 0; i < WAIT_S * 10; i++) {
		fax_jobs_t *c = get(s, FAX_FOLDER_OUTGOING_QUEUE, id);
		bool ok = false;

		if (c) {
			const struct fax_job_info *j = fax_jobs_item(c, 1);

			last = j->status;
			last_ext = j->extended_status_code;
			ok = (last & status) == status && (ext == ~0u || last_ext == ext);
			fax_jobs_free(c);
		}
		if (ok)
			return true;
		usleep(POLL_US);
	}
	{
		fax_error_t err = { 0 };
		fax_jobs_t *c = NULL;
		int r = fax_server_get_job(s, FAX_FOLDER_OUTGOING_QUEUE, id, &c, &err);

		fprintf(stderr, "# job %s: status 0x%x, extended %u, not 0x%x/%d (%d %s)\n", id,
			last, last_ext, status, (int)ext, r, err.message);
		fax_jobs_free(c);
	}
	return false;
}

/* Wait until outgoing job @id has reached the outgoing archive. */
static fax_jobs_t *wait_sent(fax_server_t *s, const char *id)
{
	for (int i = 0; i < WAIT_S * 10; i++) {
		fax_jobs_t *c = get(s, FAX_FOLDER_OUTGOING_ARCHIVE, id);

		if (c)
			return c;
		usleep(POLL_US);
	}
	return NULL;
}

/* Up to @max messages of archive @folder, oldest first. */
struct msg {
	char id[64], subject[64];
	uint32_t device, pages, status;
	int64_t start;
	bool partial;
};

static int list_messages(fax_server_t *s, uint32_t folder, struct msg *v, int max)
{
	fax_message_iterator_t *it;
	int n = 0;

	if (fax_server_get_messages(s, folder, 0, &it, NULL) < 0)
		return -1;
	for (; !fax_message_iterator_at_eof(it); fax_message_iterator_move_next(it, NULL), n++) {
		const struct fax_job_info *m = fax_message_iterator_message(it);

		if (n >= max)
			continue;
		snprintf(v[n].id, sizeof(v[n].id), "%s", m->id);
		snprintf(v[n].subject, sizeof(v[n].subject), "%s", m->subject);
		v[n].device = m->device_id;
		v[n].pages = m->pages;
		v[n].status = m->status;
		v[n].start = m->transmission_start;
		v[n].partial = m->partially_received;
	}
	fax_message_iterator_free(it);
	return n;
}

/* Wait until archive @folder holds @n messages. */
static int wait_messages(fax_server_t *s, uint32_t folder, struct msg *v, int n)
{
	int got = 0;

	for (int i = 0; i < WAIT_S * 10; i++) {
		got = list_messages(s, folder, v, n);
		if (got >= n)
			break;
		usleep(POLL_US);
	}
	return got;
}

/* Pages of received message @id equal to @sent, pixel for pixel; -1 on
 * any difference (described on stderr). */
static int received_equal(fax_server_t *s, const char *dir, const char *id, const char *sent)
{
	fax_error_t err = { 0 };
	char path[320], why[200] = "";
	int fd, r;

	snprintf(path, sizeof(path), "%s/rx-%s.tif", dir, id);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	r = fax_server_copy_tiff(s, FAX_FOLDER_INCOMING_ARCHIVE, id, fd, &err);
	close(fd);
	if (r < 0) {
		fprintf(stderr, "# CopyTiff %s: %s\n", id, err.message);
		return -1;
	}
	r = compare_tiffs(sent, path, why, sizeof(why));
	if (r != 1)
		fprintf(stderr, "# %s: %s\n", id, why);
	return r == 1 ? 0 : -1;
}

/*
 * Outgoing job @id reaches the outgoing archive COMPLETED, and the one
 * message of the incoming archive is @page, pixel for pixel: 0, or -1
 * (with the reason on stderr).
 */
static int delivered(fax_server_t *s, const char *dir, const char *id, const char *page)
{
	fax_jobs_t *c = wait_sent(s, id);
	uint32_t status = c ? fax_jobs_item(c, 1)->status : 0;
	struct msg in[2];

	fax_jobs_free(c);
	if (status != FAX_JOB_COMPLETED) {
		fprintf(stderr, "# job %s: not sent (status 0x%x)\n", id, status);
		return -1;
	}
	if (wait_messages(s, FAX_FOLDER_INCOMING_ARCHIVE, in, 1) != 1 ||
	    list_messages(s, FAX_FOLDER_INCOMING_ARCHIVE, in, 2) != 1) {
		fprintf(stderr, "# not exactly one received message\n");
		return -1;
	}
	return received_equal(s, dir, in[0].id, page);
}

static int queue_set(fax_server_t *s, bool paused, int retries, int retry_delay)
{
	struct fax_folder_config c;
	int r = fax_server_get_folder_config(s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL);

	if (r < 0)
		return r;
	c.paused = paused;
	if (retries >= 0)
		c.retries = (uint32_t)retries;
	if (retry_delay >= 0)
		c.retry_delay = (uint32_t)retry_delay;
	return fax_server_set_folder_config(s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL);
}

/* Files in faxd's spool, and the records (in every folder) that name one. */
static int spool_files(struct faxd_env *e)
{
	char cmd[256], buf[32] = "";
	FILE *f;

	snprintf(cmd, sizeof(cmd), "ls -A %s/state/spool | wc -l", e->dir);
	f = popen(cmd, "r");
	if (f && !fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	if (f)
		pclose(f);
	return atoi(buf);
}

static int records(fax_server_t *s)
{
	static const uint32_t queues[] = { FAX_FOLDER_OUTGOING_QUEUE, FAX_FOLDER_INCOMING_QUEUE };
	struct msg v[1];
	int n = 0;

	for (int i = 0; i < 2; i++) {
		fax_jobs_t *c;

		if (fax_server_get_jobs(s, queues[i], &c, NULL) < 0)
			return -1;
		n += (int)fax_jobs_count(c);
		fax_jobs_free(c);
	}
	return n + list_messages(s, FAX_FOLDER_OUTGOING_ARCHIVE, v, 0) +
	       list_messages(s, FAX_FOLDER_INCOMING_ARCHIVE, v, 0);
}

/* ---- the cases ------------------------------------------------------------ */

TEST_F_TIMEOUT(kq, a_broadcast_to_three_numbers_arrives_equal_at_each, WAIT_S + 60)
{
	const char *to[] = { self->info[1].number, self->info[2].number, self->info[3].number };
	fax_error_t err = { 0 };
	struct msg out[4], in[4];
	char **ids = NULL;
	bool got[3] = { false };

	ASSERT_EQ(0, submit(self->s, self->page, to, 3, FAX_PRIORITY_NORMAL, "broadcast", &ids,
			    &err)) TH_LOG("%s", err.message);
	for (int i = 0; i < 3; i++) {
		fax_jobs_t *c = wait_sent(self->s, ids[i]);
		const struct fax_job_info *j;

		ASSERT_NE(NULL, c) TH_LOG("job %s was not sent", ids[i]);
		j = fax_jobs_item(c, 1);
		EXPECT_EQ(FAX_JOB_COMPLETED, j->status);
		EXPECT_EQ(FAX_JOBX_CALL_COMPLETED, j->extended_status_code);
		EXPECT_STREQ(to[i], j->recipient_number);
		EXPECT_EQ(1, j->pages);
		fax_jobs_free(c);
	}
	EXPECT_EQ(3, list_messages(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, out, 4));
	/* One message on each of the three numbers' devices, each equal. */
	ASSERT_EQ(3, wait_messages(self->s, FAX_FOLDER_INCOMING_ARCHIVE, in, 3));
	EXPECT_EQ(3, list_messages(self->s, FAX_FOLDER_INCOMING_ARCHIVE, in, 4));
	for (int i = 0; i < 3; i++) {
		for (int k = 1; k <= 3; k++)
			if (in[i].device == self->dev[k])
				got[k - 1] = true;
		EXPECT_EQ(1, in[i].pages);
		EXPECT_FALSE(in[i].partial);
		EXPECT_EQ(0, received_equal(self->s, self->dir, in[i].id, self->page));
	}
	EXPECT_TRUE(got[0] && got[1] && got[2]);
	fax_strv_free(ids);
}

/* Events: did outgoing job @busy_id fail an attempt on a busy line? */
struct busy_watch {
	const char *id;
	bool seen;
};

static void on_job_changed(fax_server_t *s, const struct fax_server_event *ev, void *userdata)
{
	struct busy_watch *w = userdata;

	(void)s;
	if (ev->type == FAX_SERVER_EV_OUTGOING_JOB_CHANGED && ev->job && !strcmp(ev->id, w->id) &&
	    (ev->job->status & FAX_JOB_RETRYING) &&
	    ev->job->extended_status_code == FAX_JOBX_BUSY)
		w->seen = true;
}

TEST_F_TIMEOUT(kq, a_busy_number_is_retried_and_then_delivered, WAIT_S + 60)
{
	struct busy_watch w = { 0 };
	struct msg in[2];
	fax_jobs_t *c;
	char *id;
	int fd;

	/* Somebody has line 1 off hook: its number is busy. */
	fd = faxsim_open_line(self->card, 1, O_RDWR);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fax_set_hook(fd, true));
	/* Retried at once, and often enough to outlast the time we hold it. */
	ASSERT_EQ(0, queue_set(self->s, false, 50, 0));
	ASSERT_EQ(0, fax_server_listen_to_events(self->s, FAX_EVENTS_OUT_QUEUE, on_job_changed, &w,
						 NULL));
	id = submit1(self->s, self->page, self->info[1].number, FAX_PRIORITY_NORMAL, "busy");
	ASSERT_NE(NULL, id);
	w.id = id;
	for (int i = 0; i < WAIT_S * 100 && !w.seen; i++)
		if (fax_server_process(self->s) <= 0)
			fax_server_wait(self->s, 10000);
	ASSERT_TRUE(w.seen) TH_LOG("no attempt failed on the busy line");
	/* They hang up; a retry gets through. */
	ASSERT_EQ(0, fax_set_hook(fd, false));
	close(fd);
	c = wait_sent(self->s, id);
	ASSERT_NE(NULL, c);
	EXPECT_EQ(FAX_JOB_COMPLETED, fax_jobs_item(c, 1)->status);
	EXPECT_LE(1, fax_jobs_item(c, 1)->retries);
	EXPECT_EQ(self->dev[0], fax_jobs_item(c, 1)->device_id);
	fax_jobs_free(c);
	ASSERT_EQ(1, wait_messages(self->s, FAX_FOLDER_INCOMING_ARCHIVE, in, 1));
	EXPECT_EQ(self->dev[1], in[0].device);
	EXPECT_EQ(0, received_equal(self->s, self->dir, in[0].id, self->page));
	free(id);
}

TEST_F_TIMEOUT(kq, a_number_that_never_answers_fails_after_the_retries_with_no_answer,
	       WAIT_S + 60)
{
	const struct fax_job_info *j;
	struct msg v[1];
	fax_jobs_t *c;
	char *id;

	/*
	 * Line 4 rings and nobody answers. The caller gives up after T.30's
	 * T0 (60 s of line time): a faster clock keeps the two attempts short.
	 */
	ASSERT_EQ(0, faxsim_write(FAXSIM_DEBUGFS "/clock_mult", "10"));
	ASSERT_EQ(0, queue_set(self->s, false, 1, 0));
	id = submit1(self->s, self->page, self->info[4].number, FAX_PRIORITY_NORMAL, "nobody");
	ASSERT_NE(NULL, id);
	ASSERT_TRUE(wait_job(self->s, id, FAX_JOB_RETRIES_EXCEEDED, ~0u));
	c = get(self->s, FAX_FOLDER_OUTGOING_QUEUE, id);
	ASSERT_NE(NULL, c);
	j = fax_jobs_item(c, 1);
	EXPECT_EQ(FAX_JOB_RETRIES_EXCEEDED, j->status);
	EXPECT_EQ(FAX_JOBX_NO_ANSWER, j->extended_status_code);
	EXPECT_EQ(1, j->retries);
	EXPECT_TRUE(j->available_operations & FAX_JOB_OP_RESTART);
	fax_jobs_free(c);
	EXPECT_EQ(0, list_messages(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, v, 1));
	EXPECT_EQ(0, list_messages(self->s, FAX_FOLDER_INCOMING_ARCHIVE, v, 1));
	free(id);
}

/* Wait until outgoing job @id has left the queue or has every bit of
 * @status; its last status in *@last (0 once gone). */
static bool wait_gone_or(fax_server_t *s, const char *id, uint32_t status, uint32_t *last)
{
	for (int i = 0; i < WAIT_S * 10; i++) {
		fax_jobs_t *c = get(s, FAX_FOLDER_OUTGOING_QUEUE, id);

		*last = c ? fax_jobs_item(c, 1)->status : 0;
		fax_jobs_free(c);
		if (!c || (*last & status) == status)
			return true;
		usleep(POLL_US);
	}
	return false;
}

TEST_F_TIMEOUT(kq, a_job_cancelled_in_mid_transmission_ends_the_call, WAIT_S + 60)
{
	struct msg v[1];
	uint32_t status;
	char *id;

	id = submit1(self->s, self->long_page, self->info[1].number, FAX_PRIORITY_NORMAL, "cancel");
	ASSERT_NE(NULL, id);
	/* Past negotiation: the page is on its way. */
	ASSERT_TRUE(wait_job(self->s, id, FAX_JOB_INPROGRESS, FAX_JOBX_TRANSMITTING));
	ASSERT_EQ(0, fax_server_job_action(self->s, FAX_FOLDER_OUTGOING_QUEUE, id, FAX_JOB_CANCEL,
					   NULL));
	/* A cancelled job leaves the queue (its broadcast is over), with
	 * its file: records() and the spool agree below. */
	ASSERT_TRUE(wait_gone_or(self->s, id, FAX_JOB_CANCELED, &status));
	EXPECT_EQ(0, status) TH_LOG("still queued with status 0x%x", status);
	/* Both lines are free again, and nothing was archived. */
	for (int i = 0; i < WAIT_S * 10; i++) {
		fax_devices_t *d;
		bool busy = true;

		if (fax_server_get_devices(self->s, &d, NULL) == 0) {
			busy = fax_device_get_sending_now(fax_devices_item_by_id(d, self->dev[0])) ||
			       fax_device_get_receiving_now(fax_devices_item_by_id(d, self->dev[1]));
			fax_devices_free(d);
		}
		if (!busy)
			break;
		usleep(POLL_US);
	}
	EXPECT_EQ(0, list_messages(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, v, 1));
	EXPECT_EQ(0, list_messages(self->s, FAX_FOLDER_INCOMING_ARCHIVE, v, 1));
	EXPECT_EQ(records(self->s), spool_files(&self->env));
	free(id);
}

TEST_F_TIMEOUT(kq, a_paused_queue_and_a_paused_job_hold_until_resumed, WAIT_S + 60)
{
	fax_jobs_t *c;
	struct msg in[1];
	char *id;

	ASSERT_EQ(0, queue_set(self->s, true, -1, -1));
	id = submit1(self->s, self->page, self->info[1].number, FAX_PRIORITY_NORMAL, "paused");
	ASSERT_NE(NULL, id);
	ASSERT_EQ(0, fax_server_job_action(self->s, FAX_FOLDER_OUTGOING_QUEUE, id, FAX_JOB_PAUSE,
					   NULL));
	EXPECT_EQ(-EBUSY, fax_server_job_action(self->s, FAX_FOLDER_OUTGOING_QUEUE, id,
						FAX_JOB_PAUSE, NULL));
	/* The queue goes on; the job stays paused on the free line. */
	ASSERT_EQ(0, queue_set(self->s, false, -1, -1));
	sleep(2);
	c = get(self->s, FAX_FOLDER_OUTGOING_QUEUE, id);
	ASSERT_NE(NULL, c);
	EXPECT_EQ(FAX_JOB_PENDING | FAX_JOB_PAUSED, fax_jobs_item(c, 1)->status);
	EXPECT_TRUE(fax_jobs_item(c, 1)->available_operations & FAX_JOB_OP_RESUME);
	fax_jobs_free(c);
	EXPECT_EQ(0, list_messages(self->s, FAX_FOLDER_INCOMING_ARCHIVE, in, 1));
	ASSERT_EQ(0, fax_server_job_action(self->s, FAX_FOLDER_OUTGOING_QUEUE, id, FAX_JOB_RESUME,
					   NULL));
	EXPECT_EQ(0, delivered(self->s, self->dir, id, self->page));
	free(id);
}

static int by_start(const void *a, const void *b)
{
	const struct msg *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

TEST_F_TIMEOUT(kq, higher_priorities_leave_first, WAIT_S + 60)
{
	static const uint32_t prio[] = { FAX_PRIORITY_LOW, FAX_PRIORITY_NORMAL, FAX_PRIORITY_HIGH };
	static const char *const subject[] = { "low", "normal", "high" };
	struct msg out[4];
	fax_jobs_t *c;
	char *id[3];

	/* Submitted low first while the queue holds them; one line sends. */
	ASSERT_EQ(0, queue_set(self->s, true, -1, -1));
	for (int i = 0; i < 3; i++) {
		id[i] = submit1(self->s, self->page, self->info[1].number, prio[i], subject[i]);
		ASSERT_NE(NULL, id[i]);
	}
	ASSERT_EQ(0, fax_server_get_jobs(self->s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL));
	ASSERT_EQ(3, fax_jobs_count(c));
	for (int i = 0; i < 3; i++)
		EXPECT_STREQ(id[2 - i], fax_jobs_item(c, (size_t)i + 1)->id);
	fax_jobs_free(c);
	ASSERT_EQ(0, queue_set(self->s, false, -1, -1));
	ASSERT_EQ(3, wait_messages(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, out, 3));
	/* In the order they went on the line: high, normal, low. */
	qsort(out, 3, sizeof(out[0]), by_start);
	for (int i = 0; i < 3; i++)
		EXPECT_STREQ(subject[2 - i], out[i].subject);
	for (int i = 0; i < 3; i++)
		free(id[i]);
}

TEST_F_TIMEOUT(kq, a_manual_device_receives_when_answered, WAIT_S + 60)
{
	fax_error_t err = { 0 };
	struct msg in[1];
	fax_devices_t *c;
	fax_device_t *d;
	bool ringing = false;
	char *id;

	ASSERT_EQ(0, env_set_device(self->s, self->dev[5], false, FAX_RECEIVE_MANUAL_ANSWER, NULL));
	id = submit1(self->s, self->page, self->info[5].number, FAX_PRIORITY_NORMAL, "manual");
	ASSERT_NE(NULL, id);
	for (int i = 0; i < WAIT_S * 10 && !ringing; i++) {
		usleep(POLL_US);
		ASSERT_EQ(0, fax_server_get_devices(self->s, &c, NULL));
		ringing = fax_device_get_ringing_now(fax_devices_item_by_id(c, self->dev[5]));
		fax_devices_free(c);
	}
	ASSERT_TRUE(ringing);
	EXPECT_EQ(0, list_messages(self->s, FAX_FOLDER_INCOMING_ARCHIVE, in, 1));
	ASSERT_EQ(0, fax_server_get_devices(self->s, &c, NULL));
	d = fax_devices_item_by_id(c, self->dev[5]);
	ASSERT_EQ(0, fax_device_answer_call(d, &err)) TH_LOG("%s", err.message);
	fax_devices_free(c);
	ASSERT_NE(NULL, wait_sent(self->s, id));
	ASSERT_EQ(1, wait_messages(self->s, FAX_FOLDER_INCOMING_ARCHIVE, in, 1));
	EXPECT_EQ(self->dev[5], in[0].device);
	EXPECT_EQ(0, received_equal(self->s, self->dir, in[0].id, self->page));
	free(id);
}

TEST_F_TIMEOUT(kq, faxd_killed_in_mid_transmission_sends_once_after_the_restart, WAIT_S + 120)
{
	struct msg out[2], in[4];
	int n_in, complete = 0;
	fax_jobs_t *c;
	char *id;

	id = submit1(self->s, self->long_page, self->info[1].number, FAX_PRIORITY_NORMAL, "kill");
	ASSERT_NE(NULL, id);
	ASSERT_TRUE(wait_job(self->s, id, FAX_JOB_INPROGRESS, FAX_JOBX_TRANSMITTING));
	fax_server_free(self->s);
	self->s = NULL;
	env_kill_faxd(&self->env);
	ASSERT_EQ(0, env_start_faxd(&self->env));
	self->s = env_connect(&self->env);
	ASSERT_NE(NULL, self->s);
	c = wait_sent(self->s, id);
	ASSERT_NE(NULL, c) TH_LOG("job %s was not sent after the restart", id);
	EXPECT_EQ(FAX_JOB_COMPLETED, fax_jobs_item(c, 1)->status);
	fax_jobs_free(c);
	EXPECT_EQ(1, list_messages(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, out, 2));
	/* One complete reception (a partial one may be kept too). */
	ASSERT_LE(1, wait_messages(self->s, FAX_FOLDER_INCOMING_ARCHIVE, in, 1));
	for (int i = 0; i < WAIT_S * 10; i++) {
		n_in = list_messages(self->s, FAX_FOLDER_INCOMING_ARCHIVE, in, 4);
		complete = 0;
		for (int k = 0; k < n_in && k < 4; k++)
			complete += !in[k].partial;
		if (complete)
			break;
		usleep(POLL_US);
	}
	ASSERT_EQ(1, complete);
	for (int k = 0; k < n_in && k < 4; k++)
		if (!in[k].partial)
			EXPECT_EQ(0, received_equal(self->s, self->dir, in[k].id, self->long_page));
	/* Every file of the spool belongs to a record, and every record has one. */
	EXPECT_EQ(records(self->s), spool_files(&self->env));
	free(id);
}

TEST_F_TIMEOUT(kq, a_full_spool_refuses_submissions_and_loses_nothing_queued, WAIT_S + 120)
{
	fax_error_t err = { 0 };
	const char *to = self->info[1].number;
	char *spool = self->mnt, filler[160], **ids = NULL, *id;
	fax_jobs_t *c;
	int fd, r;

	/* faxd's spool on a small file system of its own. */
	fax_server_free(self->s);
	self->s = NULL;
	ASSERT_EQ(0, env_stop_faxd(&self->env));
	snprintf(self->mnt, sizeof(self->mnt), "%s/state/spool", self->env.dir);
	ASSERT_EQ(0, mount("faxspool", spool, "tmpfs", 0, "size=512k,mode=0750"));
	ASSERT_EQ(0, env_start_faxd(&self->env));
	self->s = env_connect(&self->env);
	ASSERT_NE(NULL, self->s);

	ASSERT_EQ(0, queue_set(self->s, true, -1, -1));
	id = submit1(self->s, self->page, to, FAX_PRIORITY_NORMAL, "queued");
	ASSERT_NE(NULL, id);
	/* Fill the file system up. */
	snprintf(filler, sizeof(filler), "%s/filler", spool);
	fd = open(filler, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	ASSERT_LE(0, fd);
	for (;;) {
		static const char block[4096];

		if (write(fd, block, sizeof(block)) < 0)
			break;
	}
	EXPECT_EQ(ENOSPC, errno);
	close(fd);
	r = submit(self->s, self->page, &to, 1, FAX_PRIORITY_NORMAL, "refused", &ids, &err);
	EXPECT_EQ(-ENOSPC, r);
	EXPECT_NE(NULL, strstr(err.message, "no space")) TH_LOG("%s", err.message);
	if (r >= 0)
		fax_strv_free(ids);
	/* The queued job is still there, whole. */
	ASSERT_EQ(0, fax_server_get_jobs(self->s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL));
	ASSERT_EQ(1, fax_jobs_count(c));
	EXPECT_STREQ(id, fax_jobs_item(c, 1)->id);
	EXPECT_EQ(FAX_JOB_PENDING, fax_jobs_item(c, 1)->status);
	fax_jobs_free(c);

	/* Space again: it goes, and arrives equal. */
	ASSERT_EQ(0, unlink(filler));
	ASSERT_EQ(0, queue_set(self->s, false, -1, -1));
	EXPECT_EQ(0, delivered(self->s, self->dir, id, self->page));
	EXPECT_EQ(records(self->s), spool_files(&self->env));
	free(id);
}

/* ---- rights: callers of other uids in forked children ------------------- */

/* Debian's static system users (base-passwd): the bus knows their names. */
#define UID_ALICE 1
#define UID_BOB 6

/* What a child sees: the ids of the outgoing jobs, or an action's result. */
struct as_result {
	int r;
	int n;
	char ids[4][64];
};

enum as_op { AS_SUBMIT, AS_LIST, AS_PAUSE, AS_CANCEL, AS_GET };

struct as_args {
	enum as_op op;
	const char *arg, *to;
};

static void as_do(fax_server_t *s, const void *in, void *out)
{
	const struct as_args *a = in;
	struct as_result *res = out;
	fax_jobs_t *c = NULL;
	char *id;

	res->r = 0;
	switch (a->op) {
	case AS_SUBMIT:
		id = submit1(s, a->arg, a->to, FAX_PRIORITY_NORMAL, "mine");
		res->r = id ? 0 : -EIO;
		if (id)
			snprintf(res->ids[0], sizeof(res->ids[0]), "%s", id);
		res->n = id != NULL;
		free(id);
		break;
	case AS_LIST:
		res->r = fax_server_get_jobs(s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL);
		for (size_t i = 1; !res->r && i <= fax_jobs_count(c) && i <= 4; i++, res->n++)
			snprintf(res->ids[i - 1], sizeof(res->ids[0]), "%s",
				 fax_jobs_item(c, i)->id);
		fax_jobs_free(c);
		break;
	case AS_GET:
		res->r = fax_server_get_job(s, FAX_FOLDER_OUTGOING_QUEUE, a->arg, &c, NULL);
		fax_jobs_free(c);
		break;
	case AS_PAUSE:
	case AS_CANCEL:
		res->r = fax_server_job_action(s, FAX_FOLDER_OUTGOING_QUEUE, a->arg,
					       a->op == AS_PAUSE ? FAX_JOB_PAUSE : FAX_JOB_CANCEL,
					       NULL);
		break;
	}
}

static struct as_result as_user(struct faxd_env *e, uid_t uid, enum as_op op, const char *arg,
				const char *to)
{
	static const gid_t submit_gids[] = { TEST_SUBMIT_GID, 0 };
	const struct as_args a = { op, arg, to };
	struct as_result res = { .r = -EIO };
	int r = env_run_as(e, uid, submit_gids, as_do, &a, &res, sizeof(res));

	if (r < 0)
		res.r = r;
	return res;
}

TEST_F_TIMEOUT(kq, users_see_and_manage_only_their_own_jobs_unless_granted_more, WAIT_S)
{
	const char *to = self->info[1].number;
	struct as_result a, b, res;
	fax_security_t *sec;
	struct fax_ace aces[FAX_SECURITY_ENTRIES_MAX + 1];
	size_t n;

	ASSERT_EQ(0, queue_set(self->s, true, -1, -1));
	/* The children read the page as other users. */
	ASSERT_EQ(0, chmod(self->dir, 0755));
	ASSERT_EQ(0, chmod(self->page, 0644));
	a = as_user(&self->env, UID_ALICE, AS_SUBMIT, self->page, to);
	b = as_user(&self->env, UID_BOB, AS_SUBMIT, self->page, to);
	ASSERT_EQ(0, a.r);
	ASSERT_EQ(0, b.r);

	/* Each sees only their own job. */
	res = as_user(&self->env, UID_ALICE, AS_LIST, NULL, NULL);
	ASSERT_EQ(0, res.r);
	ASSERT_EQ(1, res.n);
	EXPECT_STREQ(a.ids[0], res.ids[0]);
	res = as_user(&self->env, UID_BOB, AS_LIST, NULL, NULL);
	ASSERT_EQ(0, res.r);
	ASSERT_EQ(1, res.n);
	EXPECT_STREQ(b.ids[0], res.ids[0]);
	EXPECT_EQ(-EACCES, as_user(&self->env, UID_BOB, AS_GET, a.ids[0], NULL).r);
	/* ... and manages only their own. */
	EXPECT_EQ(-EACCES, as_user(&self->env, UID_BOB, AS_CANCEL, a.ids[0], NULL).r);
	EXPECT_EQ(-EACCES, as_user(&self->env, UID_BOB, AS_PAUSE, a.ids[0], NULL).r);
	EXPECT_EQ(0, as_user(&self->env, UID_ALICE, AS_PAUSE, a.ids[0], NULL).r);
	EXPECT_EQ(0, as_user(&self->env, UID_BOB, AS_PAUSE, b.ids[0], NULL).r);

	/* Granted query-jobs and manage-jobs, Bob sees and cancels Alice's. */
	ASSERT_EQ(0, fax_server_get_security(self->s, &sec, NULL));
	n = fax_security_get_count(sec);
	ASSERT_GT(FAX_SECURITY_ENTRIES_MAX, n);
	for (size_t i = 0; i < n; i++)
		aces[i] = *fax_security_get_entry(sec, i);
	aces[n++] = (struct fax_ace) { .kind = FAX_ACE_USER, .id = UID_BOB,
				       .rights = FAX_RIGHT_QUERY_JOBS | FAX_RIGHT_MANAGE_JOBS };
	ASSERT_EQ(0, fax_security_set_descriptor(sec, aces, n));
	ASSERT_EQ(0, fax_security_save(sec, NULL));
	fax_security_free(sec);
	res = as_user(&self->env, UID_BOB, AS_LIST, NULL, NULL);
	ASSERT_EQ(0, res.r);
	EXPECT_EQ(2, res.n);
	EXPECT_EQ(0, as_user(&self->env, UID_BOB, AS_GET, a.ids[0], NULL).r);
	/* Alice was granted nothing more. */
	EXPECT_EQ(-EACCES, as_user(&self->env, UID_ALICE, AS_CANCEL, b.ids[0], NULL).r);
	EXPECT_EQ(0, as_user(&self->env, UID_BOB, AS_CANCEL, a.ids[0], NULL).r);
	{
		uint32_t status;

		/* Cancelled, it leaves the queue. */
		ASSERT_TRUE(wait_gone_or(self->s, a.ids[0], FAX_JOB_CANCELED, &status));
		EXPECT_EQ(0, status) TH_LOG("still queued with status 0x%x", status);
	}
	res = as_user(&self->env, UID_ALICE, AS_LIST, NULL, NULL);
	EXPECT_EQ(0, res.r);
	EXPECT_EQ(0, res.n);
}

TEST_HARNESS_MAIN
