# SPDX-License-Identifier: GPL-2.0-or-later
# kselftest_harness's fixtures define functions without prototypes.
$(eval $(call vm_test,fax_teardown_test,tests/kselftest/teardown/teardown_test.c \
	tests/kselftest/lib/faxsim.c,,-Wno-missing-prototypes,,-lpthread))
$(eval $(call vm_test,fax_fuzz_test,tests/kselftest/teardown/fuzz_test.c \
	tests/kselftest/lib/faxsim.c,libnl-genl-3.0,-Wno-missing-prototypes))
