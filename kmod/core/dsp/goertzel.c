// SPDX-License-Identifier: GPL-2.0-only
/* Goertzel filters (see goertzel.h). */
#include "goertzel.h"
#include "dsp_math.h"

void fdsp_goertzel_init(struct fdsp_goertzel *g, u32 hz)
{
	u32 phase = fdsp_phase_step(hz);

	g->cos_w = fdsp_cos(phase);
	g->sin_w = fdsp_sin(phase);
	g->coef = g->cos_w;	/* 2 cos(w) in Q14 = cos(w) in Q15 */
	fdsp_goertzel_reset(g);
}

void fdsp_goertzel_block(struct fdsp_goertzel *g, const s16 *x, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fdsp_goertzel_step(g, x[i]);
}

void fdsp_goertzel_result(struct fdsp_goertzel *g, s64 *re, s64 *im)
{
	*re = (s64)g->s1 - (((s64)g->s2 * g->cos_w) >> 15);
	*im = ((s64)g->s2 * g->sin_w) >> 15;
	fdsp_goertzel_reset(g);
}

u64 fdsp_goertzel_power(struct fdsp_goertzel *g)
{
	s64 re, im;

	fdsp_goertzel_result(g, &re, &im);
	return (u64)(re * re) + (u64)(im * im);
}
