/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internals shared by the files of the session layer. */
#ifndef FAX_SESSION_INTERNAL_H
#define FAX_SESSION_INTERNAL_H

#include <spandsp.h>

#include <fax/session.h>

/* Validate options, fill defaults into @o (a copy the session owns). */
int fax_session_options_check(struct fax_session_options *o, fax_error_t *err);
/* Configure T.30 from validated options. */
int fax_session_options_apply(t30_state_t *t30, const struct fax_session_options *o,
			      fax_error_t *err);
/* spandsp T4_COMPRESSION_* -> FAX_COMPRESSION_* (0 when none or unknown). */
int fax_compression_from_t4(int t4);

#endif /* FAX_SESSION_INTERNAL_H */
