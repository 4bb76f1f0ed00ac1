/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel's kselftest harness for these tests. Its FIXTURE macros
 * define functions without prototypes, which our -Wmissing-prototypes
 * would reject; the warning is off for the test files that include this.
 */
#ifndef TESTS_LIBFAX_HARNESS_H
#define TESTS_LIBFAX_HARNESS_H

#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#include "kselftest_harness.h"

#endif /* TESTS_LIBFAX_HARNESS_H */
