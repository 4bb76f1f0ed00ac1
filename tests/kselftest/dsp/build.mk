# SPDX-License-Identifier: GPL-2.0-or-later
# spandsp generates the tones the line DSP must detect in the guest.
$(eval $(call vm_test,fax_line_dsp_test,tests/kselftest/dsp/line_dsp_test.c \
	tests/kselftest/lib/faxsim.c tests/kselftest/lib/faxnl.c,spandsp libnl-genl-3.0,-Wno-missing-prototypes,,-lm))
# A figure, not a pass/fail on speed: the tick's cost per line, DSP on and
# off, as a ratio against an idle line's tick (fax_sim's debugfs counters).
$(eval $(call vm_test,fax_tick_cost_test,tests/kselftest/dsp/tick_cost_test.c \
	tests/kselftest/lib/faxsim.c,,-Wno-missing-prototypes))
