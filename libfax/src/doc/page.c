// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Checks of one TIFF page. Every value read from the file is treated as
 * hostile: sizes are bounded before anything is allocated from them, and
 * every decode error becomes a message naming page and row.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <fax/document.h>

#include "page.h"

int fax_page_inspect(struct fax_tiff *t, unsigned int number, struct fax_page *pg,
		     fax_error_t *err)
{
	uint32_t w = 0, h = 0;
	uint16_t bps = 1, spp = 1, photo = PHOTOMETRIC_MINISWHITE, planar = PLANARCONFIG_CONTIG;
	uint16_t comp = COMPRESSION_NONE;

	memset(pg, 0, sizeof(*pg));
	pg->number = number;
	if (!TIFFGetField(t->tif, TIFFTAG_IMAGEWIDTH, &w) ||
	    !TIFFGetField(t->tif, TIFFTAG_IMAGELENGTH, &h) || !w || !h)
		return fax_error_set(err, -EBADMSG, "%s: page %u has no image size",
				     t->path, number);
	if (w > FAX_DOCUMENT_MAX_PIXELS || h > FAX_DOCUMENT_MAX_PIXELS)
		return fax_error_set(err, -EFBIG,
				     "%s: page %u is %ux%u pixels, more than the limit of %u",
				     t->path, number, w, h, FAX_DOCUMENT_MAX_PIXELS);
	TIFFGetFieldDefaulted(t->tif, TIFFTAG_BITSPERSAMPLE, &bps);
	TIFFGetFieldDefaulted(t->tif, TIFFTAG_SAMPLESPERPIXEL, &spp);
	TIFFGetFieldDefaulted(t->tif, TIFFTAG_PLANARCONFIG, &planar);
	if (!TIFFGetField(t->tif, TIFFTAG_PHOTOMETRIC, &photo))
		photo = PHOTOMETRIC_MINISWHITE;
	if (bps != 1 || spp != 1)
		return fax_error_set(err, -EMEDIUMTYPE,
				     "%s: page %u has %u bit(s) x %u sample(s) per pixel; a fax page is black and white (1 x 1)",
				     t->path, number, bps, spp);
	if (photo != PHOTOMETRIC_MINISWHITE && photo != PHOTOMETRIC_MINISBLACK)
		return fax_error_set(err, -EMEDIUMTYPE,
				     "%s: page %u has photometric interpretation %u; expected white-is-zero or black-is-zero",
				     t->path, number, photo);
	if (TIFFIsTiled(t->tif))
		return fax_error_set(err, -EMEDIUMTYPE,
				     "%s: page %u is tiled; only striped TIFF pages can be faxed",
				     t->path, number);
	TIFFGetFieldDefaulted(t->tif, TIFFTAG_COMPRESSION, &comp);
	if (!TIFFIsCODECConfigured(comp))
		return fax_error_set(err, -EMEDIUMTYPE,
				     "%s: page %u uses compression %u, which libtiff cannot decode",
				     t->path, number, comp);
	pg->width = w;
	pg->length = h;
	pg->black_is_zero = photo == PHOTOMETRIC_MINISBLACK;
	fax_tiff_get_dpi(t->tif, &pg->x_dpi, &pg->y_dpi);
	return 0;
}

int fax_page_decode(struct fax_tiff *t, const struct fax_page *pg,
		    int (*row)(void *ud, uint32_t y, const uint8_t *bits), void *ud,
		    fax_error_t *err)
{
	tmsize_t size = TIFFScanlineSize(t->tif);
	size_t need = ((size_t)pg->width + 7) / 8;
	uint8_t *buf;
	int r = 0;

	if (size <= 0 || (size_t)size < need)
		return fax_error_set(err, -EBADMSG, "%s: page %u has an inconsistent row size",
				     t->path, pg->number);
	buf = malloc((size_t)size);
	if (!buf)
		return fax_error_set(err, -ENOMEM, "out of memory decoding %s", t->path);
	for (uint32_t y = 0; y < pg->length; y++) {
		t->msg[0] = '\0';
		if (TIFFReadScanline(t->tif, buf, y, 0) < 0) {
			r = fax_error_set(err, -EBADMSG, "%s: page %u, row %u cannot be decoded: %s",
					  t->path, pg->number, y,
					  t->msg[0] ? t->msg : "unknown libtiff error");
			break;
		}
		if (pg->black_is_zero)
			for (size_t i = 0; i < need; i++)
				buf[i] = (uint8_t)~buf[i];
		if (row) {
			r = row(ud, y, buf);
			if (r < 0)
				break;
		}
	}
	free(buf);
	return r < 0 ? r : 0;
}

static bool near(uint32_t v, uint32_t want, uint32_t tol)
{
	return v + tol >= want && v <= want + tol;
}

bool fax_page_is_fax_shaped(const struct fax_page *pg, const char **why)
{
	static const uint32_t widths[] = { 1728, 2048, 2432 };
	unsigned int scale = near(pg->x_dpi, 408, 8) ? 2 : 1;
	bool width_ok = false;

	if (!near(pg->x_dpi, 204, 4) && scale != 2) {
		*why = "its horizontal resolution is not 204 or 408 dpi";
		return false;
	}
	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++)
		width_ok |= pg->width == widths[i] * scale;
	if (!width_ok) {
		*why = "its width is not a fax page width (1728, 2048 or 2432 pixels at 204 dpi)";
		return false;
	}
	if (!near(pg->y_dpi, 98, 3) && !near(pg->y_dpi, 196, 6) && !near(pg->y_dpi, 391, 9)) {
		*why = "its vertical resolution is not 98, 196 or 391 lines per inch";
		return false;
	}
	return true;
}

int fax_page_next(struct fax_tiff *t, unsigned int number, fax_error_t *err)
{
	t->msg[0] = '\0';
	if (TIFFReadDirectory(t->tif))
		goto more;
	if (t->msg[0])
		return fax_error_set(err, -EBADMSG, "%s: the directory after page %u is damaged: %s",
				     t->path, number, t->msg);
	return 0;
more:
	if (number >= FAX_DOCUMENT_MAX_PAGES)
		return fax_error_set(err, -EFBIG, "%s has more than %u pages", t->path,
				     FAX_DOCUMENT_MAX_PAGES);
	return 1;
}
