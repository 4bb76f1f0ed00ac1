# SPDX-License-Identifier: LGPL-2.1-or-later
# libfax: line access, fax sessions (spandsp) and documents (libtiff).
# The client API of the fax server (fax/client.h), over sd-bus.
LIBFAX_CLIENT_SRCS := $(addprefix libfax/src/client/,names.c errors.c server.c events.c devices.c providers.c security.c \
	jobs.c)
# The kernel's lines: /dev/faxN and the "fax" genetlink family (libnl).
LIBFAX_KERNEL_SRCS := $(addprefix libfax/src/line/,kernel-line.c kernel-map.c \
	kernel-nl.c kernel-parse.c kernel-find.c kernel-monitor.c)
LIBFAX_SRCS := \
	libfax/src/error.c \
	libfax/src/line/line.c \
	libfax/src/line/fifo.c \
	libfax/src/line/model.c \
	libfax/src/line/loopback.c \
	$(LIBFAX_KERNEL_SRCS) \
	libfax/src/session/options.c \
	libfax/src/session/session.c \
	libfax/src/doc/tiff-io.c \
	libfax/src/doc/page.c \
	libfax/src/doc/check.c \
	libfax/src/doc/normalise.c \
	$(LIBFAX_CLIENT_SRCS)
$(eval $(call library,fax,$(LIBFAX_SRCS),spandsp libtiff-4 libsystemd libnl-genl-3.0))
