// SPDX-License-Identifier: GPL-2.0-only
/*
 * Minimal fixed-point tone generation and gain (see tone.h). To be
 * replaced by the DSP library (kmod/core/dsp/) when it provides
 * generators. Pure functions on caller-owned state; no locking.
 */
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include "tone.h"

/* sin(k * pi / 128) * 32767 for k = 0..64: a quarter wave. */
static const s16 fax_quarter_sine[65] = {
	0, 804, 1608, 2410, 3212, 4011, 4808, 5602, 6393, 7179, 7962, 8739,
	9512, 10278, 11039, 11793, 12539, 13279, 14010, 14732, 15446, 16151,
	16846, 17530, 18204, 18868, 19519, 20159, 20787, 21403, 22005, 22594,
	23170, 23731, 24279, 24811, 25329, 25832, 26319, 26790, 27245, 27683,
	28105, 28510, 28898, 29268, 29621, 29956, 30273, 30571, 30852, 31113,
	31356, 31580, 31785, 31971, 32137, 32285, 32412, 32521, 32609, 32678,
	32728, 32757, 32767,
};

/* 10^(dB/20) in Q14 for 0..5 dB and for 0..-5 dB. */
static const u16 fax_db_up_q14[6] = { 16384, 18383, 20626, 23143, 25967, 29135 };
static const u16 fax_db_down_q14[6] = { 16384, 14602, 13014, 11599, 10338, 9213 };

/* The sine of a phase given as a fraction of a turn in 32 bits. */
s16 fax_sine(u32 phase)
{
	unsigned int quadrant = phase >> 30;
	u32 pos = phase & 0x3fffffff;		/* within the quadrant */
	unsigned int idx = pos >> 24;		/* 0..63 */
	u32 frac = (pos >> 8) & 0xffff;		/* between idx and idx+1 */
	int a, b, v;

	if (quadrant & 1) {
		/* Falling quarter: mirror the index. */
		idx = 63 - idx;
		frac = 0xffff - frac;
	}
	a = fax_quarter_sine[idx];
	b = fax_quarter_sine[idx + 1];
	v = a + (((b - a) * (int)frac) >> 16);
	return quadrant & 2 ? -v : v;
}
EXPORT_SYMBOL_GPL(fax_sine);

void fax_tone_init(struct fax_tone_gen *g, unsigned int hz1,
		   unsigned int hz2, s16 amp)
{
	g->phase[0] = 0;
	g->phase[1] = 0;
	g->step[0] = FAX_PHASE_STEP(hz1);
	g->step[1] = FAX_PHASE_STEP(hz2);
	g->amp = amp;
}
EXPORT_SYMBOL_GPL(fax_tone_init);

void fax_tone_fill(struct fax_tone_gen *g, s16 *buf, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		int s = fax_sine(g->phase[0]);

		if (g->step[1])
			s += fax_sine(g->phase[1]);
		buf[i] = (s * g->amp) >> 15;
		g->phase[0] += g->step[0];
		g->phase[1] += g->step[1];
	}
}
EXPORT_SYMBOL_GPL(fax_tone_fill);

/* Set up the DTMF pair of a digit; false if it is not a DTMF digit. */
bool fax_dtmf_tone(struct fax_tone_gen *g, char digit, s16 amp)
{
	static const char keys[] = "123A456B789C*0#D";
	static const u16 row[4] = { 697, 770, 852, 941 };
	static const u16 col[4] = { 1209, 1336, 1477, 1633 };
	const char *k = strchr(keys, digit);
	unsigned int i;

	if (!digit || !k)
		return false;
	i = k - keys;
	fax_tone_init(g, row[i / 4], col[i % 4], amp);
	return true;
}
EXPORT_SYMBOL_GPL(fax_dtmf_tone);

/* A gain in dB as a Q14 factor: 6 dB per bit shift, the rest by table. */
int fax_gain_q14(int db)
{
	if (db >= 0)
		return fax_db_up_q14[db % 6] << (db / 6);
	db = -db;
	return fax_db_down_q14[db % 6] >> (db / 6);
}
EXPORT_SYMBOL_GPL(fax_gain_q14);

void fax_gain_apply(s16 *buf, unsigned int n, int q14)
{
	unsigned int i;

	if (q14 == 1 << 14)
		return;
	for (i = 0; i < n; i++)
		buf[i] = clamp_t(s32, ((s32)buf[i] * q14) >> 14, S16_MIN, S16_MAX);
}
EXPORT_SYMBOL_GPL(fax_gain_apply);
