# SPDX-License-Identifier: GPL-2.0-or-later
# kselftest_harness's fixtures define functions without prototypes.
$(eval $(call vm_test,fax_netlink_test,tests/kselftest/netlink/netlink_test.c \
	tests/kselftest/lib/faxsim.c,libnl-genl-3.0,-Wno-missing-prototypes,,-lpthread))
