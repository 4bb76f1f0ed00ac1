// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench_dsp: the cost of one line's receive + transmit DSP (pipeline.c)
 * in ns per sample, at 16/32/64/128 ms echo tails, beside spandsp's
 * equivalent pipeline on the same signals in the same run, and how many
 * lines one core carries in real time.  Built twice: bench_dsp (normal
 * flags) and bench_dsp_kernel (the DSP and pipeline compiled as the
 * kernel would: no FPU/SIMD registers, no vectoriser).
 *
 * The line sends white noise (a modem signal's spectrum) at -13 dBm0 with
 * DTMF digits mixed in; it receives the echo of that through a 10 ms
 * delay and a dispersive path at 12 dB ERL, plus noise at -50 dBm0.
 * The canceller adapts all the time: its worst case.
 *
 * Usage: bench_dsp [lines [seconds]]   (default 48 lines, 4 s of signal:
 * the canceller converges in the first second, then adapts at half rate)
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <spandsp.h>

#include "pipeline.h"

#define DIGITS	"0123456789*#ABCD"
#define REPS	3

struct signals {
	size_t len;
	int16_t *sig;		/* what the line sends, before tones */
	uint8_t *rx;		/* A-law received */
	int16_t *rx_lin;
};

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int16_t sat(double v)
{
	return v > 32767 ? 32767 : v < -32768 ? -32768 : (int16_t)lrint(v);
}

static void make_signals(struct signals *s, size_t len)
{
	static const double path[] = { 0.1, 0.5, -0.3, 0.2, -0.1, 0.05 };
	awgn_state_t *far = awgn_init_dbm0(NULL, 1, -13);
	awgn_state_t *near = awgn_init_dbm0(NULL, 2, -50);
	struct fdsp_dtmf_tx gen;
	int16_t *tx = malloc(len * sizeof(*tx)), *tone = malloc(len * 2);
	double g = pow(10, -12 / 20.0) / 0.66;	/* 12 dB ERL, |path| ~ 0.66 */
	size_t i, k, delay = 80;

	s->len = len;
	s->sig = malloc(len * sizeof(*s->sig));
	s->rx = malloc(len);
	s->rx_lin = malloc(len * sizeof(*s->rx_lin));
	fdsp_dtmf_tx_init(&gen, NULL);
	fdsp_dtmf_tx_put(&gen, DIGITS, strlen(DIGITS));
	fdsp_dtmf_tx_run(&gen, tone, len);
	for (i = 0; i < len; i++) {
		s->sig[i] = awgn(far);
		tx[i] = sat((double)s->sig[i] + tone[i]);
	}
	for (i = 0; i < len; i++) {
		double acc = awgn(near);

		for (k = 0; k < 6; k++)
			if (i >= delay + k)
				acc += g * path[k] * tx[i - delay - k];
		s->rx_lin[i] = sat(acc);
		s->rx[i] = linear_to_alaw(s->rx_lin[i]);
		s->rx_lin[i] = alaw_to_linear(s->rx[i]);
	}
	awgn_free(far);
	awgn_free(near);
	free(tx);
	free(tone);
}

/* Ours: best of REPS passes over the signal for 'lines' lines. */
static double run_ours(const struct signals *s, int lines, int tail,
		       unsigned int stages)
{
	size_t ec_len = fdsp_echo_size(tail), n;
	struct pipe_line *l = calloc(lines, sizeof(*l));
	uint8_t *mem = aligned_alloc(64, lines * ((ec_len + 63) & ~63ul));
	uint8_t out[PIPE_CHUNK];
	double best = 1e30;
	int r, i;

	for (r = 0; r < REPS; r++) {
		double t0;

		for (i = 0; i < lines; i++)
			if (pipe_init(&l[i], tail, mem + i * ((ec_len + 63) & ~63ul),
				      ec_len, DIGITS))
				abort();
		t0 = now_ns();
		for (n = 0; n + PIPE_CHUNK <= s->len; n += PIPE_CHUNK)
			for (i = 0; i < lines; i++)
				pipe_tick(&l[i], stages, s->sig + n, out,
					  s->rx + n, s->rx_lin + n, PIPE_CHUNK);
		t0 = now_ns() - t0;
		if (t0 < best)
			best = t0;
	}
	free(l);
	free(mem);
	return best / ((double)lines * (s->len / PIPE_CHUNK * PIPE_CHUNK));
}

/* spandsp's equivalent line: the same stages with its components. */
struct sp_line {
	echo_can_state_t *ec;
	dtmf_rx_state_t *dtmf;
	modem_connect_tones_rx_state_t *cng, *ans, *pre;
	super_tone_rx_state_t *cpt;
	dtmf_tx_state_t *gen;
};

static void sp_tone(void *user, int code, int level, int delay)
{
	(void)user;
	(void)code;
	(void)level;
	(void)delay;
}

static super_tone_rx_descriptor_t *sp_cpt_desc(void)
{
	super_tone_rx_descriptor_t *d = super_tone_rx_make_descriptor(NULL);
	int id;

	/* ETSI 425 Hz, as our pipeline: dial, ringback, busy, congestion. */
	id = super_tone_rx_add_tone(d);
	super_tone_rx_add_element(d, id, 425, 0, 1000, 0);
	id = super_tone_rx_add_tone(d);
	super_tone_rx_add_element(d, id, 425, 0, 835, 1165);
	super_tone_rx_add_element(d, id, 0, 0, 3460, 4540);
	id = super_tone_rx_add_tone(d);
	super_tone_rx_add_element(d, id, 425, 0, 397, 603);
	super_tone_rx_add_element(d, id, 0, 0, 397, 603);
	id = super_tone_rx_add_tone(d);
	super_tone_rx_add_element(d, id, 425, 0, 178, 322);
	super_tone_rx_add_element(d, id, 0, 0, 178, 322);
	return d;
}

static void sp_init(struct sp_line *l, int tail,
		    super_tone_rx_descriptor_t *desc)
{
	l->ec = echo_can_init(tail * 8, ECHO_CAN_USE_ADAPTION);
	l->dtmf = dtmf_rx_init(NULL, NULL, NULL);
	l->cng = modem_connect_tones_rx_init(NULL, MODEM_CONNECT_TONES_FAX_CNG,
					     sp_tone, NULL);
	l->ans = modem_connect_tones_rx_init(NULL, MODEM_CONNECT_TONES_ANSAM_PR,
					     sp_tone, NULL);
	l->pre = modem_connect_tones_rx_init(NULL,
					     MODEM_CONNECT_TONES_FAX_CED_OR_PREAMBLE,
					     sp_tone, NULL);
	l->cpt = super_tone_rx_init(NULL, desc, sp_tone, NULL);
	l->gen = dtmf_tx_init(NULL);
	dtmf_tx_put(l->gen, DIGITS, -1);
}

static void sp_free(struct sp_line *l)
{
	echo_can_free(l->ec);
	dtmf_rx_free(l->dtmf);
	modem_connect_tones_rx_free(l->cng);
	modem_connect_tones_rx_free(l->ans);
	modem_connect_tones_rx_free(l->pre);
	super_tone_rx_free(l->cpt);
	dtmf_tx_free(l->gen);
}

static void sp_tick(struct sp_line *l, const int16_t *sig, const uint8_t *rx_in,
		    size_t n, bool detectors)
{
	int16_t tx[PIPE_CHUNK], tone[PIPE_CHUNK], rx[PIPE_CHUNK];
	uint8_t out[PIPE_CHUNK];
	size_t i;
	int got;

	got = dtmf_tx(l->gen, tone, (int)n);
	for (i = 0; i < n; i++) {
		int v = sig[i] + ((int)i < got ? tone[i] : 0);

		tx[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
		out[i] = linear_to_alaw(tx[i]);
		rx[i] = alaw_to_linear(rx_in[i]);
		rx[i] = echo_can_update(l->ec, tx[i], rx[i]);
	}
	(void)out;
	if (!detectors)
		return;
	dtmf_rx(l->dtmf, rx, (int)n);
	modem_connect_tones_rx(l->cng, rx, (int)n);
	modem_connect_tones_rx(l->ans, rx, (int)n);
	modem_connect_tones_rx(l->pre, rx, (int)n);
	super_tone_rx(l->cpt, rx, (int)n);
}

/*
 * Debian's spandsp 0.0.6 echo canceller prints two debug lines per sample
 * (through __printf_chk). Timing it with the prints, or subtracting a
 * separately measured cost of printing, makes the baseline depend on the
 * machine's I/O more than on the DSP. This definition interposes the
 * library's calls (the executable's symbol wins) and drops the prints
 * while spandsp is measured, so its figure is its arithmetic alone.
 */
static bool mute_spandsp;

int __printf_chk(int flag, const char *fmt, ...);
int __printf_chk(int flag, const char *fmt, ...)
{
	va_list ap;
	int r;

	(void)flag;
	if (mute_spandsp)
		return 0;
	va_start(ap, fmt);
	r = vprintf(fmt, ap);
	va_end(ap);
	return r;
}

/* spandsp, best of REPS. */
static double run_spandsp(const struct signals *s, int lines, int tail,
			  bool detectors)
{
	struct sp_line *l = calloc(lines, sizeof(*l));
	super_tone_rx_descriptor_t *desc = sp_cpt_desc();
	double best = 1e30;
	size_t n;
	int r, i;

	mute_spandsp = true;
	for (r = 0; r < REPS; r++) {
		double t0;

		for (i = 0; i < lines; i++)
			sp_init(&l[i], tail, desc);
		t0 = now_ns();
		for (n = 0; n + PIPE_CHUNK <= s->len; n += PIPE_CHUNK)
			for (i = 0; i < lines; i++)
				sp_tick(&l[i], s->sig + n, s->rx + n,
					PIPE_CHUNK, detectors);
		t0 = now_ns() - t0;
		if (t0 < best)
			best = t0;
		for (i = 0; i < lines; i++)
			sp_free(&l[i]);
	}
	mute_spandsp = false;
	super_tone_rx_free_descriptor(desc);
	free(l);
	return best / ((double)lines * (s->len / PIPE_CHUNK * PIPE_CHUNK));
}

static double per_core(double ns)
{
	return 1e9 / (ns * 8000);
}

int main(int argc, char **argv)
{
	static const int tails[] = { 16, 32, 64, 128 };
	static const struct { unsigned int stage; const char *name; } st[] = {
		{ PIPE_DECODE, "G.711 decode" }, { PIPE_ECHO, "echo canceller" },
		{ PIPE_DTMF, "DTMF rx" }, { PIPE_FAXTONE, "CNG/CED/ANSam rx" },
		{ PIPE_V21, "V.21 preamble rx" }, { PIPE_CPT, "call progress rx" },
		{ PIPE_GEN, "DTMF tx" }, { PIPE_ENCODE, "G.711 encode" },
	};
	int lines = argc > 1 ? atoi(argv[1]) : 48;
	double secs = argc > 2 ? atof(argv[2]) : 4;
	double gen;
	struct signals s;
	unsigned int t, k;

	if (lines < 1 || secs <= 0) {
		fprintf(stderr, "usage: %s [lines [seconds]]\n", argv[0]);
		return 2;
	}
	make_signals(&s, (size_t)(secs * 8000));
	printf("DSP pipeline, %s build: %d lines, %.1f s of signal, %d-sample ticks, best of %d\n",
	       pipe_build(), lines, secs, PIPE_CHUNK, REPS);
	printf("ns per sample per line (lines per core in real time)\n");
	printf("tail |        ours        |  spandsp             | spandsp / ours\n");
	for (t = 0; t < 4; t++) {
		double o = run_ours(&s, lines, tails[t], PIPE_ALL);
		double sp = run_spandsp(&s, lines, tails[t], true);

		printf("%3d  | %7.1f (%6.0f)   | %7.1f (%6.0f)     | %5.2f\n",
		       tails[t], o, per_core(o), sp, per_core(sp), sp / o);
	}
	/*
	 * The received echo holds the tones: without DTMF tx the canceller
	 * would chase an echo it is not given.  Each stage is timed with
	 * DTMF tx on, less DTMF tx alone.
	 */
	gen = run_ours(&s, lines, 64, PIPE_GEN);
	printf("stage by stage at 64 ms (ours, ns per sample):\n");
	for (k = 0; k < sizeof(st) / sizeof(st[0]); k++)
		printf("  %-18s %7.1f\n", st[k].name, st[k].stage == PIPE_GEN ?
		       gen : run_ours(&s, lines, 64, st[k].stage | PIPE_GEN) - gen);
	printf("spandsp at 64 ms: echo+codec+DTMF tx %.1f, all %.1f (its debug prints muted)\n",
	       run_spandsp(&s, lines, 64, false), run_spandsp(&s, lines, 64, true));
	printf("target: 240 lines (8 E1) at 64 ms on one core = %.0f ns per sample\n",
	       1e9 / (240 * 8000.0));
	return 0;
}
