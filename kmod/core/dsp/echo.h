/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Line echo canceller: NLMS over a tail of up to 128 ms (1024 taps), with
 *  - a Geigel double-talk detector (|rx| above half the largest |tx| in
 *    the tail) that freezes adaptation, with 30 ms of hangover;
 *  - adaptation only while the far end speaks, normalised by the power
 *    in the tail, so narrow-band fax modem signals cannot make it diverge;
 *  - an optional non-linear processor that silences the residual once
 *    the canceller removes more than 9 dB and nobody talks at the near end;
 *  - the G.164/G.165 tone disabler: 2100 Hz with phase reversals in
 *    either direction disables the canceller (samples pass untouched)
 *    within 650 ms; plain 2100 Hz does too if disable_on_ced is set.  It
 *    re-enables once both directions have been quiet (below -36 dBm0)
 *    for 250 ms after the tone.
 *
 * Memory comes from the caller: fdsp_echo_size() in process context, an
 * allocation there, then fdsp_echo_init() on it.  fdsp_echo_process()
 * never allocates and never fails, so it can run in the tick.
 */
#ifndef FAX_DSP_ECHO_H
#define FAX_DSP_ECHO_H

#include "dsp_types.h"
#include "faxtone.h"

#define FDSP_ECHO_MAX_TAIL_MS	128

struct fdsp_echo_params {
	u16 tail_ms;		/* 1..128 */
	u8 nlp;			/* non-linear processor on */
	u8 disable_on_ced;	/* G.164: any 2100 Hz tone disables */
};

struct fdsp_echo {
	u32 taps;		/* tail length in samples */
	u32 pos;		/* history write position */
	s32 *h;			/* coefficients, Q30 */
	s16 *hist;		/* tx history, written twice (2 * taps) */
	u16 *blk_max;		/* |tx| maximum per 64-sample block */
	u32 nblk, blk_idx;
	u16 blk_fill, cur_max;
	s64 power;		/* sum of tx^2 over the tail */
	s64 next;		/* next estimate but its newest term, Q30 */
	bool have_next;		/* next is valid (the last sample adapted) */
	bool odd;		/* alternates: decimated adaptation */
	u16 dt_hold;		/* double-talk hangover left, samples */
	u16 quiet;		/* samples of quiet after a disabling tone */
	bool disabled;		/* tone disabler active */
	bool tone_on;
	u8 nlp, disable_on_ced;
	u64 pow_rx, pow_e;	/* short-term powers for the NLP */
	struct fdsp_faxtone_rx tone_tx, tone_rx;
};

/* Bytes of memory for a tail, 0 if the tail is out of range. */
size_t fdsp_echo_size(unsigned int tail_ms);

/*
 * Lays the canceller out in mem (len bytes, 8-byte aligned).  Returns it,
 * or NULL if the parameters or the memory do not fit.
 */
struct fdsp_echo *fdsp_echo_init(void *mem, size_t len,
				 const struct fdsp_echo_params *p);

/* Cancels the echo of tx[i] in rx[i], in place, for n samples. */
void fdsp_echo_process(struct fdsp_echo *ec, const s16 *tx, s16 *rx,
		       size_t n);

static inline bool fdsp_echo_disabled(const struct fdsp_echo *ec)
{
	return ec->disabled;
}

#endif /* FAX_DSP_ECHO_H */
