// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Call-progress tones of the kernel DSP library against spandsp 0.0.6:
 * spandsp's tone_gen plays each region's tones into our detector, ours
 * into spandsp's super_tone_rx set up with the same cadences; levels,
 * white noise and talk-off on espeak-ng speech.  Tables print both sides.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spandsp.h>

#include "kselftest_harness.h"
#include "dsp/cpt.h"
#include "sigtest.h"

#define LEAD		8000		/* 1 s of silence before the tone */
#define CYCLES		3
#define MAXLEN		(8000 * 24)

static const char *const kind_name[] = { "dial", "ringback", "busy", "reorder" };

static unsigned int cycle_samples(const struct fdsp_cpt_tone *t)
{
	unsigned int k, ms = 0;

	for (k = 0; k < 4; k++)
		ms += t->cadence_ms[k];
	return ms * 8;
}

/* Samples of tone played: 4 s steady, or CYCLES whole cycles. */
static unsigned int play_len(const struct fdsp_cpt_tone *t)
{
	return t->cadence_ms[0] ? CYCLES * cycle_samples(t) : 32000;
}

/* Where the last "on" of the played tone ends. */
static unsigned int last_on_end(const struct fdsp_cpt_tone *t)
{
	unsigned int last_off = t->cadence_ms[3] ? t->cadence_ms[3] :
				t->cadence_ms[1];

	return LEAD + play_len(t) - last_off * 8;
}

/* Our generator: silence, the tone at level (0.1 dBm0 per sine), silence. */
static size_t our_tone(int16_t *buf, const struct fdsp_cpt_region *r,
		       const struct fdsp_cpt_tone *t, int level)
{
	struct fdsp_tone_desc d;
	struct fdsp_tonegen g;
	size_t n = LEAD + play_len(t) + 16000;

	memset(buf, 0, n * sizeof(*buf));
	if (fdsp_cpt_desc(&d, r, t->kind))
		abort();
	d.level[0] = level;
	d.level[1] = level;
	if (fdsp_tonegen_init(&g, &d))
		abort();
	fdsp_tonegen_run(&g, buf + LEAD, play_len(t));
	return n;
}

/* spandsp's tone_gen playing the same table entry. */
static size_t spandsp_tone(int16_t *buf, const struct fdsp_cpt_tone *t,
			   int level)
{
	const uint16_t *c = t->cadence_ms;
	size_t n = LEAD + play_len(t) + 16000;
	tone_gen_descriptor_t *d;
	tone_gen_state_t *g;

	memset(buf, 0, n * sizeof(*buf));
	d = tone_gen_descriptor_init(NULL, t->freq[0], level / 10,
				     t->freq[1], level / 10,
				     c[0] ? c[0] : 60000, c[1], c[2], c[3],
				     c[0] != 0);
	g = tone_gen_init(NULL, d);
	tone_gen(g, buf + LEAD, play_len(t));
	tone_gen_free(g);
	tone_gen_descriptor_free(d);
	return n;
}

static void our_rx(const int16_t *buf, size_t n,
		   const struct fdsp_cpt_region *r, struct evlog *log,
		   size_t chunk)
{
	struct fdsp_cpt_rx rx;
	struct fdsp_sink sink = evlog_sink(log);
	size_t i;

	log->n = 0;
	if (fdsp_cpt_rx_init(&rx, r, 0, &sink))
		abort();
	for (i = 0; i < n; i += chunk)
		fdsp_cpt_rx_process(&rx, buf + i, n - i < chunk ? n - i : chunk);
}

/* Starts of kind, and starts of any other kind. */
static int starts(const struct evlog *log, int kind, int *wrong)
{
	int i, n = 0;

	*wrong = 0;
	for (i = 0; i < log->n; i++) {
		if (!log->ev[i].on || log->ev[i].type != FDSP_EV_CPT)
			continue;
		if (log->ev[i].value == kind)
			n++;
		else
			(*wrong)++;
	}
	return n;
}

/* spandsp's super_tone_rx with a region's table, as its own tests do. */
struct sp_rx {
	super_tone_rx_descriptor_t *desc;
	super_tone_rx_state_t *rx;
	int kind_of[FDSP_CPT_MAX_TONES];
	int hits[FDSP_CPT_KINDS];
};

