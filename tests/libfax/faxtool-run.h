/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Running the faxtool binary of the test's own variant (beside the test). */
#ifndef TESTS_LIBFAX_FAXTOOL_RUN_H
#define TESTS_LIBFAX_FAXTOOL_RUN_H

#include <stddef.h>

/*
 * Run "faxtool ARGS" (ARGS as printf formats them, through sh -c); its
 * stdout and stderr land in @text. Returns its exit status, -1 when it
 * could not be run or was killed.
 */
int run_faxtool(char *text, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* TESTS_LIBFAX_FAXTOOL_RUN_H */
