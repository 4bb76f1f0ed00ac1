// SPDX-License-Identifier: GPL-2.0-only
/* Line echo canceller (see echo.h). */
#include "echo.h"
#include "dsp_math.h"

#define BLK		64	/* samples per |tx| maximum block */
#define DT_HANGOVER	FDSP_MS(30)
#define QUIET_REENABLE	FDSP_MS(250)
#define MU_SHIFT	1	/* step size 1/2 */
#define S32_LIMIT	0x7fffffffLL

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

size_t fdsp_echo_size(unsigned int tail_ms)
{
	size_t taps = FDSP_MS((size_t)tail_ms);

	if (!tail_ms || tail_ms > FDSP_ECHO_MAX_TAIL_MS)
		return 0;
	return align8(sizeof(struct fdsp_echo)) + align8(taps * sizeof(s32)) +
	       align8(2 * taps * sizeof(s16)) +
	       align8((taps / BLK + 1) * sizeof(u16));
}

/* The tone detectors report here: disable on the answer tones. */
static void tone_event(void *ctx, const struct fdsp_event *ev)
{
	struct fdsp_echo *ec = ctx;
	bool pr = ev->type == FDSP_EV_CED_PR || ev->type == FDSP_EV_ANSAM_PR;
	bool plain = ev->type == FDSP_EV_CED || ev->type == FDSP_EV_ANSAM;

	if (!pr && !(plain && ec->disable_on_ced))
		return;
	ec->tone_on = ev->on;
	if (ev->on) {
		ec->disabled = true;
		ec->quiet = 0;
	}
}

struct fdsp_echo *fdsp_echo_init(void *mem, size_t len,
				 const struct fdsp_echo_params *p)
{
	size_t need = fdsp_echo_size(p->tail_ms);
	struct fdsp_echo *ec = mem;
	struct fdsp_sink sink = { .fn = tone_event, .ctx = mem };
	u8 *at = mem;

	if (!need || len < need || ((unsigned long)mem & 7))
		return NULL;
	memset(mem, 0, need);
	ec->taps = FDSP_MS((u32)p->tail_ms);
	ec->nblk = ec->taps / BLK + 1;
	at += align8(sizeof(*ec));
	ec->h = (s32 *)at;
	at += align8(ec->taps * sizeof(s32));
	ec->hist = (s16 *)at;
	at += align8(2 * ec->taps * sizeof(s16));
	ec->blk_max = (u16 *)at;
	ec->nlp = p->nlp;
	ec->disable_on_ced = p->disable_on_ced;
	fdsp_faxtone_rx_init(&ec->tone_tx, 0, &sink);
	fdsp_faxtone_rx_init(&ec->tone_rx, 0, &sink);
	return ec;
}

static u16 max_tx(const struct fdsp_echo *ec)
{
	u16 m = ec->cur_max;
	u32 i;

	for (i = 0; i < ec->nblk; i++)
		if (ec->blk_max[i] > m)
			m = ec->blk_max[i];
	return m;
}

static s32 clamp_coef(s64 v)
{
	return v > S32_LIMIT ? S32_LIMIT : v < -S32_LIMIT ? -S32_LIMIT : (s32)v;
}

/* The echo estimate for the history at x, Q30. */
static s64 filter(const s32 *h, const s16 *x, u32 taps)
{
	s64 y0 = 0, y1 = 0;
	u32 k;

	/* Two sums: the adds of one do not wait for the other's. */
	for (k = 0; k + 1 < taps; k += 2) {
		y0 += (s64)h[k] * x[k];
		y1 += (s64)h[k + 1] * x[k + 1];
	}
	if (k < taps)
		y0 += (s64)h[k] * x[k];
	return y0 + y1;
}

/*
 * NLMS update h += g x, fused with the filter of the next sample: its
 * history is this one shifted by a sample (x_next[k] = x[k - 1]), so
 * while each updated h[k] is at hand its product with x[k - 1] goes into
 * the next estimate, all but the newest sample's term.  One pass over
 * the taps instead of two, with the same integer sums.
 */
