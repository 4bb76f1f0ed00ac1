// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: call-progress detector with a built-in region or a table
 * made of the input (which init must check), any threshold and samples.
 */
#include "fuzz.h"
#include "dsp/cpt.h"

static void table(struct fuzz_in *in, struct fdsp_cpt_region *r)
{
	unsigned int t, k;

	r->name = "fuzz";
	r->ntones = fuzz_u8(in) % (FDSP_CPT_MAX_TONES + 2);
	for (t = 0; t < FDSP_CPT_MAX_TONES; t++) {
		r->tone[t].kind = fuzz_u8(in);
		r->tone[t].freq[0] = fuzz_u16(in);
		r->tone[t].freq[1] = fuzz_u16(in);
		r->tone[t].level = (int16_t)fuzz_u16(in);
		for (k = 0; k < 4; k++)
			r->tone[t].cadence_ms[k] = fuzz_u16(in);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct fuzz_events fe;
	struct fdsp_sink sink = fuzz_sink(&fe);
	static struct fdsp_cpt_region own;
	const struct fdsp_cpt_region *r;
	struct fdsp_cpt_rx rx;
	int16_t x[256];
	uint8_t which = fuzz_u8(&in);
	size_t n;

	if (which >= FDSP_CPT_REGIONS) {
		table(&in, &own);
		r = &own;
	} else {
		r = fdsp_cpt_region(which);
	}
	if (fdsp_cpt_rx_init(&rx, r, (int16_t)fuzz_u16(&in), &sink)) {
		if (r != &own)
			__builtin_trap();	/* a built-in table refused */
		return 0;
	}
	while ((n = fuzz_samples(&in, x, fuzz_chunk(&in)))) {
		fe.now += n;
		fdsp_cpt_rx_process(&rx, x, n);
	}
	return 0;
}
