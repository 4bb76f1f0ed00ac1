// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * fax_document_normalise(): any bilevel TIFF into fax pages (1728 pixels
 * at 204 dpi across, 98 or 196 lines per inch, T.6 coded).
 *
 * Scaling maps each target pixel to the box of source pixels it covers and
 * makes it black when any of them is black: reduction keeps thin strokes
 * (a plain nearest-neighbour pick would drop them), enlargement repeats
 * pixels.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fax/document.h>

#include "page.h"

#define FAX_WIDTH	1728u
#define FAX_X_DPI	204u

struct bitmap {
	uint32_t width;
	uint32_t length;
	size_t stride;
	uint8_t *bits;		/* 1 = black, MSB first */
};

static int store_row(void *ud, uint32_t y, const uint8_t *bits)
{
	struct bitmap *bm = ud;

	memcpy(bm->bits + (size_t)y * bm->stride, bits, bm->stride);
	return 0;
}

static bool pixel(const uint8_t *row, uint32_t x)
{
	return row[x >> 3] & (0x80 >> (x & 7));
}

/* Target geometry of one page, see fax_document_normalise() in document.h. */
static void target_size(const struct fax_page *pg, uint32_t x_dpi, uint32_t y_dpi,
			uint32_t ty_dpi, uint32_t *tw, uint32_t *th)
{
	double w = (double)pg->width * FAX_X_DPI / x_dpi;
	double f = w > FAX_WIDTH ? FAX_WIDTH / w : 1.0;

	*tw = (uint32_t)(w * f + 0.5);
	if (*tw > FAX_WIDTH)
		*tw = FAX_WIDTH;
	if (!*tw)
		*tw = 1;
	*th = (uint32_t)((double)pg->length * ty_dpi / y_dpi * f + 0.5);
	if (!*th)
		*th = 1;
}

/* Where a page goes: the output file, the page's number and the count. */
struct dest {
	struct fax_tiff *tiff;
	unsigned int page;	/* 1-based */
	unsigned int pages;
};

static int write_page(const struct dest *d, const struct bitmap *src, uint32_t tw,
		      uint32_t th, uint32_t ty_dpi, fax_error_t *err)
{
	uint8_t acc[(FAX_DOCUMENT_MAX_PIXELS + 7) / 8];
	uint8_t row[FAX_WIDTH / 8];
	uint32_t off = (FAX_WIDTH - tw) / 2;
	struct fax_tiff *out = d->tiff;
	TIFF *tif = out->tif;

	TIFFSetField(tif, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
	TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, FAX_WIDTH);
	TIFFSetField(tif, TIFFTAG_IMAGELENGTH, th);
	TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 1);
	TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
	TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
	TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
	TIFFSetField(tif, TIFFTAG_FILLORDER, FILLORDER_LSB2MSB);
	TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
	TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
	TIFFSetField(tif, TIFFTAG_XRESOLUTION, (float)FAX_X_DPI);
	TIFFSetField(tif, TIFFTAG_YRESOLUTION, (float)ty_dpi);
	TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, th);
	TIFFSetField(tif, TIFFTAG_PAGENUMBER, d->page - 1, d->pages);

	for (uint32_t ty = 0; ty < th; ty++) {
		uint32_t y0 = (uint32_t)((uint64_t)ty * src->length / th);
		uint32_t y1 = (uint32_t)((uint64_t)(ty + 1) * src->length / th);

		if (y1 <= y0)
			y1 = y0 + 1;
		memset(acc, 0, src->stride);
		for (uint32_t y = y0; y < y1; y++) {
			const uint8_t *s = src->bits + (size_t)y * src->stride;

			for (size_t i = 0; i < src->stride; i++)
				acc[i] |= s[i];
		}
		memset(row, 0, sizeof(row));
		for (uint32_t tx = 0; tx < tw; tx++) {
			uint32_t x0 = (uint32_t)((uint64_t)tx * src->width / tw);
			uint32_t x1 = (uint32_t)((uint64_t)(tx + 1) * src->width / tw);

			if (x1 <= x0)
				x1 = x0 + 1;
			for (uint32_t x = x0; x < x1; x++) {
				if (pixel(acc, x)) {
					row[(tx + off) >> 3] |= 0x80 >> ((tx + off) & 7);
					break;
				}
			}
		}
		if (TIFFWriteScanline(tif, row, ty, 0) < 0)
			return fax_error_set(err, fax_tiff_write_error(),
					     "%s: cannot write page %u: %s", out->path, d->page,
					     out->msg);
	}
	if (!TIFFWriteDirectory(tif))
		return fax_error_set(err, fax_tiff_write_error(), "%s: cannot write page %u: %s",
				     out->path, d->page, out->msg);
	return 0;
}

