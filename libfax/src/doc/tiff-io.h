/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Opening TIFF files with libtiff's messages routed into a fax_error_t.
 *
 * libtiff reports problems through handlers; the process-wide defaults
 * print to stderr. We open every file with per-handle handlers
 * (TIFFOpenExt options, libtiff >= 4.5) that keep the first error text, so
 * the library neither writes to stderr nor touches global state.
 */
#ifndef FAX_DOC_TIFF_IO_H
#define FAX_DOC_TIFF_IO_H

#include <stdint.h>
#include <tiffio.h>

#include <fax/error.h>

/* Per-file context; must outlive the TIFF handle. */
struct fax_tiff {
	TIFF *tif;
	const char *path;
	char msg[160];		/* first error libtiff reported, "" if none */
};

/* Open @path for reading ("r") or writing ("w"); fills @err on failure. */
int fax_tiff_open(struct fax_tiff *t, const char *path, const char *mode,
		  fax_error_t *err);
void fax_tiff_close(struct fax_tiff *t);

/*
 * The errno to report for a libtiff write that just failed: -ENOSPC for
 * a full disk or quota, which callers tell their users apart, else -EIO.
 */
int fax_tiff_write_error(void);

/* Resolution of the current page in dots per inch (0 if absent). */
void fax_tiff_get_dpi(TIFF *tif, uint32_t *x_dpi, uint32_t *y_dpi);

#endif /* FAX_DOC_TIFF_IO_H */
