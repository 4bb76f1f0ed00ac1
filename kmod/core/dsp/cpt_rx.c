// SPDX-License-Identifier: GPL-2.0-only
/* Call-progress tone detector (see cpt.h for the method). */
#include "cpt.h"
#include "dsp_math.h"

#define N		FDSP_CPT_BLOCK
#define Q		(N / 4)		/* quarter block, edge resolution */
#define DEBOUNCE	2		/* blocks that confirm a change */
#define STEADY_MIN	FDSP_MS(1000)
#define NO_FREQ		0xff

static u32 tolerance(u32 nominal)
{
	return nominal / 8 + FDSP_MS(40);
}

static bool fits(u32 len, u16 ms)
{
	u32 nom = FDSP_MS((u32)ms);

	return len + tolerance(nom) >= nom && len <= nom + tolerance(nom);
}

static u32 longest(u16 ms)
{
	u32 nom = FDSP_MS((u32)ms);

	return nom + tolerance(nom);
}

static u64 max_u64(u64 a, u64 b)
{
	return a > b ? a : b;
}

static bool steady(const struct fdsp_cpt_tone *t)
{
	return !t->cadence_ms[0];
}

/* Cadence length in segments: 2 (on, off) or 4. */
static unsigned int cycle(const struct fdsp_cpt_tone *t)
{
	return t->cadence_ms[2] ? 4 : 2;
}

static int add_freq(struct fdsp_cpt_rx *s, u16 *freqs, u16 hz)
{
	int i;

	if (hz < 100 || hz > 3900)
		return -EINVAL;
	for (i = 0; i < s->nfreq; i++)
		if (freqs[i] == hz)
			return i;
	if (s->nfreq == FDSP_CPT_MAX_FREQS)
		return -EINVAL;
	freqs[s->nfreq] = hz;
	fdsp_goertzel_init(&s->g[s->nfreq], hz);
	return s->nfreq++;
}

static bool valid_cadence(const u16 *c)
{
	if (!c[0])
		return !c[1] && !c[2] && !c[3];
	if (!c[1] || c[0] > 30000 || c[1] > 30000)
		return false;
	if (!c[2])
		return !c[3];
	return c[3] && c[2] <= 30000 && c[3] <= 30000;
}

static bool same_pair(const u8 *a, const u8 *b)
{
	return (a[0] == b[0] && a[1] == b[1]) || (a[0] == b[1] && a[1] == b[0]);
}

/* Tables to indices: Goertzel per frequency, pair classes, steady times. */
static int setup(struct fdsp_cpt_rx *s, const struct fdsp_cpt_region *r)
{
	u16 freqs[FDSP_CPT_MAX_FREQS];
	int t, u, k, idx;

	for (t = 0; t < r->ntones; t++) {
		const struct fdsp_cpt_tone *tone = &r->tone[t];

		if (tone->kind >= FDSP_CPT_KINDS ||
		    !valid_cadence(tone->cadence_ms))
			return -EINVAL;
		for (k = 0; k < 2; k++) {
			s->fidx[t][k] = NO_FREQ;
			if (k && !tone->freq[k])
				continue;
			idx = add_freq(s, freqs, tone->freq[k]);
			if (idx < 0)
				return idx;
			s->fidx[t][k] = idx;
		}
		for (u = 0; u <= t; u++)
			if (same_pair(s->fidx[u], s->fidx[t]))
				break;
		s->pair[t] = u;
	}
	/*
	 * A steady tone outlasts any "on" of the cadences on its pair.  A
	 * two-segment cadence on the pair of a four-segment one must repeat
	 * (UK busy 375/375 looks like the first half of congestion).
	 */
	for (t = 0; t < r->ntones; t++) {
		s->need[t] = cycle(&r->tone[t]);
		for (u = 0; u < r->ntones; u++)
			if (s->pair[u] == s->pair[t] && cycle(&r->tone[u]) == 4)
				s->need[t] = 4;
		s->steady_len[t] = STEADY_MIN;
		for (u = 0; u < r->ntones && steady(&r->tone[t]); u++) {
			const u16 *c = r->tone[u].cadence_ms;
			u32 len;

			if (s->pair[u] != s->pair[t] || steady(&r->tone[u]))
				continue;
			len = max_u64(longest(c[0]), longest(c[2])) + FDSP_MS(100);
			s->steady_len[t] = max_u64(s->steady_len[t], len);
		}
	}
	return 0;
}

