/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The spool: one TIFF (Class F, MMR, as fax_document_normalise() writes
 * it) per job or message, named <id>.tif, in <state>/spool. Order of
 * writes: the file is written and fsynced, linked under its job names,
 * the directory fsynced, and only then the rows naming it committed. So a
 * row never names a missing file; a crash can leave files no row names,
 * which spool_reconcile() removes at the next start.
 */
#ifndef FAXD_SPOOL_H
#define FAXD_SPOOL_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

struct manager;

static inline void freep(void *p)
{
	free(*(void **)p);
}
#define _cleanup_free_ __attribute__((cleanup(freep)))

/* spool_path() - malloc'ed full path of spool file @name. */
char *spool_path(struct manager *m, const char *name);
/*
 * spool_import() - copy the regular file or memfd @fd (from its start;
 * never a path of the client's) into the spool, validate it with libfax
 * and store it normalised. Returns the spool name in @ret; -EBADMSG,
 * -EMEDIUMTYPE, ... with the reason in @msg for a document that cannot be
 * faxed, -ENOSPC when the spool is full.
 */
int spool_import(struct manager *m, int fd, char **ret, uint32_t *pages, int64_t *size,
		 char *msg, size_t msg_size);
/* spool_link() - give spool file @from a second name @to. */
int spool_link(struct manager *m, const char *from, const char *to);
/* spool_sync() - fsync the spool directory (names are durable). */
int spool_sync(struct manager *m);
void spool_remove(struct manager *m, const char *name);
/* spool_copy_to() - write spool file @name into the client's @fd. */
int spool_copy_to(struct manager *m, const char *name, int fd);
/* spool_reconcile() - remove the files no record names. */
int spool_reconcile(struct manager *m);

#endif /* FAXD_SPOOL_H */
