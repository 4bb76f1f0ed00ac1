# SPDX-License-Identifier: GPL-2.0-or-later
#
# The one build of the project: kernel modules for every installed Debian
# kernel flavour, the userspace parts (plain and sanitised), the kernel tools
# taken from linux-source, and the test command.
#
#   make                build everything
#   make check          install deps, build, static checks, native tests
#                       (plain and ASan+UBSan), VM tests on 6.1 and 6.12
#   make check-static | check-native | check-vm    one part on its own
#   make demo           boot the VM, load the modules, show what exists
#   make bench          run the benchmarks (BENCH=<name> for one)
#   make install        userspace + modules for KVER (DESTDIR honoured)
#   make dkms-install   register the module sources with DKMS
#
# Knobs: KVER=<release> builds modules for one kernel only (KDIR=<headers>
# overrides where its headers are); VM_KERNELS="6.1 6.12" picks the guests;
# O=<dir> moves the build directory (default: build).

SHELL := /bin/bash
.SUFFIXES:
.DELETE_ON_ERROR:
# Objects that only a fuzzer or a benchmark links are intermediate to make;
# keep them, or every build deletes and rebuilds them.
.SECONDARY:
.DEFAULT_GOAL := all

srctree := $(CURDIR)

# Quiet by default, kernel style; V=1 shows the commands.
ifeq ($(V),1)
Q :=
quiet = @:
else
Q := @
quiet = @printf '  %-7s %s\n'
endif
O ?= build
B := $(abspath $(O))
VERSION := $(shell cat $(srctree)/VERSION)
export FAX_BUILD := $(B)

# The ITU test charts (input data of tests and benchmarks, not ours to
# commit) live beside the repository in the workplace.
FAX_TESTDATA ?= $(firstword $(wildcard $(abspath $(srctree)/../shared/testdata) \
	/work/shared/testdata))
export FAX_TESTDATA

# ---------------------------------------------------------------------------
# Kernel modules: one build directory per kernel release, because kbuild
# writes objects next to the sources (M=). Never `uname -r`: the host kernel
# is not a target.
ifdef KVER
KVERS := $(KVER)
else
KVERS := $(sort $(patsubst /usr/src/linux-headers-%,%,\
	$(wildcard /usr/src/linux-headers-*-amd64)))
endif
kdir = $(or $(KDIR),/usr/src/linux-headers-$(1))

# ---------------------------------------------------------------------------
# Userspace.  Two variants of every object: "native" and "asan" (the same
# code under AddressSanitizer and UndefinedBehaviorSanitizer).
CC ?= gcc
CXX ?= g++
AR ?= ar
PKG_CONFIG ?= pkg-config
VARIANTS := native asan

CFLAGS_BASE := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wshadow \
	-Wmissing-prototypes -Wstrict-prototypes -Wformat=2 -Wvla \
	-fno-strict-aliasing -D_GNU_SOURCE -DFAX_VERSION='"$(VERSION)"' \
	-I$(srctree)/uapi -I$(srctree)/libfax/include
CFLAGS_native := $(CFLAGS_BASE)
CFLAGS_asan := $(CFLAGS_BASE) -O1 -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all
LDFLAGS_native :=
LDFLAGS_asan := -fsanitize=address,undefined

# The kernel's test harness, taken from linux-source at build time.
KTOOLS := $(B)/kernel-tools
KTOOLS_STAMP := $(KTOOLS)/.stamp
HARNESS_CFLAGS := -isystem $(KTOOLS)/tools/testing/selftests

pc_cflags = $(shell $(PKG_CONFIG) --cflags $(1) 2>/dev/null)
pc_libs = $(shell $(PKG_CONFIG) --libs $(1) 2>/dev/null)

# Registries filled by the per-directory fragments (*.mk).
NATIVE_TESTS :=		# test programs run natively, in both variants
VM_TESTS :=		# test programs run inside the VM guests
PROGRAMS :=		# installed programs
FIXTURES :=		# helpers of the tests, never installed
BENCHMARKS :=		# benchmark programs, run by `make bench`

# $(call objs,variant,sources)
objs = $(patsubst %.c,$(B)/$(1)/obj/%.o,$(2))

# $(eval $(call library,name,sources,pkg-config modules,extra cflags))
# Builds the static library $(B)/<variant>/lib/lib<name>.a for every variant.
define library_variant
$(B)/$(1)/lib/lib$(2).a: $(call objs,$(1),$(3))
	@mkdir -p $$(@D)
	$$(quiet) AR $$(@:$(B)/%=%)
	$$(Q)rm -f $$@ && $$(AR) rcs $$@ $$^
$(call objs,$(1),$(3)): EXTRA_CFLAGS := $(call pc_cflags,$(4)) $(5)
ALL_OBJS += $(call objs,$(1),$(3))
LIB_PKGS_$(2) := $(4)
endef
define library
$(foreach v,$(VARIANTS),$(eval $(call library_variant,$(v),$(1),$(2),$(3),$(4))))
endef

