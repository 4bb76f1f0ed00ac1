// SPDX-License-Identifier: GPL-2.0-only
/*
 * DTMF receiver (see dtmf.h for the method).  Fixed point throughout:
 * windowed samples are s16, Goertzel outputs fit 23 bits, powers are kept
 * >> 10 so every comparison below fits in s64.
 */
#include "dtmf.h"
#include "dsp_math.h"

#define N		FDSP_DTMF_BLOCK
#define HOP		FDSP_DTMF_HOP
#define RUN_ON		4	/* candidate blocks that start a digit */
#define MISS_OFF	3	/* blocks without it that end a digit */
#define ENERGY_Q8	166	/* both tones carry >= 65 % of the energy */
/*
 * A block is a candidate only when the block before it held the tone too
 * (for the phase check): the first candidate starts on average 55 samples
 * after the tone, the last ends on average 63 samples after it.  The
 * events are corrected by these lags, to within half a hop.
 */
#define START_LAG	43
#define STOP_LAG	63

static const u16 dtmf_hz[8] = { 697, 770, 852, 941, 1209, 1336, 1477, 1633 };
static const char dtmf_chars[16] = "123A456B789C*0#D";

char fdsp_dtmf_char(int index)
{
	return index >= 0 && index < 16 ? dtmf_chars[index] : '?';
}

int fdsp_dtmf_rx_init(struct fdsp_dtmf_rx *s,
		      const struct fdsp_dtmf_rx_params *params,
		      const struct fdsp_sink *sink)
{
	static const struct fdsp_dtmf_rx_params defaults =
		FDSP_DTMF_RX_DEFAULTS;
	u64 sum_w = 0, sum_w2 = 0, x;
	s32 amp;
	int i;

	if (!params)
		params = &defaults;
	if (params->threshold < -600 || params->threshold > 0 ||
	    params->normal_twist > 200 || params->reverse_twist > 200)
		return -EINVAL;
	memset(s, 0, sizeof(*s));
	if (sink)
		s->sink = *sink;
	for (i = 0; i < N; i++) {
		u32 ph = (u32)fdsp_div64((u64)i << 32, N);

		s->window[i] = (32767 - fdsp_cos(ph)) / 2;
		sum_w += s->window[i];
		sum_w2 += (u64)s->window[i] * s->window[i];
	}
	for (i = 0; i < 8; i++) {
		u32 step = fdsp_phase_step(dtmf_hz[i]);
		u32 lim = (u32)fdsp_div64((u64)step * HOP, 40);

		fdsp_goertzel_init(&s->tone[i], dtmf_hz[i]);
		s->rot_cos[i] = fdsp_cos(step * HOP);
		s->rot_sin[i] = fdsp_sin(step * HOP);
		s->lim_cos[i] = fdsp_cos(lim);
	}
	amp = fdsp_dbm0_amplitude(params->threshold);
	x = (u64)amp * sum_w >> 16;
	s->min_power = (x * x) >> 10;
	s->normal_gain = fdsp_db_gain(2 * params->normal_twist);
	s->reverse_gain = fdsp_db_gain(2 * params->reverse_twist);
	s->energy_k = (u32)fdsp_div64(sum_w2 << 19, sum_w * sum_w);
	s->sum_w_sq = (sum_w * sum_w) >> 21;
	s->digit = -1;
	s->run_digit = -1;
	return 0;
}

/* Shift a pair right until both fit in 'bits' bits plus sign. */
static void normalise(s64 *a, s64 *b, int bits)
{
	while (*a >= (1LL << bits) || *a <= -(1LL << bits) ||
	       *b >= (1LL << bits) || *b <= -(1LL << bits)) {
		*a >>= 1;
		*b >>= 1;
	}
}

/*
 * Is tone k on frequency?  The phase of its DFT advances by (w + dw) per
 * hop; taking away the nominal w leaves dw * HOP, whose cosine must exceed
 * that of the limit.
 */
static bool on_frequency(struct fdsp_dtmf_rx *s, int k, s64 re, s64 im)
{
	s64 zr = re * s->prev_re[k] + im * s->prev_im[k];
	s64 zi = im * s->prev_re[k] - re * s->prev_im[k];
	s64 dr, di, mag2, c2;
	s32 c = s->lim_cos[k];

	normalise(&zr, &zi, 30);
	dr = (zr * s->rot_cos[k] + zi * s->rot_sin[k]) >> 15;
	di = (zi * s->rot_cos[k] - zr * s->rot_sin[k]) >> 15;
	normalise(&dr, &di, 15);
	mag2 = dr * dr + di * di;
	c2 = (s64)c * c;
	if (c >= 0)
		return dr > 0 && ((dr * dr) << 30) > c2 * mag2;
	return dr >= 0 || ((dr * dr) << 30) < c2 * mag2;
}

