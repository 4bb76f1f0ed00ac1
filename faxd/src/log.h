/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * faxd logging: to stderr, with syslog priority prefixes ("<3>") when
 * stderr is connected to the journal (systemd sets $JOURNAL_STREAM), so
 * the journal records the right level. Functions return the negative errno
 * they are given, for "return log_error_errno(r, ...)".
 */
#ifndef FAXD_LOG_H
#define FAXD_LOG_H

#include <syslog.h>

void log_setup(void);
void log_set_max_level(int level);
int log_get_max_level(void);
int log_internal(int level, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#define log_debug(...)   log_internal(LOG_DEBUG, 0, __VA_ARGS__)
#define log_info(...)    log_internal(LOG_INFO, 0, __VA_ARGS__)
#define log_notice(...)  log_internal(LOG_NOTICE, 0, __VA_ARGS__)
#define log_warning(...) log_internal(LOG_WARNING, 0, __VA_ARGS__)
#define log_error(...)   log_internal(LOG_ERR, 0, __VA_ARGS__)
#define log_warning_errno(e, ...) log_internal(LOG_WARNING, (e), __VA_ARGS__)
#define log_error_errno(e, ...)   log_internal(LOG_ERR, (e), __VA_ARGS__)

#endif /* FAXD_LOG_H */
