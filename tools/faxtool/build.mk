# SPDX-License-Identifier: GPL-2.0-or-later
# faxtool: the command line over libfax.
FAXTOOL_SRCS := tools/faxtool/faxtool.c tools/faxtool/output.c tools/faxtool/options.c \
	tools/faxtool/verb-doc.c tools/faxtool/verb-selftest.c \
	tools/faxtool/server.c tools/faxtool/verb-server.c tools/faxtool/verb-devices.c \
	tools/faxtool/verb-security.c tools/faxtool/verb-events.c \
	tools/faxtool/verb-lines.c tools/faxtool/verb-call.c tools/faxtool/verb-jobs.c \
	tools/faxtool/jobs-common.c tools/faxtool/follow.c tools/faxtool/verb-watch.c
$(eval $(call program,faxtool,$(FAXTOOL_SRCS),json-c spandsp,,fax))
PROGRAMS += faxtool
