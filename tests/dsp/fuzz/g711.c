// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: G.711 block conversion with any law and bit order.  Every
 * code decodes to a value that encodes back to a code decoding to the
 * same value (G.711 is idempotent after one round).
 */
#include "fuzz.h"
#include "dsp/g711.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct fdsp_g711_codec c;
	uint8_t law = fuzz_u8(&in), codes[512], again[512];
	int16_t lin[256], back[256];
	size_t n, i;

	if (fdsp_g711_codec_init(&c, law & 0x7f, law >> 7)) {
		if ((law & 0x7f) <= FDSP_G711_ULAW)
			__builtin_trap();	/* a valid law refused */
		return 0;
	}
	while (in.left) {
		n = fuzz_samples(&in, lin, 256);
		if (!n)
			break;
		fdsp_g711_encode(&c, codes, lin, n);
		fdsp_g711_decode(&c, back, codes, n);
		fdsp_g711_encode(&c, again, back, n);
		for (i = 0; i < n; i++)
			if (again[i] != codes[i] && back[i] != 0)
				__builtin_trap();
	}
	return 0;
}
