// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fax connect tones of the kernel DSP library against spandsp 0.0.6:
 * spandsp's modem_connect_tones_tx and FSK/HDLC generators feed our CNG,
 * answer tone and V.21 preamble detectors; our tone descriptors feed
 * spandsp's modem_connect_tones_rx.  Tables print both sides.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spandsp.h>

#include "kselftest_harness.h"
#include "dsp/faxtone.h"
#include "sigtest.h"

#define LEN (8000 * 8)

static const struct {
	int sp;			/* spandsp's tone type */
	int ours;		/* our event type */
	int kind;		/* our generator kind */
	const char *name;
} tones[] = {
	{ MODEM_CONNECT_TONES_FAX_CNG, FDSP_EV_CNG, FDSP_TONE_CNG, "CNG" },
	{ MODEM_CONNECT_TONES_ANS, FDSP_EV_CED, FDSP_TONE_CED, "CED/ANS" },
	{ MODEM_CONNECT_TONES_ANS_PR, FDSP_EV_CED_PR, FDSP_TONE_CED_PR, "/ANS" },
	{ MODEM_CONNECT_TONES_ANSAM, FDSP_EV_ANSAM, FDSP_TONE_ANSAM, "ANSam" },
	{ MODEM_CONNECT_TONES_ANSAM_PR, FDSP_EV_ANSAM_PR, FDSP_TONE_ANSAM_PR, "/ANSam" },
};

/* 0.5 s of silence, then spandsp's tone for 4 s, then silence. */
static size_t spandsp_tone(int16_t *buf, int type, double dbm0)
{
	modem_connect_tones_tx_state_t *tx =
		modem_connect_tones_tx_init(NULL, type);

	memset(buf, 0, LEN * sizeof(*buf));
	modem_connect_tones_tx(tx, buf + 4000, 32000);
	modem_connect_tones_tx_free(tx);
	set_level(buf + 4000, type == MODEM_CONNECT_TONES_FAX_CNG ? 4000 : 32000,
		  dbm0);
	if (type == MODEM_CONNECT_TONES_FAX_CNG)
		memset(buf + 8000, 0, 28000 * sizeof(*buf));
	return LEN;
}

static size_t our_tone(int16_t *buf, int kind, int level10)
{
	struct fdsp_tone_desc d;
	struct fdsp_tonegen g;

	memset(buf, 0, LEN * sizeof(*buf));
	if (fdsp_faxtone_desc(&d, kind, level10) || fdsp_tonegen_init(&g, &d))
		abort();
	fdsp_tonegen_run(&g, buf + 4000, 32000);
	if (kind == FDSP_TONE_CNG)
		memset(buf + 8000, 0, 28000 * sizeof(*buf));
	return LEN;
}

static void our_rx(const int16_t *buf, size_t n, struct evlog *log)
{
	struct fdsp_faxtone_rx rx;
	struct fdsp_v21pre_rx v21;
	struct fdsp_sink sink = evlog_sink(log);

	log->n = 0;
	fdsp_faxtone_rx_init(&rx, 0, &sink);
	fdsp_v21pre_rx_init(&v21, 0, &sink);
	fdsp_faxtone_rx_process(&rx, buf, n);
	fdsp_v21pre_rx_process(&v21, buf, n);
}

/* Starts of any tone event other than 'want'. */
static int wrong(const struct evlog *log, int want)
{
	int i, n = 0;

	for (i = 0; i < log->n; i++)
		n += log->ev[i].on && log->ev[i].type != want;
	return n;
}

struct sp_hits {
	int codes[16];
};

static void sp_cb(void *user, int code, int level, int delay)
{
	struct sp_hits *h = user;

	(void)level;
	(void)delay;
	if (code > 0 && code < 16)
		h->codes[code]++;
}

/* spandsp's detector for 'type' over buf: how often it reported 'code'. */
static int spandsp_rx(const int16_t *buf, size_t n, int type, int code,
		      int *others)
{
	struct sp_hits h = { { 0 } };
	modem_connect_tones_rx_state_t *rx =
		modem_connect_tones_rx_init(NULL, type, sp_cb, &h);
	int i;

	modem_connect_tones_rx(rx, buf, (int)n);
	modem_connect_tones_rx_free(rx);
	*others = 0;
	for (i = 1; i < 16; i++)
		if (i != code)
			*others += h.codes[i];
	return h.codes[code];
}

