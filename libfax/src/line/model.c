// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Line model: a delay line, a fixed loss and additive white Gaussian noise
 * (spandsp's calibrated generator, so levels are in dBm0 as on a real
 * line). Loss is applied before noise: the noise is the line's own.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <spandsp.h>

#include "model.h"

int fax_model_check(const struct fax_line_model *m, fax_error_t *err)
{
	if (m->delay_ms > 1000)
		return fax_error_set(err, -EINVAL,
				     "line delay %u ms is out of range (0..1000)", m->delay_ms);
	if (m->attenuation_db > 40)
		return fax_error_set(err, -EINVAL,
				     "line loss %u dB is out of range (0..40)", m->attenuation_db);
	if (m->noise_dbm0 != 0 && (m->noise_dbm0 < -70 || m->noise_dbm0 > -20))
		return fax_error_set(err, -EINVAL,
				     "line noise %d dBm0 is out of range (-70..-20, 0 = none)",
				     m->noise_dbm0);
	return 0;
}

int fax_model_init(struct fax_model *s, const struct fax_line_model *m)
{
	memset(s, 0, sizeof(*s));
	s->cfg = *m;
	s->gain = powf(10.0f, -(float)m->attenuation_db / 20.0f);
	s->delay_len = (size_t)m->delay_ms * 8;
	if (s->delay_len) {
		s->delay = calloc(s->delay_len, sizeof(*s->delay));
		if (!s->delay)
			return -ENOMEM;
	}
	if (m->noise_dbm0) {
		/* spandsp's generator wants a negative seed to start a sequence. */
		s->noise = awgn_init_dbm0(NULL, -(int)(m->seed % 1000000) - 1,
					  (float)m->noise_dbm0);
		if (!s->noise) {
			free(s->delay);
			s->delay = NULL;
			return -ENOMEM;
		}
	}
	return 0;
}

void fax_model_release(struct fax_model *s)
{
	if (s->noise)
		awgn_free(s->noise);
	free(s->delay);
	memset(s, 0, sizeof(*s));
}

void fax_model_reset(struct fax_model *s)
{
	if (s->delay)
		memset(s->delay, 0, s->delay_len * sizeof(*s->delay));
	s->delay_pos = 0;
}

static int16_t clip16(float v)
{
	if (v > 32767.0f)
		return 32767;
	if (v < -32768.0f)
		return -32768;
	return (int16_t)lrintf(v);
}

void fax_model_run(struct fax_model *s, int16_t *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		float v = (float)buf[i] * s->gain;

		if (s->noise)
			v += (float)awgn(s->noise);
		if (s->delay) {
			int16_t out = s->delay[s->delay_pos];

			s->delay[s->delay_pos] = clip16(v);
			s->delay_pos = (s->delay_pos + 1) % s->delay_len;
			buf[i] = out;
		} else {
			buf[i] = clip16(v);
		}
	}
}
