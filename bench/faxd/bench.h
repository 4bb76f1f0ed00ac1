/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bench_faxd_queue's parts. */
#ifndef BENCH_FAXD_BENCH_H
#define BENCH_FAXD_BENCH_H

/* bench_e2e() - seconds per page of the demo fax through faxd (e2e.c). */
void bench_e2e(void);

#endif /* BENCH_FAXD_BENCH_H */