static void sp_report(void *user, int code, int level, int delay)
{
	struct sp_rx *s = user;

	(void)level;
	(void)delay;
	if (code >= 0 && code < FDSP_CPT_MAX_TONES)
		s->hits[s->kind_of[code]]++;
}

static void sp_element(struct sp_rx *s, int id, const struct fdsp_cpt_tone *t,
		       int ms, bool on)
{
	int lo = (int)(ms * 0.875) - 40, hi = (int)(ms * 1.125) + 40;

	/* Frequency 0 is silence or no second tone (-1 would be a pitch). */
	super_tone_rx_add_element(s->desc, id, on ? t->freq[0] : 0,
				  on ? t->freq[1] : 0, lo, hi);
}

static void sp_init(struct sp_rx *s, const struct fdsp_cpt_region *r)
{
	int t, k;

	memset(s, 0, sizeof(*s));
	s->desc = super_tone_rx_make_descriptor(NULL);
	for (t = 0; t < r->ntones; t++) {
		const struct fdsp_cpt_tone *tone = &r->tone[t];
		int id = super_tone_rx_add_tone(s->desc);

		s->kind_of[id] = tone->kind;
		if (!tone->cadence_ms[0]) {
			super_tone_rx_add_element(s->desc, id, tone->freq[0],
						  tone->freq[1], 1000, 0);
			continue;
		}
		for (k = 0; k < 4 && tone->cadence_ms[k]; k++)
			sp_element(s, id, tone, tone->cadence_ms[k], !(k & 1));
	}
	s->rx = super_tone_rx_init(NULL, s->desc, sp_report, s);
}

static void sp_free(struct sp_rx *s)
{
	super_tone_rx_free(s->rx);
	super_tone_rx_free_descriptor(s->desc);
}

static int spandsp_rx(const int16_t *buf, size_t n,
		      const struct fdsp_cpt_region *r, int kind, int *wrong)
{
	struct sp_rx *s = malloc(sizeof(*s));
	int k, hit;

	sp_init(s, r);
	super_tone_rx(s->rx, buf, (int)n);
	*wrong = 0;
	for (k = 0; k < FDSP_CPT_KINDS; k++)
		if (k != kind)
			*wrong += s->hits[k];
	hit = kind >= 0 ? s->hits[kind] : 0;
	sp_free(s);
	free(s);
	return hit;
}

/* The tests' buffers, shared: the harness runs one test at a time. */
static struct {
	int16_t *buf;
	struct evlog *log;
} st, *const self = &st;

static void buffers(void)
{
	if (!st.buf)
		st.buf = malloc(MAXLEN * sizeof(*st.buf));
	if (!st.log)
		st.log = malloc(sizeof(*st.log));
	if (!st.buf || !st.log)
		abort();
}

TEST(every_region_and_tone_with_timestamps)
{
	buffers();
	unsigned int r, t;

	printf("# region tone      | start err | stop err (samples) | events\n");
	for (r = 0; r < FDSP_CPT_REGIONS; r++) {
		const struct fdsp_cpt_region *reg = fdsp_cpt_region(r);

		for (t = 0; t < reg->ntones; t++) {
			const struct fdsp_cpt_tone *tone = &reg->tone[t];
			long on = -1, off = -1, want_off;
			int i, n, wrong;
			size_t len = our_tone(self->buf, reg, tone, tone->level);

			our_rx(self->buf, len, reg, self->log, len);
			n = starts(self->log, tone->kind, &wrong);
			for (i = 0; i < self->log->n; i++) {
				if (self->log->ev[i].on)
					on = (long)self->log->ev[i].sample;
				else
					off = (long)self->log->ev[i].sample;
			}
			want_off = tone->cadence_ms[0] ? last_on_end(tone) :
				   LEAD + play_len(tone);
			printf("# %-5s %-9s | %+5ld | %+5ld | %d\n", reg->name,
			       kind_name[tone->kind], on - LEAD, off - want_off,
			       self->log->n);
			EXPECT_EQ(1, n);
			EXPECT_EQ(0, wrong);
			EXPECT_EQ(2, self->log->n);
			/* Within a quarter block (50 samples) and a bit. */
			EXPECT_LE(labs(on - LEAD), 60);
			EXPECT_LE(labs(off - want_off), 60);
		}
	}
}

