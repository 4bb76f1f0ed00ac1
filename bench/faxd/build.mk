# SPDX-License-Identifier: GPL-2.0-or-later
# bench_faxd: requests per second through the bus against faxd and a
# trivial sd-bus echo service in the same run.
$(eval $(call program_variant,native,bench_faxd,bench/faxd/bench_faxd.c tests/faxd/env.c,libsystemd,,fax))
$(B)/native/bin/bench_faxd: $(B)/native/bin/faxd
FIXTURES += bench_faxd
