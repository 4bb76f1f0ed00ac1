/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * faxd.conf: the settings an administrator edits by hand (what the server
 * changes at run time lives in the store, not here).
 *
 *   [server]   name = NAME          ServerName (default: the host name)
 *              log_level = debug|info|notice|warning|err
 *   [security] admin_group = GROUP  all rights in the first descriptor
 *              submit_group = GROUP submit-normal in the first descriptor
 *   [loopback] pairs = N            loopback line pairs (0..16, default 1)
 *              tick_ms = MS         clock tick of the loopback lines, in line
 *                                   time (samples per tick; default 20)
 *              speed = N            their clock runs N times faster than real
 *                                   time (1..32, default 1; for tests: faxd
 *                                   must then process N seconds of audio a
 *                                   second and is woken every tick_ms/N ms)
 *              test_interface = yes the Test interface (tests only)
 */
#ifndef FAXD_CONFIG_H
#define FAXD_CONFIG_H

#include <stdbool.h>

struct faxd_config {
	char *server_name;
	int log_level;
	char *admin_group;
	char *submit_group;
	unsigned int loopback_pairs;
	unsigned int loopback_tick_ms;
	unsigned int loopback_speed;
	bool test_interface;
};

/* config_load() - defaults, then @path if it exists (a missing file is fine
 * unless @must_exist). Return: 0 or -errno (logged, with the line). */
int config_load(struct faxd_config *c, const char *path, bool must_exist);
void config_free(struct faxd_config *c);

#endif /* FAXD_CONFIG_H */
