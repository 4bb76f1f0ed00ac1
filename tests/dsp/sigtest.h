/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers of the DSP tests: an event log for the library's sinks, signal
 * makers (noise, espeak-ng speech) and small spandsp wrappers.  The tests
 * themselves may use floating point; the library never does.
 */
#ifndef FAX_TESTS_DSP_SIGTEST_H
#define FAX_TESTS_DSP_SIGTEST_H

#include <stddef.h>
#include <stdint.h>

#include "dsp/event.h"

#define EVLOG_MAX 4096

struct evlog {
	struct fdsp_event ev[EVLOG_MAX];
	int n;
};

void evlog_fn(void *ctx, const struct fdsp_event *ev);

static inline struct fdsp_sink evlog_sink(struct evlog *log)
{
	struct fdsp_sink s = { .fn = evlog_fn, .ctx = log };

	return s;
}

/* Count start events of one type (and value, unless value < 0). */
int evlog_starts(const struct evlog *log, int type, int value);

/* Adds white Gaussian noise at dbm0 (spandsp's awgn) to buf. */
void add_noise(int16_t *buf, size_t n, double dbm0, int seed);

/*
 * Speech from espeak-ng at 8 kHz, at least 'seconds' long (several voices
 * reading a fixed text), cached for the process; NULL if espeak-ng fails.
 */
const int16_t *speech_8k(double seconds, size_t *len);

/* spandsp's DTMF receiver over buf: the digits it reports, NUL-ended. */
void spandsp_dtmf_digits(const int16_t *buf, size_t n, char *out, size_t max);

/* Scale a buffer to a mean power of dbm0. */
void set_level(int16_t *buf, size_t n, double dbm0);

#endif
