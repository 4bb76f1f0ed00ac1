// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The baseline: two bare spandsp fax_state_t wired back to back in memory,
 * 160 samples at a time, with the same T.30 options as our sessions. What
 * is left when every libfax layer (line, fifo, model, session) is removed.
 */
#include <stdbool.h>
#include <string.h>

#include <spandsp.h>

#include "bench.h"

struct end {
	bool done;
	int code;
};

static void phase_e(t30_state_t *t30, void *ud, int code)
{
	struct end *e = ud;

	(void)t30;
	e->done = true;
	e->code = code;
}

static fax_state_t *make(bool caller, const struct bench_case *bc, const char *file,
			 struct end *e)
{
	fax_state_t *f = fax_init(NULL, caller);
	t30_state_t *t = fax_get_t30_state(f);

	fax_set_transmit_on_idle(f, 1);
	t30_set_ecm_capability(t, bc->ecm);
	t30_set_supported_modems(t, T30_SUPPORT_V17 | T30_SUPPORT_V29 | T30_SUPPORT_V27TER);
	t30_set_supported_compressions(t, bc->ecm ? T30_SUPPORT_T4_1D_COMPRESSION |
				       T30_SUPPORT_T4_2D_COMPRESSION | T30_SUPPORT_T6_COMPRESSION :
				       T30_SUPPORT_T4_1D_COMPRESSION);
	t30_set_phase_e_handler(t, phase_e, e);
	if (caller)
		t30_set_tx_file(t, file, -1, -1);
	else
		t30_set_rx_file(t, file, -1);
	return f;
}

int bare_call(const struct bench_case *bc, const char *tx_file, const char *rx_file,
	      double *call_seconds)
{
	struct end e[2] = { { 0 } };
	fax_state_t *f[2];
	int16_t buf[2][160];
	uint64_t samples = 0;

	f[0] = make(true, bc, tx_file, &e[0]);
	f[1] = make(false, bc, rx_file, &e[1]);
	while (!(e[0].done && e[1].done) && samples < 900ull * 8000) {
		for (int i = 0; i < 2; i++) {
			int n = fax_tx(f[i], buf[i], 160);

			memset(buf[i] + n, 0, (size_t)(160 - n) * sizeof(int16_t));
		}
		fax_rx(f[1], buf[0], 160);
		fax_rx(f[0], buf[1], 160);
		samples += 160;
	}
	*call_seconds = (double)samples / 8000.0;
	fax_free(f[0]);
	fax_free(f[1]);
	return e[0].code;
}
