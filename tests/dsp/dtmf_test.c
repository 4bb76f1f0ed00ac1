// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * DTMF receiver and transmitter of the kernel DSP library against spandsp
 * 0.0.6: spandsp's generators feed our receiver, ours feed spandsp's
 * receiver, under the conditions of ITU-T Q.24.  Each condition prints a
 * line of a table (TAP diagnostics): detections and false detections,
 * ours beside spandsp's; the assertions are what a Q.24 receiver meets.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spandsp.h>

#include "kselftest_harness.h"
#include "dsp/dtmf.h"
#include "sigtest.h"

static const char all_digits[] = "123A456B789C*0#D";
static const int row_hz[4] = { 697, 770, 852, 941 };
static const int col_hz[4] = { 1209, 1336, 1477, 1633 };

#define MAXLEN (8000 * 60)

/* Our receiver over buf: the digits it started, NUL-ended. */
static void our_digits(const int16_t *buf, size_t n, char *out, size_t max,
		       struct evlog *log)
{
	struct fdsp_dtmf_rx rx;
	struct fdsp_sink sink = evlog_sink(log);
	int i, k = 0;

	log->n = 0;
	if (fdsp_dtmf_rx_init(&rx, NULL, &sink))
		abort();
	fdsp_dtmf_rx_process(&rx, buf, n);
	for (i = 0; i < log->n && (size_t)k < max - 1; i++)
		if (log->ev[i].on)
			out[k++] = log->ev[i].value;
	out[k] = '\0';
}

/* spandsp's DTMF generator: digits at a level per tone and a twist. */
static size_t spandsp_dtmf(int16_t *buf, const char *digits, int level,
			   int twist, int on_ms, int off_ms)
{
	dtmf_tx_state_t *tx = dtmf_tx_init(NULL);
	size_t n = 0;
	int got;

	dtmf_tx_set_level(tx, level, twist);
	dtmf_tx_set_timing(tx, on_ms, off_ms);
	dtmf_tx_put(tx, digits, -1);
	/* Leading silence so that no digit starts at sample 0. */
	memset(buf, 0, 800 * sizeof(*buf));
	n = 800;
	while ((got = dtmf_tx(tx, buf + n, 160)) > 0)
		n += got;
	memset(buf + n, 0, 800 * sizeof(*buf));
	dtmf_tx_free(tx);
	return n + 800;
}

/* spandsp's tone generator: one digit's pair at any frequencies. */
static size_t spandsp_pair(int16_t *buf, int f1, int l1, int f2, int l2,
			   int on_ms)
{
	tone_gen_descriptor_t *d;
	tone_gen_state_t *g;
	size_t n = 800;

	memset(buf, 0, sizeof(int16_t) * 800);
	d = tone_gen_descriptor_init(NULL, f1, l1, f2, l2, on_ms, 100, 0, 0, 0);
	g = tone_gen_init(NULL, d);
	n += tone_gen(g, buf + n, 8000);
	tone_gen_free(g);
	tone_gen_descriptor_free(d);
	memset(buf + n, 0, 800 * sizeof(*buf));
	return n + 800;
}

/* Our generator. */
static size_t our_dtmf(int16_t *buf, const char *digits, int level_low,
		       int level_high, int on_ms, int off_ms)
{
	struct fdsp_dtmf_tx_params p = {
		.on_ms = on_ms, .off_ms = off_ms,
		.level_low = level_low, .level_high = level_high,
	};
	struct fdsp_dtmf_tx tx;
	size_t n = 800;

	if (fdsp_dtmf_tx_init(&tx, &p) ||
	    fdsp_dtmf_tx_put(&tx, digits, strlen(digits)) != (int)strlen(digits))
		abort();
	memset(buf, 0, 800 * sizeof(*buf));
	while (fdsp_dtmf_tx_run(&tx, buf + n, 160))
		n += 160;
	memset(buf + n, 0, 800 * sizeof(*buf));
	return n + 800;
}

