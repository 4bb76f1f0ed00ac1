// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Line echo canceller of the kernel DSP library beside spandsp 0.0.6's
 * echo_can on the same signals: G.168 echo path D.2 at several ERLs and
 * delays, driven by white noise, espeak-ng speech and a V.17 fax signal;
 * ERLE over time, double talk, and the G.165 tone disabler.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <spandsp.h>
#include <spandsp/g168models.h>

#include "kselftest_harness.h"
#include "dsp/echo.h"
#include "sigtest.h"

#define SECS 8
#define LEN (8000 * SECS)

/* rx = tx through G.168 D.2, delayed, scaled to an ERL in dB. */
static void echo_path(const int16_t *tx, int16_t *rx, size_t n, int delay,
		      double erl)
{
	size_t taps = sizeof(line_model_d2_coeffs) / sizeof(int32_t), i, k;
	double g = 0, scale;

	for (k = 0; k < taps; k++)
		g += (double)line_model_d2_coeffs[k] * line_model_d2_coeffs[k];
	scale = pow(10, -erl / 20) / sqrt(g);
	for (i = 0; i < n; i++) {
		double acc = 0;

		for (k = 0; k < taps; k++)
			if (i >= k + delay)
				acc += line_model_d2_coeffs[k] * tx[i - k - delay];
		rx[i] = lrint(acc * scale);
	}
}

static double mean_power(const int16_t *x, size_t n)
{
	double s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += (double)x[i] * x[i];
	return s / n + 1e-3;
}

static int v17_bits(void *user)
{
	return rand_r(user) & 1;
}

static void make_signal(int16_t *tx, int kind)
{
	size_t n;

	memset(tx, 0, LEN * sizeof(*tx));
	if (kind == 0) {
		add_noise(tx, LEN, -10, 42);
	} else if (kind == 1) {
		const int16_t *sp = speech_8k(SECS, &n);

		if (sp)
			memcpy(tx, sp, LEN * sizeof(*tx));
		set_level(tx, LEN, -15);
	} else {
		unsigned int seed = 1;
		v17_tx_state_t *v = v17_tx_init(NULL, 14400, 0, v17_bits, &seed);

		v17_tx_power(v, -10);
		v17_tx(v, tx, LEN);
		v17_tx_free(v);
	}
}

/* ERLE in dB per second of output (residual = out - near). */
static void erle(const int16_t *rx, const int16_t *out, const int16_t *near,
		 double *db)
{
	static int16_t res[8000];
	int s, i;

	for (s = 0; s < SECS; s++) {
		for (i = 0; i < 8000; i++)
			res[i] = out[s * 8000 + i] - (near ? near[s * 8000 + i] : 0);
		db[s] = 10 * log10(mean_power(rx + s * 8000, 8000) / mean_power(res, 8000));
	}
}

static void run_ours(const int16_t *tx, const int16_t *rx, int16_t *out,
		     int tail_ms)
{
	struct fdsp_echo_params p = { .tail_ms = tail_ms };
	size_t sz = fdsp_echo_size(tail_ms);
	void *mem = aligned_alloc(8, (sz + 7) & ~7ul);
	struct fdsp_echo *ec = fdsp_echo_init(mem, sz, &p);

	if (!ec)
		abort();
	memcpy(out, rx, LEN * sizeof(*out));
	fdsp_echo_process(ec, tx, out, LEN);
	free(mem);
}

static void run_spandsp(const int16_t *tx, const int16_t *rx, int16_t *out,
			int tail_ms)
{
	echo_can_state_t *ec = echo_can_init(tail_ms * 8, ECHO_CAN_USE_ADAPTION);
	int saved, null = open("/dev/null", O_WRONLY);
	size_t i;

	/* This build of spandsp prints debugging per sample: silence it. */
	fflush(stdout);
	saved = dup(1);
	dup2(null, 1);
	for (i = 0; i < LEN; i++)
		out[i] = echo_can_update(ec, tx[i], rx[i]);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	close(null);
	echo_can_free(ec);
}

TEST(erle_over_time_noise_speech_v17)
{
	static const char *const kinds[] = { "noise", "speech", "V.17" };
	static const struct { int erl, delay_ms, tail; } c[] = {
		{ 6, 0, 64 }, { 12, 20, 64 }, { 20, 50, 64 }, { 12, 100, 128 },
		{ 12, 5, 16 },
	};
	int16_t *tx = malloc(LEN * 2), *rx = malloc(LEN * 2);
	int16_t *o1 = malloc(LEN * 2), *o2 = malloc(LEN * 2);
	unsigned int k, i;

	printf("# ERLE dB at 1/2/4/8 s, ours | spandsp (echo_can, adaption only)\n");
	for (k = 0; k < 3; k++) {
		make_signal(tx, k);
		for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
			double a[SECS], b[SECS];

			echo_path(tx, rx, LEN, c[i].delay_ms * 8, c[i].erl);
			run_ours(tx, rx, o1, c[i].tail);
			run_spandsp(tx, rx, o2, c[i].tail);
			erle(rx, o1, NULL, a);
			erle(rx, o2, NULL, b);
			printf("# %-6s ERL %2d delay %3d ms tail %3d | %5.1f %5.1f %5.1f %5.1f | %5.1f %5.1f %5.1f %5.1f\n",
			       kinds[k], c[i].erl, c[i].delay_ms, c[i].tail,
			       a[0], a[1], a[3], a[7], b[0], b[1], b[3], b[7]);
			/* Converged, and never worse than no canceller. */
			EXPECT_GE(a[7], k == 1 ? 15 : 20);
			for (int s = 0; s < SECS; s++)
				EXPECT_GE(a[s], 0);
		}
	}
	free(tx);
	free(rx);
	free(o1);
	free(o2);
}

