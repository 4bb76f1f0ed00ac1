// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Documents before they go on the line: good TIFFs are counted and
 * described, broken and hostile ones get a clear error (and never a crash
 * or a word on stderr), and pages that are not fax-shaped are normalised.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <tiffio.h>

#include "harness.h"
#include "helpers.h"

FIXTURE(doc) {
	char dir[256];
	char good[300];
	char path[300];
};

FIXTURE_SETUP(doc)
{
	static const int charts[] = { 1, 4, 7 };

	if (!test_chart_dir())
		SKIP(return, "ITU test charts not found (set FAX_TESTDATA)");
	ASSERT_EQ(0, tmpdir_make(self->dir, sizeof(self->dir)));
	snprintf(self->good, sizeof(self->good), "%s/good.tif", self->dir);
	snprintf(self->path, sizeof(self->path), "%s/bad.tif", self->dir);
	ASSERT_EQ(0, write_chart_tiff(self->good, charts, 3, true, CODING_MH));
}

FIXTURE_TEARDOWN(doc)
{
	if (self->dir[0])
		tmpdir_remove(self->dir);
}

static int write_bytes(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");
	size_t n;

	if (!f)
		return -errno;
	n = fwrite(buf, 1, len, f);
	fclose(f);
	return n == len ? 0 : -EIO;
}

static long read_file(const char *path, uint8_t **buf)
{
	FILE *f = fopen(path, "rb");
	long len;

	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	*buf = malloc((size_t)len);
	if (fread(*buf, 1, (size_t)len, f) != (size_t)len)
		len = -1;
	fclose(f);
	return len;
}

TEST_F(doc, good_fax_document_is_described)
{
	struct fax_document_info info;
	fax_error_t err = { 0 };

	ASSERT_EQ(0, fax_document_check_sendable(self->good, &info, &err)) {
		TH_LOG("%s", err.message);
	}
	EXPECT_EQ(3, info.pages);
	EXPECT_TRUE(info.fax_ready);
	EXPECT_EQ(1728, info.width);
	EXPECT_EQ(2376, info.length);
	EXPECT_EQ(204, info.x_dpi);
	EXPECT_EQ(196, info.y_dpi);
	EXPECT_EQ(3, fax_document_count_pages(self->good, NULL));
}

TEST_F(doc, missing_file_says_so)
{
	fax_error_t err = { 0 };
	char p[320];

	snprintf(p, sizeof(p), "%s/nothing.tif", self->dir);
	EXPECT_EQ(-ENOENT, fax_document_check(p, NULL, &err));
	EXPECT_EQ(-ENOENT, err.code);
	EXPECT_NE(NULL, strstr(err.message, p));
	EXPECT_EQ(-EINVAL, fax_document_check(NULL, NULL, NULL));
}

TEST_F(doc, not_a_tiff_is_rejected)
{
	fax_error_t err = { 0 };

	ASSERT_EQ(0, write_bytes(self->path, "", 0));
	EXPECT_EQ(-EBADMSG, fax_document_check(self->path, NULL, &err));
	EXPECT_NE(NULL, strstr(err.message, "not a readable TIFF"));
	fax_error_clear(&err);
	ASSERT_EQ(0, write_bytes(self->path, "%PDF-1.4 hello", 14));
	EXPECT_EQ(-EBADMSG, fax_document_check(self->path, NULL, &err));
	EXPECT_NE(NULL, strstr(err.message, self->path));
}

/*
 * A hand-made little-endian TIFF: one uncompressed bilevel page of
 * 1728 x 100 whose strip claims @strip_bytes but @data_bytes follow.
 */
static int write_handmade(const char *path, uint32_t strip_bytes, uint32_t data_bytes)
{
	static const uint16_t tags[][2] = {	/* tag, type (3 short, 4 long) */
		{ 256, 4 }, { 257, 4 }, { 258, 3 }, { 259, 3 }, { 262, 3 },
		{ 273, 4 }, { 278, 4 }, { 279, 4 },
	};
	const uint32_t n = sizeof(tags) / sizeof(tags[0]);
	const uint32_t data_at = 8 + 2 + n * 12 + 4;
	const uint32_t values[] = { 1728, 100, 1, 1, 0, data_at, 100, strip_bytes };
	uint8_t *buf = calloc(1, data_at + data_bytes);
	uint8_t *p = buf;
	int r;

	memcpy(p, "II*\0\x08\0\0\0", 8);
	p += 8;
	*p++ = (uint8_t)n;
	*p++ = 0;
	for (uint32_t i = 0; i < n; i++, p += 12) {
		p[0] = (uint8_t)tags[i][0];
		p[1] = (uint8_t)(tags[i][0] >> 8);
		p[2] = (uint8_t)tags[i][1];
		p[4] = 1;
		memcpy(p + 8, &values[i], 4);	/* little-endian host */
	}
	memset(buf + data_at, 0x55, data_bytes);
	r = write_bytes(path, buf, data_at + data_bytes);
	free(buf);
	return r;
}