static s64 adapt(s32 *h, const s16 *x, u32 taps, s64 g)
{
	s64 next = 0;
	u32 k;

	h[0] = clamp_coef(h[0] + g * x[0]);
	for (k = 1; k < taps; k++) {
		h[k] = clamp_coef(h[k] + g * x[k]);
		next += (s64)h[k] * x[k - 1];
	}
	return next;
}

/* One sample: returns the rx sample with the echo taken out. */
static s16 cancel(struct fdsp_echo *ec, s16 tx, s16 rx, u16 txmax)
{
	const s16 *x;
	bool converged;
	s64 y, g;
	s32 e;
	u32 pos;

	ec->pos = ec->pos ? ec->pos - 1 : ec->taps - 1;
	pos = ec->pos;
	ec->power -= (s32)ec->hist[pos] * ec->hist[pos];
	ec->power += (s32)tx * tx;
	ec->hist[pos] = tx;
	ec->hist[pos + ec->taps] = tx;
	x = ec->hist + pos;
	if (ec->have_next)
		y = ec->next + (s64)ec->h[0] * x[0];
	else
		y = filter(ec->h, x, ec->taps);
	ec->have_next = false;
	e = rx - (s32)(y >> 30);

	/* Geigel: near-end speech if rx is above half the far end's peak. */
	if (2 * (u32)(rx < 0 ? -rx : rx) > txmax)
		ec->dt_hold = DT_HANGOVER;
	else if (ec->dt_hold)
		ec->dt_hold--;

	/*
	 * Adapt while the far end talks (> -50 dBm0 in the tail) alone.
	 * Once the residual is 18 dB under rx, every other sample with twice
	 * the step tracks as well for half the work.
	 */
	converged = ec->pow_e * 64 < ec->pow_rx;
	ec->odd = !ec->odd;
	if (!ec->dt_hold && (ec->odd || !converged) &&
	    ec->power > (s64)ec->taps * 26 * 10) {
		g = (s64)e * (1LL << (30 - MU_SHIFT + converged)) /
		    (ec->power + ec->taps * 64);
		ec->next = adapt(ec->h, x, ec->taps, g);
		ec->have_next = true;
	}
	return fdsp_sat16(e);
}

static s16 nlp(struct fdsp_echo *ec, s16 rx, s16 e)
{
	/* Short-term powers, about 16 ms. */
	ec->pow_rx += (s32)rx * rx - (s64)(ec->pow_rx >> 7);
	ec->pow_e += (s32)e * e - (s64)(ec->pow_e >> 7);
	if (ec->nlp && !ec->dt_hold && ec->pow_e * 8 < ec->pow_rx)
		return 0;
	return e;
}

/* After the tone: both directions quiet for 250 ms re-enable. */
static void disabler(struct fdsp_echo *ec, s16 tx, s16 rx)
{
	static const s32 quiet = 356;	/* -36 dBm0 peak */

	if (ec->tone_on || tx > quiet || tx < -quiet || rx > quiet ||
	    rx < -quiet) {
		ec->quiet = 0;
		return;
	}
	if (++ec->quiet >= QUIET_REENABLE)
		ec->disabled = false;
}

void fdsp_echo_process(struct fdsp_echo *ec, const s16 *tx, s16 *rx,
		       size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		u16 a = tx[i] < 0 ? -(s32)tx[i] : tx[i];
		s16 e;

		fdsp_faxtone_rx_process(&ec->tone_tx, &tx[i], 1);
		fdsp_faxtone_rx_process(&ec->tone_rx, &rx[i], 1);
		/* |tx| peaks per block, in a ring that spans the tail. */
		if (a > ec->cur_max)
			ec->cur_max = a;
		if (++ec->blk_fill == BLK) {
			ec->blk_max[ec->blk_idx] = ec->cur_max;
			ec->blk_idx = (ec->blk_idx + 1) % ec->nblk;
			ec->blk_fill = 0;
			ec->cur_max = 0;
		}
		e = cancel(ec, tx[i], rx[i], max_tx(ec));
		if (ec->disabled) {
			disabler(ec, tx[i], rx[i]);
			continue;
		}
		rx[i] = nlp(ec, rx[i], e);
	}
}