static bool twist_ok(const struct fdsp_dtmf_rx *s, u64 row, u64 col)
{
	if (row >= col)
		return (col << 15) >= row * s->normal_gain;
	return (row << 15) >= col * s->reverse_gain;
}

/* The digit index the current block shows, or -1. */
static int classify(struct fdsp_dtmf_rx *s)
{
	s16 xw[N];
	s64 re[8], im[8];
	u64 p[8], energy = 0;
	int i, row = 0, col = 4, digit = -1;
	u64 h0 = s->half_energy[0], h1 = s->half_energy[1];

	for (i = 0; i < N; i++) {
		xw[i] = ((s32)s->buf[i] * s->window[i]) >> 15;
		energy += (s32)xw[i] * xw[i];
	}
	for (i = 0; i < 8; i++) {
		fdsp_goertzel_block(&s->tone[i], xw, N);
		fdsp_goertzel_result(&s->tone[i], &re[i], &im[i]);
		p[i] = (u64)(re[i] * re[i] + im[i] * im[i]) >> 10;
		if (i < 4 && p[i] > p[row])
			row = i;
		if (i >= 4 && p[i] > p[col])
			col = i;
	}
	if (p[row] >= s->min_power && p[col] >= s->min_power &&
	    twist_ok(s, p[row], p[col]) &&
	    (p[row] + p[col]) * s->energy_k >= energy * ENERGY_Q8 &&
	    4 * h0 >= h1 && 4 * h1 >= h0 &&
	    on_frequency(s, row, re[row], im[row]) &&
	    on_frequency(s, col, re[col], im[col])) {
		digit = row * 4 + (col - 4);
		s->level = fdsp_power_dbm0(fdsp_div64(p[row] << 20,
						      s->sum_w_sq));
	}
	for (i = 0; i < 8; i++) {
		s->prev_re[i] = re[i];
		s->prev_im[i] = im[i];
	}
	return digit;
}

/* Debounce the per-block decisions into digit start and stop events. */
static void track(struct fdsp_dtmf_rx *s, int cand)
{
	u64 end = s->win_start + N;

	if (s->digit >= 0) {
		if (cand == s->digit) {
			s->miss = 0;
			s->last_end = end;
		} else if (++s->miss >= MISS_OFF) {
			fdsp_emit(&s->sink, FDSP_EV_DTMF, 0,
				  dtmf_chars[s->digit], 0,
				  s->last_end - STOP_LAG);
			s->digit = -1;
		}
	}
	if (cand < 0 || cand == s->digit) {
		s->run = 0;
		s->run_digit = -1;
		return;
	}
	if (cand != s->run_digit) {
		s->run_digit = cand;
		s->run = 0;
		s->run_start = s->win_start;
	}
	if (s->run < RUN_ON)
		s->run++;
	if (s->run >= RUN_ON && s->digit < 0) {
		s->digit = cand;
		s->miss = 0;
		s->last_end = end;
		fdsp_emit(&s->sink, FDSP_EV_DTMF, 1, dtmf_chars[cand],
			  s->level,
			  s->run_start > START_LAG ? s->run_start - START_LAG : 0);
	}
}

void fdsp_dtmf_rx_process(struct fdsp_dtmf_rx *s, const s16 *x, size_t n)
{
	while (n) {
		size_t take = HOP - s->fill;
		size_t i;

		if (take > n)
			take = n;
		for (i = 0; i < take; i++) {
			s16 v = x[i];

			s->buf[HOP + s->fill + i] = v;
			s->half_energy[1] += (s32)v * v;
		}
		s->fill += take;
		x += take;
		n -= take;
		if (s->fill < HOP)
			break;
		track(s, classify(s));
		memmove(s->buf, s->buf + HOP, HOP * sizeof(s->buf[0]));
		s->half_energy[0] = s->half_energy[1];
		s->half_energy[1] = 0;
		s->fill = 0;
		s->win_start += HOP;
	}
}