# $(eval $(call program,name,sources,pkg-config modules,extra cflags,our libraries,extra ldlibs))
# Builds $(B)/<variant>/bin/<name> for every variant; "our libraries" are
# names given to `library` (their pkg-config modules come along).
define program_variant
$(B)/$(1)/bin/$(2): $(call objs,$(1),$(3)) $(foreach l,$(6),$(B)/$(1)/lib/lib$(l).a) | $(B)/$(1)/bin
	$$(quiet) LD $$(@:$(B)/%=%)
	$$(Q)$$(CC) $$(LDFLAGS_$(1)) -o $$@ $$(filter %.o %.a,$$^) \
		$$(call pc_libs,$(4) $(foreach l,$(6),$$(LIB_PKGS_$(l)))) $(7) -lm
$(call objs,$(1),$(3)): EXTRA_CFLAGS := $(call pc_cflags,$(4)) $(5)
ALL_OBJS += $(call objs,$(1),$(3))
endef
define program
$(foreach v,$(VARIANTS),$(eval $(call program_variant,$(v),$(1),$(2),$(3),$(4),$(5),$(6))))
endef

# $(eval $(call native_test,name,sources,pkg-config modules,cflags,our libraries,ldlibs))
# A kselftest_harness (TAP) program run natively, plain and sanitised.
define native_test
$(call program,$(1),$(2),$(3),$(HARNESS_CFLAGS) $(4),$(5),$(6))
NATIVE_TESTS += $(1)
endef

# $(eval $(call vm_test,name,sources,pkg-config modules,cflags,our libraries,ldlibs))
# Built once (native variant) and run inside each guest kernel.
define vm_test
$(call program_variant,native,$(1),$(2),$(3),$(HARNESS_CFLAGS) $(4),$(5),$(6))
VM_TESTS += $(1)
endef

# Every directory that builds something describes it in its own fragment.
include $(sort $(wildcard $(srctree)/*/build.mk $(srctree)/*/*/build.mk \
	$(srctree)/*/*/*/build.mk))

define compile_rule
$(B)/$(1)/obj/%.o: $(srctree)/%.c | $(KTOOLS_STAMP)
	$$(quiet) CC $(1)/$$*.o
	$$(Q)mkdir -p $$(@D)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$(EXTRA_CFLAGS) -MMD -MP -c $$< -o $$@
endef
$(foreach v,$(VARIANTS),$(eval $(call compile_rule,$(v))))
$(B)/%/bin:
	@mkdir -p $@

-include $(ALL_OBJS:.o=.d)

native_bins := $(addprefix $(B)/native/bin/,$(NATIVE_TESTS) $(VM_TESTS) $(PROGRAMS) \
	$(FIXTURES) $(BENCHMARKS))
asan_bins := $(addprefix $(B)/asan/bin/,$(NATIVE_TESTS))

# ---------------------------------------------------------------------------
.PHONY: all userspace modules kernel-tools clean distclean
all: kernel-tools modules userspace

userspace: $(native_bins) $(asan_bins)

kernel-tools: $(KTOOLS_STAMP)
$(KTOOLS_STAMP): $(srctree)/tools/extract-kernel-tools
	$(srctree)/tools/extract-kernel-tools $(KTOOLS)

# The test-only modules in tests/kmod are built beside the real ones but
# never installed.
KMOD_DIRS := kmod tests/kmod
modules: $(addprefix modules-,$(KVERS))
modules-%:
	@test -d $(call kdir,$*) || { echo "no headers for $* in $(call kdir,$*)" >&2; exit 1; }
	@for d in $(KMOD_DIRS); do \
		$(srctree)/tools/mirror-tree $(srctree)/$$d $(B)/kmod/$*/$$d || exit 1; \
	done
	@$(srctree)/tools/mirror-tree $(srctree)/uapi $(B)/kmod/$*/uapi
	$(MAKE) -C $(call kdir,$*) M=$(B)/kmod/$*/kmod FAX_VERSION=$(VERSION) W=1 modules
	$(MAKE) -C $(call kdir,$*) M=$(B)/kmod/$*/tests/kmod W=1 modules

clean:
	rm -rf $(B)/native $(B)/asan $(B)/kmod $(B)/check $(B)/vm

distclean:
	rm -rf $(B)

# ---------------------------------------------------------------------------
# Tests.  Every stage appends result lines to $(RESULTS); `check-summary`
# prints "N passed, N failed, N skipped" and fails when anything failed.
RESULTS := $(B)/check/results
VM_KERNELS ?= 6.1 6.12
TAP_RUN := $(srctree)/tests/lib/tap-run

.PHONY: check check-deps check-build check-static check-native check-vm \
	check-summary check-reset demo install install-modules install-userspace \
	dkms-install

