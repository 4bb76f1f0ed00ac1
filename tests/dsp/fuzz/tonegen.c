// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: the generators.  A tone descriptor of any values for
 * struct fdsp_tonegen, then DTMF transmitter parameters and any string of
 * digits; a few seconds of output each, in chunks the input picks.
 */
#include "fuzz.h"
#include "dsp/dtmf.h"
#include "dsp/tonegen.h"

#define MAX_CALLS	128	/* up to 4 s of output */

static void tone(struct fuzz_in *in)
{
	struct fdsp_tone_desc d;
	struct fdsp_tonegen g;
	int16_t out[256];
	size_t i, n, k;

	for (k = 0; k < 2; k++) {
		d.freq[k] = fuzz_u16(in);
		d.level[k] = (int16_t)fuzz_u16(in);
	}
	for (k = 0; k < 4; k++)
		d.cadence_ms[k] = fuzz_u16(in);
	d.repeat = fuzz_u8(in);
	d.am_hz = fuzz_u8(in);
	d.am_percent = fuzz_u8(in);
	d.reserved = 0;
	d.reversal_ms = fuzz_u16(in);
	if (fdsp_tonegen_init(&g, &d))
		return;
	for (i = 0; i < MAX_CALLS; i++) {
		n = fuzz_chunk(in);
		if (fdsp_tonegen_run(&g, out, n) > n)
			__builtin_trap();
	}
}

static void dtmf(struct fuzz_in *in)
{
	struct fdsp_dtmf_tx_params p;
	struct fdsp_dtmf_tx t;
	char digits[64];
	int16_t out[256];
	size_t i, len, k;
	int queued;

	p.on_ms = fuzz_u16(in);
	p.off_ms = fuzz_u16(in);
	p.level_low = (int16_t)fuzz_u16(in);
	p.level_high = (int16_t)fuzz_u16(in);
	if (fdsp_dtmf_tx_init(&t, fuzz_u8(in) & 1 ? &p : NULL))
		return;
	len = fuzz_u8(in) % sizeof(digits);
	for (k = 0; k < len; k++)
		digits[k] = (char)fuzz_u8(in);
	queued = fdsp_dtmf_tx_put(&t, digits, len);
	if (queued > (int)len || (queued < 0 && queued != -EINVAL))
		__builtin_trap();
	for (i = 0; i < MAX_CALLS; i++)
		fdsp_dtmf_tx_run(&t, out, fuzz_chunk(in));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };

	tone(&in);
	dtmf(&in);
	return 0;
}
