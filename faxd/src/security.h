/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The security descriptor: a list of entries (a user or a group, and the
 * FAX_ACCESS_RIGHTS_ENUM bits it is granted). A caller's rights are the
 * union of the entries that name its uid or one of its groups, with the
 * submit rights a higher one implies. Nothing is denied explicitly: what
 * no entry grants is not granted.
 */
#ifndef FAXD_SECURITY_H
#define FAXD_SECURITY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <fax/client.h>

struct manager;

uint32_t security_evaluate(const struct fax_ace *acl, size_t n, uid_t uid,
			   const gid_t *gids, size_t n_gids);
/* security_validate() - -EINVAL with a message in @msg for a bad entry. */
int security_validate(const struct fax_ace *v, size_t n, char *msg, size_t msg_size);
/* security_load() - the stored descriptor, seeded with the default on the
 * first start: root and the admin group all rights, the submit group
 * submit-normal. */
int security_load(struct manager *m);
/* security_set() - store @v and make it current. */
int security_set(struct manager *m, const struct fax_ace *v, size_t n);

#endif /* FAXD_SECURITY_H */