TEST(results_do_not_depend_on_chunking)
{
	buffers();
	const struct fdsp_cpt_region *reg = fdsp_cpt_region(FDSP_CPT_REGION_UK);
	static const size_t chunks[] = { 1, 7, 160, 1000 };
	struct evlog *ref = malloc(sizeof(*ref));
	unsigned int c, t;

	for (t = 0; t < reg->ntones; t++) {
		size_t len = our_tone(self->buf, reg, &reg->tone[t], -200);

		add_noise(self->buf, len, -40, 3);
		our_rx(self->buf, len, reg, ref, len);
		ASSERT_GE(ref->n, 2);
		for (c = 0; c < 4; c++) {
			our_rx(self->buf, len, reg, self->log, chunks[c]);
			ASSERT_EQ(ref->n, self->log->n);
			EXPECT_EQ(0, memcmp(ref->ev, self->log->ev,
					    ref->n * sizeof(ref->ev[0])));
		}
	}
	free(ref);
}

TEST(spandsp_tone_gen_and_super_tone_rx_at_levels)
{
	buffers();
	static const int levels[] = { -5, -15, -25, -35, -40, -50 };
	unsigned int r, t, l;

	printf("# detections (wrong kind): spandsp tx -> ours, spandsp | our tx -> ours, spandsp\n");
	for (r = 0; r < FDSP_CPT_REGIONS; r++) {
		const struct fdsp_cpt_region *reg = fdsp_cpt_region(r);

		for (t = 0; t < reg->ntones; t++) {
			const struct fdsp_cpt_tone *tone = &reg->tone[t];

			for (l = 0; l < ARRAY_SIZE(levels); l++) {
				int o1, w1, s1, x1, o2, w2, s2, x2;
				size_t n;

				n = spandsp_tone(self->buf, tone, levels[l] * 10);
				our_rx(self->buf, n, reg, self->log, n);
				o1 = starts(self->log, tone->kind, &w1);
				s1 = spandsp_rx(self->buf, n, reg, tone->kind, &x1);
				n = our_tone(self->buf, reg, tone, levels[l] * 10);
				our_rx(self->buf, n, reg, self->log, n);
				o2 = starts(self->log, tone->kind, &w2);
				s2 = spandsp_rx(self->buf, n, reg, tone->kind, &x2);
				printf("# %-5s %-9s %4d dBm0 | %d (%d)  %d (%d) | %d (%d)  %d (%d)\n",
				       reg->name, kind_name[tone->kind], levels[l],
				       o1, w1, s1, x1, o2, w2, s2, x2);
				/* The threshold is -42 dBm0 per tone. */
				EXPECT_EQ(levels[l] >= -40, o1);
				EXPECT_EQ(levels[l] >= -40, o2);
				EXPECT_EQ(0, w1 + w2);
			}
		}
	}
}

TEST(tones_in_white_noise)
{
	buffers();
	static const int snr[] = { 20, 10, 6, 3 };
	unsigned int r, t, i;

	printf("# tones at -20 dBm0 per sine in white noise: ours (wrong) | spandsp (wrong)\n");
	for (r = 0; r < FDSP_CPT_REGIONS; r++) {
		const struct fdsp_cpt_region *reg = fdsp_cpt_region(r);

		for (t = 0; t < reg->ntones; t++) {
			const struct fdsp_cpt_tone *tone = &reg->tone[t];

			for (i = 0; i < ARRAY_SIZE(snr); i++) {
				int o, w, s, x;
				/* SNR against the power of both sines. */
				double noise = -20 + (tone->freq[1] ? 3 : 0) - snr[i];
				size_t n = spandsp_tone(self->buf, tone, -200);

				add_noise(self->buf, n, noise, 11 + i);
				our_rx(self->buf, n, reg, self->log, n);
				o = starts(self->log, tone->kind, &w);
				s = spandsp_rx(self->buf, n, reg, tone->kind, &x);
				printf("# %-5s %-9s SNR %2d dB | %d (%d) | %d (%d)\n",
				       reg->name, kind_name[tone->kind], snr[i],
				       o, w, s, x);
				if (snr[i] >= 10)
					EXPECT_EQ(1, o);
				EXPECT_EQ(0, w);
			}
		}
	}
}

