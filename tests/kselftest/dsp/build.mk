# SPDX-License-Identifier: GPL-2.0-or-later
# spandsp generates the tones the line DSP must detect in the guest.
$(eval $(call vm_test,fax_line_dsp_test,tests/kselftest/dsp/line_dsp_test.c \
	tests/kselftest/lib/faxsim.c tests/kselftest/lib/faxnl.c,spandsp libnl-genl-3.0,-Wno-missing-prototypes,,-lm))
