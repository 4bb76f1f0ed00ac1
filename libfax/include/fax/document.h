/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fax/document.h - TIFF documents before they go on the line.
 *
 * Every page of a file is opened and decoded with libtiff before a call
 * starts, so a broken or hostile file gets a clear error here rather than
 * a failed call (or a crash) later. libtiff's messages are routed into
 * the fax_error_t of the call (per file handle: libtiff's process-wide
 * stderr handlers are neither used nor changed). Limits on page count,
 * page size and memory keep a hostile file from exhausting the machine.
 */
#ifndef FAX_DOCUMENT_H
#define FAX_DOCUMENT_H

#include <stdbool.h>
#include <stdint.h>

#include <fax/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Pages accepted in one document. */
#define FAX_DOCUMENT_MAX_PAGES 1000
/** Largest page accepted as input, in pixels (either side). */
#define FAX_DOCUMENT_MAX_PIXELS 20000

/**
 * struct fax_document_info - what fax_document_check() found.
 * @pages:     number of pages.
 * @fax_ready: every page already has a fax page width (1728, 2048 or
 *             2432 pixels at 204 dpi, or twice that at 408 dpi) and a fax
 *             vertical resolution (98, 196 or 391 lines per inch).
 * @width, @length: size of the first page, pixels.
 * @x_dpi, @y_dpi:  resolution of the first page (0 when missing).
 */
struct fax_document_info {
	uint32_t pages;
	bool fax_ready;
	uint32_t width;
	uint32_t length;
	uint32_t x_dpi;
	uint32_t y_dpi;
};

/**
 * fax_document_check() - open and decode every page of a bilevel TIFF.
 * @path: the file.
 * @info: optional, filled on success.
 * @err:  optional explanation (page number and libtiff's message).
 *
 * Return: 0; -ENOENT/-EACCES ... when it cannot be opened; -EBADMSG for
 * a file that is not a TIFF or is damaged; -EMEDIUMTYPE for a page that is
 * not bilevel (colour, greyscale, tiled); -EFBIG for more pages or larger
 * pages than the limits above.
 */
int fax_document_check(const char *path, struct fax_document_info *info,
		       fax_error_t *err);

/**
 * fax_document_check_sendable() - fax_document_check() plus "every page
 * is fax-shaped" (-EMEDIUMTYPE otherwise, saying which page and why).
 */
int fax_document_check_sendable(const char *path, struct fax_document_info *info,
				fax_error_t *err);

/**
 * fax_document_count_pages() - number of pages (>0) or a negative errno,
 * with the same checks as fax_document_check().
 */
int fax_document_count_pages(const char *path, fax_error_t *err);

/**
 * struct fax_normalise_options
 * @size:       sizeof(struct fax_normalise_options).
 * @fine:       1 = 196 lines/inch, 0 = 98 lines/inch, -1 = pick from the
 *              source (fine when it has more than 150 lines/inch).
 * @default_dpi: resolution assumed when a page has none (0 = 200).
 */
struct fax_normalise_options {
	size_t size;
	int fine;
	uint32_t default_dpi;
};

/**
 * fax_document_normalise() - write a fax-shaped copy of a bilevel TIFF.
 * @in, @out: source and destination (created or truncated).
 * @opt:     NULL for the defaults.
 *
 * Each page is scaled to 204 dpi across (fitted into 1728 pixels, centred,
 * keeping its aspect ratio) and to the chosen vertical resolution, made
 * white-is-zero and written with T.6 (MMR) coding. Thin black lines
 * survive reduction: a target pixel is black when any source pixel it
 * covers is.
 *
 * Return: number of pages written, or a negative errno as for
 * fax_document_check() and -EIO when the output cannot be written.
 */
int fax_document_normalise(const char *in, const char *out,
			   const struct fax_normalise_options *opt, fax_error_t *err);

#ifdef __cplusplus
}
#endif

#endif /* FAX_DOCUMENT_H */