/* Right digits found, of those expected, and extra or wrong ones. */
static void score(const char *want, const char *got, int *hits, int *bad)
{
	*hits = 0;
	*bad = 0;
	if (!strcmp(want, got)) {
		*hits = strlen(want);
		return;
	}
	/* Count in order; anything that does not line up is bad. */
	while (*got) {
		const char *w = strchr(want, *got);

		if (w) {
			(*hits)++;
			want = w + 1;
		} else {
			(*bad)++;
		}
		got++;
	}
}

TEST(all_digits_at_every_level_both_directions)
{
	int16_t *buf = malloc(MAXLEN * sizeof(*buf));
	struct evlog *log = malloc(sizeof(*log));
	char got[64], sp[64];
	int level;

	printf("# DTMF, 16 digits, 50 ms on/50 ms off, level per tone\n");
	printf("# level  | spandsp tx: ours  spandsp | our tx: ours  spandsp\n");
	for (level = -3; level >= -36; level -= 3) {
		int h1, b1, h2, b2, h3, b3, h4, b4;
		size_t n;

		n = spandsp_dtmf(buf, all_digits, level, 0, 50, 50);
		our_digits(buf, n, got, sizeof(got), log);
		spandsp_dtmf_digits(buf, n, sp, sizeof(sp));
		score(all_digits, got, &h1, &b1);
		score(all_digits, sp, &h2, &b2);
		n = our_dtmf(buf, all_digits, level * 10, level * 10, 50, 50);
		our_digits(buf, n, got, sizeof(got), log);
		spandsp_dtmf_digits(buf, n, sp, sizeof(sp));
		score(all_digits, got, &h3, &b3);
		score(all_digits, sp, &h4, &b4);
		printf("# %3d dBm0 |  %2d/16 +%d   %2d/16 +%d  |  %2d/16 +%d   %2d/16 +%d\n",
		       level, h1, b1, h2, b2, h3, b3, h4, b4);
		EXPECT_EQ(16, h1);
		EXPECT_EQ(0, b1);
		EXPECT_EQ(16, h3);
		EXPECT_EQ(0, b3);
		/* Our generator must satisfy spandsp's receiver as well. */
		if (level >= -30)
			EXPECT_EQ(16, h4);
	}
	free(buf);
	free(log);
}

TEST(levels_below_the_threshold_are_ignored)
{
	int16_t *buf = malloc(MAXLEN * sizeof(*buf));
	struct evlog *log = malloc(sizeof(*log));
	char got[64], sp[64];
	size_t n;

	n = spandsp_dtmf(buf, all_digits, -45, 0, 50, 50);
	our_digits(buf, n, got, sizeof(got), log);
	spandsp_dtmf_digits(buf, n, sp, sizeof(sp));
	printf("# -45 dBm0 per tone: ours %zu digits, spandsp %zu\n",
	       strlen(got), strlen(sp));
	EXPECT_STREQ("", got);
	free(buf);
	free(log);
}

/* One digit with the row tone at lr and the column at lc dBm0. */
static int twist_case(int16_t *buf, struct evlog *log, int d, int lr, int lc,
		      int *sp_hit)
{
	char got[64], sp[64];
	size_t n = spandsp_pair(buf, row_hz[d / 4], lr, col_hz[d % 4], lc, 60);

	our_digits(buf, n, got, sizeof(got), log);
	spandsp_dtmf_digits(buf, n, sp, sizeof(sp));
	*sp_hit = sp[0] == all_digits[d] && !sp[1];
	return got[0] == all_digits[d] && !got[1];
}

