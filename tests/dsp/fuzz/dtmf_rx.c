// SPDX-License-Identifier: GPL-2.0-or-later
/* Fuzz target: DTMF receiver with any parameters, any samples, any chunks. */
#include "fuzz.h"
#include "dsp/dtmf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct fdsp_dtmf_rx_params p;
	struct fuzz_events fe;
	struct fdsp_sink sink = fuzz_sink(&fe);
	struct fdsp_dtmf_rx rx;
	int16_t x[256];
	size_t n;

	p.threshold = (int16_t)fuzz_u16(&in);
	p.normal_twist = fuzz_u16(&in);
	p.reverse_twist = fuzz_u16(&in);
	if (fdsp_dtmf_rx_init(&rx, fuzz_u8(&in) & 1 ? &p : NULL, &sink))
		return 0;
	while ((n = fuzz_samples(&in, x, fuzz_chunk(&in)))) {
		fe.now += n;
		fdsp_dtmf_rx_process(&rx, x, n);
	}
	return 0;
}
