/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The queues: submission into the spool and the store, the scheduler of
 * the outgoing queue (a pending job, a free send-enabled device chosen by
 * route_pick_device(), a call), retries, the job operations, receiving,
 * and archiving. Every state change is one store transaction followed by
 * its events.
 */
#ifndef FAXD_QUEUE_H
#define FAXD_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include <systemd/sd-event.h>

#include <fax/client.h>

struct manager;
struct device;
struct job;

struct queue_config {
	bool out_blocked, out_paused, in_blocked;
	uint32_t retries;		/* attempts after the first */
	uint32_t retry_delay;		/* minutes */
	uint32_t discount_start, discount_end;	/* minutes after local midnight */
	uint32_t out_age_limit;		/* days a failed job stays; 0 = forever */
	uint32_t in_archive_age_limit, out_archive_age_limit;	/* days; 0 = forever */
	uint32_t in_high_mb, in_low_mb, out_high_mb, out_low_mb;
	bool in_quota_warning, out_quota_warning;
};

struct queue {
	struct queue_config cfg;
	sd_event_source *defer, *timer;
	bool replan;			/* the discount jobs' times may have moved */
	sd_event_source *purge;		/* archive.c: age limits, quotas */
	bool in_quota_warned, out_quota_warned;
};

int queue_start(struct manager *m);
void queue_stop(struct manager *m);
/* queue_kick() - run the scheduler soon (from the loop). */
void queue_kick(struct manager *m);

/* queue_submit() - import the TIFF in @fd and queue one job per recipient
 * of @tmpl (recipients in @numbers/@names). */
int queue_submit(struct manager *m, const struct job *tmpl, int fd, char **numbers,
		 char **names, char **ret_submission, char ***ret_ids, char *msg, size_t msg_size);
/* queue_action() - Pause/Resume/Restart/Cancel; -EBUSY when not offered. */
int queue_action(struct manager *m, struct job *j, enum fax_job_action action);
/* queue_delete() - remove a message (or a final job) with its TIFF. */
int queue_delete(struct manager *m, struct job *j);
/* queue_receive() - answer the call on @d now into a new incoming job. */
int queue_receive(struct manager *m, struct device *d, const char *caller_id);
int queue_set_config(struct manager *m, const struct queue_config *c);
/* queue_clock_changed() - faxd's clock moved (Test.SetClockOffset):
 * re-plan the waiting jobs and the archive clean-up. */
void queue_clock_changed(struct manager *m);

/* route_pick_device() - the seam for outbound routing (groups, rules):
 * today the first free send-enabled device with a line. */
struct device *route_pick_device(struct manager *m, const struct job *j);

#endif /* FAXD_QUEUE_H */
