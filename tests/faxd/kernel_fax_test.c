// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * In the VM: a whole fax through faxd over fax_sim. A card with two lines
 * becomes two devices of the kernel provider; a 3-page fax of ITU charts
 * submitted to line 1's number leaves from line 0 (line 1 may not send),
 * line 1 answers automatically, and then the outgoing archive holds the
 * sent message and the incoming archive the received one, whose TIFF
 * (CopyTiff) equals the sent pages pixel for pixel.
 *
 * fax_sim's clock runs CLOCK_MULT times faster than real time to keep the
 * test short; timing is never asserted, the bound only stops a hung test.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../kselftest/lib/faxsim.h"
#include "../libfax/helpers.h"
#include "env.h"
#include "harness.h"

#define CLOCK_MULT	"2"
#define WALL_LIMIT_S	300
#define CSID_B		"+49 30 2222"

FIXTURE(kfax) {
	struct faxd_env env;
	fax_server_t *s;
	unsigned int card;
	struct fax_info info[2];	/* the two lines */
	uint32_t dev[2];		/* their device ids */
	char dir[256], tx[300], rx[300];
};

/* The device of the kernel provider named fax<minor>, 0 if none yet. */
static uint32_t device_of(fax_server_t *s, unsigned int minor)
{
	fax_devices_t *c;
	char name[32];
	uint32_t id = 0;

	snprintf(name, sizeof(name), "fax%u", minor);
	if (fax_server_get_devices(s, &c, NULL) < 0)
		return 0;
	for (size_t i = 1; i <= fax_devices_count(c); i++) {
		fax_device_t *d = fax_devices_item(c, i);

		if (!strcmp(fax_device_get_provider_unique_name(d), "kernel") &&
		    !strcmp(fax_device_get_name(d), name))
			id = fax_device_get_id(d);
	}
	fax_devices_free(c);
	return id;
}

FIXTURE_SETUP(kfax)
{
	static const int charts[] = { 1, 2, 3 };

	if (access(FAXSIM_BUS "/new_device", W_OK))
		SKIP(return, "no fax_sim module in this kernel");
	if (!test_chart_dir())
		SKIP(return, "ITU test charts not found (set FAX_TESTDATA)");
	ASSERT_EQ(0, tmpdir_make(self->dir, sizeof(self->dir)));
	snprintf(self->tx, sizeof(self->tx), "%s/send.tif", self->dir);
	snprintf(self->rx, sizeof(self->rx), "%s/recv.tif", self->dir);
	ASSERT_EQ(0, write_chart_tiff(self->tx, charts, 3, true, CODING_MMR));
	ASSERT_EQ(0, env_start(&self->env, "[loopback]\npairs = 0\n"));
	self->s = env_connect(&self->env);
	ASSERT_NE(NULL, self->s);
	ASSERT_EQ(0, faxsim_write(FAXSIM_DEBUGFS "/clock_mult", CLOCK_MULT));
	self->card = faxsim_pick_id();
	ASSERT_EQ(0, faxsim_new(self->card, 2));
	for (int i = 0; i < 2; i++) {
		int fd = faxsim_open_line(self->card, (unsigned int)i, O_RDWR);

		ASSERT_LE(0, fd);
		ASSERT_EQ(0, fax_get_info(fd, &self->info[i]));
		close(fd);
		/* faxd follows the hotplug event; TCG guests are slow. */
		for (int t = 0; t < 600 && !self->dev[i]; t++) {
			self->dev[i] = device_of(self->s, self->info[i].minor);
			if (!self->dev[i])
				usleep(100000);
		}
		ASSERT_NE(0, self->dev[i]) TH_LOG("no device for /dev/fax%u", self->info[i].minor);
	}
	/* Line 0 only sends, line 1 only receives, on the first ring. */
	ASSERT_EQ(0, env_set_device(self->s, self->dev[0], true, FAX_RECEIVE_NO_ANSWER, "+49 30 1111"));
	ASSERT_EQ(0, env_set_device(self->s, self->dev[1], false, FAX_RECEIVE_AUTO_ANSWER, CSID_B));
}

FIXTURE_TEARDOWN(kfax)
{
	fax_server_free(self->s);
	env_stop(&self->env);
	if (self->card) {
		faxsim_del(self->card);
		faxsim_write(FAXSIM_DEBUGFS "/clock_mult", "1");
	}
	if (self->dir[0])
		tmpdir_remove(self->dir);
}

/* Wait until @folder holds @id (or, with @id NULL, any message). */
static fax_jobs_t *wait_message(fax_server_t *s, uint32_t folder, const char *id)
{
	for (int i = 0; i < WALL_LIMIT_S * 5; i++) {
		fax_message_iterator_t *it;
		fax_jobs_t *c;

		if (id && fax_server_get_job(s, folder, id, &c, NULL) == 0) {
			if (fax_jobs_count(c))
				return c;
			fax_jobs_free(c);
		}
		if (!id && fax_server_get_messages(s, folder, 1, &it, NULL) == 0) {
			const struct fax_job_info *m = fax_message_iterator_message(it);
			char *first = m ? strdup(m->id) : NULL;

			fax_message_iterator_free(it);
			if (first) {
				c = wait_message(s, folder, first);
				free(first);
				return c;
			}
		}
		usleep(200000);
	}
	return NULL;
}

TEST_F_TIMEOUT(kfax, three_chart_pages_arrive_equal_through_faxd, WALL_LIMIT_S + 60)
{
	const char *to = self->info[1].number;
	struct fax_document doc = {
		.size = sizeof(doc),
		.recipients = &to,
		.n_recipients = 1,
		.subject = "charts",
		.priority = FAX_PRIORITY_NORMAL,
	};
	const struct fax_job_info *out, *in;
	fax_jobs_t *sent, *got;
	fax_error_t err = { 0 };
	char *sub = NULL, **ids = NULL, why[200] = "";
	int fd;

	doc.body_fd = open(self->tx, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, doc.body_fd);
	ASSERT_EQ(0, fax_server_submit(self->s, &doc, &sub, &ids, &err)) TH_LOG("%s", err.message);
	close(doc.body_fd);
	ASSERT_NE(NULL, ids[0]);

	sent = wait_message(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, ids[0]);
	ASSERT_NE(NULL, sent) TH_LOG("job %s never reached the outgoing archive", ids[0]);
	out = fax_jobs_item(sent, 1);
	EXPECT_EQ(FAX_JOB_COMPLETED, out->status);
	EXPECT_EQ(3, out->pages);
	EXPECT_EQ(self->dev[0], out->device_id);
	EXPECT_STREQ(CSID_B, out->csid);

	got = wait_message(self->s, FAX_FOLDER_INCOMING_ARCHIVE, NULL);
	ASSERT_NE(NULL, got);
	in = fax_jobs_item(got, 1);
	EXPECT_EQ(3, in->pages);
	EXPECT_EQ(self->dev[1], in->device_id);
	EXPECT_FALSE(in->partially_received);
	EXPECT_STREQ("+49 30 1111", in->tsid);
	EXPECT_STREQ(self->info[0].number, in->caller_id);
	fd = open(self->rx, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fax_server_copy_tiff(self->s, FAX_FOLDER_INCOMING_ARCHIVE, in->id, fd, &err))
		TH_LOG("%s", err.message);
	close(fd);
	EXPECT_EQ(3, compare_tiffs(self->tx, self->rx, why, sizeof(why))) TH_LOG("%s", why);

	fax_jobs_free(sent);
	fax_jobs_free(got);
	free(sub);
	fax_strv_free(ids);
}

TEST_HARNESS_MAIN
