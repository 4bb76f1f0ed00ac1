/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers of the DSP fuzz targets: the input is read front to back as
 * parameters (any value, the init functions must refuse what is out of
 * range) and then samples, fed in chunks whose sizes the input also
 * picks.  An event sink checks that every detector's events make sense.
 */
#ifndef FAX_TESTS_DSP_FUZZ_H
#define FAX_TESTS_DSP_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dsp/event.h"

struct fuzz_in {
	const uint8_t *p;
	size_t left;
};

static inline uint8_t fuzz_u8(struct fuzz_in *in)
{
	if (!in->left)
		return 0;
	in->left--;
	return *in->p++;
}

static inline uint16_t fuzz_u16(struct fuzz_in *in)
{
	uint16_t lo = fuzz_u8(in);

	return lo | (uint16_t)fuzz_u8(in) << 8;
}

/* Up to max samples from the input; how many there were. */
static inline size_t fuzz_samples(struct fuzz_in *in, int16_t *x,
				  size_t max)
{
	size_t n = in->left / 2 < max ? in->left / 2 : max;

	memcpy(x, in->p, n * 2);
	in->p += n * 2;
	in->left -= n * 2;
	return n;
}

/*
 * Per event type, a start must follow a stop and the reverse; no event
 * lies in the future.  A violation traps, which libFuzzer reports.
 */
struct fuzz_events {
	uint8_t on[16];
	uint64_t now;		/* samples fed so far */
};

static inline void fuzz_event(void *ctx, const struct fdsp_event *ev)
{
	struct fuzz_events *fe = ctx;

	if (ev->type >= 16 || ev->on > 1 || fe->on[ev->type] == ev->on ||
	    ev->sample > fe->now)
		__builtin_trap();
	fe->on[ev->type] = ev->on;
}

static inline struct fdsp_sink fuzz_sink(struct fuzz_events *fe)
{
	struct fdsp_sink s = { .fn = fuzz_event, .ctx = fe };

	memset(fe, 0, sizeof(*fe));
	return s;
}

/* A chunk size for the next call: 1..256 samples. */
static inline size_t fuzz_chunk(struct fuzz_in *in)
{
	return (size_t)fuzz_u8(in) + 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
