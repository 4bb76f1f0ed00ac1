// SPDX-License-Identifier: GPL-2.0-or-later
/* Helpers of the DSP tests (see sigtest.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spandsp.h>

#include "sigtest.h"

void evlog_fn(void *ctx, const struct fdsp_event *ev)
{
	struct evlog *log = ctx;

	if (log->n < EVLOG_MAX)
		log->ev[log->n++] = *ev;
}

int evlog_starts(const struct evlog *log, int type, int value)
{
	int i, n = 0;

	for (i = 0; i < log->n; i++)
		if (log->ev[i].on && log->ev[i].type == type &&
		    (value < 0 || log->ev[i].value == value))
			n++;
	return n;
}

void add_noise(int16_t *buf, size_t n, double dbm0, int seed)
{
	awgn_state_t *a = awgn_init_dbm0(NULL, seed, (float)dbm0);
	size_t i;

	for (i = 0; i < n; i++) {
		int v = buf[i] + awgn(a);

		buf[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
	}
	awgn_free(a);
}

void set_level(int16_t *buf, size_t n, double dbm0)
{
	double sum = 0, gain;
	size_t i;

	for (i = 0; i < n; i++)
		sum += (double)buf[i] * buf[i];
	if (!n || sum == 0)
		return;
	/* 0 dBm0 is the power of a sine of peak 22765. */
	gain = sqrt(22765.0 * 22765.0 / 2 * pow(10, dbm0 / 10) / (sum / n));
	for (i = 0; i < n; i++) {
		double v = buf[i] * gain;

		buf[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : lrint(v);
	}
}

static const char *const speech_text =
	"The quick brown fox jumps over the lazy dog. Please call me back "
	"at extension four five six, or send a fax to the office before "
	"noon. Seven hundred and twenty two people answered the survey, "
	"and nine out of ten said they would rather talk than type. "
	"Hello, is anybody there? I am calling about the invoice number "
	"three eight one, which arrived yesterday afternoon. Sixty six "
	"sheep sat silently on the shiny green hill while it rained. ";

static const char *const voices[] = {
	"en", "en+f3", "en-us", "en+m3", "de", "fr", "es", "en+f5",
};

/* Low-pass FIR at the input rate, cut at 3.5 kHz, Hann-windowed sinc. */
static void lowpass(const int16_t *in, double *out, size_t n, int rate)
{
	enum { TAPS = 63 };
	double h[TAPS], fc = 3500.0 / rate;
	size_t i;
	int k;

	for (k = 0; k < TAPS; k++) {
		double x = k - (TAPS - 1) / 2.0;

		h[k] = (x == 0 ? 2 * fc : sin(2 * M_PI * fc * x) / (M_PI * x)) *
		       (0.5 - 0.5 * cos(2 * M_PI * k / (TAPS - 1)));
	}
	for (i = 0; i < n; i++) {
		double acc = 0;

		for (k = 0; k < TAPS; k++)
			if (i >= (size_t)k)
				acc += h[k] * in[i - k];
		out[i] = acc;
	}
}

/* 16-bit mono WAV from espeak-ng, resampled to 8 kHz. */
static int16_t *speak(const char *voice, size_t *len)
{
	char cmd[256];
	unsigned char hdr[44];
	int16_t *in = NULL, *out;
	size_t n = 0, cap = 0, i, m;
	double ratio, *lp;
	FILE *p;
	int rate;

	snprintf(cmd, sizeof(cmd),
		 "printf '%%s' \"$FAX_SPEECH_TEXT\" | espeak-ng -v %s -s 170 --stdout 2>/dev/null",
		 voice);
	setenv("FAX_SPEECH_TEXT", speech_text, 1);
	p = popen(cmd, "r");
	if (!p)
		return NULL;
	if (fread(hdr, 1, 44, p) != 44) {
		pclose(p);
		return NULL;
	}
	rate = hdr[24] | hdr[25] << 8 | hdr[26] << 16 | hdr[27] << 24;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1 << 16;
			in = realloc(in, cap * sizeof(*in));
		}
		if (fread(&in[n], 2, 1, p) != 1)
			break;
		n++;
	}
	pclose(p);
	if (rate < 8000 || n < 2) {
		free(in);
		return NULL;
	}
	lp = malloc(n * sizeof(*lp));
	lowpass(in, lp, n, rate);
	ratio = (double)rate / 8000;
	m = (size_t)((n - 1) / ratio);
	out = malloc(m * sizeof(*out));
	for (i = 0; i < m; i++) {
		double t = i * ratio, f = t - floor(t);
		size_t k = (size_t)t;
		double v = lp[k] * (1 - f) + lp[k + 1] * f;

		out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : lrint(v);
	}
	free(lp);
	free(in);
	*len = m;
	return out;
}

const int16_t *speech_8k(double seconds, size_t *len)
{
	static int16_t *all;
	static size_t have;
	size_t want = (size_t)(seconds * 8000);
	unsigned int v;

	for (v = 0; have < want; v++) {
		size_t n;
		int16_t *s = speak(voices[v % 8], &n);

		if (!s)
			return NULL;
		all = realloc(all, (have + n) * sizeof(*all));
		memcpy(all + have, s, n * sizeof(*s));
		have += n;
		free(s);
	}
	*len = want;
	return all;
}

void spandsp_dtmf_digits(const int16_t *buf, size_t n, char *out, size_t max)
{
	dtmf_rx_state_t *rx = dtmf_rx_init(NULL, NULL, NULL);
	size_t got;

	dtmf_rx(rx, buf, (int)n);
	got = dtmf_rx_get(rx, out, (int)max - 1);
	out[got] = '\0';
	dtmf_rx_free(rx);
}
