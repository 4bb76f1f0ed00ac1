/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tone generator: one or two sines with a cadence of up to two on/off
 * pairs, optional amplitude modulation (ANSam) and periodic phase
 * reversals (/ANS).  Every tone the line plays (DTMF, CNG, CED, ANSam,
 * call progress) is a struct fdsp_tone_desc, i.e. data.
 */
#ifndef FAX_DSP_TONEGEN_H
#define FAX_DSP_TONEGEN_H

#include "dsp_types.h"

struct fdsp_tone_desc {
	u16 freq[2];		/* Hz, 0 = unused; < 4000 */
	s16 level[2];		/* tenths of dBm0 per sine, <= +30 */
	u16 cadence_ms[4];	/* on, off, on, off; all 0 = steady */
	u8 repeat;		/* the cadence repeats forever */
	u8 am_hz;		/* amplitude modulation rate, 0 = none */
	u8 am_percent;		/* modulation depth, 0..100 */
	u8 reserved;
	u16 reversal_ms;	/* phase reversal period, 0 = none */
};

struct fdsp_tonegen {
	u32 phase[2], step[2];
	s16 amp[2];
	u32 am_phase, am_step;
	s16 am_depth;		/* Q15 */
	u8 segment;		/* index into seg_len, 4 = finished */
	u8 repeat;
	u32 seg_len[4];		/* samples */
	u32 seg_left;
	u32 rev_period, rev_left;
};

/* -EINVAL for a frequency at or above Nyquist or a level above +3 dBm0. */
int fdsp_tonegen_init(struct fdsp_tonegen *g, const struct fdsp_tone_desc *d);

/*
 * Writes n samples; once a non-repeating cadence is over the rest is
 * silence.  Returns the number of samples written before the end (n while
 * the tone lasts).
 */
size_t fdsp_tonegen_run(struct fdsp_tonegen *g, s16 *out, size_t n);

static inline bool fdsp_tonegen_done(const struct fdsp_tonegen *g)
{
	return g->segment >= 4;
}

#endif /* FAX_DSP_TONEGEN_H */