TEST(twist_within_limits_is_accepted_beyond_rejected)
{
	int16_t *buf = malloc(MAXLEN * sizeof(*buf));
	struct evlog *log = malloc(sizeof(*log));
	int twist, d;

	printf("# DTMF twist (limits: normal 8 dB, reverse 6 dB), 16 digits, stronger tone at -10 dBm0\n");
	printf("# twist dB | normal: ours spandsp | reverse: ours spandsp\n");
	for (twist = 0; twist <= 12; twist += 2) {
		int on = 0, sn = 0, orv = 0, srv = 0, h;

		for (d = 0; d < 16; d++) {
			on += twist_case(buf, log, d, -10, -10 - twist, &h);
			sn += h;
			orv += twist_case(buf, log, d, -10 - twist, -10, &h);
			srv += h;
		}
		printf("# %6d   |  %2d/16   %2d/16      |  %2d/16   %2d/16\n",
		       twist, on, sn, orv, srv);
		if (twist <= 7)
			EXPECT_EQ(16, on);
		if (twist >= 10)
			EXPECT_EQ(0, on);
		if (twist <= 5)
			EXPECT_EQ(16, orv);
		if (twist >= 8)
			EXPECT_EQ(0, orv);
	}
	free(buf);
	free(log);
}

TEST(frequency_offsets_accept_1_5_percent_reject_3_5_percent)
{
	static const int permille[] = { 0, 10, 15, 25, 35, 50 };
	int16_t *buf = malloc(MAXLEN * sizeof(*buf));
	struct evlog *log = malloc(sizeof(*log));
	unsigned int i;
	int d, sign;

	printf("# DTMF frequency offset, both tones shifted, 16 digits x 2 signs, -10 dBm0\n");
	printf("# offset  | ours    spandsp\n");
	for (i = 0; i < sizeof(permille) / sizeof(permille[0]); i++) {
		int ours = 0, theirs = 0;

		for (d = 0; d < 16; d++) {
			for (sign = -1; sign <= 1; sign += 2) {
				/*
				 * spandsp takes whole Hz: round toward the
				 * nominal frequency when the offset must be
				 * accepted, away from it when rejected.
				 */
				double k = sign * permille[i] / 1000.0;
				double fr = row_hz[d / 4] * (1 + k);
				double fc = col_hz[d % 4] * (1 + k);
				int h;

				if (permille[i] <= 15) {
					fr = sign > 0 ? floor(fr) : ceil(fr);
					fc = sign > 0 ? floor(fc) : ceil(fc);
				} else {
					fr = sign > 0 ? ceil(fr) : floor(fr);
					fc = sign > 0 ? ceil(fc) : floor(fc);
				}
				size_t n = spandsp_pair(buf, (int)fr, -10,
							(int)fc, -10, 60);
				char got[64], sp[64];

				our_digits(buf, n, got, sizeof(got), log);
				spandsp_dtmf_digits(buf, n, sp, sizeof(sp));
				h = got[0] == all_digits[d] && !got[1];
				ours += h;
				theirs += sp[0] == all_digits[d] && !sp[1];
			}
		}
		printf("# %4.1f %%  | %2d/32   %2d/32\n", permille[i] / 10.0,
		       ours, theirs);
		if (permille[i] <= 15)
			EXPECT_EQ(32, ours);
		if (permille[i] >= 35)
			EXPECT_EQ(0, ours);
	}
	free(buf);
	free(log);
}

TEST(digits_survive_white_noise)
{
	static const int snr[] = { 30, 24, 18, 15, 12, 9, 6 };
	int16_t *buf = malloc(MAXLEN * sizeof(*buf));
	struct evlog *log = malloc(sizeof(*log));
	unsigned int i;
	int rep;

	printf("# DTMF in white noise, 16 digits x 5 runs, -13 dBm0 per tone; SNR = one tone over the noise\n");
	printf("# SNR dB | ours hits false | spandsp hits false\n");
	for (i = 0; i < sizeof(snr) / sizeof(snr[0]); i++) {
		int oh = 0, ob = 0, sh = 0, sb = 0;

		for (rep = 0; rep < 5; rep++) {
			char got[128], sp[128];
			int h, b;
			size_t n = spandsp_dtmf(buf, all_digits, -13, 0, 50, 50);

			add_noise(buf, n, -13 - snr[i], 1 + rep + 10 * i);
			our_digits(buf, n, got, sizeof(got), log);
			spandsp_dtmf_digits(buf, n, sp, sizeof(sp));
			score(all_digits, got, &h, &b);
			oh += h;
			ob += b;
			score(all_digits, sp, &h, &b);
			sh += h;
			sb += b;
		}
		printf("# %4d   |  %2d/80  %3d   |  %2d/80  %3d\n", snr[i],
		       oh, ob, sh, sb);
		if (snr[i] >= 15)
			EXPECT_EQ(80, oh);
		EXPECT_EQ(0, ob);
	}
	free(buf);
	free(log);
}

