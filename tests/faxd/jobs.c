// SPDX-License-Identifier: GPL-2.0-or-later
/* Helpers of the queue scenarios; see jobs.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jobs.h"
#include "../libfax/helpers.h"

#define POLL_US 50000

int body_make(struct faxd_env *e, const char *name, int pages, struct body *b)
{
	struct bitmap bm[8];
	struct test_page pv[8];
	int r = 0;

	if (pages < 1 || pages > 8)
		return -EINVAL;
	/* Page i: a bar at a height of its own, and i+1 blocks across it. */
	for (int i = 0; i < pages; i++) {
		bm[i] = (struct bitmap){ .width = 1728, .length = 240, .stride = 216 };
		bm[i].bits = calloc(bm[i].length, bm[i].stride);
		if (!bm[i].bits) {
			pages = i;
			r = -ENOMEM;
			break;
		}
		for (uint32_t y = 20 + 20 * (uint32_t)i; y < 40 + 20 * (uint32_t)i; y++)
			for (int k = 0; k <= i; k++)
				memset(bm[i].bits + y * bm[i].stride + 10 + 20 * k, 0xff, 12);
		pv[i] = (struct test_page){ &bm[i], 204, 98 };
	}
	snprintf(b->path, sizeof(b->path), "%s/%s.tif", e->dir, name);
	b->pages = pages;
	if (r == 0)
		r = write_pages_tiff(b->path, pv, pages, CODING_MMR);
	for (int i = 0; i < pages; i++)
		free(bm[i].bits);
	if (r < 0)
		return r;
	b->fd = open(b->path, O_RDONLY | O_CLOEXEC);
	return b->fd < 0 ? -errno : 0;
}

void body_close(struct body *b)
{
	if (b->fd >= 0)
		close(b->fd);
	b->fd = -1;
}

int job_submit(fax_server_t *s, struct body *b, const char *number, uint32_t priority,
	       char *id, fax_error_t *err)
{
	const char *to[] = { number };
	struct fax_document doc = { .size = sizeof(doc), .body_fd = b->fd, .recipients = to,
				    .n_recipients = 1, .subject = "scenario",
				    .priority = priority };
	char *sub = NULL, **ids = NULL;
	int r;

	/* The server reads the body from where the fd stands. */
	if (lseek(b->fd, 0, SEEK_SET) < 0)
		return -errno;
	r = fax_server_submit(s, &doc, &sub, &ids, err);
	if (r >= 0)
		snprintf(id, 64, "%s", ids[0]);
	free(sub);
	fax_strv_free(ids);
	return r;
}

fax_jobs_t *job_get(fax_server_t *s, uint32_t folder, const char *id, int *r)
{
	fax_jobs_t *c = NULL;

	*r = fax_server_get_job(s, folder, id, &c, NULL);
	if (*r >= 0 && !fax_jobs_item(c, 1)) {
		fax_jobs_free(c);
		*r = -ENOENT;
		return NULL;
	}
	return *r < 0 ? NULL : c;
}

int64_t job_status(fax_server_t *s, const char *id)
{
	int r;
	fax_jobs_t *c = job_get(s, FAX_FOLDER_OUTGOING_QUEUE, id, &r);
	int64_t status;

	if (!c)
		return r;
	status = fax_jobs_item(c, 1)->status;
	fax_jobs_free(c);
	return status;
}

int64_t job_wait(fax_server_t *s, uint32_t folder, const char *id, uint32_t mask)
{
	for (int i = 0; i < JOBS_WAIT_S * 1000000 / POLL_US; i++) {
		int r;
		fax_jobs_t *c = job_get(s, folder, id, &r);

		if (c) {
			uint32_t status = fax_jobs_item(c, 1)->status;

			fax_jobs_free(c);
			if (!mask || (status & mask))
				return status;
		}
		usleep(POLL_US);
	}
	return -ETIMEDOUT;
}

int job_wait_page(fax_server_t *s, const char *id, uint32_t page)
{
	for (int i = 0; i < JOBS_WAIT_S * 1000000 / POLL_US; i++) {
		int r;
		fax_jobs_t *c = job_get(s, FAX_FOLDER_OUTGOING_QUEUE, id, &r);
		const struct fax_job_info *j = c ? fax_jobs_item(c, 1) : NULL;
		bool there = j && (j->status & FAX_JOB_INPROGRESS) && j->current_page >= page;

		fax_jobs_free(c);
		if (there)
			return 0;
		usleep(POLL_US);
	}
	return -ETIMEDOUT;
}

int queue_pause(fax_server_t *s, bool paused)
{
	struct fax_folder_config c;
	int r = fax_server_get_folder_config(s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL);

	if (r < 0)
		return r;
	c.paused = paused;
	return fax_server_set_folder_config(s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL);
}

int queue_retries(fax_server_t *s, uint32_t retries, uint32_t delay_s)
{
	struct fax_folder_config c;
	int r = fax_server_get_folder_config(s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL);

	if (r < 0)
		return r;
	c.retries = retries;
	c.retry_delay = delay_s;
	return fax_server_set_folder_config(s, FAX_FOLDER_OUTGOING_QUEUE, &c, NULL);
}

int device_set_sending(fax_server_t *s, const char *name, bool send)
{
	fax_devices_t *c;
	fax_device_t *d;
	int r = fax_server_get_devices(s, &c, NULL);

	if (r < 0)
		return r;
	d = fax_devices_item_by_name(c, name);
	r = d ? fax_device_set_send_enabled(d, send) : -ENOENT;
	if (r >= 0)
		r = fax_device_save(d, NULL);
	fax_devices_free(c);
	return r;
}

uint32_t device_id(fax_server_t *s, const char *name)
{
	fax_devices_t *c;
	fax_device_t *d;
	uint32_t id = 0;

	if (fax_server_get_devices(s, &c, NULL) < 0)
		return 0;
	d = fax_devices_item_by_name(c, name);
	if (d)
		id = fax_device_get_id(d);
	fax_devices_free(c);
	return id;
}

int incoming_id(fax_server_t *s, int n, char *id)
{
	fax_message_iterator_t *it;
	int r = fax_server_get_messages(s, FAX_FOLDER_INCOMING_ARCHIVE, 0, &it, NULL);

	if (r < 0)
		return r;
	r = -ENOENT;
	for (int i = 0; !fax_message_iterator_at_eof(it); i++) {
		if (i == n) {
			snprintf(id, 64, "%s", fax_message_iterator_message(it)->id);
			r = 0;
			break;
		}
		if (fax_message_iterator_move_next(it, NULL) < 0)
			break;
	}
	fax_message_iterator_free(it);
	return r;
}

int pages_equal(fax_server_t *s, struct faxd_env *e, uint32_t folder, const char *id,
		const struct body *b, char *why, size_t size)
{
	char path[160];
	int fd, r;

	snprintf(path, sizeof(path), "%s/copy-%s.tif", e->dir, id);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	r = fax_server_copy_tiff(s, folder, id, fd, NULL);
	close(fd);
	if (r >= 0)
		r = compare_tiffs(b->path, path, why, size);
	else
		snprintf(why, size, "CopyTiff: %s", strerror(-r));
	unlink(path);
	return r;
}
