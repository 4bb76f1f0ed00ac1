// SPDX-License-Identifier: GPL-2.0-or-later
/* Test pages: ITU charts from PBM into TIFF, and pixel comparison. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <tiffio.h>

#include "helpers.h"

#ifndef FAX_TESTDATA
#define FAX_TESTDATA "../shared/testdata"
#endif

const char *test_chart_dir(void)
{
	static char dir[512];
	const char *env = getenv("FAX_TESTDATA");
	struct stat st;

	snprintf(dir, sizeof(dir), "%s/itu", env ? env : FAX_TESTDATA);
	return stat(dir, &st) == 0 ? dir : NULL;
}

static int pbm_int(FILE *f, uint32_t *v)
{
	int c;

	do {
		c = fgetc(f);
		if (c == '#')
			while (c != '\n' && c != EOF)
				c = fgetc(f);
	} while (c == ' ' || c == '\t' || c == '\n' || c == '\r');
	if (c < '0' || c > '9')
		return -EINVAL;
	*v = 0;
	while (c >= '0' && c <= '9') {
		*v = *v * 10 + (uint32_t)(c - '0');
		c = fgetc(f);
	}
	return 0;
}

int pbm_load(const char *path, struct bitmap *bm)
{
	FILE *f = fopen(path, "rb");
	char magic[3] = "";
	int r = -EINVAL;

	memset(bm, 0, sizeof(*bm));
	if (!f)
		return -errno;
	if (fread(magic, 1, 2, f) != 2 || strcmp(magic, "P4") ||
	    pbm_int(f, &bm->width) || pbm_int(f, &bm->length) || !bm->width ||
	    !bm->length || bm->width > 10000 || bm->length > 10000)
		goto out;
	bm->stride = (bm->width + 7) / 8;
	bm->bits = malloc(bm->stride * bm->length);
	if (!bm->bits) {
		r = -ENOMEM;
		goto out;
	}
	if (fread(bm->bits, bm->stride, bm->length, f) != bm->length) {
		bitmap_free(bm);
		goto out;
	}
	r = 0;
out:
	fclose(f);
	return r;
}

void bitmap_free(struct bitmap *bm)
{
	free(bm->bits);
	bm->bits = NULL;
}

static int write_page(TIFF *t, const struct bitmap *bm, uint32_t x_dpi, uint32_t y_dpi,
		      enum test_coding coding, int page, int pages)
{
	static const uint16_t comp[] = {
		[CODING_RAW] = COMPRESSION_NONE, [CODING_MH] = COMPRESSION_CCITTFAX3,
		[CODING_MR] = COMPRESSION_CCITTFAX3, [CODING_MMR] = COMPRESSION_CCITTFAX4,
	};

	TIFFSetField(t, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
	TIFFSetField(t, TIFFTAG_IMAGEWIDTH, bm->width);
	TIFFSetField(t, TIFFTAG_IMAGELENGTH, bm->length);
	TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 1);
	TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
	TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
	TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
	TIFFSetField(t, TIFFTAG_COMPRESSION, comp[coding]);
	if (coding == CODING_MR)
		TIFFSetField(t, TIFFTAG_GROUP3OPTIONS, GROUP3OPT_2DENCODING);
	TIFFSetField(t, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
	TIFFSetField(t, TIFFTAG_XRESOLUTION, (float)x_dpi);
	TIFFSetField(t, TIFFTAG_YRESOLUTION, (float)y_dpi);
	TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, bm->length);
	TIFFSetField(t, TIFFTAG_PAGENUMBER, page, pages);
	for (uint32_t y = 0; y < bm->length; y++)
		if (TIFFWriteScanline(t, bm->bits + y * bm->stride, y, 0) < 0)
			return -EIO;
	return TIFFWriteDirectory(t) ? 0 : -EIO;
}

int write_pages_tiff(const char *path, const struct test_page *pages, int n,
		     enum test_coding coding)
{
	TIFF *t = TIFFOpen(path, "w");
	int r = 0;

	if (!t)
		return -EIO;
	for (int i = 0; i < n && r == 0; i++)
		r = write_page(t, pages[i].bm, pages[i].x_dpi, pages[i].y_dpi, coding, i, n);
	TIFFClose(t);
	return r;
}

int write_bitmap_tiff(const char *path, const struct bitmap *bm, uint32_t x_dpi,
		      uint32_t y_dpi, enum test_coding coding)
{
	const struct test_page page = { bm, x_dpi, y_dpi };

	return write_pages_tiff(path, &page, 1, coding);
}

int tiff_page_count(const char *path)
{
	TIFF *t = TIFFOpen(path, "r");
	int n;

	if (!t)
		return -1;
	n = (int)TIFFNumberOfDirectories(t);
	TIFFClose(t);
	return n;
}

bool bitmap_pixel(const struct bitmap *bm, uint32_t x, uint32_t y)
{
	return bm->bits[(size_t)y * bm->stride + x / 8] & (0x80 >> (x % 8));
}

int write_chart_tiff(const char *path, const int *charts, int n, bool fine,
		     enum test_coding coding)
{
	const char *dir = test_chart_dir();
	TIFF *t;
	int r = 0;

	if (!dir)
		return -ENOENT;
	t = TIFFOpen(path, "w");
	if (!t)
		return -EIO;
	for (int i = 0; i < n && r == 0; i++) {
		struct bitmap bm;
		char pbm[600];

		snprintf(pbm, sizeof(pbm), "%s/itu%d.pbm", dir, charts[i]);
		r = pbm_load(pbm, &bm);
		if (r)
			break;
		if (!fine) {
			/* Standard resolution: every other row of the fine chart. */
			for (uint32_t y = 0; y < bm.length / 2; y++)
				memcpy(bm.bits + y * bm.stride, bm.bits + 2 * y * bm.stride,
				       bm.stride);
			bm.length /= 2;
		}
		r = write_page(t, &bm, 204, fine ? 196 : 98, coding, i, n);
		bitmap_free(&bm);
	}
	TIFFClose(t);
	return r;
}

