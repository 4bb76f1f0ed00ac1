/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Integer helpers shared by every stage of the line DSP: a sine table
 * with interpolation (oscillators, Goertzel coefficients, windows), level
 * conversions between dBm0 and sample units, and the sampling constants.
 *
 * Levels are in tenths of a dB relative to 0 dBm0, where a 0 dBm0 sine
 * has the peak amplitude 22765 (3.14 dB below full scale, as in G.711).
 */
#ifndef FAX_DSP_MATH_H
#define FAX_DSP_MATH_H

#include "dsp_types.h"

#define FDSP_RATE		8000	/* samples per second */
#define FDSP_MS(ms)		((ms) * (FDSP_RATE / 1000))
#define FDSP_DBM0_AMPLITUDE	22765	/* peak of a 0 dBm0 sine */
#define FDSP_FOREVER		0xffffffffu	/* "for ever" */

/* Phase is a u32 turning once per 2^32: frequency in Hz to step/sample. */
static inline u32 fdsp_phase_step(u32 hz)
{
	return hz * 536871u;	/* 2^32 / 8000, rounded */
}

s16 fdsp_sin(u32 phase);		/* Q15 */

static inline s16 fdsp_cos(u32 phase)
{
	return fdsp_sin(phase + 0x40000000u);
}

/* Peak amplitude of a sine at level dbm0_10 (tenths of dBm0, <= +31). */
s16 fdsp_dbm0_amplitude(int dbm0_10);

/* Q15 gain of -att_10 tenths of a dB (att_10 >= 0). */
u16 fdsp_db_gain(unsigned int att_10);

/*
 * Level in tenths of dBm0 of a mean-square power (sample units squared);
 * about 0.2 dB accurate, -990 for silence.
 */
int fdsp_power_dbm0(u64 mean_square);

/* Mean-square power of a sine at dbm0_10, the inverse of the above. */
u64 fdsp_dbm0_power(int dbm0_10);

#endif /* FAX_DSP_MATH_H */
