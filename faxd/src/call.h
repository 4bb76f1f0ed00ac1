/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A fax call on a device: the line of the device (from its provider)
 * driven by a libfax session, sending a job's TIFF or receiving into a
 * new one. While a call owns the device, the provider hands the line's
 * wake-ups to call_process() instead of draining the line itself. The
 * call reports progress and its end to its owner (the outgoing queue or
 * the incoming queue) through the callbacks.
 */
#ifndef FAXD_CALL_H
#define FAXD_CALL_H

#include <stdbool.h>
#include <stdint.h>

#include <fax/fax.h>

struct device;
struct call;

struct call_ops {
	void (*progress)(struct call *c, const struct fax_session_progress *p);
	/* @ext: the extended status the line's signalling explains the end
	 * with (busy, no answer, bad address), FAX_JOBX_NONE otherwise. */
	void (*done)(struct call *c, const struct fax_session_result *r, uint32_t ext);
};

struct call {
	struct device *dev;
	fax_line_t *line;
	fax_session_t *session;
	struct sd_event_source *timer;
	const struct call_ops *ops;
	char *job_id;
	bool sending, connected, busy, unreachable, finished;
};

/* call_send() - dial @number on @d and send @path. */
int call_send(struct device *d, const char *job_id, const char *number, const char *path,
	      const char *tsid, const struct call_ops *ops, struct call **ret);
/* call_receive() - answer the call ringing on @d, receive into @path. */
int call_receive(struct device *d, const char *job_id, const char *path, const char *csid,
		 const struct call_ops *ops, struct call **ret);
/* call_process() - the line woke up (from the provider). */
void call_process(struct call *c);
/* call_abort() - end the call now; done() follows from the loop. */
void call_abort(struct call *c);
void call_free(struct call *c);

#endif /* FAXD_CALL_H */
