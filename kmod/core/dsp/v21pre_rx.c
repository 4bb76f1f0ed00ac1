// SPDX-License-Identifier: GPL-2.0-only
/*
 * V.21 channel-2 preamble detector (see faxtone.h).  A non-coherent FSK
 * demodulator: each tone is mixed to baseband and summed over one bit
 * (27 samples); the stronger tone is the bit.  A DPLL locked on the bit
 * transitions samples the bits at 300 bit/s, and an HDLC flag (0x7e)
 * every 8 bits, four times in a row, is the preamble.
 */
#include "faxtone.h"
#include "dsp_math.h"

#define W		FDSP_V21_WIN
#define FLAGS_ON	4
#define BAUD_STEP	161061274u	/* 300 * 2^32 / 8000 */
#define BIT_SAMPLES	27
/* From the first flag's first bit to its decision: half a window late. */
#define START_LAG	(8 * 80 / 3 + W / 2)
#define STOP_LAG	(W / 2)

void fdsp_v21pre_rx_init(struct fdsp_v21pre_rx *s, int threshold,
			 const struct fdsp_sink *sink)
{
	u64 a;

	memset(s, 0, sizeof(*s));
	if (sink)
		s->sink = *sink;
	if (!threshold || threshold > 0)
		threshold = -430;
	s->step[0] = fdsp_phase_step(1650);
	s->step[1] = fdsp_phase_step(1850);
	/* Energy of one window of a sine at the threshold: A^2 / 2 * W. */
	a = fdsp_dbm0_amplitude(threshold);
	s->min_energy = a * a / 2 * W;
}

static void flag_seen(struct fdsp_v21pre_rx *s)
{
	u64 t = s->now;

	if (s->since_flag == 8 && s->flags) {
		if (s->flags < 255)
			s->flags++;
	} else {
		s->flags = 1;
		s->first_flag = t;
	}
	s->since_flag = 0;
	s->last_flag = t;
	if (s->flags == FLAGS_ON && !s->on) {
		s->on = true;
		fdsp_emit(&s->sink, FDSP_EV_V21_PREAMBLE, 1, 0, 0,
			  s->first_flag > START_LAG ?
			  s->first_flag - START_LAG : 0);
	}
}

static void bit_in(struct fdsp_v21pre_rx *s, u8 bit)
{
	s->shift = (s->shift >> 1) | (bit << 7);	/* LSB first */
	if (s->since_flag < 1000)
		s->since_flag++;
	if (s->shift == 0x7e) {
		flag_seen(s);
	} else if (s->since_flag > 16) {
		if (s->on)
			fdsp_emit(&s->sink, FDSP_EV_V21_PREAMBLE, 0, 0, 0,
				  s->last_flag - STOP_LAG);
		s->on = false;
		s->flags = 0;
	}
}

static void sample(struct fdsp_v21pre_rx *s, s16 x)
{
	u64 p[2];
	int k;
	u8 bit;
	u32 old;

	for (k = 0; k < 2; k++) {
		s32 i = ((s32)x * fdsp_cos(s->ph[k])) >> 15;
		s32 q = ((s32)x * fdsp_sin(s->ph[k])) >> 15;

		s->ph[k] += s->step[k];
		s->sum_i[k] += i - s->ring_i[k][s->pos];
		s->sum_q[k] += q - s->ring_q[k][s->pos];
		s->ring_i[k][s->pos] = i;
		s->ring_q[k][s->pos] = q;
		p[k] = (u64)((s64)s->sum_i[k] * s->sum_i[k] +
			     (s64)s->sum_q[k] * s->sum_q[k]);
	}
	s->sum_e += (u32)((s32)x * x);
	s->sum_e -= s->ring_e[s->pos];
	s->ring_e[s->pos] = (s32)x * x;
	s->pos = (s->pos + 1) % W;
	s->now++;

	/* Signal present: the two tones hold half the energy, |X|^2 = EW/4. */
	if (s->sum_e < s->min_energy || (p[0] + p[1]) * 8 < s->sum_e * W) {
		s->flags = 0;
		if (s->on && s->now - s->last_flag > 16 * 80 / 3) {
			fdsp_emit(&s->sink, FDSP_EV_V21_PREAMBLE, 0, 0, 0,
				  s->last_flag - STOP_LAG);
			s->on = false;
		}
		return;
	}
	bit = p[0] > p[1];		/* mark (1) is 1650 Hz */
	if (bit != s->last_bit) {
		/* Pull the bit edge toward phase 0. */
		s->bit_phase -= (u32)((s32)s->bit_phase / 4);
		s->last_bit = bit;
	}
	old = s->bit_phase;
	s->bit_phase += BAUD_STEP;
	if (old < 0x80000000u && s->bit_phase >= 0x80000000u)
		bit_in(s, bit);
}

void fdsp_v21pre_rx_process(struct fdsp_v21pre_rx *s, const s16 *x,
			    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		sample(s, x[i]);
}
