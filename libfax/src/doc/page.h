/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* One page of a bilevel TIFF: its checked geometry and its decoded rows. */
#ifndef FAX_DOC_PAGE_H
#define FAX_DOC_PAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "tiff-io.h"

struct fax_page {
	unsigned int number;	/* 1-based, for messages */
	uint32_t width;
	uint32_t length;
	uint32_t x_dpi;
	uint32_t y_dpi;
	bool black_is_zero;	/* PHOTOMETRIC_MINISBLACK */
};

/*
 * Check the tags of the current directory: a single-plane, 1-bit, striped
 * page within the size limits. -EBADMSG / -EMEDIUMTYPE / -EFBIG.
 */
int fax_page_inspect(struct fax_tiff *t, unsigned int number, struct fax_page *pg,
		     fax_error_t *err);

/*
 * Decode every row of the current page; @row (may be NULL) receives each
 * row with 1 = black whatever the file's photometric. -EBADMSG with the
 * row number and libtiff's text on a damaged strip.
 */
int fax_page_decode(struct fax_tiff *t, const struct fax_page *pg,
		    int (*row)(void *ud, uint32_t y, const uint8_t *bits), void *ud,
		    fax_error_t *err);

/* A fax page width at a fax resolution, and a fax line density. */
bool fax_page_is_fax_shaped(const struct fax_page *pg, const char **why);

/*
 * Move to the next page. 1: there is one; 0: that was the last;
 * -EBADMSG: the directory chain is damaged; -EFBIG: too many pages.
 */
int fax_page_next(struct fax_tiff *t, unsigned int number, fax_error_t *err);

#endif /* FAX_DOC_PAGE_H */
