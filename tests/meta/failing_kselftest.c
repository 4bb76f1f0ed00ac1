// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A fixture of tests/meta/vmtest-failures, never part of a real suite: a
 * kselftest that fails, to prove that a failing kselftest in the guest makes
 * the run fail.
 */
#include "kselftest_harness.h"

TEST(passes)
{
	EXPECT_EQ(4, 2 + 2);
}

TEST(fails_on_purpose)
{
	EXPECT_EQ(5, 2 + 2);
}

TEST_HARNESS_MAIN