TEST(double_talk_does_not_make_it_diverge)
{
	int16_t *tx = malloc(LEN * 2), *rx = malloc(LEN * 2);
	int16_t *near = calloc(LEN, 2), *o1 = malloc(LEN * 2), *o2 = malloc(LEN * 2);
	double a[SECS], b[SECS];
	size_t n, i;
	const int16_t *sp = speech_8k(SECS + 10, &n);

	if (!sp)
		SKIP(return, "espeak-ng is not available");
	make_signal(tx, 0);
	echo_path(tx, rx, LEN, 80, 6);
	/* Near-end speech as loud as the far end, seconds 3 to 5. */
	memcpy(near + 24000, sp + 8000 * 10, 16000 * 2);
	set_level(near + 24000, 16000, -10);
	for (i = 0; i < LEN; i++)
		rx[i] += near[i];
	run_ours(tx, rx, o1, 64);
	run_spandsp(tx, rx, o2, 64);
	erle(rx, o1, near, a);
	erle(rx, o2, near, b);
	printf("# double talk s3-5, ERL 6: ERLE per second ours:");
	for (i = 0; i < SECS; i++)
		printf(" %.1f", a[i]);
	printf(" | spandsp:");
	for (i = 0; i < SECS; i++)
		printf(" %.1f", b[i]);
	printf("\n");
	/*
	 * Never diverges: the residual echo stays 10 dB under the echo
	 * during and after double talk, and it reconverges.
	 */
	for (i = 3; i < SECS; i++)
		EXPECT_GE(a[i], 10);
	EXPECT_GE(a[7], 30);
	free(tx);
	free(rx);
	free(near);
	free(o1);
	free(o2);
}

TEST(tone_disabler_on_phase_reversals_and_reenable)
{
	struct fdsp_echo_params p = { .tail_ms = 32 };
	size_t sz = fdsp_echo_size(32);
	void *mem = aligned_alloc(8, (sz + 7) & ~7ul);
	int16_t *tx = calloc(LEN, 2), *rx = calloc(LEN, 2);
	struct fdsp_tone_desc d;
	struct fdsp_tonegen g;
	struct fdsp_echo *ec;
	int kind;

	for (kind = FDSP_TONE_CED; kind <= FDSP_TONE_ANSAM_PR; kind++) {
		bool pr = kind == FDSP_TONE_CED_PR || kind == FDSP_TONE_ANSAM_PR;
		bool at1s, during, after;

		memset(tx, 0, LEN * 2);
		ASSERT_EQ(0, fdsp_faxtone_desc(&d, kind, -120));
		ASSERT_EQ(0, fdsp_tonegen_init(&g, &d));
		fdsp_tonegen_run(&g, tx + 8000, 26400);
		ec = fdsp_echo_init(mem, sz, &p);
		ASSERT_NE(NULL, ec);
		fdsp_echo_process(ec, tx, rx, 16000);	/* tone from 1 s */
		at1s = fdsp_echo_disabled(ec);
		fdsp_echo_process(ec, tx + 16000, rx + 16000, 18000);
		during = fdsp_echo_disabled(ec);
		/* Tone ends at 4.3 s; 500 ms of quiet later: */
		fdsp_echo_process(ec, tx + 34000, rx + 34000, 4400 + 4000);
		after = fdsp_echo_disabled(ec);
		printf("# tone %d: disabled after 1 s of tone %d, at 4.25 s %d, 0.5 s after %d\n",
		       kind, at1s, during, after);
		EXPECT_EQ(pr, at1s);
		EXPECT_EQ(pr, during);
		EXPECT_FALSE(after);
	}
	/* G.164 mode: plain CED disables too. */
	p.disable_on_ced = 1;
	memset(tx, 0, LEN * 2);
	ASSERT_EQ(0, fdsp_faxtone_desc(&d, FDSP_TONE_CED, -120));
	ASSERT_EQ(0, fdsp_tonegen_init(&g, &d));
	fdsp_tonegen_run(&g, tx, 26400);
	ec = fdsp_echo_init(mem, sz, &p);
	fdsp_echo_process(ec, tx, rx, 8000);
	EXPECT_TRUE(fdsp_echo_disabled(ec));
	free(mem);
	free(tx);
	free(rx);
}

TEST(size_query_and_init_refuse_bad_input)
{
	struct fdsp_echo_params p = { .tail_ms = 129 };
	static uint64_t mem[4096];

	EXPECT_EQ(0, fdsp_echo_size(0));
	EXPECT_EQ(0, fdsp_echo_size(129));
	EXPECT_NE(0, fdsp_echo_size(128));
	EXPECT_EQ(NULL, fdsp_echo_init(mem, sizeof(mem), &p));
	p.tail_ms = 64;
	EXPECT_EQ(NULL, fdsp_echo_init(mem, fdsp_echo_size(64) - 1, &p));
	EXPECT_EQ(NULL, fdsp_echo_init((char *)mem + 4, sizeof(mem) - 8, &p));
	EXPECT_NE(NULL, fdsp_echo_init(mem, sizeof(mem), &p));
}

TEST_HARNESS_MAIN
