/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Netlink helpers of the kernel tests: set a line's parameters and line
 * model through the "fax" family (libnl), as faxd would.
 */
#ifndef FAXTEST_FAXNL_H
#define FAXTEST_FAXNL_H

#include <stdint.h>

struct faxnl_model {
	uint32_t delay_ms, loss_db, echo_loss_db, echo_delay_ms, noise_db;
};

/* line-set with the whole model of a line; 0 or a negative libnl error. */
int faxnl_set_model(uint32_t card, uint32_t index, const struct faxnl_model *m);

#endif /* FAXTEST_FAXNL_H */