TEST(connect_tones_at_levels_both_directions)
{
	static const int levels[] = { -6, -12, -20, -30, -38, -48 };
	int16_t *buf = malloc(LEN * sizeof(*buf));
	struct evlog *log = malloc(sizeof(*log));
	unsigned int t, l;

	printf("# connect tones: detected (wrong kind) per level\n");
	printf("# tone     dBm0 | spandsp tx: ours  spandsp | our tx: ours  spandsp\n");
	for (t = 0; t < 5; t++) {
		for (l = 0; l < 6; l++) {
			int o1, w1, s1, x1, o2, w2, s2, x2;
			int type = tones[t].sp == MODEM_CONNECT_TONES_FAX_CNG ?
				   tones[t].sp : MODEM_CONNECT_TONES_ANSAM_PR;

			spandsp_tone(buf, tones[t].sp, levels[l]);
			our_rx(buf, LEN, log);
			o1 = evlog_starts(log, tones[t].ours, -1);
			w1 = wrong(log, tones[t].ours);
			s1 = spandsp_rx(buf, LEN, type, tones[t].sp, &x1);
			our_tone(buf, tones[t].kind, levels[l] * 10);
			our_rx(buf, LEN, log);
			o2 = evlog_starts(log, tones[t].ours, -1);
			w2 = wrong(log, tones[t].ours);
			s2 = spandsp_rx(buf, LEN, type, tones[t].sp, &x2);
			printf("# %-7s %4d |   %d (%d)    %d (%d)    |   %d (%d)    %d (%d)\n",
			       tones[t].name, levels[l], o1, w1, s1, x1,
			       o2, w2, s2, x2);
			if (levels[l] >= -38) {
				EXPECT_EQ(1, o1);
				EXPECT_EQ(1, o2);
			} else {
				EXPECT_EQ(0, o1);
				EXPECT_EQ(0, o2);
			}
			EXPECT_EQ(0, w1);
			EXPECT_EQ(0, w2);
		}
	}
	free(buf);
	free(log);
}

TEST(connect_tones_in_white_noise)
{
	static const int snr[] = { 20, 10, 6, 3 };
	int16_t *buf = malloc(LEN * sizeof(*buf));
	struct evlog *log = malloc(sizeof(*log));
	unsigned int t, i;

	printf("# connect tones at -20 dBm0 in white noise: ours (wrong) | spandsp\n");
	for (t = 0; t < 5; t++) {
		for (i = 0; i < 4; i++) {
			int type = tones[t].sp == MODEM_CONNECT_TONES_FAX_CNG ?
				   tones[t].sp : MODEM_CONNECT_TONES_ANSAM_PR;
			int o, w, s, x;

			spandsp_tone(buf, tones[t].sp, -20);
			add_noise(buf, LEN, -20 - snr[i], 7 + i);
			our_rx(buf, LEN, log);
			o = evlog_starts(log, tones[t].ours, -1);
			w = wrong(log, tones[t].ours);
			s = spandsp_rx(buf, LEN, type, tones[t].sp, &x);
			printf("# %-7s SNR %2d dB | %d (%d) | %d (%d)\n",
			       tones[t].name, snr[i], o, w, s, x);
			if (snr[i] >= 10) {
				EXPECT_EQ(1, o);
				EXPECT_EQ(0, w);
			}
		}
	}
	free(buf);
	free(log);
}

/* V.21 channel 2 HDLC flags from spandsp's FSK modulator. */
static int flag_bits(void *user)
{
	int *k = user;
	int bit = (0x7e >> (*k % 8)) & 1;

	(*k)++;
	return *k > 8 * 40 ? SIG_STATUS_END_OF_DATA : bit;
}

static size_t spandsp_preamble(int16_t *buf, double dbm0)
{
	int k = 0;
	fsk_tx_state_t *tx = fsk_tx_init(NULL, &preset_fsk_specs[FSK_V21CH2],
					 flag_bits, &k);

	memset(buf, 0, LEN * sizeof(*buf));
	/* 40 flags = 1.07 s of preamble from sample 4000. */
	fsk_tx(tx, buf + 4000, 8533);
	fsk_tx_free(tx);
	set_level(buf + 4000, 8533, dbm0);
	return 4000 + 8533 + 4000;
}