static int read_current(TIFF *t, struct bitmap *bm)
{
	uint16_t photo = PHOTOMETRIC_MINISWHITE;
	float xres = 0, yres = 0;

	memset(bm, 0, sizeof(*bm));
	TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &bm->width);
	TIFFGetField(t, TIFFTAG_IMAGELENGTH, &bm->length);
	TIFFGetField(t, TIFFTAG_PHOTOMETRIC, &photo);
	if (TIFFGetField(t, TIFFTAG_XRESOLUTION, &xres))
		bm->x_dpi = (uint32_t)(xres + 0.5f);
	if (TIFFGetField(t, TIFFTAG_YRESOLUTION, &yres))
		bm->y_dpi = (uint32_t)(yres + 0.5f);
	bm->stride = (bm->width + 7) / 8;
	if (!bm->width || !bm->length || TIFFScanlineSize(t) < (tmsize_t)bm->stride)
		return -EINVAL;
	bm->bits = calloc(bm->length, (size_t)TIFFScanlineSize(t));
	if (!bm->bits)
		return -ENOMEM;
	for (uint32_t y = 0; y < bm->length; y++) {
		uint8_t *row = bm->bits + y * bm->stride;

		if (TIFFReadScanline(t, row, y, 0) < 0)
			return -EIO;
		if (photo == PHOTOMETRIC_MINISBLACK)
			for (size_t i = 0; i < bm->stride; i++)
				row[i] = (uint8_t)~row[i];
		/* Ignore padding bits past the width. */
		if (bm->width % 8)
			row[bm->stride - 1] &= (uint8_t)(0xff00 >> (bm->width % 8));
	}
	return 0;
}

int read_tiff_page(const char *path, int page, struct bitmap *bm)
{
	TIFF *t = TIFFOpen(path, "r");
	int r;

	memset(bm, 0, sizeof(*bm));
	if (!t)
		return -EIO;
	r = TIFFSetDirectory(t, (tdir_t)page) ? read_current(t, bm) : -ENOENT;
	TIFFClose(t);
	return r;
}

int compare_tiffs(const char *a, const char *b, char *why, size_t len)
{
	TIFF *ta = TIFFOpen(a, "r"), *tb = TIFFOpen(b, "r");
	int equal = 0, page = 0, r = -1;

	snprintf(why, len, "no difference");
	if (!ta || !tb) {
		snprintf(why, len, "cannot open %s", ta ? b : a);
		goto out;
	}
	for (;;) {
		struct bitmap ba, bb;
		bool same;

		page++;
		if (read_current(ta, &ba) || read_current(tb, &bb)) {
			snprintf(why, len, "page %d unreadable", page);
			bitmap_free(&ba);
			bitmap_free(&bb);
			goto out;
		}
		same = ba.width == bb.width && ba.length == bb.length &&
		       !memcmp(ba.bits, bb.bits, ba.stride * ba.length);
		if (same) {
			equal++;
		} else if (equal == page - 1) {
			snprintf(why, len, "page %d differs: %ux%u against %ux%u", page,
				 ba.width, ba.length, bb.width, bb.length);
		}
		bitmap_free(&ba);
		bitmap_free(&bb);
		int more_a = TIFFReadDirectory(ta), more_b = TIFFReadDirectory(tb);

		if (more_a != more_b) {
			snprintf(why, len, "page counts differ after page %d", page);
			goto out;
		}
		if (!more_a)
			break;
	}
	r = equal;
out:
	if (ta)
		TIFFClose(ta);
	if (tb)
		TIFFClose(tb);
	return r;
}

int tmpdir_make(char *buf, size_t len)
{
	snprintf(buf, len, "%s/libfax-test-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	return mkdtemp(buf) ? 0 : -errno;
}

void tmpdir_remove(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char p[1024];

	if (!d)
		return;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		unlink(p);
	}
	closedir(d);
	rmdir(dir);
}

int call_files_make(struct call_files *f, bool fine)
{
	static const int charts[] = { 1, 2 };
	int r = tmpdir_make(f->dir, sizeof(f->dir));

	if (r < 0)
		return r;
	snprintf(f->tx, sizeof(f->tx), "%s/send.tif", f->dir);
	snprintf(f->rx, sizeof(f->rx), "%s/recv.tif", f->dir);
	return write_chart_tiff(f->tx, charts, 2, fine, CODING_MMR);
}
