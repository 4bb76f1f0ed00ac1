# SPDX-License-Identifier: GPL-2.0-or-later
# bench_faxd: requests per second through the bus against faxd and a
# trivial sd-bus echo service in the same run.
$(eval $(call program_variant,native,bench_faxd,bench/faxd/bench_faxd.c tests/faxd/env.c,libsystemd,,fax))
$(B)/native/bin/bench_faxd: $(B)/native/bin/faxd
FIXTURES += bench_faxd
# bench_faxd_queue: submissions into a queue of 100 000 jobs, listing it,
# iterating an archive of 100 000 messages (filled through faxd's own
# store code), and seconds per page of the demo fax against the bound.
BENCH_FAXD_STORE := $(addprefix faxd/src/,store.c store-schema.c store-config.c store-device.c \
	store-job.c job.c log.c)
$(eval $(call program_variant,native,bench_faxd_queue,bench/faxd/bench_queue.c bench/faxd/e2e.c \
	$(BENCH_FAXD_STORE) tests/faxd/env.c tests/libfax/pages.c,libsystemd sqlite3 inih libtiff-4,,fax))
$(B)/native/bin/bench_faxd_queue: $(B)/native/bin/faxd
FIXTURES += bench_faxd_queue
