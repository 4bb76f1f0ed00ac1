/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fax/loopback.h - two lines wired to each other in memory.
 *
 * A loopback pair behaves like two phones on one exchange: line 0 dials
 * the number of line 1 (or the other way round), the far line rings until
 * it answers, then audio flows both ways through a line model (delay,
 * attenuation, noise) until either side hangs up. It needs no kernel
 * module, so everything above the line runs and is tested natively.
 *
 * The pair has one sample clock for both lines, in one of two modes:
 *  - FAX_LOOPBACK_CLOCK_VIRTUAL: time moves only when the owner calls
 *    fax_loopback_advance(), so tests run faster than real time and are
 *    deterministic (same seed, same samples).
 *  - FAX_LOOPBACK_CLOCK_REALTIME: time follows CLOCK_MONOTONIC; each line's
 *    fd is a timerfd that fires every @tick_ms like a card's interrupt, and
 *    any operation on a line first brings the pair up to date. Late callers
 *    therefore see underruns exactly as on a real card. With @speed N the
 *    clock runs N times faster than CLOCK_MONOTONIC (a fast card): a page
 *    that takes 10 s on the line takes 10/N s of wall time, and timers that
 *    count samples (T.30's in spandsp, ring cadence) keep their meaning.
 */
#ifndef FAX_LOOPBACK_H
#define FAX_LOOPBACK_H

#include <stdint.h>

#include <fax/error.h>
#include <fax/line.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fax_loopback fax_loopback_t;

enum fax_loopback_clock {
	FAX_LOOPBACK_CLOCK_VIRTUAL = 0,
	FAX_LOOPBACK_CLOCK_REALTIME = 1,
};

/**
 * struct fax_line_model - what the wire does to audio, per direction.
 * @delay_ms:        one-way delay, 0..1000 ms.
 * @attenuation_db:  loss in dB, 0..40 (a local loop is ~3-10 dB).
 * @noise_dbm0:      white Gaussian noise level in dBm0, or 0 for none
 *                   (-70..-20; a good PSTN line is below -50).
 * @seed:            seed of the noise generator (reproducible runs).
 */
struct fax_line_model {
	uint32_t delay_ms;
	uint32_t attenuation_db;
	int32_t noise_dbm0;
	uint32_t seed;
};

/* The fastest clock a REALTIME pair accepts (struct fax_loopback_config.speed). */
#define FAX_LOOPBACK_SPEED_MAX 32

/**
 * struct fax_loopback_config - how to build a pair.
 * @size:      sizeof(struct fax_loopback_config), for extension.
 * @clock:     enum fax_loopback_clock.
 * @tick_ms:   REALTIME only: period of each line's timerfd (default 20).
 * @rx_buffer_ms: receive queue of each line before overruns (default 2000).
 * @tx_buffer_ms: transmit queue capacity of each line (default 1000).
 * @ring_period_ms: one ring every this many ms (default 6000).
 * @numbers:   the numbers of line 0 and line 1 (default "100", "101").
 * @model:     line model applied in both directions.
 * @speed:     REALTIME only: the clock runs @speed times faster than
 *             CLOCK_MONOTONIC, 1..32 (0 = 1, real time). @tick_ms stays
 *             line time: every tick still carries @tick_ms of samples, so
 *             the timerfd fires every @tick_ms / @speed ms of wall time
 *             and a user that keeps @n ms of audio queued must be woken
 *             within @n / @speed ms. Added after @model: a caller built
 *             against an older header (smaller @size) gets real time.
 */
struct fax_loopback_config {
	size_t size;
	uint32_t clock;
	uint32_t tick_ms;
	uint32_t rx_buffer_ms;
	uint32_t tx_buffer_ms;
	uint32_t ring_period_ms;
	const char *numbers[2];
	struct fax_line_model model;
	uint32_t speed;
};

/**
 * fax_loopback_new() - create a pair of connected lines.
 * @cfg: configuration; NULL for the defaults with a virtual clock.
 * @ret: the pair.
 * @err: optional explanation of a failure.
 *
 * Return: 0; -EINVAL for a value out of range (named in @err), including a
 * @speed other than 0..32 or a @speed above 1 on a VIRTUAL clock; -ENOMEM;
 * errors of timerfd_create()/eventfd().
 */
int fax_loopback_new(const struct fax_loopback_config *cfg,
		     fax_loopback_t **ret, fax_error_t *err);

/** fax_loopback_free() - free the pair and both its lines (NULL ok). */
void fax_loopback_free(fax_loopback_t *lb);

/**
 * fax_loopback_line() - line 0 or 1 of the pair, owned by the pair: do not
 * call fax_line_free() on it. Returns NULL for another index.
 */
fax_line_t *fax_loopback_line(fax_loopback_t *lb, unsigned int index);

/**
 * fax_loopback_advance() - VIRTUAL clock: move time on by @samples,
 * carrying audio, rings and underruns as a card would.
 * Return: 0, or -EPERM on a REALTIME pair.
 */
int fax_loopback_advance(fax_loopback_t *lb, uint32_t samples);

/**
 * fax_loopback_set_model() - change the line model (takes effect for the
 * next samples; a change of delay empties the delay line).
 * Return: 0 or -EINVAL.
 */
int fax_loopback_set_model(fax_loopback_t *lb, const struct fax_line_model *m,
			   fax_error_t *err);

#ifdef __cplusplus
}
#endif

#endif /* FAX_LOOPBACK_H */
