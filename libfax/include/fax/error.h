/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fax/error.h - how libfax says what went wrong.
 *
 * Every libfax function returns a value >= 0 on success or a negative errno
 * on failure; it never logs and never exits. Functions that can fail for a
 * reason an administrator must act on (a broken TIFF, an option the remote
 * or the line cannot honour) also take an optional fax_error_t: on failure
 * it holds the same negative errno and one line of text saying what failed
 * and why. Pass NULL when the text is not wanted.
 */
#ifndef FAX_ERROR_H
#define FAX_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Length of the message buffer, including the terminating NUL. */
#define FAX_ERROR_MESSAGE_MAX 256

/**
 * fax_error_t - an error code with its explanation.
 * @code:    negative errno, 0 when no error was recorded.
 * @message: NUL-terminated text, empty when no error was recorded.
 *
 * Plain storage (no allocation): put it on the stack and zero it.
 */
typedef struct fax_error {
	int code;
	char message[FAX_ERROR_MESSAGE_MAX];
} fax_error_t;

/**
 * fax_error_set() - record an error (printf-style) and return @code.
 * @err:  may be NULL; then only @code is returned.
 * @code: negative errno.
 *
 * The first error recorded wins: later calls keep the earlier text, so the
 * innermost, most precise explanation survives while errors propagate.
 */
int fax_error_set(fax_error_t *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** fax_error_clear() - reset @err to "no error" (NULL allowed). */
void fax_error_clear(fax_error_t *err);

#ifdef __cplusplus
}
#endif

#endif /* FAX_ERROR_H */