TEST_F(doc, truncated_page_is_rejected_with_page_and_row)
{
	fax_error_t err = { 0 };
	struct fax_document_info info;

	/* The same file complete is fine (and, without resolution, not fax-ready). */
	ASSERT_EQ(0, write_handmade(self->path, 21600, 21600));
	ASSERT_EQ(0, fax_document_check(self->path, &info, &err)) {
		TH_LOG("%s", err.message);
	}
	EXPECT_FALSE(info.fax_ready);
	ASSERT_EQ(0, write_handmade(self->path, 21600, 5000));
	EXPECT_EQ(-EBADMSG, fax_document_check(self->path, NULL, &err));
	EXPECT_NE(NULL, strstr(err.message, "page 1, row")) {
		TH_LOG("%s", err.message);
	}
}

TEST_F(doc, directory_pointing_past_the_end_is_rejected)
{
	static const uint8_t hdr[] = { 'I', 'I', 42, 0, 0x00, 0xff, 0xff, 0x7f };
	fax_error_t err = { 0 };

	ASSERT_EQ(0, write_bytes(self->path, hdr, sizeof(hdr)));
	EXPECT_EQ(-EBADMSG, fax_document_check(self->path, NULL, &err));
	EXPECT_NE(0, err.message[0]);
}

TEST_F(doc, colour_and_oversized_pages_are_refused)
{
	fax_error_t err = { 0 };
	uint8_t row[3 * 64] = { 0 };
	TIFF *t = TIFFOpen(self->path, "w");

	ASSERT_NE(NULL, t);
	TIFFSetField(t, TIFFTAG_IMAGEWIDTH, 64);
	TIFFSetField(t, TIFFTAG_IMAGELENGTH, 1);
	TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
	TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 3);
	TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
	TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
	TIFFWriteScanline(t, row, 0, 0);
	TIFFClose(t);
	EXPECT_EQ(-EMEDIUMTYPE, fax_document_check(self->path, NULL, &err));
	EXPECT_NE(NULL, strstr(err.message, "black and white"));

	/* A bilevel page of 30000 x 1 pixels: valid TIFF, beyond the limit. */
	struct bitmap bm = { .width = 30000, .length = 1, .stride = 3750 };

	bm.bits = calloc(1, bm.stride);
	ASSERT_EQ(0, write_bitmap_tiff(self->path, &bm, 204, 196, CODING_RAW));
	bitmap_free(&bm);
	fax_error_clear(&err);
	EXPECT_EQ(-EFBIG, fax_document_check(self->path, NULL, &err));
	EXPECT_NE(NULL, strstr(err.message, "30000"));
}

/* Random damage anywhere in a file: any answer but a crash or a hang. */
TEST_F_TIMEOUT(doc, damaged_files_never_crash, 120)
{
	uint8_t *orig, *buf;
	long len = read_file(self->good, &orig);
	int rejected = 0;

	ASSERT_GT(len, 0);
	buf = malloc((size_t)len);
	srand(42);
	for (int i = 0; i < 150; i++) {
		fax_error_t err = { 0 };
		int r;

		memcpy(buf, orig, (size_t)len);
		for (int k = 0; k < 1 + i % 16; k++) {
			/* Hit the header and directories (the file's ends) often. */
			long at = (k & 1) ? rand() % 64 : len - 1 - rand() % 400;

			buf[at < 0 ? 0 : at] = (uint8_t)rand();
		}
		ASSERT_EQ(0, write_bytes(self->path, buf, (size_t)len));
		r = fax_document_check(self->path, NULL, &err);
		ASSERT_TRUE(r == 0 || r == -EBADMSG || r == -EMEDIUMTYPE || r == -EFBIG ||
			    r == -ENOMEM) {
			TH_LOG("case %d: %d %s", i, r, err.message);
		}
		if (r < 0) {
			rejected++;
			ASSERT_NE(0, err.message[0]);
		}
	}
	EXPECT_GT(rejected, 10);
	free(buf);
	free(orig);
}