TEST(talk_off_on_synthesised_speech)
{
	buffers();
	static const double levels[] = { -10, -20 };
	size_t n;
	const int16_t *speech = speech_8k(300, &n);
	int16_t *buf;
	unsigned int r, l;

	if (!speech)
		SKIP(return, "espeak-ng is not available");
	buf = malloc(n * sizeof(*buf));
	for (r = 0; r < FDSP_CPT_REGIONS; r++) {
		const struct fdsp_cpt_region *reg = fdsp_cpt_region(r);

		for (l = 0; l < ARRAY_SIZE(levels); l++) {
			int w, x;

			memcpy(buf, speech, n * sizeof(*buf));
			set_level(buf, n, levels[l]);
			our_rx(buf, n, reg, self->log, n);
			starts(self->log, -1, &w);
			spandsp_rx(buf, n, reg, -1, &x);
			printf("# talk-off %-5s %.1f min of speech at %.0f dBm0: ours %d, spandsp %d false detections\n",
			       reg->name, n / 480000.0, levels[l], w, x);
			EXPECT_EQ(0, w);
		}
	}
	free(buf);
}

TEST(tables_and_init_refuse_bad_input)
{
	struct fdsp_cpt_region bad = {
		.name = "bad", .ntones = 1,
		.tone = { { FDSP_CPT_BUSY, { 480, 620 }, -200, { 500 } } },
	};
	struct fdsp_cpt_rx rx;
	struct fdsp_tone_desc d;
	unsigned int k;

	EXPECT_EQ(NULL, fdsp_cpt_region(FDSP_CPT_REGIONS));
	EXPECT_EQ(-EINVAL, fdsp_cpt_rx_init(&rx, NULL, 0, NULL));
	/* An "on" without its "off". */
	EXPECT_EQ(-EINVAL, fdsp_cpt_rx_init(&rx, &bad, 0, NULL));
	bad.tone[0].cadence_ms[1] = 500;
	EXPECT_EQ(0, fdsp_cpt_rx_init(&rx, &bad, 0, NULL));
	bad.tone[0].freq[1] = 4000;
	EXPECT_EQ(-EINVAL, fdsp_cpt_rx_init(&rx, &bad, 0, NULL));
	bad.tone[0].freq[1] = 620;
	bad.tone[0].kind = FDSP_CPT_KINDS;
	EXPECT_EQ(-EINVAL, fdsp_cpt_rx_init(&rx, &bad, 0, NULL));
	bad.ntones = 0;
	EXPECT_EQ(-EINVAL, fdsp_cpt_rx_init(&rx, &bad, 0, NULL));
	bad.ntones = FDSP_CPT_MAX_TONES + 1;
	EXPECT_EQ(-EINVAL, fdsp_cpt_rx_init(&rx, &bad, 0, NULL));
	/* Seven distinct frequencies are one too many. */
	bad.ntones = 4;
	for (k = 0; k < 4; k++) {
		bad.tone[k] = bad.tone[0];
		bad.tone[k].kind = FDSP_CPT_BUSY;
		bad.tone[k].freq[0] = 400 + 200 * k;
		bad.tone[k].freq[1] = 500 + 200 * k;
	}
	EXPECT_EQ(-EINVAL, fdsp_cpt_rx_init(&rx, &bad, 0, NULL));
	bad.ntones = 3;
	EXPECT_EQ(0, fdsp_cpt_rx_init(&rx, &bad, 0, NULL));
	/* The generator needs the region to have the tone. */
	EXPECT_EQ(-EINVAL, fdsp_cpt_desc(&d, &bad, FDSP_CPT_DIAL));
	EXPECT_EQ(0, fdsp_cpt_desc(&d, fdsp_cpt_region(0), FDSP_CPT_DIAL));
	EXPECT_EQ(350, d.freq[0]);
	EXPECT_EQ(440, d.freq[1]);
}

TEST_HARNESS_MAIN