TEST(duration_40ms_accepted_20ms_rejected)
{
	int16_t *buf = malloc(MAXLEN * sizeof(*buf));
	struct evlog *log = malloc(sizeof(*log));
	static const int ms[] = { 15, 20, 25, 30, 35, 40, 45 };
	unsigned int i;

	printf("# DTMF duration, 16 digits with 40 ms pauses, -10 dBm0\n");
	printf("# on ms | ours  spandsp\n");
	for (i = 0; i < sizeof(ms) / sizeof(ms[0]); i++) {
		char got[64], sp[64];
		int h, b, sh, sb;
		size_t n = spandsp_dtmf(buf, all_digits, -10, 0, ms[i], 40);

		our_digits(buf, n, got, sizeof(got), log);
		spandsp_dtmf_digits(buf, n, sp, sizeof(sp));
		score(all_digits, got, &h, &b);
		score(all_digits, sp, &sh, &sb);
		printf("# %5d | %2d/16  %2d/16\n", ms[i], h, sh);
		if (ms[i] >= 40)
			EXPECT_EQ(16, h);
		if (ms[i] <= 20)
			EXPECT_EQ(0, h);
		EXPECT_EQ(0, b);
	}
	free(buf);
	free(log);
}

TEST(short_interruption_does_not_split_a_digit)
{
	int16_t *buf = calloc(16000, sizeof(*buf));
	struct evlog *log = malloc(sizeof(*log));
	char got[64];
	size_t n = spandsp_pair(buf, 852, -10, 1477, -10, 150);

	/* 10 ms of silence in the middle of a 150 ms '9'. */
	memset(buf + 800 + 560, 0, 80 * sizeof(*buf));
	our_digits(buf, n, got, sizeof(got), log);
	EXPECT_STREQ("9", got);
	free(buf);
	free(log);
}

TEST(events_carry_sample_accurate_start_and_stop)
{
	int16_t *buf = calloc(16000, sizeof(*buf));
	struct evlog *log = malloc(sizeof(*log));
	char got[64];
	int offset, worst = 0;

	/* Tone from 800 + offset for 100 ms. */
	for (offset = 0; offset < 51; offset += 7) {
		size_t n;

		memset(buf, 0, 16000 * sizeof(*buf));
		n = spandsp_pair(buf + offset, 941, -10, 1336, -10, 100) +
			offset;
		our_digits(buf, n, got, sizeof(got), log);
		ASSERT_STREQ("0", got);
		ASSERT_EQ(2, log->n);
		ASSERT_EQ(1, log->ev[0].on);
		ASSERT_EQ(0, log->ev[1].on);
		/* Within 4 ms of the truth at either end. */
		EXPECT_LE(llabs((long long)log->ev[0].sample - (800 + offset)), 32);
		EXPECT_LE(llabs((long long)log->ev[1].sample - (1600 + offset)), 32);
		if (llabs((long long)log->ev[0].sample - (800 + offset)) > worst)
			worst = llabs((long long)log->ev[0].sample - (800 + offset));
		if (llabs((long long)log->ev[1].sample - (1600 + offset)) > worst)
			worst = llabs((long long)log->ev[1].sample - (1600 + offset));
		/* The level is measured: -10 dBm0 within 1 dB. */
		EXPECT_LE(abs(log->ev[0].level + 100), 10);
	}
	printf("# DTMF timestamps: worst error %d samples\n", worst);
	free(buf);
	free(log);
}

