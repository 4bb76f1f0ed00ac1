/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Goertzel filters: the DFT at one frequency over a block, one multiply
 * per sample.  Shared by the tone detectors.  The state is s32 with a Q14
 * coefficient: for blocks up to 256 samples of 16-bit input the state
 * stays far inside 32 bits for every frequency above 100 Hz.
 */
#ifndef FAX_DSP_GOERTZEL_H
#define FAX_DSP_GOERTZEL_H

#include "dsp_types.h"

struct fdsp_goertzel {
	s32 coef;	/* 2 cos(w), Q14 */
	s16 cos_w;	/* Q15, for the complex result */
	s16 sin_w;
	s32 s1, s2;
};

void fdsp_goertzel_init(struct fdsp_goertzel *g, u32 hz);

static inline void fdsp_goertzel_reset(struct fdsp_goertzel *g)
{
	g->s1 = 0;
	g->s2 = 0;
}

static inline void fdsp_goertzel_step(struct fdsp_goertzel *g, s32 x)
{
	s32 s0 = x + (s32)(((s64)g->coef * g->s1) >> 14) - g->s2;

	g->s2 = g->s1;
	g->s1 = s0;
}

void fdsp_goertzel_block(struct fdsp_goertzel *g, const s16 *x, size_t n);

/*
 * The complex DFT of the block (up to a phase factor fixed by the block
 * length), then resets for the next block.
 */
void fdsp_goertzel_result(struct fdsp_goertzel *g, s64 *re, s64 *im);

/* |X|^2 of the block, then resets. */
u64 fdsp_goertzel_power(struct fdsp_goertzel *g);

#endif /* FAX_DSP_GOERTZEL_H */