int fdsp_cpt_rx_init(struct fdsp_cpt_rx *s,
		     const struct fdsp_cpt_region *region, int threshold,
		     const struct fdsp_sink *sink)
{
	u64 x;
	int err;

	if (!region || !region->ntones ||
	    region->ntones > FDSP_CPT_MAX_TONES)
		return -EINVAL;
	memset(s, 0, sizeof(*s));
	err = setup(s, region);
	if (err)
		return err;
	s->region = region;
	if (sink)
		s->sink = *sink;
	if (!threshold || threshold > 0)
		threshold = -420;
	/* |X| of a sine of amplitude A over N samples is A * N / 2. */
	x = (u64)fdsp_dbm0_amplitude(threshold) * N / 2;
	s->min_power = x * x;
	s->cur = -1;
	s->pair_of_hist = -1;
	s->reported = -1;
	return 0;
}

/* The pair (as its first tone's index) that dominates the block, or -1. */
static s8 classify(struct fdsp_cpt_rx *s, const u64 *pw)
{
	u64 best_e = 0;
	s8 best = -1;
	int t;

	for (t = 0; t < s->region->ntones; t++) {
		u64 p0 = pw[s->fidx[t][0]], p1 = 0, e;

		if (s->pair[t] != t || p0 < s->min_power)
			continue;
		if (s->fidx[t][1] != NO_FREQ) {
			p1 = pw[s->fidx[t][1]];
			if (p1 < s->min_power || p0 > 10 * p1 || p1 > 10 * p0)
				continue;
		}
		/* A sine's energy over the block is 2 |X|^2 / N. */
		e = 2 * (p0 + p1) / N;
		if (e * 10 < s->energy * 7 || e <= best_e)
			continue;
		best = t;
		best_e = e;
		s->level = fdsp_power_dbm0(2 * max_u64(p0, p1) / (N * N));
	}
	return best;
}

static void stop(struct fdsp_cpt_rx *s)
{
	if (s->reported < 0)
		return;
	fdsp_emit(&s->sink, FDSP_EV_CPT, 0,
		  s->region->tone[s->reported].kind, 0, s->good_end);
	s->reported = -1;
}

static void reset_history(struct fdsp_cpt_rx *s, s8 pair)
{
	stop(s);
	s->nhist = 0;
	s->pair_of_hist = pair;
}

static void push(struct fdsp_cpt_rx *s, u64 start, u64 end, bool on)
{
	struct fdsp_cpt_seg seg = { .start = start, .len = end - start,
				    .on = on };

	if (s->nhist == ARRAY_SIZE(s->hist)) {
		memmove(s->hist, s->hist + 1, sizeof(s->hist) - sizeof(seg));
		s->nhist--;
	}
	s->hist[s->nhist++] = seg;
}

/*
 * Does the history end with need[t] segments of tone t's cadence (from
 * segment rot on)?
 */
static bool cycle_matches(const struct fdsp_cpt_rx *s, int t,
			  unsigned int rot)
{
	const struct fdsp_cpt_tone *tone = &s->region->tone[t];
	unsigned int len = cycle(tone), k;
	unsigned int first = s->nhist - s->need[t];

	for (k = 0; k < s->need[t]; k++)
		if (!fits(s->hist[first + k].len,
			  tone->cadence_ms[(rot + k) % len]))
			return false;
	return true;
}

/* After an "off": report the cadenced tone whose whole cycle just ended. */
static void detect(struct fdsp_cpt_rx *s)
{
	const struct fdsp_cpt_seg *last_on;
	unsigned int rot;
	int t;

	for (t = 0; t < s->region->ntones; t++) {
		const struct fdsp_cpt_tone *tone = &s->region->tone[t];
		unsigned int len = cycle(tone);

		if (s->pair[t] != s->pair_of_hist || steady(tone) ||
		    s->nhist < s->need[t])
			continue;
		for (rot = 0; rot < len; rot += 2) {
			if (!cycle_matches(s, t, rot))
				continue;
			last_on = &s->hist[s->nhist - 2];
			s->reported = t;
			s->phase = rot;
			s->good_end = last_on->start + last_on->len;
			fdsp_emit(&s->sink, FDSP_EV_CPT, 1, tone->kind,
				  s->level, s->hist[s->nhist - s->need[t]].start);
			return;
		}
	}
}

/* The reported tone's next segment: does it fit the cadence? */
static void follow(struct fdsp_cpt_rx *s, const struct fdsp_cpt_seg *seg)
{
	const struct fdsp_cpt_tone *tone = &s->region->tone[s->reported];

	if (steady(tone) || !fits(seg->len, tone->cadence_ms[s->phase])) {
		if (steady(tone) && seg->on)
			s->good_end = seg->start + seg->len;
		stop(s);
		return;
	}
	s->phase = (s->phase + 1) % cycle(tone);
	if (seg->on)
		s->good_end = seg->start + seg->len;
}

