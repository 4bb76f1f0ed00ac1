# SPDX-License-Identifier: GPL-2.0-or-later
# kselftest_harness's fixtures define functions without prototypes.
$(eval $(call vm_test,fax_chardev_test,tests/kselftest/chardev/chardev_test.c \
	tests/kselftest/lib/faxsim.c,,-Wno-missing-prototypes))
