// SPDX-License-Identifier: GPL-2.0-or-later
/* Fuzz target: V.21 preamble detector with any threshold and samples. */
#include "fuzz.h"
#include "dsp/faxtone.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct fuzz_events fe;
	struct fdsp_sink sink = fuzz_sink(&fe);
	struct fdsp_v21pre_rx rx;
	int16_t x[256];
	size_t n;

	fdsp_v21pre_rx_init(&rx, (int16_t)fuzz_u16(&in), &sink);
	while ((n = fuzz_samples(&in, x, fuzz_chunk(&in)))) {
		fe.now += n;
		fdsp_v21pre_rx_process(&rx, x, n);
	}
	return 0;
}
