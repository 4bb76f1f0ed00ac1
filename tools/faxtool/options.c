// SPDX-License-Identifier: GPL-2.0-or-later
/* Parsing of option values shared by faxtool's verbs. */
#include <errno.h>
#include <string.h>

#include "faxtool.h"

static int parse_list(const char *s, const char *const *names, const uint32_t *bits,
		      size_t n, uint32_t *ret)
{
	char buf[128], *save = NULL, *tok;
	uint32_t v = 0;

	if (strlen(s) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, s);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		size_t i;

		for (i = 0; i < n && strcasecmp(tok, names[i]); i++)
			;
		if (i == n)
			return -EINVAL;
		v |= bits[i];
	}
	if (!v)
		return -EINVAL;
	*ret = v;
	return 0;
}

int parse_modems(const char *s, uint32_t *ret)
{
	static const char *const names[] = { "v27ter", "v29", "v17", "all" };
	static const uint32_t bits[] = { FAX_MODEM_V27TER, FAX_MODEM_V29, FAX_MODEM_V17,
					 FAX_MODEM_ALL };

	return parse_list(s, names, bits, 4, ret);
}

int parse_compressions(const char *s, uint32_t *ret)
{
	static const char *const names[] = { "mh", "mr", "mmr", "all" };
	static const uint32_t bits[] = { FAX_COMPRESSION_MH, FAX_COMPRESSION_MR,
					 FAX_COMPRESSION_MMR, FAX_COMPRESSION_ALL };

	return parse_list(s, names, bits, 4, ret);
}
