# SPDX-License-Identifier: GPL-2.0-or-later
# faxd: the fax server daemon (the object model on D-Bus, SQLite store).
FAXD_SRCS := $(addprefix faxd/src/,main.c log.c config.c manager.c security.c caller.c \
	events.c provider.c device.c store.c store-schema.c store-config.c store-device.c \
	bus-util.c bus-server.c bus-activity.c bus-security.c bus-provider.c bus-device.c \
	bus-test.c bus-log-control.c providers/loopback.c providers/kernel.c \
	job.c store-job.c spool.c call.c queue.c discount.c archive.c bus-folders.c)
$(eval $(call program,faxd,$(FAXD_SRCS),libsystemd sqlite3 inih,,fax))
PROGRAMS += faxd
