/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers of the libfax tests that run in the VM over fax_sim: a
 * simulated card made and removed through its sysfs bus, its lines opened
 * through libfax's kernel backend, and fax_sim's clock multiplier.
 */
#ifndef TESTS_LIBFAX_SIM_H
#define TESTS_LIBFAX_SIM_H

#include <stdint.h>

#include <fax/fax.h>

struct sim {
	unsigned int id;		/* fax_sim's device id */
	unsigned int nlines;
	fax_kernel_t *k;
	struct fax_kernel_line_info line[2];	/* as the kernel lists them */
	char path[2][32];		/* /dev/faxN */
};

/* Make a card of @nlines (1 or 2) lines and find them: 0 or -errno. */
int sim_new(struct sim *s, unsigned int nlines);
/* Remove the card and close the netlink connection. */
void sim_del(struct sim *s);
/* The number of line @i, as dialled. */
const char *sim_number(const struct sim *s, unsigned int i);
/* Set fax_sim's clock multiplier (1 = real time): 0 or -errno. */
int sim_clock_mult(unsigned int mult);
/* Set the line model of the path towards line @i: 0 or -errno. */
int sim_model(struct sim *s, unsigned int i, const struct fax_kernel_model *m);

#endif /* TESTS_LIBFAX_SIM_H */
