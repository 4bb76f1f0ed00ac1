# SPDX-License-Identifier: GPL-2.0-or-later
# The kernel line DSP library (kmod/core/dsp) built natively from the very
# same sources, and its tests against spandsp as the oracle.
DSP_SRCS := $(sort $(patsubst $(srctree)/%,%,$(wildcard $(srctree)/kmod/core/dsp/*.c)))
DSP_CFLAGS := -I$(srctree)/kmod/core

$(eval $(call library,faxdsp,$(DSP_SRCS),,$(DSP_CFLAGS)))

$(eval $(call native_test,dsp_g711_test,tests/dsp/g711_test.c,spandsp,$(DSP_CFLAGS),faxdsp))

DSP_TEST_HELPERS := tests/dsp/sigtest.c
$(eval $(call native_test,dsp_dtmf_test,tests/dsp/dtmf_test.c $(DSP_TEST_HELPERS),spandsp,$(DSP_CFLAGS),faxdsp))
$(eval $(call native_test,dsp_faxtone_test,tests/dsp/faxtone_test.c $(DSP_TEST_HELPERS),spandsp,$(DSP_CFLAGS),faxdsp))
$(eval $(call native_test,dsp_echo_test,tests/dsp/echo_test.c $(DSP_TEST_HELPERS),spandsp,$(DSP_CFLAGS),faxdsp))
$(eval $(call native_test,dsp_cpt_test,tests/dsp/cpt_test.c $(DSP_TEST_HELPERS),spandsp,$(DSP_CFLAGS),faxdsp))