TEST_F(doc, libtiff_never_writes_to_stderr)
{
	static const uint8_t hdr[] = { 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 1, 0, 0, 3 };
	char log[320];
	struct stat st;
	int saved = dup(2), fd;

	snprintf(log, sizeof(log), "%s/stderr.txt", self->dir);
	ASSERT_EQ(0, write_bytes(self->path, hdr, sizeof(hdr)));
	fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ASSERT_GE(fd, 0);
	dup2(fd, 2);
	int r1 = fax_document_check(self->path, NULL, NULL);
	int r2 = fax_document_normalise(self->path, log, NULL, NULL);

	dup2(saved, 2);
	close(saved);
	close(fd);
	EXPECT_EQ(-EBADMSG, r1);
	EXPECT_EQ(-EBADMSG, r2);
	ASSERT_EQ(0, stat(log, &st));
	EXPECT_EQ(0, st.st_size);
}

TEST_F(doc, a4_at_150_dpi_is_normalised_to_a_fax_page)
{
	struct fax_document_info info;
	struct fax_normalise_options o = { .size = sizeof(o), .fine = 1 };
	fax_error_t err = { 0 };
	struct bitmap src, out;
	char in[320], pbm[600];
	size_t black_src = 0, black_out = 0;
	uint32_t left = UINT32_MAX;

	snprintf(pbm, sizeof(pbm), "%s/test1.pbm", test_chart_dir());
	snprintf(in, sizeof(in), "%s/a4-150.tif", self->dir);
	ASSERT_EQ(0, pbm_load(pbm, &src));
	ASSERT_EQ(0, write_bitmap_tiff(in, &src, 150, 150, CODING_RAW));
	ASSERT_EQ(0, fax_document_check(in, &info, NULL));
	EXPECT_FALSE(info.fax_ready);
	EXPECT_EQ(-EMEDIUMTYPE, fax_document_check_sendable(in, NULL, &err));
	EXPECT_NE(NULL, strstr(err.message, "normalise"));

	ASSERT_EQ(1, fax_document_normalise(in, self->path, &o, &err)) {
		TH_LOG("%s", err.message);
	}
	ASSERT_EQ(0, fax_document_check_sendable(self->path, &info, NULL));
	EXPECT_EQ(1728, info.width);
	EXPECT_EQ(196, info.y_dpi);
	/* 1754 rows at 150 lpi are 1754 * 196 / 150 rows at 196 lpi. */
	EXPECT_EQ((1754 * 196 + 75) / 150, info.length);
	ASSERT_EQ(0, read_tiff_page(self->path, 0, &out));
	for (size_t i = 0; i < src.stride * src.length; i++)
		black_src += (size_t)__builtin_popcount(src.bits[i]);
	for (uint32_t y = 0; y < out.length; y++)
		for (uint32_t x = 0; x < out.width; x++)
			if (out.bits[y * out.stride + x / 8] & (0x80 >> (x % 8))) {
				black_out++;
				if (x < left)
					left = x;
			}
	/* Enlarged by 1.36 x 1.31, so about 1.8 times the black pixels. */
	EXPECT_GT(black_out, black_src * 3 / 2);
	EXPECT_LT(black_out, black_src * 5 / 2);
	/* 1240 px at 150 dpi become 1686 at 204 dpi, centred in 1728. */
	EXPECT_GE(left, (1728 - 1686) / 2);
	bitmap_free(&src);
	bitmap_free(&out);
}

