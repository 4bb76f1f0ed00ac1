// SPDX-License-Identifier: LGPL-2.1-or-later
/* fax_document_check() and friends: decode every page before a call. */
#include <errno.h>
#include <string.h>

#include <fax/document.h>

#include "page.h"

static int check(const char *path, bool need_fax_shape, struct fax_document_info *info,
		 fax_error_t *err)
{
	struct fax_document_info out = { .fax_ready = true };
	struct fax_tiff t;
	struct fax_page pg;
	unsigned int n = 0;
	const char *why;
	int r;

	if (!path)
		return fax_error_set(err, -EINVAL, "no document given");
	r = fax_tiff_open(&t, path, "r", err);
	if (r < 0)
		return r;
	do {
		n++;
		r = fax_page_inspect(&t, n, &pg, err);
		if (r < 0)
			goto out;
		r = fax_page_decode(&t, &pg, NULL, NULL, err);
		if (r < 0)
			goto out;
		if (n == 1) {
			out.width = pg.width;
			out.length = pg.length;
			out.x_dpi = pg.x_dpi;
			out.y_dpi = pg.y_dpi;
		}
		if (!fax_page_is_fax_shaped(&pg, &why)) {
			if (need_fax_shape) {
				r = fax_error_set(err, -EMEDIUMTYPE,
						  "%s: page %u (%ux%u pixels, %ux%u dpi) cannot be faxed as is: %s; normalise it first",
						  path, n, pg.width, pg.length, pg.x_dpi,
						  pg.y_dpi, why);
				goto out;
			}
			out.fax_ready = false;
		}
		r = fax_page_next(&t, n, err);
	} while (r > 0);
	if (r < 0)
		goto out;
	out.pages = n;
	if (info)
		*info = out;
out:
	fax_tiff_close(&t);
	return r;
}

int fax_document_check(const char *path, struct fax_document_info *info,
		       fax_error_t *err)
{
	return check(path, false, info, err);
}

int fax_document_check_sendable(const char *path, struct fax_document_info *info,
				fax_error_t *err)
{
	return check(path, true, info, err);
}

int fax_document_count_pages(const char *path, fax_error_t *err)
{
	struct fax_document_info info;
	int r = check(path, false, &info, err);

	return r < 0 ? r : (int)info.pages;
}
