/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared declarations of the session benchmark. */
#ifndef BENCH_SESSION_H
#define BENCH_SESSION_H

#include <stdbool.h>

struct bench_case {
	const char *name;
	bool ecm;		/* ECM + MMR, else non-ECM MH */
};

/* One call between two bare fax_state_t; returns the T.30 code. */
int bare_call(const struct bench_case *bc, const char *tx_file, const char *rx_file,
	      double *call_seconds);

#endif /* BENCH_SESSION_H */