static void on_done(struct fdsp_cpt_rx *s, u64 start, u64 end)
{
	if (s->reported >= 0 && steady(&s->region->tone[s->reported])) {
		s->good_end = end;
		stop(s);
	}
	if (s->cur != s->pair_of_hist)
		reset_history(s, s->cur);
	push(s, start, end, true);
	if (s->reported >= 0)
		follow(s, &s->hist[s->nhist - 1]);
}

static void off_done(struct fdsp_cpt_rx *s, u64 start, u64 end, s8 next)
{
	if (s->pair_of_hist < 0)
		return;
	if (next != s->pair_of_hist) {
		reset_history(s, -1);
		return;
	}
	push(s, start, end, false);
	if (s->reported >= 0) {
		follow(s, &s->hist[s->nhist - 1]);
		if (s->reported >= 0)
			return;
	}
	detect(s);
}

/* A change of classification confirmed: close the current segment. */
static void change(struct fdsp_cpt_rx *s)
{
	u64 start = s->cand_start;

	if (s->cur >= 0) {
		on_done(s, s->seg_start, s->on_end);
		start = s->on_end;
		if (s->cand >= 0) {
			/* Straight into another pair: no "off" between. */
			reset_history(s, -1);
			start = s->cand_start;
		}
	} else {
		off_done(s, s->seg_start, start, s->cand);
	}
	s->cur = s->cand;
	s->seg_start = start;
	s->cand_run = 0;
}

/* Over-long segments end a reported tone; long steady tones start one. */
static void timers(struct fdsp_cpt_rx *s)
{
	const struct fdsp_cpt_tone *tone;
	u64 off_end;
	int t;

	if (s->reported >= 0) {
		tone = &s->region->tone[s->reported];
		if (steady(tone))
			return;
		off_end = s->cand_run && s->cand >= 0 ? s->cand_start : s->now;
		if ((s->cur >= 0 &&
		     s->on_end - s->seg_start > longest(tone->cadence_ms[s->phase])) ||
		    (s->cur < 0 &&
		     off_end - s->seg_start > longest(tone->cadence_ms[s->phase])))
			reset_history(s, s->cur);
		return;
	}
	if (s->cur < 0)
		return;
	for (t = 0; t < s->region->ntones; t++) {
		tone = &s->region->tone[t];
		if (s->pair[t] != s->cur || !steady(tone) ||
		    s->on_end - s->seg_start < s->steady_len[t])
			continue;
		s->reported = t;
		s->phase = 0;
		s->good_end = s->on_end;
		fdsp_emit(&s->sink, FDSP_EV_CPT, 1, tone->kind, s->level,
			  s->seg_start);
		return;
	}
}

/* First and last quarter of the block holding a share of its energy. */
static void edges(const struct fdsp_cpt_rx *s, u64 *first, u64 *end)
{
	u64 top = 0, block = s->now - N;
	int q, lo = -1, hi = 0;

	for (q = 0; q < 4; q++)
		top = max_u64(top, s->quarter[q]);
	for (q = 0; q < 4; q++) {
		if (s->quarter[q] * 4 < top)
			continue;
		if (lo < 0)
			lo = q;
		hi = q;
	}
	*first = block + (lo < 0 ? 0 : lo) * Q;
	*end = block + (hi + 1) * Q;
}

static void block(struct fdsp_cpt_rx *s)
{
	u64 pw[FDSP_CPT_MAX_FREQS], first, end;
	s8 p;
	int i;

	for (i = 0; i < s->nfreq; i++)
		pw[i] = fdsp_goertzel_power(&s->g[i]);
	p = classify(s, pw);
	edges(s, &first, &end);
	if (p == s->cur) {
		s->cand_run = 0;
		if (p >= 0)
			s->on_end = end;
	} else {
		if (!s->cand_run || s->cand != p) {
			s->cand = p;
			s->cand_run = 0;
			s->cand_start = p >= 0 ? first : s->now - N;
		}
		if (p >= 0)
			s->cand_end = end;
		if (++s->cand_run >= DEBOUNCE) {
			change(s);
			if (p >= 0)
				s->on_end = s->cand_end;
		}
	}
	timers(s);
	s->energy = 0;
	memset(s->quarter, 0, sizeof(s->quarter));
	s->fill = 0;
}

void fdsp_cpt_rx_process(struct fdsp_cpt_rx *s, const s16 *x, size_t n)
{
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		u32 e = (s32)x[i] * x[i];

		for (k = 0; k < s->nfreq; k++)
			fdsp_goertzel_step(&s->g[k], x[i]);
		s->energy += e;
		s->quarter[s->fill / Q] += e;
		s->now++;
		if (++s->fill == N)
			block(s);
	}
}
