// SPDX-License-Identifier: GPL-2.0-or-later
/* faxd logging to stderr or the journal; see log.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

static int max_level = LOG_INFO;
static bool journal;

void log_setup(void)
{
	journal = getenv("JOURNAL_STREAM") != NULL;
}

void log_set_max_level(int level)
{
	max_level = level;
}

int log_get_max_level(void)
{
	return max_level;
}

int log_internal(int level, int error, const char *fmt, ...)
{
	int saved = errno;
	char buf[1024];
	va_list ap;

	if (error < 0)
		error = -error;
	if (level > max_level)
		return -error;
	errno = error;		/* so that %m in @fmt names @error */
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (journal)
		fprintf(stderr, "<%d>%s\n", level, buf);
	else
		fprintf(stderr, "faxd: %s\n", buf);
	errno = saved;
	return -error;
}
