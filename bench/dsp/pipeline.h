/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One line's DSP work per tick, as faxcore's tick would run it: receive
 * (decode, echo canceller, DTMF, fax tones, V.21 preamble, call progress
 * detectors) and transmit (DTMF generation mixed into the outgoing
 * signal, encode).  Built twice: normally, and with the kernel's
 * restrictions (no FPU/SIMD registers, no vectoriser), so it must not use
 * floating point either.
 */
#ifndef FAX_BENCH_DSP_PIPELINE_H
#define FAX_BENCH_DSP_PIPELINE_H

#include "dsp/cpt.h"
#include "dsp/dtmf.h"
#include "dsp/echo.h"
#include "dsp/faxtone.h"
#include "dsp/g711.h"

#define PIPE_CHUNK	160	/* samples per tick at most (FAX_TICK_MAX) */

enum pipe_stage {
	PIPE_DECODE = 1 << 0,
	PIPE_ECHO = 1 << 1,
	PIPE_DTMF = 1 << 2,
	PIPE_FAXTONE = 1 << 3,
	PIPE_V21 = 1 << 4,
	PIPE_CPT = 1 << 5,
	PIPE_GEN = 1 << 6,
	PIPE_ENCODE = 1 << 7,
	PIPE_ALL = (1 << 8) - 1,
};

struct pipe_line {
	struct fdsp_g711_codec codec;
	struct fdsp_echo *ec;
	struct fdsp_dtmf_rx dtmf;
	struct fdsp_faxtone_rx fax;
	struct fdsp_v21pre_rx v21;
	struct fdsp_cpt_rx cpt;
	struct fdsp_dtmf_tx gen;
	s16 rx[PIPE_CHUNK], tx[PIPE_CHUNK], tone[PIPE_CHUNK];
	unsigned int events;
};

/* The build's name: "kernel flags" or "normal". */
const char *pipe_build(void);

/* ec_mem holds fdsp_echo_size(tail_ms) bytes; 0 or -EINVAL. */
int pipe_init(struct pipe_line *l, unsigned int tail_ms, void *ec_mem,
	      size_t ec_len, const char *digits);

/*
 * One tick of n <= PIPE_CHUNK samples: sig is what the line sends (before
 * tones are mixed in), tx_out its A-law octets; rx_in the octets
 * received, rx_lin the same decoded (used when PIPE_DECODE is off).
 */
void pipe_tick(struct pipe_line *l, unsigned int stages, const s16 *sig,
	       u8 *tx_out, const u8 *rx_in, const s16 *rx_lin, size_t n);

#endif
