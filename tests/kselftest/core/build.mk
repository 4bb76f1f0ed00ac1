# SPDX-License-Identifier: GPL-2.0-or-later
$(eval $(call vm_test,faxcore_module_test,tests/kselftest/core/module_test.c \
	tests/kselftest/lib/faxsim.c))
