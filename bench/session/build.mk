# SPDX-License-Identifier: GPL-2.0-or-later
# bench_session: cost of a libfax session against bare spandsp, seconds per
# page against the protocol bound, concurrent sessions at real-time pace.
$(eval $(call program_variant,native,bench_session,bench/session/bench_session.c bench/session/bare.c tests/libfax/pages.c tests/libfax/call.c,spandsp libtiff-4,-DFAX_TESTDATA='"$(FAX_TESTDATA)"',fax))
BENCHMARKS += bench_session