TEST(chunk_size_does_not_change_the_events)
{
	int16_t *buf = malloc(MAXLEN * sizeof(*buf));
	struct evlog *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
	struct fdsp_dtmf_rx rx;
	struct fdsp_sink sink = evlog_sink(b);
	static const size_t chunk[] = { 1, 7, 51, 80, 160, 1000 };
	char got[64];
	size_t n = spandsp_dtmf(buf, all_digits, -20, 0, 50, 50), i, c;

	our_digits(buf, n, got, sizeof(got), a);
	ASSERT_EQ(32, a->n);
	for (c = 0; c < sizeof(chunk) / sizeof(chunk[0]); c++) {
		b->n = 0;
		ASSERT_EQ(0, fdsp_dtmf_rx_init(&rx, NULL, &sink));
		for (i = 0; i < n; i += chunk[c])
			fdsp_dtmf_rx_process(&rx, buf + i,
					     n - i < chunk[c] ? n - i : chunk[c]);
		ASSERT_EQ(a->n, b->n);
		ASSERT_EQ(0, memcmp(a->ev, b->ev, a->n * sizeof(a->ev[0])));
	}
	free(buf);
	free(a);
	free(b);
}

TEST(talk_off_on_synthesised_speech)
{
	size_t n, i;
	const int16_t *speech = speech_8k(300, &n);
	int16_t *buf;
	struct evlog *log = malloc(sizeof(*log));
	char *got = malloc(4096), *sp = malloc(4096);
	static const int levels[] = { -10, -20 };

	if (!speech)
		SKIP(return, "espeak-ng is not available");
	buf = malloc(n * sizeof(*buf));
	printf("# DTMF talk-off: %.1f minutes of espeak-ng speech (8 voices)\n",
	       n / 8000.0 / 60);
	for (i = 0; i < 2; i++) {
		memcpy(buf, speech, n * sizeof(*buf));
		set_level(buf, n, levels[i]);
		our_digits(buf, n, got, 4096, log);
		spandsp_dtmf_digits(buf, n, sp, 4096);
		printf("# speech at %d dBm0: false digits ours %zu (%s), spandsp %zu (%s)\n",
		       levels[i], strlen(got), got, strlen(sp), sp);
		/* Bellcore's talk-off budget is a handful per hour. */
		EXPECT_LE(strlen(got), 2);
	}
	free(buf);
	free(got);
	free(sp);
	free(log);
}

TEST(api_rejects_bad_parameters_and_digits)
{
	struct fdsp_dtmf_rx rx;
	struct fdsp_dtmf_tx tx;
	struct fdsp_dtmf_rx_params rp = FDSP_DTMF_RX_DEFAULTS;
	struct fdsp_dtmf_tx_params tp = FDSP_DTMF_TX_DEFAULTS;
	int i;

	rp.threshold = 10;
	EXPECT_EQ(-EINVAL, fdsp_dtmf_rx_init(&rx, &rp, NULL));
	rp.threshold = -300;
	rp.normal_twist = 250;
	EXPECT_EQ(-EINVAL, fdsp_dtmf_rx_init(&rx, &rp, NULL));
	tp.on_ms = 0;
	EXPECT_EQ(-EINVAL, fdsp_dtmf_tx_init(&tx, &tp));
	tp.on_ms = 50;
	tp.level_high = 60;
	EXPECT_EQ(-EINVAL, fdsp_dtmf_tx_init(&tx, &tp));
	ASSERT_EQ(0, fdsp_dtmf_tx_init(&tx, NULL));
	EXPECT_EQ(-EINVAL, fdsp_dtmf_tx_put(&tx, "12x", 3));
	EXPECT_EQ(0, tx.count);
	EXPECT_EQ(3, fdsp_dtmf_tx_put(&tx, "a#*", 3));
	for (i = 0; i < 20; i++)
		fdsp_dtmf_tx_put(&tx, "55", 2);
	EXPECT_EQ(FDSP_DTMF_TX_QUEUE, tx.count);
	EXPECT_EQ(0, fdsp_dtmf_tx_put(&tx, "1", 1));
}

TEST_HARNESS_MAIN
