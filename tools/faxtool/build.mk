# SPDX-License-Identifier: GPL-2.0-or-later
# faxtool: the command line over libfax.
FAXTOOL_SRCS := tools/faxtool/faxtool.c tools/faxtool/output.c tools/faxtool/options.c \
	tools/faxtool/verb-doc.c tools/faxtool/verb-selftest.c
$(eval $(call program,faxtool,$(FAXTOOL_SRCS),json-c,,fax))
PROGRAMS += faxtool
