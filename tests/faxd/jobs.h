/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers of the queue scenarios over the loopback provider, through the
 * client API: fax bodies whose pages differ from each other (so a page
 * lost or swapped shows), submissions, waiting for a job's state, and the
 * pixels of a received message against the body sent. Counting items and
 * spool files is folders.h's.
 */
#ifndef TESTS_FAXD_JOBS_H
#define TESTS_FAXD_JOBS_H

#include <stdbool.h>
#include <stdint.h>

#include <fax/client.h>

#include "env.h"

/* Wall-time bound of one waiting step of a scenario: generous, as the
 * sanitised daemon shares two CPUs with builds; reached only on failure. */
#define JOBS_WAIT_S 300

/* A body: a TIFF kept under the test's directory, and an fd on it. */
struct body {
	char path[160];
	int fd;
	int pages;
};

/* body_make() - @pages (1..8) distinct pages in @e->dir/@name.tif. 0 or -errno. */
int body_make(struct faxd_env *e, const char *name, int pages, struct body *b);
void body_close(struct body *b);

/* job_submit() - send @b to @number with @priority; the job id in @id
 * (64 bytes). 0 or the client's -errno (@err explains). */
int job_submit(fax_server_t *s, struct body *b, const char *number, uint32_t priority,
	       char *id, fax_error_t *err);

/* job_get() - the job or message @id of @folder (a snapshot to free with
 * fax_jobs_free(); the job is item 1), or NULL with *@r = -errno. */
fax_jobs_t *job_get(fax_server_t *s, uint32_t folder, const char *id, int *r);

/* job_status() - Status of @id in the outgoing queue, or -errno. */
int64_t job_status(fax_server_t *s, const char *id);

/* job_wait() - wait until @id in @folder exists with a status that has a
 * bit of @mask (0: exists at all). Returns the status, or -ETIMEDOUT. */
int64_t job_wait(fax_server_t *s, uint32_t folder, const char *id, uint32_t mask);

/* job_wait_page() - wait until @id is on the line at page @page or later. */
int job_wait_page(fax_server_t *s, const char *id, uint32_t page);

/* queue_pause() - Paused of the outgoing queue. 0 or -errno. */
int queue_pause(fax_server_t *s, bool paused);

/* queue_retries() - Retries and RetryDelay (seconds) of the outgoing queue. */
int queue_retries(fax_server_t *s, uint32_t retries, uint32_t delay_s);

/* device_set_sending() - whether device @name sends (the other one answers). */
int device_set_sending(fax_server_t *s, const char *name, bool send);

/* device_id() - Id of device @name, or 0. */
uint32_t device_id(fax_server_t *s, const char *name);

/* incoming_id() - id of the @n-th (0-based) message of the incoming
 * archive, in @id (64 bytes). 0 or -ENOENT. */
int incoming_id(fax_server_t *s, int n, char *id);

/* pages_equal() - CopyTiff of message @id of @folder compared with @b:
 * the number of pages equal pixel for pixel (-1: counts differ), @why
 * describing the first difference. */
int pages_equal(fax_server_t *s, struct faxd_env *e, uint32_t folder, const char *id,
		const struct body *b, char *why, size_t size);

#endif /* TESTS_FAXD_JOBS_H */
