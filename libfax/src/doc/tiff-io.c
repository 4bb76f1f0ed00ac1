// SPDX-License-Identifier: LGPL-2.1-or-later
/* libtiff handles with their errors captured per file (see tiff-io.h). */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tiff-io.h"

/* A hostile header must not make libtiff allocate more than this at once. */
#define FAX_TIFF_MAX_ALLOC (64 * 1024 * 1024)

static int on_error(TIFF *tif, void *user, const char *module, const char *fmt,
		    va_list ap)
{
	struct fax_tiff *t = user;

	(void)tif;
	if (!t->msg[0]) {
		int n = 0;

		if (module)
			n = snprintf(t->msg, sizeof(t->msg), "%s: ", module);
		if (n >= 0 && (size_t)n < sizeof(t->msg))
			vsnprintf(t->msg + n, sizeof(t->msg) - (size_t)n, fmt, ap);
	}
	return 1;	/* handled: do not call the global handler */
}

static int on_warning(TIFF *tif, void *user, const char *module, const char *fmt,
		      va_list ap)
{
	/* Warnings (unknown tags and the like) do not stop a fax; drop them. */
	(void)tif, (void)user, (void)module, (void)fmt, (void)ap;
	return 1;
}

int fax_tiff_open(struct fax_tiff *t, const char *path, const char *mode,
		  fax_error_t *err)
{
	TIFFOpenOptions *opts;
	bool writing = mode[0] == 'w';
	int fd;

	memset(t, 0, sizeof(*t));
	t->path = path;
	/*
	 * Read access even when writing: from the second page on, libtiff
	 * reads back the previous directory to link the new one after it
	 * (TIFFLinkDirectory), which fails on a write-only descriptor.
	 */
	fd = open(path, writing ? O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC :
				  O_RDONLY | O_CLOEXEC, 0644);
	if (fd < 0)
		return fax_error_set(err, -errno, "cannot open %s: %s", path, strerror(errno));
	opts = TIFFOpenOptionsAlloc();
	if (!opts) {
		close(fd);
		return fax_error_set(err, -ENOMEM, "out of memory opening %s", path);
	}
	TIFFOpenOptionsSetMaxSingleMemAlloc(opts, FAX_TIFF_MAX_ALLOC);
	TIFFOpenOptionsSetErrorHandlerExtR(opts, on_error, t);
	TIFFOpenOptionsSetWarningHandlerExtR(opts, on_warning, t);
	t->tif = TIFFFdOpenExt(fd, path, mode, opts);
	TIFFOpenOptionsFree(opts);
	if (!t->tif) {
		close(fd);
		return fax_error_set(err, writing ? fax_tiff_write_error() : -EBADMSG,
				     "%s is not a readable TIFF file: %s", path,
				     t->msg[0] ? t->msg : "unknown libtiff error");
	}
	return 0;
}

int fax_tiff_write_error(void)
{
	return errno == ENOSPC || errno == EDQUOT ? -ENOSPC : -EIO;
}

void fax_tiff_close(struct fax_tiff *t)
{
	if (t->tif)
		TIFFClose(t->tif);	/* closes the descriptor too */
	t->tif = NULL;
}

static uint32_t to_dpi(float res, uint16_t unit)
{
	if (!(res > 0.0f) || res > 100000.0f)
		return 0;
	if (unit == RESUNIT_CENTIMETER)
		return (uint32_t)lrintf(res * 2.54f);
	if (unit == RESUNIT_INCH)
		return (uint32_t)lrintf(res);
	return 0;
}

void fax_tiff_get_dpi(TIFF *tif, uint32_t *x_dpi, uint32_t *y_dpi)
{
	float xr = 0, yr = 0;
	uint16_t unit = RESUNIT_INCH;

	TIFFGetFieldDefaulted(tif, TIFFTAG_RESOLUTIONUNIT, &unit);
	if (!TIFFGetField(tif, TIFFTAG_XRESOLUTION, &xr))
		xr = 0;
	if (!TIFFGetField(tif, TIFFTAG_YRESOLUTION, &yr))
		yr = 0;
	*x_dpi = to_dpi(xr, unit);
	*y_dpi = to_dpi(yr, unit);
}
