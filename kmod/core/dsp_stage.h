/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The seam between the per-line tick and the line DSP library (dsp/).
 *
 * Every stage's state is a fixed-size struct embedded in the line
 * (struct fax_line_dsp), except the echo canceller's, whose size depends
 * on its tail: that memory is allocated in process context (line creation,
 * FAX_IOC_SET_PARAMS) and swapped in under line->lock. The stages run in
 * the tick (softirq, under line->lock) on the received chunk, with the
 * chunk sent in the same tick as the echo reference, while the line is
 * off hook and the stage's FAX_DSP_* switch is on. They never allocate,
 * sleep or fail; detections reach the line's event ring through a sink.
 *
 * Locking: none of its own. fax_dsp_line_init/free run on a line nobody
 * else can reach; fax_dsp_prepare/commit around a parameter change in
 * process context (commit with line->lock held); the rest in the tick or
 * with line->lock held.
 */
#ifndef _FAX_DSP_STAGE_H
#define _FAX_DSP_STAGE_H

#include <linux/types.h>

#include "dsp/cpt.h"
#include "dsp/dtmf.h"
#include "dsp/echo.h"
#include "dsp/faxtone.h"

struct fax_line;
struct fax_params;

struct fax_line_dsp {
	struct fdsp_echo *ec;		/* laid out in ec_mem */
	void *ec_mem;
	size_t ec_len;
	struct fdsp_dtmf_rx dtmf;
	struct fdsp_faxtone_rx tone;
	struct fdsp_v21pre_rx v21;
	struct fdsp_cpt_rx cpt;
	u64 rx_pos0;			/* read() position of sample 0 */
	u64 fed;			/* samples the detectors have seen */
};

/* Echo canceller memory made ready for new parameters (process context). */
struct fax_dsp_ec_mem {
	void *mem;
	size_t len;
};

int fax_dsp_line_init(struct fax_line *line);
void fax_dsp_line_free(struct fax_line *line);
int fax_dsp_prepare(struct fax_line *line, const struct fax_params *p,
		    struct fax_dsp_ec_mem *m);
void fax_dsp_commit(struct fax_line *line, struct fax_dsp_ec_mem *m);
void fax_dsp_reset(struct fax_line *line);
void fax_dsp_rx(struct fax_line *line, s16 *rx, const s16 *tx,
		unsigned int n);

#endif /* _FAX_DSP_STAGE_H */
