/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Events of the line DSP detectors.  A detector never allocates and never
 * fails: it calls the sink the caller gave to its init function, from its
 * process function, once per start and once per stop.  The sink must not
 * sleep (faxcore calls the detectors from its tick) and should only copy
 * the event into the line's fixed-size event queue.
 *
 * Timestamps count samples since the detector's init: the sample where
 * the tone (as estimated from the detector's analysis windows) began, or
 * the first sample after it ended.
 */
#ifndef FAX_DSP_EVENT_H
#define FAX_DSP_EVENT_H

#include "dsp_types.h"

enum fdsp_event_type {
	FDSP_EV_DTMF = 1,	/* value: '0'-'9', '*', '#', 'A'-'D' */
	FDSP_EV_CNG,		/* calling tone, 1100 Hz */
	FDSP_EV_CED,		/* answer tone, 2100 Hz, no modulation */
	FDSP_EV_CED_PR,		/* 2100 Hz with phase reversals (/ANS) */
	FDSP_EV_ANSAM,		/* 2100 Hz, 15 Hz amplitude modulation */
	FDSP_EV_ANSAM_PR,	/* ANSam with phase reversals (/ANSam) */
	FDSP_EV_V21_PREAMBLE,	/* V.21 ch. 2 HDLC flags: a fax answers */
	FDSP_EV_CPT,		/* call progress tone, value: fdsp_cpt_kind */
};

struct fdsp_event {
	u16 type;	/* enum fdsp_event_type */
	u8 on;		/* 1: started, 0: stopped */
	u8 value;	/* per type, see above */
	s16 level;	/* tenths of dBm0 measured at start (0 at stop) */
	u16 reserved;
	u64 sample;	/* timestamp, in samples since init */
};

struct fdsp_sink {
	void (*fn)(void *ctx, const struct fdsp_event *ev);
	void *ctx;
};

static inline void fdsp_emit(const struct fdsp_sink *sink, u16 type, u8 on,
			     u8 value, s16 level, u64 sample)
{
	struct fdsp_event ev = {
		.type = type, .on = on, .value = value,
		.level = level, .sample = sample,
	};

	if (sink->fn)
		sink->fn(sink->ctx, &ev);
}

#endif /* FAX_DSP_EVENT_H */
