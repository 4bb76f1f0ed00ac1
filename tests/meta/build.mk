# SPDX-License-Identifier: GPL-2.0-or-later
# Fixtures of the test bed's own tests: built, never run as a suite.
$(eval $(call program_variant,native,meta_failing_kselftest,tests/meta/failing_kselftest.c,,$(HARNESS_CFLAGS)))
FIXTURES += meta_failing_kselftest
