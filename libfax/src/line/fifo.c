// SPDX-License-Identifier: LGPL-2.1-or-later
/* Sample ring buffer used by the loopback line for its rx and tx queues. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fifo.h"

int fax_fifo_init(struct fax_fifo *f, size_t cap)
{
	f->buf = calloc(cap, sizeof(*f->buf));
	if (!f->buf)
		return -ENOMEM;
	f->cap = cap;
	fax_fifo_clear(f);
	return 0;
}

void fax_fifo_release(struct fax_fifo *f)
{
	free(f->buf);
	f->buf = NULL;
	f->cap = 0;
	fax_fifo_clear(f);
}

size_t fax_fifo_put(struct fax_fifo *f, const int16_t *src, size_t n)
{
	size_t done = 0;

	if (n > f->cap - f->len)
		n = f->cap - f->len;
	while (done < n) {
		size_t tail = (f->head + f->len) % f->cap;
		size_t chunk = f->cap - tail;

		if (chunk > n - done)
			chunk = n - done;
		if (src)
			memcpy(f->buf + tail, src + done, chunk * sizeof(*src));
		else
			memset(f->buf + tail, 0, chunk * sizeof(*src));
		f->len += chunk;
		done += chunk;
	}
	return n;
}

size_t fax_fifo_get(struct fax_fifo *f, int16_t *dst, size_t n)
{
	size_t done = 0;

	if (n > f->len)
		n = f->len;
	while (done < n) {
		size_t chunk = f->cap - f->head;

		if (chunk > n - done)
			chunk = n - done;
		memcpy(dst + done, f->buf + f->head, chunk * sizeof(*dst));
		f->head = (f->head + chunk) % f->cap;
		f->len -= chunk;
		done += chunk;
	}
	return n;
}
