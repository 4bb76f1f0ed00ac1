// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Lines named by people: "/dev/fax3", "fax3", "CARD:INDEX" or the line's
 * own phone number, resolved against the kernel's list of lines.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "kernel-internal.h"

static bool parse_u32(const char *s, const char *end, uint32_t *ret)
{
	unsigned long v = 0;

	if (s == end)
		return false;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > UINT32_MAX)
			return false;
	}
	*ret = (uint32_t)v;
	return true;
}

int fax_kernel_parse_spec(const char *spec, struct fax_kernel_spec *ret)
{
	const char *orig = spec, *colon, *end;
	size_t len;

	if (!spec || !ret)
		return -EINVAL;
	memset(ret, 0, sizeof(*ret));
	len = strlen(spec);
	end = spec + len;
	if (!strncmp(spec, "/dev/", 5))
		spec += 5;
	if (!strncmp(spec, "fax", 3)) {
		ret->kind = FAX_KERNEL_SPEC_MINOR;
		return parse_u32(spec + 3, end, &ret->a) ? 0 : -EINVAL;
	}
	if (spec != orig)	/* "/dev/" followed by something else */
		return -EINVAL;
	colon = strchr(spec, ':');
	if (colon) {
		ret->kind = FAX_KERNEL_SPEC_CARD_INDEX;
		return parse_u32(spec, colon, &ret->a) && parse_u32(colon + 1, end, &ret->b) ?
		       0 : -EINVAL;
	}
	if (len == 0 || len >= sizeof(ret->number) || strspn(spec, "0123456789*#") != len)
		return -EINVAL;
	ret->kind = FAX_KERNEL_SPEC_NUMBER;
	memcpy(ret->number, spec, len + 1);
	return 0;
}

static bool matches(const struct fax_kernel_spec *s, const struct fax_kernel_line_info *l)
{
	switch (s->kind) {
	case FAX_KERNEL_SPEC_MINOR:
		return l->minor == s->a;
	case FAX_KERNEL_SPEC_CARD_INDEX:
		return l->card == s->a && l->index == s->b;
	default:
		return !strcmp(l->number, s->number);
	}
}

int fax_kernel_find_line(fax_kernel_t *k, const char *spec, struct fax_kernel_line_info *ret,
			 fax_error_t *err)
{
	struct fax_kernel_line_info *lines = NULL;
	struct fax_kernel_spec s;
	size_t n = 0, i;
	int r;

	if (!k || !ret)
		return fax_error_set(err, -EINVAL, "fax_kernel_find_line: missing argument");
	if (fax_kernel_parse_spec(spec, &s) < 0)
		return fax_error_set(err, -EINVAL,
				     "'%s' names no line: use /dev/faxN, faxN, CARD:INDEX or the line's number",
				     spec ? spec : "(null)");
	r = fax_kernel_lines(k, FAX_KERNEL_ANY_CARD, &lines, &n, err);
	if (r < 0)
		return r;
	for (i = 0; i < n && !matches(&s, &lines[i]); i++)
		;
	if (i < n)
		*ret = lines[i];
	else
		r = fax_error_set(err, -ENODEV, "no fax line '%s' (see faxtool lines)", spec);
	free(lines);
	return r;
}