TEST_F(doc, black_is_zero_pages_come_out_white_is_zero)
{
	struct bitmap bm = { .width = 1728, .length = 100, .stride = 216 };
	struct bitmap out;
	TIFF *t;

	/* All-zero data in a black-is-zero file is an all-black page. */
	bm.bits = calloc(bm.length, bm.stride);
	t = TIFFOpen(self->path, "w");
	ASSERT_NE(NULL, t);
	TIFFSetField(t, TIFFTAG_IMAGEWIDTH, bm.width);
	TIFFSetField(t, TIFFTAG_IMAGELENGTH, bm.length);
	TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 1);
	TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
	TIFFSetField(t, TIFFTAG_XRESOLUTION, 204.0f);
	TIFFSetField(t, TIFFTAG_YRESOLUTION, 98.0f);
	TIFFSetField(t, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
	for (uint32_t y = 0; y < bm.length; y++)
		TIFFWriteScanline(t, bm.bits, y, 0);
	TIFFClose(t);
	bitmap_free(&bm);
	snprintf(self->good, sizeof(self->good), "%s/norm.tif", self->dir);
	ASSERT_EQ(1, fax_document_normalise(self->path, self->good, NULL, NULL));
	ASSERT_EQ(0, read_tiff_page(self->good, 0, &out));
	EXPECT_EQ(100, out.length);		/* 98 lpi kept: -1 picks from source */
	EXPECT_EQ(0xff, out.bits[0]);
	EXPECT_EQ(0xff, out.bits[out.stride * 99 + 215]);
	bitmap_free(&out);
}

/* Page @page (0-based) of @path has TIFFTAG_PAGENUMBER @want of @total. */
static bool page_number_is(const char *path, int page, int want, int total)
{
	TIFF *t = TIFFOpen(path, "r");
	uint16_t num = 0xffff, of = 0xffff;

	if (!t)
		return false;
	if (TIFFSetDirectory(t, (tdir_t)page))
		TIFFGetField(t, TIFFTAG_PAGENUMBER, &num, &of);
	TIFFClose(t);
	return num == want && of == total;
}

TEST_F(doc, multi_page_fax_document_is_copied_page_for_page)
{
	fax_error_t err = { 0 };
	char why[160];

	ASSERT_EQ(3, fax_document_normalise(self->good, self->path, NULL, &err)) {
		TH_LOG("%s", err.message);
	}
	EXPECT_EQ(3, tiff_page_count(self->path));
	/* Already 1728 wide at 204 x 196: every pixel stays where it was. */
	EXPECT_EQ(3, compare_tiffs(self->good, self->path, why, sizeof(why))) {
		TH_LOG("%s", why);
	}
	for (int i = 0; i < 3; i++) {
		struct bitmap out;

		ASSERT_EQ(0, read_tiff_page(self->path, i, &out));
		EXPECT_EQ(1728, out.width);
		EXPECT_EQ(204, out.x_dpi);
		EXPECT_EQ(196, out.y_dpi);
		EXPECT_TRUE(page_number_is(self->path, i, i, 3));
		bitmap_free(&out);
	}
	EXPECT_EQ(0, fax_document_check_sendable(self->path, NULL, &err)) {
		TH_LOG("%s", err.message);
	}
}

static int bitmap_alloc(struct bitmap *bm, uint32_t width, uint32_t length)
{
	memset(bm, 0, sizeof(*bm));
	bm->width = width;
	bm->length = length;
	bm->stride = (width + 7) / 8;
	bm->bits = calloc(length, bm->stride);
	return bm->bits ? 0 : -ENOMEM;
}

static void bitmap_set(struct bitmap *bm, uint32_t x, uint32_t y)
{
	bm->bits[(size_t)y * bm->stride + x / 8] |= (uint8_t)(0x80 >> (x % 8));
}

static int load_chart(const char *name, struct bitmap *bm)
{
	char pbm[600];

	snprintf(pbm, sizeof(pbm), "%s/%s", test_chart_dir(), name);
	return pbm_load(pbm, bm);
}

/* Every other pixel of every other row of @src. */
static int halve(const struct bitmap *src, struct bitmap *dst)
{
	int r = bitmap_alloc(dst, src->width / 2, src->length / 2);

	for (uint32_t y = 0; r == 0 && y < dst->length; y++)
		for (uint32_t x = 0; x < dst->width; x++)
			if (bitmap_pixel(src, 2 * x, 2 * y))
				bitmap_set(dst, x, y);
	return r;
}

/* @a and @b (the same length) side by side. */
static int side_by_side(const struct bitmap *a, const struct bitmap *b, struct bitmap *dst)
{
	int r = bitmap_alloc(dst, a->width + b->width, a->length);

	for (uint32_t y = 0; r == 0 && y < dst->length; y++)
		for (uint32_t x = 0; x < dst->width; x++)
			if (x < a->width ? bitmap_pixel(a, x, y) : bitmap_pixel(b, x - a->width, y))
				bitmap_set(dst, x, y);
	return r;
}