# Dependencies first, in their own make, so that the build below sees the
# kernels and libraries they installed.
# A stage that fails without a failing test (a build error, a broken
# recipe) still fails the run, with a line that says so.
check:
	$(srctree)/tools/install-deps
	@$(MAKE) --no-print-directory check-reset
	@$(MAKE) --no-print-directory check-build || \
		echo "FAIL build/(the build failed: see above)" >> $(RESULTS)
	@$(MAKE) --no-print-directory -k check-static check-native check-vm; rc=$$?; \
	if [ $$rc -ne 0 ] && ! grep -q '^FAIL ' $(RESULTS); then \
		echo "FAIL check/(a stage failed without a failing test: see above)" >> $(RESULTS); \
	fi; \
	$(MAKE) --no-print-directory check-summary

check-reset:
	@rm -rf $(B)/check && mkdir -p $(B)/check

check-build: all

check-static: kernel-tools
	@mkdir -p $(B)/check
	$(Q)$(TAP_RUN) --suite static --results $(RESULTS) -- \
		$(srctree)/tests/static/checkpatch $(srctree)/tests/static/uapi-headers \
		$(srctree)/tests/static/spdx

# The two variants run side by side, one per core: most of their time is
# faxes on loopback lines, which wait on the line's clock.
check-native: userspace
	@mkdir -p $(B)/check
	$(Q)$(TAP_RUN) --suite native --results $(RESULTS) -- \
		$(addprefix $(B)/native/bin/,$(NATIVE_TESTS)) & native=$$!; \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	$(TAP_RUN) --suite asan --results $(RESULTS) -- \
		$(addprefix $(B)/asan/bin/,$(NATIVE_TESTS)); asan=$$?; \
	wait $$native && [ $$asan -eq 0 ]

# Each guest runs every VM test program plus the shell tests in tests/vm;
# the guest writes its results straight into $(B)/check over 9p.
check-vm: all
	@mkdir -p $(B)/check
	@rc=0; \
	for k in $(VM_KERNELS); do \
		$(srctree)/tests/lib/vm-suite $$k $(RESULTS) $(B) \
			$(addprefix $(B)/native/bin/,$(VM_TESTS)) \
			$(sort $(wildcard $(srctree)/tests/vm/*.sh)) || rc=1; \
	done; \
	$(TAP_RUN) --suite meta --results $(RESULTS) -- \
		$(srctree)/tests/meta/vmtest-failures || rc=1; \
	exit $$rc

check-summary:
	@$(srctree)/tests/lib/summary $(RESULTS)

# Like check: the packages first, in their own make, then the build sees them.
demo:
	$(srctree)/tools/install-deps
	@$(MAKE) --no-print-directory all
	$(srctree)/tools/demo

# Benchmarks print their figure beside a baseline measured in the same run;
# they assert nothing. BENCH=<name> runs one.
.PHONY: bench
bench: userspace
	@for b in $(or $(BENCH),$(BENCHMARKS)); do \
		echo "== $$b"; $(B)/native/bin/$$b || exit 1; \
	done

# ---------------------------------------------------------------------------
PREFIX ?= /usr/local
DESTDIR ?=
INSTALL_KVER ?= $(lastword $(KVERS))

install: install-userspace install-modules

install-userspace: userspace
	install -d $(DESTDIR)$(PREFIX)/bin
	$(if $(PROGRAMS),install -m 0755 $(addprefix $(B)/native/bin/,$(PROGRAMS)) $(DESTDIR)$(PREFIX)/bin)
	install -D -m 0644 $(srctree)/kmod/udev/60-fax.rules \
		$(DESTDIR)/usr/lib/udev/rules.d/60-fax.rules
	sed 's|/usr/local/bin/faxd|$(PREFIX)/bin/faxd|' $(srctree)/faxd/data/faxd.service | \
		install -D -m 0644 /dev/stdin $(DESTDIR)/usr/lib/systemd/system/faxd.service
	install -D -m 0644 $(srctree)/faxd/data/faxd.sysusers $(DESTDIR)/usr/lib/sysusers.d/faxd.conf
	install -D -m 0644 $(srctree)/faxd/data/org.faxserver.Fax1.conf \
		$(DESTDIR)/usr/share/dbus-1/system.d/org.faxserver.Fax1.conf
	install -D -m 0644 $(srctree)/faxd/data/org.faxserver.Fax1.service \
		$(DESTDIR)/usr/share/dbus-1/system-services/org.faxserver.Fax1.service
	test -e $(DESTDIR)/etc/faxd/faxd.conf || \
		install -D -m 0644 $(srctree)/faxd/data/faxd.conf $(DESTDIR)/etc/faxd/faxd.conf
	install -D -m 0644 $(srctree)/Documentation/man/faxtool.1 $(DESTDIR)$(PREFIX)/share/man/man1/faxtool.1
	install -D -m 0644 $(srctree)/Documentation/man/faxd.8 $(DESTDIR)$(PREFIX)/share/man/man8/faxd.8

install-modules: modules-$(INSTALL_KVER)
	$(MAKE) -C $(call kdir,$(INSTALL_KVER)) M=$(B)/kmod/$(INSTALL_KVER)/kmod \
		INSTALL_MOD_DIR=updates INSTALL_MOD_PATH=$(DESTDIR) modules_install

dkms-install:
	$(srctree)/tools/dkms-install $(VERSION)
