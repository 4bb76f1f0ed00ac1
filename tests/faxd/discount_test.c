// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The discount-rate window (faxd/src/discount.c) on its own: local time
 * of the server's time zone, a window that wraps midnight, the next
 * opening today or tomorrow, equal times as the whole day. The time zone
 * is a fixed POSIX one 5:30 east of UTC, so local and UTC differ and no
 * time zone database is needed.
 */
#include <stdlib.h>
#include <time.h>

#include "harness.h"
/* Built in, so the daemon's object keeps its own flags. */
#include "../../faxd/src/discount.c"

#define HM(h, m) ((uint32_t)((h) * 60 + (m)))

/* 2026-03-10 at @h:@m local time (UTC+5:30), in microseconds. */
static int64_t at(int day, int h, int m)
{
	struct tm tm = { .tm_year = 126, .tm_mon = 2, .tm_mday = day, .tm_hour = h, .tm_min = m,
			 .tm_isdst = -1 };

	setenv("TZ", "XST-5:30", 1);
	tzset();
	return (int64_t)mktime(&tm) * 1000000;
}

TEST(local_time_is_the_server_time_zone)
{
	/* 14:30 UTC is 20:00 local: the 20:00 window is open. */
	int64_t t = at(10, 20, 0);

	EXPECT_EQ(((t / 1000000) % 86400), 14 * 3600 + 30 * 60);
	EXPECT_TRUE(discount_open(t, HM(20, 0), HM(7, 0)));
	EXPECT_FALSE(discount_open(t - 60 * 1000000, HM(20, 0), HM(7, 0)));
}

TEST(a_window_that_wraps_midnight_is_open_on_both_sides_of_it)
{
	EXPECT_TRUE(discount_open(at(10, 23, 0), HM(20, 0), HM(7, 0)));
	EXPECT_TRUE(discount_open(at(10, 3, 0), HM(20, 0), HM(7, 0)));
	EXPECT_TRUE(discount_open(at(10, 6, 59), HM(20, 0), HM(7, 0)));
	EXPECT_FALSE(discount_open(at(10, 7, 0), HM(20, 0), HM(7, 0)));	/* the end is out */
	EXPECT_FALSE(discount_open(at(10, 12, 0), HM(20, 0), HM(7, 0)));
}

TEST(a_window_within_the_day_is_open_only_inside)
{
	EXPECT_FALSE(discount_open(at(10, 12, 59), HM(13, 0), HM(14, 30)));
	EXPECT_TRUE(discount_open(at(10, 13, 0), HM(13, 0), HM(14, 30)));
	EXPECT_TRUE(discount_open(at(10, 14, 29), HM(13, 0), HM(14, 30)));
	EXPECT_FALSE(discount_open(at(10, 14, 30), HM(13, 0), HM(14, 30)));
}

TEST(equal_times_are_the_whole_day)
{
	EXPECT_TRUE(discount_open(at(10, 0, 0), HM(9, 0), HM(9, 0)));
	EXPECT_TRUE(discount_open(at(10, 12, 0), HM(9, 0), HM(9, 0)));
	EXPECT_EQ(at(10, 12, 0), discount_next_open(at(10, 12, 0), HM(9, 0), HM(9, 0)));
}

TEST(the_next_opening_is_today_when_ahead_else_tomorrow)
{
	/* Inside: now. */
	EXPECT_EQ(at(10, 23, 0) + 5, discount_next_open(at(10, 23, 0) + 5, HM(20, 0), HM(7, 0)));
	/* Before today's start: today. */
	EXPECT_EQ(at(10, 20, 0), discount_next_open(at(10, 12, 34) + 17, HM(20, 0), HM(7, 0)));
	/* After today's window: tomorrow. */
	EXPECT_EQ(at(11, 1, 0), discount_next_open(at(10, 2, 30), HM(1, 0), HM(2, 0)));
	/* Across the end of a month. */
	EXPECT_EQ(at(32, 0, 15), discount_next_open(at(31, 23, 50), HM(0, 15), HM(0, 45)));
}

TEST_HARNESS_MAIN