/*
 * Three pages that are not fax pages, each with its own resolution:
 * chart 1 at half size claiming 102 x 49 dpi (exactly twice too small),
 * charts 3 and 5 side by side at 408 x 392 dpi (exactly twice too big),
 * and an A4 page at 150 dpi.
 */
FIXTURE(mixed) {
	char dir[256];
	char in[300];
	char out[300];
	struct bitmap small, big, a4;
};

FIXTURE_SETUP(mixed)
{
	struct bitmap c1, c3, c5;

	if (!test_chart_dir())
		SKIP(return, "ITU test charts not found (set FAX_TESTDATA)");
	ASSERT_EQ(0, tmpdir_make(self->dir, sizeof(self->dir)));
	snprintf(self->in, sizeof(self->in), "%s/mixed.tif", self->dir);
	snprintf(self->out, sizeof(self->out), "%s/fax.tif", self->dir);
	ASSERT_EQ(0, load_chart("itu1.pbm", &c1));
	ASSERT_EQ(0, load_chart("itu3.pbm", &c3));
	ASSERT_EQ(0, load_chart("itu5.pbm", &c5));
	ASSERT_EQ(0, load_chart("test1.pbm", &self->a4));
	ASSERT_EQ(0, halve(&c1, &self->small));
	ASSERT_EQ(0, side_by_side(&c3, &c5, &self->big));
	bitmap_free(&c1);
	bitmap_free(&c3);
	bitmap_free(&c5);

	const struct test_page pages[] = {
		{ &self->small, 102, 49 }, { &self->big, 408, 392 }, { &self->a4, 150, 150 },
	};

	ASSERT_EQ(0, write_pages_tiff(self->in, pages, 3, CODING_MMR));
}

FIXTURE_TEARDOWN(mixed)
{
	bitmap_free(&self->small);
	bitmap_free(&self->big);
	bitmap_free(&self->a4);
	if (self->dir[0])
		tmpdir_remove(self->dir);
}

/* Black pixels of @bm outside the columns [@x0, @x1), and inside. */
static void count_black(const struct bitmap *bm, uint32_t x0, uint32_t x1, size_t *outside,
			size_t *inside)
{
	*outside = *inside = 0;
	for (uint32_t y = 0; y < bm->length; y++)
		for (uint32_t x = 0; x < bm->width; x++)
			if (bitmap_pixel(bm, x, y))
				++*(x >= x0 && x < x1 ? inside : outside);
}

TEST_F(mixed, each_page_is_scaled_to_a_fax_page_at_its_own_resolution)
{
	struct bitmap out;
	fax_error_t err = { 0 };
	size_t wrong = 0, outside, inside;

	ASSERT_EQ(3, fax_document_normalise(self->in, self->out, NULL, &err)) {
		TH_LOG("%s", err.message);
	}
	ASSERT_EQ(3, tiff_page_count(self->out));
	EXPECT_EQ(0, fax_document_check_sendable(self->out, NULL, &err)) {
		TH_LOG("%s", err.message);
	}

	/* Page 1: twice as wide and twice as long, every pixel repeated. */
	ASSERT_EQ(0, read_tiff_page(self->out, 0, &out));
	EXPECT_EQ(1728, out.width);
	EXPECT_EQ(2 * self->small.length, out.length);
	EXPECT_EQ(204, out.x_dpi);
	EXPECT_EQ(98, out.y_dpi);	/* 49 lpi is below fine */
	for (uint32_t y = 0; y < out.length && out.length == 2 * self->small.length; y++)
		for (uint32_t x = 0; x < out.width; x++)
			wrong += bitmap_pixel(&out, x, y) !=
				 bitmap_pixel(&self->small, x / 2, y / 2);
	EXPECT_EQ(0, wrong);
	bitmap_free(&out);

	/* Page 2: half as wide and long, black where any of the 2 x 2 is. */
	ASSERT_EQ(0, read_tiff_page(self->out, 1, &out));
	EXPECT_EQ(1728, out.width);
	EXPECT_EQ(self->big.length / 2, out.length);
	EXPECT_EQ(204, out.x_dpi);
	EXPECT_EQ(196, out.y_dpi);
	wrong = 0;
	for (uint32_t y = 0; y < out.length && out.length == self->big.length / 2; y++)
		for (uint32_t x = 0; x < out.width; x++) {
			bool any = bitmap_pixel(&self->big, 2 * x, 2 * y) ||
				   bitmap_pixel(&self->big, 2 * x + 1, 2 * y) ||
				   bitmap_pixel(&self->big, 2 * x, 2 * y + 1) ||
				   bitmap_pixel(&self->big, 2 * x + 1, 2 * y + 1);

			wrong += bitmap_pixel(&out, x, y) != any;
		}
	EXPECT_EQ(0, wrong);
	bitmap_free(&out);

	/* Page 3: 1240 x 1754 at 150 dpi is 1686 x 1146 at 204 x 98, centred. */
	ASSERT_EQ(0, read_tiff_page(self->out, 2, &out));
	EXPECT_EQ(1728, out.width);
	EXPECT_EQ((1754 * 98 + 75) / 150, out.length);
	EXPECT_EQ(204, out.x_dpi);
	EXPECT_EQ(98, out.y_dpi);
	count_black(&out, (1728 - 1686) / 2, (1728 - 1686) / 2 + 1686, &outside, &inside);
	EXPECT_EQ(0, outside);
	EXPECT_GT(inside, 10000);
	bitmap_free(&out);
	for (int i = 0; i < 3; i++)
		EXPECT_TRUE(page_number_is(self->out, i, i, 3));
}