static int normalise_page(struct fax_tiff *in, const struct dest *d,
			  const struct fax_normalise_options *o, fax_error_t *err)
{
	unsigned int n = d->page;
	struct fax_page pg;
	struct bitmap bm;
	uint32_t x_dpi, y_dpi, ty_dpi, tw, th;
	int r;

	r = fax_page_inspect(in, n, &pg, err);
	if (r < 0)
		return r;
	x_dpi = pg.x_dpi ? pg.x_dpi : o->default_dpi;
	y_dpi = pg.y_dpi ? pg.y_dpi : o->default_dpi;
	if (o->fine >= 0)
		ty_dpi = o->fine ? 196 : 98;
	else
		ty_dpi = y_dpi > 150 ? 196 : 98;
	bm.width = pg.width;
	bm.length = pg.length;
	bm.stride = ((size_t)pg.width + 7) / 8;
	bm.bits = malloc(bm.stride * pg.length);
	if (!bm.bits)
		return fax_error_set(err, -ENOMEM, "out of memory reading %s page %u",
				     in->path, n);
	r = fax_page_decode(in, &pg, store_row, &bm, err);
	if (r == 0) {
		target_size(&pg, x_dpi, y_dpi, ty_dpi, &tw, &th);
		r = write_page(d, &bm, tw, th, ty_dpi, err);
	}
	free(bm.bits);
	return r;
}

int fax_document_normalise(const char *inpath, const char *outpath,
			   const struct fax_normalise_options *opt, fax_error_t *err)
{
	struct fax_normalise_options o = { .size = sizeof(o), .fine = -1 };
	struct fax_document_info info;
	struct fax_tiff in, out;
	struct dest d = { .tiff = &out };
	int r;

	if (!inpath || !outpath)
		return fax_error_set(err, -EINVAL, "normalise needs an input and an output file");
	if (opt) {
		if (opt->size < sizeof(o))
			return fax_error_set(err, -EINVAL, "normalise options size %zu is too small",
					     opt->size);
		o = *opt;
	}
	if (!o.default_dpi)
		o.default_dpi = 200;
	if (o.default_dpi > 2400 || o.fine < -1 || o.fine > 1)
		return fax_error_set(err, -EINVAL, "normalise options out of range");
	/* Decode everything once first: nothing is written for a bad input. */
	r = fax_document_check(inpath, &info, err);
	if (r < 0)
		return r;
	d.pages = info.pages;
	r = fax_tiff_open(&in, inpath, "r", err);
	if (r < 0)
		return r;
	r = fax_tiff_open(&out, outpath, "w", err);
	if (r < 0)
		goto out_in;
	do {
		d.page++;
		r = normalise_page(&in, &d, &o, err);
		if (r < 0)
			break;
		r = fax_page_next(&in, d.page, err);
	} while (r > 0);
	fax_tiff_close(&out);
	/* A partial copy would go out as a shorter fax: leave none behind. */
	if (r < 0)
		unlink(outpath);
out_in:
	fax_tiff_close(&in);
	return r < 0 ? r : (int)d.page;
}
