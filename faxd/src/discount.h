/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The discount-rate window of the outgoing queue (DiscountRateStart,
 * DiscountRateEnd): two times of day in minutes after local midnight
 * (0..1439), in the server's time zone (TZ), start included, end
 * excluded. A window whose end is before its start wraps midnight
 * (20:00-07:00); equal times mean the whole day, so that a window cannot
 * keep discount jobs away for ever by accident. Pure functions of the
 * time they are given, so tests can move faxd's clock.
 */
#ifndef FAXD_DISCOUNT_H
#define FAXD_DISCOUNT_H

#include <stdbool.h>
#include <stdint.h>

#define DISCOUNT_MINUTES_PER_DAY 1440

/* discount_open() - whether @now (microseconds since the epoch) is in
 * the window. */
bool discount_open(int64_t now, uint32_t start, uint32_t end);
/* discount_next_open() - @now when the window is open, else the next
 * local time at @start (microseconds since the epoch). */
int64_t discount_next_open(int64_t now, uint32_t start, uint32_t end);

#endif /* FAXD_DISCOUNT_H */