TEST_F(mixed, fine_option_sets_every_page_to_196_lpi)
{
	struct fax_normalise_options o = { .size = sizeof(o), .fine = 1 };
	const uint32_t lengths[] = {
		4 * self->small.length, self->big.length / 2, (1754 * 196 + 75) / 150,
	};

	ASSERT_EQ(3, fax_document_normalise(self->in, self->out, &o, NULL));
	for (int i = 0; i < 3; i++) {
		struct bitmap out;

		ASSERT_EQ(0, read_tiff_page(self->out, i, &out));
		EXPECT_EQ(1728, out.width);
		EXPECT_EQ(196, out.y_dpi);
		EXPECT_EQ(lengths[i], out.length) {
			TH_LOG("page %d", i + 1);
		}
		bitmap_free(&out);
	}
}

TEST_F(mixed, failed_write_leaves_no_partial_output)
{
	struct rlimit lim;
	struct stat st;
	fax_error_t err = { 0 };

	/* The whole output, then a file size limit of half of it. */
	ASSERT_EQ(3, fax_document_normalise(self->in, self->out, NULL, NULL));
	ASSERT_EQ(0, stat(self->out, &st));
	signal(SIGXFSZ, SIG_IGN);
	lim.rlim_cur = lim.rlim_max = (rlim_t)st.st_size / 2;
	ASSERT_EQ(0, setrlimit(RLIMIT_FSIZE, &lim));
	EXPECT_EQ(-EIO, fax_document_normalise(self->in, self->out, NULL, &err));
	EXPECT_NE(NULL, strstr(err.message, "cannot write page")) {
		TH_LOG("%s", err.message);
	}
	EXPECT_NE(0, stat(self->out, &st));
	EXPECT_EQ(ENOENT, errno);
}

/* A full disk is told apart from other write errors: a spool can say so. */
TEST_F(mixed, a_full_disk_is_enospc_and_leaves_no_partial_output)
{
	char dir[] = "/tmp/fax-full-XXXXXX", out[64];
	fax_error_t err = { 0 };
	struct stat st;
	int r;

	/* The test runs in its own child: the mount namespace dies with it. */
	if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		SKIP(return, "cannot have a private mount namespace (not root?)");
	ASSERT_NE(NULL, mkdtemp(dir));
	ASSERT_EQ(0, mount("tmpfs", dir, "tmpfs", 0, "size=8k"));
	snprintf(out, sizeof(out), "%s/out.tif", dir);
	r = fax_document_normalise(self->in, out, NULL, &err);
	EXPECT_EQ(-ENOSPC, r) {
		TH_LOG("%s", err.message);
	}
	EXPECT_NE(0, stat(out, &st));
	umount(dir);
	rmdir(dir);
}

TEST_HARNESS_MAIN
