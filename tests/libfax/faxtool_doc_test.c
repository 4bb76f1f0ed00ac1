// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * faxtool's document verbs through the binary beside this test (so the
 * sanitised test drives the sanitised faxtool): normalise turns every page
 * of a multi-page file into a fax page, check then says so, a bad input
 * exits 4 (bad document) and an output that cannot be written exits 1,
 * neither leaving an output file.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "faxtool-run.h"
#include "harness.h"
#include "helpers.h"

FIXTURE(tool) {
	char dir[256];
	char in[300];
	char out[300];
	char out_text[4096];
};

FIXTURE_SETUP(tool)
{
	struct bitmap chart, a4;
	char pbm[600];

	if (!test_chart_dir())
		SKIP(return, "ITU test charts not found (set FAX_TESTDATA)");
	ASSERT_EQ(0, tmpdir_make(self->dir, sizeof(self->dir)));
	snprintf(self->in, sizeof(self->in), "%s/in.tif", self->dir);
	snprintf(self->out, sizeof(self->out), "%s/out.tif", self->dir);
	snprintf(pbm, sizeof(pbm), "%s/itu2.pbm", test_chart_dir());
	ASSERT_EQ(0, pbm_load(pbm, &chart));
	snprintf(pbm, sizeof(pbm), "%s/test1.pbm", test_chart_dir());
	ASSERT_EQ(0, pbm_load(pbm, &a4));

	/* An A4 scan at 150 dpi, a fine fax page, the scan again. */
	const struct test_page pages[] = {
		{ &a4, 150, 150 }, { &chart, 204, 196 }, { &a4, 150, 150 },
	};

	ASSERT_EQ(0, write_pages_tiff(self->in, pages, 3, CODING_MH));
	bitmap_free(&chart);
	bitmap_free(&a4);
}

FIXTURE_TEARDOWN(tool)
{
	if (self->dir[0])
		tmpdir_remove(self->dir);
}

TEST_F(tool, normalise_writes_every_page_of_a_multi_page_file)
{
	char *t = self->out_text;
	size_t sz = sizeof(self->out_text);

	ASSERT_EQ(0, run_faxtool(t, sz, "normalise '%s' '%s'", self->in, self->out)) {
		TH_LOG("%s", t);
	}
	EXPECT_NE(NULL, strstr(t, "3 page(s) written")) {
		TH_LOG("%s", t);
	}
	ASSERT_EQ(0, run_faxtool(t, sz, "--json check '%s'", self->out));
	EXPECT_NE(NULL, strstr(t, "\"pages\":3")) {
		TH_LOG("%s", t);
	}
	EXPECT_NE(NULL, strstr(t, "\"fax_ready\":true"));
	EXPECT_NE(NULL, strstr(t, "\"width\":1728"));
	/* 150 dpi is standard by default: 1754 rows become 1146 at 98 lpi. */
	EXPECT_NE(NULL, strstr(t, "\"length\":1146"));
	EXPECT_NE(NULL, strstr(t, "\"y_dpi\":98"));
	EXPECT_EQ(3, tiff_page_count(self->out));
}

TEST_F(tool, normalise_fine_reports_pages_in_json)
{
	struct bitmap page;
	char *t = self->out_text;

	ASSERT_EQ(0, run_faxtool(t, sizeof(self->out_text), "--json normalise --fine '%s' '%s'",
			 self->in, self->out)) {
		TH_LOG("%s", t);
	}
	EXPECT_NE(NULL, strstr(t, "\"pages\":3")) {
		TH_LOG("%s", t);
	}
	for (int i = 0; i < 3; i++) {
		ASSERT_EQ(0, read_tiff_page(self->out, i, &page));
		EXPECT_EQ(1728, page.width);
		EXPECT_EQ(204, page.x_dpi);
		EXPECT_EQ(196, page.y_dpi);
		EXPECT_EQ(i == 1 ? 2376 : (1754 * 196 + 75) / 150, page.length);
		bitmap_free(&page);
	}
}

TEST_F(tool, normalise_of_a_broken_file_exits_4_and_writes_nothing)
{
	struct stat st;
	FILE *f = fopen(self->in, "r+b");

	/* Cut the file inside the first page's data. */
	ASSERT_NE(NULL, f);
	ASSERT_EQ(0, ftruncate(fileno(f), 4000));
	fclose(f);
	EXPECT_EQ(4, run_faxtool(self->out_text, sizeof(self->out_text), "normalise '%s' '%s'",
			 self->in, self->out));
	EXPECT_NE(NULL, strstr(self->out_text, self->in)) {
		TH_LOG("%s", self->out_text);
	}
	EXPECT_NE(0, stat(self->out, &st));
	EXPECT_EQ(ENOENT, errno);
}

TEST_F(tool, normalise_that_cannot_write_exits_1_and_leaves_nothing)
{
	struct rlimit small = { .rlim_cur = 8192, .rlim_max = 8192 };
	struct stat st;

	/* A file-size limit makes the output's writes fail (EFBIG), as a full
	 * disk would; the input is fine, so this is not exit 4.
	 */
	ASSERT_NE(SIG_ERR, signal(SIGXFSZ, SIG_IGN));
	ASSERT_EQ(0, setrlimit(RLIMIT_FSIZE, &small));
	EXPECT_EQ(1, run_faxtool(self->out_text, sizeof(self->out_text), "normalise '%s' '%s'",
			 self->in, self->out)) {
		TH_LOG("%s", self->out_text);
	}
	EXPECT_NE(0, stat(self->out, &st));
	EXPECT_EQ(ENOENT, errno);
}

TEST_HARNESS_MAIN
