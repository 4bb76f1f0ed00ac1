/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The seam between the per-line tick and the line DSP library (dsp/).
 *
 * A stage is a const ops table. Its state is created per line in process
 * context when the line is created and freed with the line; its process
 * functions run in the tick (softirq, under line->lock) and must not
 * allocate, sleep or fail. Stages run in the order of fax_dsp_stages[]
 * (dsp_stage.c): tx stages on the samples about to be sent, then rx stages
 * on the samples received, with the tx chunk of the same tick as the echo
 * reference. A stage is skipped while its FAX_DSP_* switch is off.
 *
 * Locking: none of its own; the tick holds line->lock.
 */
#ifndef _FAX_DSP_STAGE_H
#define _FAX_DSP_STAGE_H

#include <linux/types.h>

struct fax_line;

struct fax_dsp_ops {
	const char *name;
	u32 flag;			/* FAX_DSP_* switch */
	void *(*create)(void);		/* GFP_KERNEL; NULL on failure */
	void (*destroy)(void *state);
	void (*reset)(void *state);	/* new call: forget the old one */
	void (*tx)(void *state, s16 *tx, unsigned int n);
	/* May report events with fax_dsp_event(). */
	void (*rx)(void *state, struct fax_line *line, s16 *rx,
		   const s16 *tx, unsigned int n);
};

struct fax_dsp_slot {
	const struct fax_dsp_ops *ops;
	void *state;
};

#define FAX_DSP_STAGES	4

/* For rx stages: queue a line event (tone, digit) from the tick. */
void fax_dsp_event(struct fax_line *line, u32 type, u32 value);

void fax_dsp_tx(struct fax_line *line, s16 *tx, unsigned int n);
void fax_dsp_rx(struct fax_line *line, s16 *rx, const s16 *tx,
		unsigned int n);
void fax_dsp_reset(struct fax_line *line);

#endif /* _FAX_DSP_STAGE_H */
