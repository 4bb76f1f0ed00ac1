// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * faxtool output: data on stdout (text, or one JSON object per line with
 * --json), progress and diagnostics on stderr. Progress redraws one line
 * only when stderr is a terminal; into a pipe it writes plain lines.
 */
#include <stdarg.h>
#include <stdio.h>

#include "faxtool.h"

void out_json(json_object *o)
{
	puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	fflush(stdout);
	json_object_put(o);
}

void progress_line(struct faxtool *t, const char *fmt, ...)
{
	char buf[200];
	va_list ap;

	if (t->quiet)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (t->progress_tty)
		fprintf(stderr, "\r\033[K%s", buf);
	else
		fprintf(stderr, "%s\n", buf);
}

void progress_clear(struct faxtool *t)
{
	if (t->progress_tty && !t->quiet)
		fputs("\r\033[K", stderr);
}

int err_exit(int code, const char *fmt, ...)
{
	va_list ap;

	fputs("faxtool: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

json_object *json_result(const struct fax_session_result *r, const char *role)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "type", json_object_new_string("result"));
	json_object_object_add(o, "role", json_object_new_string(role));
	json_object_object_add(o, "t30_code", json_object_new_int(r->t30_code));
	json_object_object_add(o, "t30_text", json_object_new_string(r->t30_text));
	json_object_object_add(o, "pages", json_object_new_int(r->pages));
	json_object_object_add(o, "bit_rate", json_object_new_int(r->bit_rate));
	json_object_object_add(o, "ecm", json_object_new_boolean(r->ecm));
	json_object_object_add(o, "compression",
			       json_object_new_string(fax_compression_name(r->compression)));
	json_object_object_add(o, "remote_ident", json_object_new_string(r->remote_ident));
	json_object_object_add(o, "duration_ms", json_object_new_int64((int64_t)r->duration_ms));
	json_object_object_add(o, "underruns", json_object_new_int64((int64_t)r->underruns));
	json_object_object_add(o, "overruns", json_object_new_int64((int64_t)r->overruns));
	return o;
}

json_object *json_progress(const struct fax_session_progress *p, const char *role)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "type", json_object_new_string(
		p->event == FAX_PROGRESS_PAGE ? "page" : "negotiated"));
	json_object_object_add(o, "role", json_object_new_string(role));
	json_object_object_add(o, "page", json_object_new_int(p->page));
	json_object_object_add(o, "pages_total", json_object_new_int(p->pages_total));
	json_object_object_add(o, "bytes", json_object_new_int(p->bytes));
	json_object_object_add(o, "bit_rate", json_object_new_int(p->bit_rate));
	json_object_object_add(o, "ecm", json_object_new_boolean(p->ecm));
	json_object_object_add(o, "compression",
			       json_object_new_string(fax_compression_name(p->compression)));
	json_object_object_add(o, "y_res", json_object_new_int(p->y_res));
	json_object_object_add(o, "bad_rows", json_object_new_int(p->bad_rows));
	json_object_object_add(o, "ecm_retries", json_object_new_int(p->ecm_retries));
	return o;
}
