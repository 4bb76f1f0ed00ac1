// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Age limits and quota warnings of the archives; see archive.h.
 *
 * A record goes by queue_delete(): its row first, then its spool file.
 * Killed between the two, faxd leaves a file no row names, which
 * spool_reconcile() removes at the next start; the other order could
 * leave a row naming a missing file. A pass deletes at most PURGE_BATCH
 * records, each one transaction, and comes back at once for the rest,
 * so a large backlog does not stall the event loop.
 */
#include <errno.h>
#include <inttypes.h>

#include "archive.h"
#include "job.h"
#include "log.h"
#include "manager.h"
#include "queue.h"

#define USEC_PER_SEC 1000000ULL
#define USEC_PER_DAY (86400LL * 1000000LL)
#define PURGE_INTERVAL (3600 * USEC_PER_SEC)
#define PURGE_BATCH 100

static const char *folder_name(uint32_t folder)
{
	static const char *const names[] = {
		[JOB_OUTGOING_QUEUE] = "outgoing queue", [JOB_INCOMING_QUEUE] = "incoming queue",
		[JOB_OUTGOING_ARCHIVE] = "outgoing archive",
		[JOB_INCOMING_ARCHIVE] = "incoming archive",
	};

	return names[folder];
}

/*
 * Delete what entered @folder more than @days ago: messages of an
 * archive, failed or cancelled jobs of the outgoing queue (a job still
 * waiting or being sent is never aged out). Returns the records found,
 * so the caller knows whether a batch was full.
 */
static size_t purge(struct manager *m, uint32_t folder, uint32_t days, int64_t now)
{
	uint32_t statuses = 0;
	struct job *v;
	size_t n;

	if (!days)
		return 0;
	if (folder == JOB_OUTGOING_QUEUE)
		statuses = FAX_JOB_FAILED | FAX_JOB_RETRIES_EXCEEDED | FAX_JOB_CANCELED;
	if (store_job_older(m->store, folder, statuses, now - (int64_t)days * USEC_PER_DAY,
			    PURGE_BATCH, &v, &n) < 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		int r = queue_delete(m, &v[i]);

		if (r < 0)
			log_warning_errno(r, "%s: cannot remove %s, older than %u days: %m",
					  folder_name(folder), v[i].id, days);
		else
			log_info("%s: removed %s, older than %u days", folder_name(folder), v[i].id,
				 days);
	}
	store_job_list_free(v, n);
	return n;
}

/*
 * The quota warning of one archive, with the model's hysteresis: raised
 * once when the size passes the high water mark, not again until it has
 * fallen under the low one. faxd's event log is its log (the journal).
 */
static void quota(struct manager *m, uint32_t folder, bool enabled, uint32_t high_mb,
		  uint32_t low_mb, bool *warned)
{
	uint64_t size;

	if (!enabled) {
		*warned = false;
		return;
	}
	if (store_folder_size(m->store, folder, &size) < 0)
		return;
	if (!*warned && size > (uint64_t)high_mb << 20) {
		*warned = true;
		log_warning("%s: quota warning: %" PRIu64 " bytes, over the high water mark of %u MB",
			    folder_name(folder), size, high_mb);
	} else if (*warned && size < (uint64_t)low_mb << 20) {
		*warned = false;
		log_notice("%s: quota warning cleared: %" PRIu64
			   " bytes, under the low water mark of %u MB", folder_name(folder), size,
			   low_mb);
	}
}

static int on_pass(sd_event_source *s, uint64_t usec, void *userdata)
{
	struct manager *m = userdata;
	const struct queue_config *c = &m->queue.cfg;
	int64_t now = job_now();
	size_t found = 0;

	if (m->shutting_down)
		return 0;
	found += purge(m, JOB_INCOMING_ARCHIVE, c->in_archive_age_limit, now);
	found += purge(m, JOB_OUTGOING_ARCHIVE, c->out_archive_age_limit, now);
	found += purge(m, JOB_OUTGOING_QUEUE, c->out_age_limit, now);
	quota(m, JOB_INCOMING_ARCHIVE, c->in_quota_warning, c->in_high_mb, c->in_low_mb,
	      &m->queue.in_quota_warned);
	quota(m, JOB_OUTGOING_ARCHIVE, c->out_quota_warning, c->out_high_mb, c->out_low_mb,
	      &m->queue.out_quota_warned);
	/* A full batch: more may wait, come back at once (after other work). */
	sd_event_source_set_time(s, found >= PURGE_BATCH ? usec : usec + PURGE_INTERVAL);
	sd_event_source_set_enabled(s, SD_EVENT_ONESHOT);
	return 0;
}

void archive_kick(struct manager *m)
{
	uint64_t now;

	if (!m->queue.purge || sd_event_now(m->event, CLOCK_MONOTONIC, &now) < 0)
		return;
	sd_event_source_set_time(m->queue.purge, now);
	sd_event_source_set_enabled(m->queue.purge, SD_EVENT_ONESHOT);
}

int archive_start(struct manager *m)
{
	uint64_t now;
	int r = sd_event_now(m->event, CLOCK_MONOTONIC, &now);

	/* The first pass runs as soon as the loop does: at start. */
	if (r >= 0)
		r = sd_event_add_time(m->event, &m->queue.purge, CLOCK_MONOTONIC, now, 0, on_pass, m);
	if (r < 0)
		return log_error_errno(r, "cannot set up the archive clean-up: %m");
	return 0;
}

void archive_stop(struct manager *m)
{
	m->queue.purge = sd_event_source_disable_unref(m->queue.purge);
}

bool archive_quota_exceeded(const struct manager *m, uint32_t folder)
{
	return folder == JOB_INCOMING_ARCHIVE ? m->queue.in_quota_warned :
	       folder == JOB_OUTGOING_ARCHIVE ? m->queue.out_quota_warned : false;
}
