/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DTMF receiver (ITU-T Q.24) and transmitter.
 *
 * The receiver analyses Hann-windowed blocks of 102 samples every 51
 * samples with Goertzel filters at the eight DTMF frequencies.  A block is
 * a candidate digit when the strongest row and column tones
 *  - are both above the level threshold,
 *  - are within the twist limits (normal: row stronger; reverse: column),
 *  - carry most of the block's energy (rejects speech and noise),
 *  - fill both halves of the block (rejects clicks and short bursts),
 *  - and are on frequency: the phase advance of each tone between two
 *    blocks gives its frequency offset, which must stay under 2.5 %
 *    (Q.24: operate within 1.5 %, never beyond 3.5 %).
 * Four candidate blocks in a row (a tone of about 32 ms) start a digit;
 * three blocks without it (about 19 ms) end it, so an interruption of
 * 10 ms does not split a digit, and a pause of 40 ms separates two.
 */
#ifndef FAX_DSP_DTMF_H
#define FAX_DSP_DTMF_H

#include "dsp_types.h"
#include "event.h"
#include "goertzel.h"
#include "tonegen.h"

#define FDSP_DTMF_BLOCK		102
#define FDSP_DTMF_HOP		(FDSP_DTMF_BLOCK / 2)

struct fdsp_dtmf_rx_params {
	s16 threshold;		/* minimum level of each tone, 0.1 dBm0 */
	u16 normal_twist;	/* row over column, at most, 0.1 dB */
	u16 reverse_twist;	/* column over row, at most, 0.1 dB */
};

#define FDSP_DTMF_RX_DEFAULTS { \
	.threshold = -385, .normal_twist = 80, .reverse_twist = 60 }

struct fdsp_dtmf_rx {
	struct fdsp_sink sink;
	struct fdsp_goertzel tone[8];
	s16 window[FDSP_DTMF_BLOCK];	/* Hann, Q15 */
	s16 buf[FDSP_DTMF_BLOCK];	/* older half, then newer half */
	u16 fill;			/* samples in the newer half */
	u64 half_energy[2];
	s32 prev_re[8], prev_im[8];	/* last block's DFT, scaled */
	s16 rot_cos[8], rot_sin[8];	/* nominal phase advance per hop */
	s16 lim_cos[8];			/* cos of the 2.5 % phase limit */
	u64 min_power;			/* |X|^2 >> 10 at the threshold */
	u16 normal_gain, reverse_gain;	/* Q15 power ratios of the twists */
	u32 energy_k;			/* tone |X|^2 >> 10 to energy, Q8 */
	u64 sum_w_sq;			/* (sum of window)^2 >> 21 */
	u64 win_start;			/* sample index of buf[0] */
	s8 digit;			/* reported digit index, -1 none */
	s8 run_digit;
	u8 run, miss;
	s16 level;
	u64 run_start, last_end;
};

/* -EINVAL for parameters out of range; params may be NULL (defaults). */
int fdsp_dtmf_rx_init(struct fdsp_dtmf_rx *s,
		      const struct fdsp_dtmf_rx_params *params,
		      const struct fdsp_sink *sink);
void fdsp_dtmf_rx_process(struct fdsp_dtmf_rx *s, const s16 *x, size_t n);

/* The character of a digit index 0..15 (row major: "123A456B789C*0#D"). */
char fdsp_dtmf_char(int index);

struct fdsp_dtmf_tx_params {
	u16 on_ms, off_ms;	/* Q.23: at least 40 ms each */
	s16 level_low;		/* row tone, 0.1 dBm0 */
	s16 level_high;		/* column tone, 0.1 dBm0 */
};

#define FDSP_DTMF_TX_DEFAULTS { \
	.on_ms = 70, .off_ms = 70, .level_low = -100, .level_high = -80 }

#define FDSP_DTMF_TX_QUEUE	32

struct fdsp_dtmf_tx {
	struct fdsp_dtmf_tx_params p;
	struct fdsp_tonegen gen;
	char queue[FDSP_DTMF_TX_QUEUE];
	u8 head, count;
	bool playing;
};

int fdsp_dtmf_tx_init(struct fdsp_dtmf_tx *t,
		      const struct fdsp_dtmf_tx_params *params);
/*
 * Queues digits; returns how many were queued (fewer when the queue is
 * full) or -EINVAL, queuing nothing, if a character is not a DTMF digit.
 */
int fdsp_dtmf_tx_put(struct fdsp_dtmf_tx *t, const char *digits, size_t len);
/* Writes n samples (silence when idle); returns true while busy. */
bool fdsp_dtmf_tx_run(struct fdsp_dtmf_tx *t, s16 *out, size_t n);

#endif /* FAX_DSP_DTMF_H */
