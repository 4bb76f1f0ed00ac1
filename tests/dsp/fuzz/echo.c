// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: echo canceller with any tail, NLP and disabler setting,
 * and any tx/rx samples.  Memory is sized exactly by fdsp_echo_size(),
 * so ASan sees any write past it.
 */
#include <stdlib.h>

#include "fuzz.h"
#include "dsp/echo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct fdsp_echo_params p;
	struct fdsp_echo *ec;
	int16_t tx[256], rx[256];
	size_t n, len;
	void *mem;

	p.tail_ms = fuzz_u16(&in);
	p.nlp = fuzz_u8(&in);
	p.disable_on_ced = fuzz_u8(&in);
	len = fdsp_echo_size(p.tail_ms);
	if (!len) {
		if (p.tail_ms >= 1 && p.tail_ms <= FDSP_ECHO_MAX_TAIL_MS)
			__builtin_trap();
		return 0;
	}
	mem = aligned_alloc(8, len);
	ec = fdsp_echo_init(mem, len, &p);
	if (!ec)
		__builtin_trap();
	while ((n = fuzz_samples(&in, tx, fuzz_chunk(&in)))) {
		n = fuzz_samples(&in, rx, n);
		fdsp_echo_process(ec, tx, rx, n);
	}
	free(mem);
	return 0;
}
