/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Minimal fixed-point tone generation and gain for faxcore and fax_sim:
 * a sine from a quarter-wave table, dual-tone generators (DTMF, call
 * progress tones) and dB gains in Q14. No state of its own, no locking.
 *
 * To be replaced by the DSP library's generators (kmod/core/dsp/) when it
 * lands; the interface is small on purpose.
 */
#ifndef _FAX_TONE_H
#define _FAX_TONE_H

#include <linux/types.h>

/* Phase increment per sample at 8 kHz for a frequency in Hz. */
#define FAX_PHASE_STEP(hz)	((u32)(((u64)(hz) << 32) / 8000))

/* Two summed sines, each of the given peak amplitude. */
struct fax_tone_gen {
	u32 phase[2];
	u32 step[2];
	s16 amp;
};

s16 fax_sine(u32 phase);
void fax_tone_init(struct fax_tone_gen *g, unsigned int hz1,
		   unsigned int hz2, s16 amp);
void fax_tone_fill(struct fax_tone_gen *g, s16 *buf, unsigned int n);
bool fax_dtmf_tone(struct fax_tone_gen *g, char digit, s16 amp);
int fax_gain_q14(int db);
void fax_gain_apply(s16 *buf, unsigned int n, int q14);

#endif /* _FAX_TONE_H */
