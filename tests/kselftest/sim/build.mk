# SPDX-License-Identifier: GPL-2.0-or-later
# kselftest_harness's fixtures define functions without prototypes.
$(eval $(call vm_test,fax_sim_test,tests/kselftest/sim/sim_test.c \
	tests/kselftest/lib/faxsim.c tests/kselftest/lib/faxnl.c,libnl-genl-3.0,-Wno-missing-prototypes,,-lm))
