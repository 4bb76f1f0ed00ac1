/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fax and modem connect tones: detectors for CNG (1100 Hz), the 2100 Hz
 * answer tone in its four forms (CED/ANS, /ANS with phase reversals,
 * ANSam with 15 Hz amplitude modulation, /ANSam), and the V.21 channel-2
 * preamble (HDLC flags at 300 bit/s, 1650/1850 Hz); and descriptors to
 * generate the tones with struct fdsp_tonegen.
 *
 * The tone detector works on 10 ms blocks.  80 samples hold exactly 21
 * cycles of 2100 Hz, so the phase of the 2100 Hz DFT stands still from
 * block to block (up to a frequency offset, which is tracked): a phase
 * reversal shows as a jump of half a turn between a block and the one two
 * blocks earlier.  Amplitude modulation shows as the ratio of the
 * strongest to the weakest block power.  CNG is reported after 350 ms of
 * tone; the answer tone after 650 ms, when the first reversal (due at
 * 450 ms) has had its chance: that is inside the one second G.165 gives
 * an echo canceller's tone disabler.
 */
#ifndef FAX_DSP_FAXTONE_H
#define FAX_DSP_FAXTONE_H

#include "dsp_types.h"
#include "event.h"
#include "goertzel.h"
#include "tonegen.h"

#define FDSP_FAXTONE_BLOCK	80

struct fdsp_faxtone_rx {
	struct fdsp_sink sink;
	struct fdsp_goertzel g1100, g2100;
	u64 energy;
	u16 fill;
	u64 min_power;		/* |X|^2 at the level threshold */
	u64 now;		/* samples consumed */
	/* CNG */
	u16 cng_run;
	u8 cng_miss;
	bool cng_on;
	u64 cng_start, cng_end;
	/* 2100 Hz */
	u16 ans_run;
	u8 ans_miss;
	u8 ans_kind;		/* event type once reported, 0 before */
	u8 reversals;
	u16 last_rev;		/* block of the last reversal */
	s64 x_re[2], x_im[2];	/* DFT of the last two blocks */
	s64 rot_re, rot_im;	/* mean rotation per block */
	u64 p_max, p_min;
	u64 ans_start, ans_end;
	s16 level;
};

/* threshold: minimum level in tenths of dBm0 (-430 if 0 is passed). */
void fdsp_faxtone_rx_init(struct fdsp_faxtone_rx *s, int threshold,
			  const struct fdsp_sink *sink);
void fdsp_faxtone_rx_process(struct fdsp_faxtone_rx *s, const s16 *x,
			     size_t n);

/* V.21 channel 2 (1650 Hz mark, 1850 Hz space), one bit = 80/3 samples. */
#define FDSP_V21_WIN		27

struct fdsp_v21pre_rx {
	struct fdsp_sink sink;
	u32 ph[2], step[2];		/* mixers at 1650 and 1850 Hz */
	s32 ring_i[2][FDSP_V21_WIN], ring_q[2][FDSP_V21_WIN];
	s32 sum_i[2], sum_q[2];
	u32 ring_e[FDSP_V21_WIN];
	u64 sum_e;
	u8 pos;
	u8 last_bit;
	u32 bit_phase;			/* DPLL, bit edge at 0 */
	u8 shift;			/* last 8 bits received */
	u16 since_flag;			/* bits since the last flag */
	u8 flags;			/* consecutive flags */
	bool on;
	u64 min_energy;
	u64 now, first_flag, last_flag;
};

void fdsp_v21pre_rx_init(struct fdsp_v21pre_rx *s, int threshold,
			 const struct fdsp_sink *sink);
void fdsp_v21pre_rx_process(struct fdsp_v21pre_rx *s, const s16 *x,
			    size_t n);

enum fdsp_faxtone_kind {
	FDSP_TONE_CNG,		/* 1100 Hz, 0.5 s on, 3 s off, repeating */
	FDSP_TONE_CED,		/* 2100 Hz for 3.3 s */
	FDSP_TONE_CED_PR,	/* same with reversals every 450 ms */
	FDSP_TONE_ANSAM,	/* 2100 Hz, 15 Hz AM of 20 %, 3.3 s */
	FDSP_TONE_ANSAM_PR,
};

/* Fills d for a tone at level (tenths of dBm0); -EINVAL if unknown. */
int fdsp_faxtone_desc(struct fdsp_tone_desc *d, unsigned int kind,
		      int level);

#endif /* FAX_DSP_FAXTONE_H */
