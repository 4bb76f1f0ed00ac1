/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fax/fax.h - the libfax umbrella header.
 *
 * libfax layers, bottom up: lines (fax/line.h; backends fax/loopback.h and
 * the kernel's /dev/faxN), fax sessions running T.30 over a line
 * (fax/session.h), documents (fax/document.h), and the client of the
 * fax server faxd (fax/client.h). Conventions shared by
 * every header: a state object per engine with new and free functions, callbacks at
 * each boundary, negative errno returns, no global state, no logging.
 */
#ifndef FAX_FAX_H
#define FAX_FAX_H

#include <fax/error.h>
#include <fax/line.h>
#include <fax/loopback.h>
#include <fax/kernel.h>
#include <fax/session.h>
#include <fax/document.h>
#include <fax/client.h>

#endif /* FAX_FAX_H */
