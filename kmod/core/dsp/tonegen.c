// SPDX-License-Identifier: GPL-2.0-only
/* Tone generator (see tonegen.h): phase accumulators, no state but phase. */
#include "tonegen.h"
#include "dsp_math.h"

int fdsp_tonegen_init(struct fdsp_tonegen *g, const struct fdsp_tone_desc *d)
{
	bool steady = true;
	int i;

	memset(g, 0, sizeof(*g));
	for (i = 0; i < 2; i++) {
		if (d->freq[i] >= FDSP_RATE / 2 || d->level[i] > 30)
			return -EINVAL;
		if (!d->freq[i])
			continue;
		g->step[i] = fdsp_phase_step(d->freq[i]);
		g->amp[i] = fdsp_dbm0_amplitude(d->level[i]);
	}
	if (d->am_percent > 100)
		return -EINVAL;
	if (d->am_hz) {
		g->am_step = fdsp_phase_step(d->am_hz);
		g->am_depth = d->am_percent * 32767 / 100;
	}
	for (i = 0; i < 4; i++) {
		g->seg_len[i] = FDSP_MS((u32)d->cadence_ms[i]);
		if (g->seg_len[i])
			steady = false;
	}
	if (steady) {
		/* One endless "on" segment. */
		g->seg_len[0] = FDSP_FOREVER;
		g->repeat = 1;
	} else {
		g->repeat = d->repeat;
	}
	g->seg_left = g->seg_len[0];
	g->rev_period = FDSP_MS((u32)d->reversal_ms);
	g->rev_left = g->rev_period;
	return 0;
}

/* Move to the next non-empty segment; 4 means finished. */
static void next_segment(struct fdsp_tonegen *g)
{
	int tries;

	for (tries = 0; tries < 4; tries++) {
		g->segment++;
		if (g->segment >= 4) {
			if (!g->repeat)
				return;
			g->segment = 0;
		}
		if (g->seg_len[g->segment]) {
			g->seg_left = g->seg_len[g->segment];
			return;
		}
	}
	g->segment = 4;
}

static s16 tone_sample(struct fdsp_tonegen *g)
{
	s32 v = ((s32)g->amp[0] * fdsp_sin(g->phase[0]) +
		 (s32)g->amp[1] * fdsp_sin(g->phase[1])) >> 15;

	g->phase[0] += g->step[0];
	g->phase[1] += g->step[1];
	if (g->am_step) {
		s32 env = 32768 + ((g->am_depth * fdsp_sin(g->am_phase)) >> 15);

		v = (s32)(((s64)v * env) >> 15);
		g->am_phase += g->am_step;
	}
	if (g->rev_period && !--g->rev_left) {
		g->phase[0] += 0x80000000u;
		g->phase[1] += 0x80000000u;
		g->rev_left = g->rev_period;
	}
	return fdsp_sat16(v);
}

size_t fdsp_tonegen_run(struct fdsp_tonegen *g, s16 *out, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (g->segment >= 4) {
			memset(out + i, 0, (n - i) * sizeof(*out));
			return i;
		}
		/* Even segments are "on", odd ones silence. */
		out[i] = g->segment & 1 ? 0 : tone_sample(g);
		if (!--g->seg_left)
			next_segment(g);
	}
	return n;
}
