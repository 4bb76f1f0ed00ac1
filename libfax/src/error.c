// SPDX-License-Identifier: LGPL-2.1-or-later
/* fax_error_t: an errno plus one line of text for the administrator. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <fax/error.h>

int fax_error_set(fax_error_t *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err || err->code)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return code;
}

void fax_error_clear(fax_error_t *err)
{
	if (!err)
		return;
	err->code = 0;
	err->message[0] = '\0';
}
