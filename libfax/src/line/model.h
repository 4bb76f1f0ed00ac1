/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The line model of the loopback pair: what a telephone line does to the
 * audio in one direction (delay, loss, noise).
 */
#ifndef FAX_LINE_MODEL_H
#define FAX_LINE_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include <fax/error.h>
#include <fax/loopback.h>

struct awgn_state_s;

struct fax_model {
	struct fax_line_model cfg;
	float gain;			/* from attenuation_db */
	struct awgn_state_s *noise;	/* NULL: no noise */
	int16_t *delay;			/* ring of delay_ms * 8 samples */
	size_t delay_len;
	size_t delay_pos;
};

int fax_model_check(const struct fax_line_model *m, fax_error_t *err);
int fax_model_init(struct fax_model *s, const struct fax_line_model *m);
void fax_model_release(struct fax_model *s);
/* Forget samples in flight (a new call starts on a quiet line). */
void fax_model_reset(struct fax_model *s);
/* Pass @n samples through the line, in place. */
void fax_model_run(struct fax_model *s, int16_t *buf, size_t n);

#endif /* FAX_LINE_MODEL_H */
