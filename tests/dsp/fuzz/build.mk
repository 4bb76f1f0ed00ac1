# SPDX-License-Identifier: GPL-2.0-or-later
# libFuzzer targets for every process function of the line DSP, built
# with clang (libFuzzer + ASan + UBSan) into $(B)/native/bin/dsp_fuzz_*,
# and dsp_fuzz_test, the native test that runs each for a few seconds.
# Without clang the targets are not built and the test skips.
FUZZ_CC := $(shell command -v clang 2>/dev/null)
DSP_FUZZ_TARGETS := g711 dtmf_rx faxtone_rx v21pre_rx cpt_rx echo tonegen

ifneq ($(FUZZ_CC),)
FUZZ_OBJ := $(B)/fuzz/obj
FUZZ_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wshadow \
	-Wmissing-prototypes -Wstrict-prototypes -Wvla -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-I$(srctree)/kmod/core
FUZZ_DSP_OBJS := $(patsubst %.c,$(FUZZ_OBJ)/%.o,$(DSP_SRCS))

$(FUZZ_OBJ)/%.o: $(srctree)/%.c
	$(quiet) CLANG fuzz/$*.o
	$(Q)mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(B)/native/bin/dsp_fuzz_%: $(FUZZ_OBJ)/tests/dsp/fuzz/%.o $(FUZZ_DSP_OBJS) | $(B)/native/bin
	$(quiet) LD $(@:$(B)/%=%)
	$(Q)$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $@ $^

FIXTURES += $(addprefix dsp_fuzz_,$(DSP_FUZZ_TARGETS))
ALL_FUZZ_OBJS := $(FUZZ_DSP_OBJS) $(patsubst %,$(FUZZ_OBJ)/tests/dsp/fuzz/%.o,$(DSP_FUZZ_TARGETS))
-include $(ALL_FUZZ_OBJS:.o=.d)
endif

$(eval $(call native_test,dsp_fuzz_test,tests/dsp/fuzz/run.c,,,))
