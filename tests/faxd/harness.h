/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The kselftest harness; its FIXTURE macros need -Wmissing-prototypes off. */
#ifndef TESTS_FAXD_HARNESS_H
#define TESTS_FAXD_HARNESS_H

#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#include "kselftest_harness.h"

#endif /* TESTS_FAXD_HARNESS_H */