TEST(v21_preamble_from_spandsp_fsk)
{
	static const int levels[] = { -6, -15, -25, -35, -40, -50 };
	int16_t *buf = malloc(LEN * sizeof(*buf));
	struct evlog *log = malloc(sizeof(*log));
	unsigned int l;

	printf("# V.21 preamble (40 flags) | ours (start error ms) | spandsp\n");
	for (l = 0; l < 6; l++) {
		size_t n = spandsp_preamble(buf, levels[l]);
		int o, s, x, i;
		double err = 0;

		our_rx(buf, n, log);
		o = evlog_starts(log, FDSP_EV_V21_PREAMBLE, -1);
		for (i = 0; i < log->n; i++)
			if (log->ev[i].on)
				err = ((double)log->ev[i].sample - 4000) / 8;
		s = spandsp_rx(buf, n, MODEM_CONNECT_TONES_FAX_CED_OR_PREAMBLE,
			       MODEM_CONNECT_TONES_FAX_PREAMBLE, &x);
		printf("# %4d dBm0 | %d (%+.1f ms) | %d\n", levels[l], o, err, s);
		if (levels[l] >= -35) {
			EXPECT_EQ(1, o);
			EXPECT_LE(fabs(err), 20);
		}
		if (levels[l] <= -50)
			EXPECT_EQ(0, o);
		EXPECT_EQ(0, wrong(log, FDSP_EV_V21_PREAMBLE));
	}
	free(buf);
	free(log);
}

TEST(cng_and_answer_tone_timestamps)
{
	int16_t *buf = malloc(LEN * sizeof(*buf));
	struct evlog *log = malloc(sizeof(*log));
	unsigned int t;

	for (t = 0; t < 5; t++) {
		int i, on = -1, off = -1;
		long end = tones[t].kind == FDSP_TONE_CNG ? 8000 : 4000 + 26400;

		our_tone(buf, tones[t].kind, -150);
		our_rx(buf, LEN, log);
		for (i = 0; i < log->n; i++) {
			if (log->ev[i].type != tones[t].ours)
				continue;
			if (log->ev[i].on)
				on = (int)log->ev[i].sample;
			else
				off = (int)log->ev[i].sample;
		}
		printf("# %s: start %+d samples, stop %+d samples\n",
		       tones[t].name, on - 4000, off - (int)end);
		/* One 10 ms block. */
		EXPECT_LE(abs(on - 4000), 80);
		EXPECT_LE(abs(off - (int)end), 80);
	}
	free(buf);
	free(log);
}

TEST(talk_off_on_synthesised_speech)
{
	size_t n;
	const int16_t *speech = speech_8k(300, &n);
	struct evlog *log = malloc(sizeof(*log));
	int16_t *buf;
	int s1, s2, s3, x;

	if (!speech)
		SKIP(return, "espeak-ng is not available");
	buf = malloc(n * sizeof(*buf));
	memcpy(buf, speech, n * sizeof(*buf));
	set_level(buf, n, -15);
	our_rx(buf, n, log);
	s1 = spandsp_rx(buf, n, MODEM_CONNECT_TONES_FAX_CNG,
			MODEM_CONNECT_TONES_FAX_CNG, &x);
	s2 = spandsp_rx(buf, n, MODEM_CONNECT_TONES_ANSAM_PR,
			MODEM_CONNECT_TONES_ANS, &x);
	s3 = spandsp_rx(buf, n, MODEM_CONNECT_TONES_FAX_CED_OR_PREAMBLE,
			MODEM_CONNECT_TONES_FAX_PREAMBLE, &x);
	printf("# fax tone talk-off, %.1f min of speech at -15 dBm0: ours %d events (CNG %d, 2100 %d, V.21 %d); spandsp CNG %d, ANS %d, preamble %d\n",
	       n / 480000.0, log->n / 2, evlog_starts(log, FDSP_EV_CNG, -1),
	       evlog_starts(log, FDSP_EV_CED, -1) +
	       evlog_starts(log, FDSP_EV_ANSAM, -1),
	       evlog_starts(log, FDSP_EV_V21_PREAMBLE, -1), s1, s2, s3);
	EXPECT_EQ(0, log->n);
	free(buf);
	free(log);
}

TEST(generator_descriptors_reject_bad_input)
{
	struct fdsp_tone_desc d;
	struct fdsp_tonegen g;

	EXPECT_EQ(-EINVAL, fdsp_faxtone_desc(&d, 99, -100));
	EXPECT_EQ(-EINVAL, fdsp_faxtone_desc(&d, FDSP_TONE_CED, 40));
	ASSERT_EQ(0, fdsp_faxtone_desc(&d, FDSP_TONE_CED, -100));
	d.freq[1] = 4000;
	EXPECT_EQ(-EINVAL, fdsp_tonegen_init(&g, &d));
}

TEST_HARNESS_MAIN
