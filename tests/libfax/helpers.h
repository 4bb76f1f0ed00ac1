/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers of the libfax tests: test pages from the ITU charts (PBM) as
 * TIFF files, page-by-page pixel comparison, and a whole fax call between
 * the two lines of a virtual-clock loopback pair.
 */
#ifndef TESTS_LIBFAX_HELPERS_H
#define TESTS_LIBFAX_HELPERS_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include <fax/fax.h>

struct bitmap {
	uint32_t width;
	uint32_t length;
	size_t stride;
	uint8_t *bits;		/* 1 = black, MSB first */
	uint32_t x_dpi;		/* as read from a TIFF (0 when absent) */
	uint32_t y_dpi;
};

/* Directory of the ITU test charts, or NULL when they are not there. */
const char *test_chart_dir(void);
/* Load a raw PBM (P4); 0 or -errno. */
int pbm_load(const char *path, struct bitmap *bm);
void bitmap_free(struct bitmap *bm);

/* TIFF coding of a written test file. */
enum test_coding { CODING_RAW, CODING_MH, CODING_MR, CODING_MMR };

/*
 * Write the charts @charts (e.g. {1, 2}) as pages of @path: fine keeps
 * 196 lpi, !fine keeps every other row at 98 lpi. 0 or -errno.
 */
int write_chart_tiff(const char *path, const int *charts, int n, bool fine,
		     enum test_coding coding);
/* Write one bitmap page as a TIFF (dpi as given). */
int write_bitmap_tiff(const char *path, const struct bitmap *bm, uint32_t x_dpi,
		      uint32_t y_dpi, enum test_coding coding);

/* One page of a test document: its pixels and the resolution it claims. */
struct test_page {
	const struct bitmap *bm;
	uint32_t x_dpi;
	uint32_t y_dpi;
};

/* Write @n pages, each with its own size and resolution. 0 or -errno. */
int write_pages_tiff(const char *path, const struct test_page *pages, int n,
		     enum test_coding coding);
/* Number of pages (TIFF directories) of @path, -1 when it cannot be read. */
int tiff_page_count(const char *path);
/* Bit @x of row @y: true for black. */
bool bitmap_pixel(const struct bitmap *bm, uint32_t x, uint32_t y);

/*
 * Compare two TIFF files page by page. Returns the number of pages that are
 * equal pixel for pixel, -1 when the page counts differ or a file cannot be
 * read; @why gets a description of the first difference.
 */
int compare_tiffs(const char *a, const char *b, char *why, size_t len);

/* Read page @page (0-based) of a TIFF into @bm. */
int read_tiff_page(const char *path, int page, struct bitmap *bm);

/* A fax call over a virtual loopback pair: line 0 sends, line 1 receives. */
struct call {
	struct fax_loopback_config lb;	/* model etc.; clock forced virtual */
	struct fax_session_options tx;	/* sender options (file, modems ...) */
	struct fax_session_options rx;	/* receiver options */
	bool never_answer;		/* line 1 lets it ring */
	uint32_t hangup_after_ms;	/* receiver hangs up this long after
					 * negotiation (0 = never) */
	uint32_t starve_at_ms;		/* stop serving the sender at this
					 * time after negotiation ... */
	uint32_t starve_ms;		/* ... for this long (0 = never) */
	uint32_t max_seconds;		/* virtual time limit (default 900) */

	/* Outputs. */
	struct fax_session_result tx_result;
	struct fax_session_result rx_result;
	bool rx_started;
	int tx_pages_reported;		/* FAX_PROGRESS_PAGE events */
	int rx_pages_reported;
	int tx_page_bytes;		/* coded size of the last page sent */
	int negotiated_reported;
	struct fax_line_stats tx_stats;
	uint32_t rings;
	uint64_t virtual_ms;
};

/* Set sane defaults (sizes, prebuffer) in @c. */
void call_init(struct call *c, const char *tx_file, const char *rx_file);
/* Run the call to its end; 0 when both sessions ended, -errno otherwise. */
int call_run(struct call *c);

/* Paths of a call's files in a fresh temporary directory. */
struct call_files {
	char dir[256];
	char tx[300];	/* ITU charts 1 and 2, MMR coded */
	char rx[300];	/* where the receiver writes */
};

/* Make the directory and the two-chart file to send; 0 or -errno. */
int call_files_make(struct call_files *f, bool fine);

/* A fresh temporary directory (removed by tmpdir_remove). */
int tmpdir_make(char *buf, size_t len);
void tmpdir_remove(const char *dir);

#endif /* TESTS_LIBFAX_HELPERS_H */
