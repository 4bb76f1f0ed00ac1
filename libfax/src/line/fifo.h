/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A fixed-size ring of 16-bit samples: the queues between a line and its user. */
#ifndef FAX_LINE_FIFO_H
#define FAX_LINE_FIFO_H

#include <stddef.h>
#include <stdint.h>

struct fax_fifo {
	int16_t *buf;
	size_t cap;
	size_t head;	/* index of the oldest sample */
	size_t len;
};

int fax_fifo_init(struct fax_fifo *f, size_t cap);
void fax_fifo_release(struct fax_fifo *f);
/* Both return how many samples were moved (possibly fewer than @n). */
size_t fax_fifo_put(struct fax_fifo *f, const int16_t *src, size_t n);
size_t fax_fifo_get(struct fax_fifo *f, int16_t *dst, size_t n);
static inline void fax_fifo_clear(struct fax_fifo *f)
{
	f->head = 0;
	f->len = 0;
}

#endif /* FAX_LINE_FIFO_H */
