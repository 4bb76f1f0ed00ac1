// SPDX-License-Identifier: GPL-2.0-only
/* CNG and 2100 Hz answer tone detector (see faxtone.h for the method). */
#include "faxtone.h"
#include "dsp_math.h"

#define N		FDSP_FAXTONE_BLOCK
#define CNG_REPORT	35	/* blocks of tone before CNG is reported */
#define ANS_REPORT	65	/* blocks before the answer tone is */
#define MISS_OFF	3	/* blocks without tone that end one */
#define REV_GAP		20	/* blocks between two genuine reversals */

void fdsp_faxtone_rx_init(struct fdsp_faxtone_rx *s, int threshold,
			  const struct fdsp_sink *sink)
{
	u64 x;

	memset(s, 0, sizeof(*s));
	if (sink)
		s->sink = *sink;
	if (!threshold || threshold > 0)
		threshold = -430;
	fdsp_goertzel_init(&s->g1100, 1100);
	fdsp_goertzel_init(&s->g2100, 2100);
	/* |X| of a sine of amplitude A over N samples is A * N / 2. */
	x = (u64)fdsp_dbm0_amplitude(threshold) * N / 2;
	s->min_power = x * x;
}

/*
 * A tone carries at least 70 % of the block's energy: for a sine,
 * |X|^2 = E * N / 2.
 */
static bool dominant(const struct fdsp_faxtone_rx *s, u64 p)
{
	return p >= s->min_power && p * 20 >= s->energy * N * 7;
}

static void cng_block(struct fdsp_faxtone_rx *s, bool present)
{
	u64 start = s->now - N;

	if (present) {
		if (!s->cng_run++)
			s->cng_start = start;
		s->cng_miss = 0;
		s->cng_end = s->now;
		if (s->cng_run == CNG_REPORT && !s->cng_on) {
			s->cng_on = true;
			fdsp_emit(&s->sink, FDSP_EV_CNG, 1, 0, s->level,
				  s->cng_start);
		}
		return;
	}
	if (s->cng_run && ++s->cng_miss >= MISS_OFF) {
		if (s->cng_on)
			fdsp_emit(&s->sink, FDSP_EV_CNG, 0, 0, 0, s->cng_end);
		s->cng_on = false;
		s->cng_run = 0;
	}
}

/* Shift a complex pair down so that both parts fit in 'bits' bits. */
static void scale_down(s64 *re, s64 *im, int bits)
{
	while (*re >= (1LL << bits) || *re <= -(1LL << bits) ||
	       *im >= (1LL << bits) || *im <= -(1LL << bits)) {
		*re >>= 1;
		*im >>= 1;
	}
}

/*
 * Was there a phase reversal?  Compare this block with the one two blocks
 * back, after taking away twice the mean rotation per block.
 */
static bool reversal(struct fdsp_faxtone_rx *s, s64 re, s64 im)
{
	s64 zr = re * s->x_re[1] + im * s->x_im[1];
	s64 zi = im * s->x_re[1] - re * s->x_im[1];
	s64 dr = re * s->x_re[0] + im * s->x_im[0];
	s64 di = im * s->x_re[0] - re * s->x_im[0];
	s64 r2r, r2i, er, ei;

	scale_down(&dr, &di, 24);
	scale_down(&zr, &zi, 24);
	/* The mean rotation, learnt while there is no reversal. */
	s->rot_re += dr;
	s->rot_im += di;
	scale_down(&s->rot_re, &s->rot_im, 24);
	r2r = s->rot_re;
	r2i = s->rot_im;
	scale_down(&r2r, &r2i, 15);
	er = r2r * r2r - r2i * r2i;
	ei = 2 * r2r * r2i;
	scale_down(&er, &ei, 15);
	scale_down(&zr, &zi, 15);
	/* cos(deviation) < -1/2: more than 120 degrees off. */
	dr = zr * er + zi * ei;
	di = zi * er - zr * ei;
	scale_down(&dr, &di, 30);
	return dr < 0 && 4 * dr * dr > 3 * di * di;
}

static void ans_report(struct fdsp_faxtone_rx *s)
{
	bool am = s->p_min && s->p_max * 10 > s->p_min * 16;

	if (s->reversals)
		s->ans_kind = am ? FDSP_EV_ANSAM_PR : FDSP_EV_CED_PR;
	else
		s->ans_kind = am ? FDSP_EV_ANSAM : FDSP_EV_CED;
	fdsp_emit(&s->sink, s->ans_kind, 1, 0, s->level, s->ans_start);
}

static void ans_block(struct fdsp_faxtone_rx *s, bool present, s64 re,
		      s64 im, u64 p)
{
	if (!present) {
		/* A reversal in mid-block cancels the block: allow two. */
		if (s->ans_run && ++s->ans_miss >= MISS_OFF) {
			if (s->ans_kind)
				fdsp_emit(&s->sink, s->ans_kind, 0, 0, 0,
					  s->ans_end);
			s->ans_kind = 0;
			s->ans_run = 0;
		}
		return;
	}
	if (!s->ans_run) {
		s->ans_start = s->now - N;
		s->reversals = 0;
		s->last_rev = 0;
		s->rot_re = 0;
		s->rot_im = 0;
		s->p_max = 0;
		s->p_min = 0;
	} else if (s->ans_run >= 2 && s->ans_run - s->last_rev >= 4 &&
		   reversal(s, re, im)) {
		if (!s->last_rev || s->ans_run - s->last_rev >= REV_GAP)
			s->reversals++;
		s->last_rev = s->ans_run;
	}
	/* Envelope, away from the start and from reversals. */
	if (s->ans_run >= 5 && (!s->last_rev || s->ans_run - s->last_rev > 3) &&
	    !s->ans_miss) {
		if (p > s->p_max)
			s->p_max = p;
		if (!s->p_min || p < s->p_min)
			s->p_min = p;
	}
	s->ans_run++;
	s->ans_miss = 0;
	s->ans_end = s->now;
	s->x_re[1] = s->x_re[0];
	s->x_im[1] = s->x_im[0];
	s->x_re[0] = re;
	s->x_im[0] = im;
	if (s->ans_run == ANS_REPORT && !s->ans_kind)
		ans_report(s);
}

static void block(struct fdsp_faxtone_rx *s)
{
	u64 p1100 = fdsp_goertzel_power(&s->g1100);
	s64 re, im;
	u64 p2100;
	bool c, a;

	fdsp_goertzel_result(&s->g2100, &re, &im);
	p2100 = (u64)(re * re + im * im);
	c = dominant(s, p1100);
	a = dominant(s, p2100);
	if (c || a)
		s->level = fdsp_power_dbm0(2 * (c ? p1100 : p2100) / (N * N));
	cng_block(s, c);
	ans_block(s, a, re, im, p2100);
	s->energy = 0;
	s->fill = 0;
}

void fdsp_faxtone_rx_process(struct fdsp_faxtone_rx *s, const s16 *x,
			     size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		fdsp_goertzel_step(&s->g1100, x[i]);
		fdsp_goertzel_step(&s->g2100, x[i]);
		s->energy += (s32)x[i] * x[i];
		s->now++;
		if (++s->fill == N)
			block(s);
	}
}
