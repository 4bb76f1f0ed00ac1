// SPDX-License-Identifier: GPL-2.0-or-later
/* The discount-rate window; see discount.h. */
#include <time.h>

#include "discount.h"

#define USEC_PER_SEC 1000000LL

static uint32_t minute_of_day(int64_t now)
{
	time_t t = (time_t)(now / USEC_PER_SEC);
	struct tm tm;

	if (!localtime_r(&t, &tm))
		return 0;
	return (uint32_t)(tm.tm_hour * 60 + tm.tm_min);
}

bool discount_open(int64_t now, uint32_t start, uint32_t end)
{
	uint32_t m = minute_of_day(now);

	if (start == end)
		return true;
	if (start < end)
		return m >= start && m < end;
	return m >= start || m < end;
}

int64_t discount_next_open(int64_t now, uint32_t start, uint32_t end)
{
	time_t t = (time_t)(now / USEC_PER_SEC), next;
	struct tm tm;

	if (discount_open(now, start, end) || !localtime_r(&t, &tm))
		return now;
	/* Today's start if it is still ahead, else tomorrow's; mktime()
	 * normalises the day and finds the offset (DST) of that date. */
	for (int day = 0; day < 2; day++) {
		struct tm at = tm;

		at.tm_mday += day;
		at.tm_hour = (int)(start / 60);
		at.tm_min = (int)(start % 60);
		at.tm_sec = 0;
		at.tm_isdst = -1;
		next = mktime(&at);
		if (next != (time_t)-1 && next > t)
			return (int64_t)next * USEC_PER_SEC;
	}
	return now;
}
