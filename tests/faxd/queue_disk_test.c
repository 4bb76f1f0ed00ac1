// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A full disk: faxd's state directory (database and spool) is a small
 * tmpfs in a mount namespace of the test's own. When it is full, a
 * submission is refused with ENOSPC and a message that says so, no
 * partial file stays in the spool, and the fax queued before is intact:
 * once there is room again it is sent and arrives page for page.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "harness.h"
#include "env.h"
#include "folders.h"
#include "jobs.h"

FIXTURE(disk) {
	struct faxd_env env;
	fax_server_t *s;
	struct body queued, refused;
	char filler[160];
};

/* A private mount namespace where a tmpfs can be mounted, or why not. */
static const char *mount_namespace(void)
{
	char dir[] = "/tmp/faxd-mnt.XXXXXX";
	const char *why = NULL;

	if (unshare(CLONE_NEWNS) < 0)
		return "unshare(CLONE_NEWNS) is not permitted";
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return "cannot make the mounts private";
	if (!mkdtemp(dir))
		return "cannot create a directory in /tmp";
	if (mount("tmpfs", dir, "tmpfs", 0, "size=64k") < 0)
		why = "cannot mount a tmpfs";
	else
		umount(dir);
	rmdir(dir);
	return why;
}

FIXTURE_SETUP(disk)
{
	const char *why;

	self->queued.fd = self->refused.fd = -1;
	self->filler[0] = '\0';
	why = mount_namespace();
	if (why)
		SKIP(return, "%s (needs CAP_SYS_ADMIN): no small disk to fill", why);
	/* Room for the database and a few faxes; the test fills the rest. */
	self->env.state_tmpfs = "size=4m,mode=0700";
	ASSERT_EQ(0, env_start(&self->env, NULL));
	self->s = env_connect(&self->env);
	ASSERT_NE(NULL, self->s);
	ASSERT_EQ(0, device_set_sending(self->s, "loopback1", false));
}

FIXTURE_TEARDOWN(disk)
{
	if (self->filler[0])
		unlink(self->filler);
	body_close(&self->queued);
	body_close(&self->refused);
	fax_server_free(self->s);
	env_stop(&self->env);
}

/* Write a file into faxd's state directory until the tmpfs is full. */
static int fill_disk(struct faxd_env *e, char *path, size_t size)
{
	static char chunk[65536];
	ssize_t n;
	int fd;

	snprintf(path, size, "%s/state/filler", e->dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	memset(chunk, 0x55, sizeof(chunk));
	while ((n = write(fd, chunk, sizeof(chunk))) > 0)
		;
	n = n < 0 ? -errno : -EIO;	/* a tmpfs says ENOSPC, not 0 */
	close(fd);
	return n == -ENOSPC ? 0 : (int)n;
}

TEST_F_TIMEOUT(disk, a_full_spool_refuses_a_submission_and_keeps_what_is_queued, 2 * JOBS_WAIT_S)
{
	fax_error_t err = { 0 };
	fax_jobs_t *c;
	char id[64], other[64], in[64], why[128];
	int files, r;

	ASSERT_EQ(0, queue_pause(self->s, true));
	ASSERT_EQ(0, body_make(&self->env, "queued", 2, &self->queued));
	ASSERT_EQ(0, body_make(&self->env, "refused", 3, &self->refused));
	ASSERT_EQ(0, job_submit(self->s, &self->queued, "101", FAX_PRIORITY_NORMAL, id, NULL));
	files = folders_spool_files(&self->env);
	ASSERT_EQ(1, files);

	ASSERT_EQ(0, fill_disk(&self->env, self->filler, sizeof(self->filler)));
	EXPECT_EQ(-ENOSPC, job_submit(self->s, &self->refused, "101", FAX_PRIORITY_NORMAL, other,
				      &err));
	EXPECT_NE(NULL, strstr(err.message, "no space left")) TH_LOG("%s", err.message);
	fax_error_clear(&err);
	/* Nothing half-written stays behind, nothing queued is lost. */
	EXPECT_EQ(files, folders_spool_files(&self->env));
	ASSERT_EQ(1, folders_count(self->s, FAX_FOLDER_OUTGOING_QUEUE));
	c = job_get(self->s, FAX_FOLDER_OUTGOING_QUEUE, id, &r);
	ASSERT_NE(NULL, c);
	EXPECT_EQ(FAX_JOB_PENDING, fax_jobs_item(c, 1)->status);
	EXPECT_EQ(2, fax_jobs_item(c, 1)->pages);
	fax_jobs_free(c);

	/* Room again: the queued fax goes and arrives whole, and the
	 * refused one can be submitted now. */
	ASSERT_EQ(0, unlink(self->filler));
	self->filler[0] = '\0';
	ASSERT_EQ(0, queue_pause(self->s, false));
	ASSERT_LE(0, job_wait(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, id, FAX_JOB_COMPLETED));
	ASSERT_EQ(0, incoming_id(self->s, 0, in));
	EXPECT_EQ(2, pages_equal(self->s, &self->env, FAX_FOLDER_INCOMING_ARCHIVE, in,
				 &self->queued, why, sizeof(why))) TH_LOG("%s", why);
	ASSERT_EQ(0, job_submit(self->s, &self->refused, "101", FAX_PRIORITY_NORMAL, other, &err))
		TH_LOG("%s", err.message);
	ASSERT_LE(0, job_wait(self->s, FAX_FOLDER_OUTGOING_ARCHIVE, other, FAX_JOB_COMPLETED));
}

TEST_HARNESS_MAIN
