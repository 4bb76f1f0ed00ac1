# SPDX-License-Identifier: GPL-2.0-or-later
# bench_dsp: one line's DSP pipeline against spandsp's, in ns per sample.
# bench_dsp_kernel: the same with the DSP compiled under the kernel's
# restrictions (no FPU/SIMD registers, no vectoriser), from a library of
# its own objects so that the same sources build both ways.
# This fragment is read before tests/dsp/build.mk: its own names.
BENCH_DSP_CFLAGS := -I$(srctree)/kmod/core
BENCH_DSP_SRCS := $(sort $(patsubst $(srctree)/%,%,$(wildcard $(srctree)/kmod/core/dsp/*.c)))
$(eval $(call library,benchpipe,bench/dsp/pipeline.c,,$(BENCH_DSP_CFLAGS)))
$(eval $(call program,bench_dsp,bench/dsp/bench.c,spandsp,$(BENCH_DSP_CFLAGS),benchpipe faxdsp))

KDSP_CFLAGS := $(CFLAGS_native) $(BENCH_DSP_CFLAGS) -DPIPE_KERNEL_FLAGS \
	-mgeneral-regs-only -fno-tree-vectorize -mno-red-zone
KDSP_OBJS := $(patsubst %.c,$(B)/native/kobj/%.o,$(BENCH_DSP_SRCS) bench/dsp/pipeline.c)

$(B)/native/kobj/%.o: $(srctree)/%.c
	$(quiet) KCC $*.o
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(KDSP_CFLAGS) -MMD -MP -c $< -o $@

$(B)/native/lib/libfaxdsp_kernel.a: $(KDSP_OBJS)
	$(quiet) AR $(@:$(B)/%=%)
	$(Q)mkdir -p $(@D)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

-include $(KDSP_OBJS:.o=.d)
$(eval $(call program_variant,native,bench_dsp_kernel,bench/dsp/bench.c,spandsp,$(BENCH_DSP_CFLAGS),faxdsp_kernel))
BENCHMARKS += bench_dsp bench_dsp_kernel
