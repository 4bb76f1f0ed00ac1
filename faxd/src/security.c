// SPDX-License-Identifier: GPL-2.0-or-later
/* The security descriptor: evaluation, validation, default, storage. */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "manager.h"
#include "security.h"

uint32_t security_evaluate(const struct fax_ace *acl, size_t n, uid_t uid,
			   const gid_t *gids, size_t n_gids)
{
	uint32_t rights = 0;

	for (size_t i = 0; i < n; i++) {
		if (acl[i].kind == FAX_ACE_USER) {
			if (acl[i].id == uid)
				rights |= acl[i].rights;
			continue;
		}
		for (size_t g = 0; g < n_gids; g++)
			if (acl[i].id == gids[g]) {
				rights |= acl[i].rights;
				break;
			}
	}
	return fax_rights_implied(rights);
}

int security_validate(const struct fax_ace *v, size_t n, char *msg, size_t msg_size)
{
	if (n > FAX_SECURITY_ENTRIES_MAX) {
		snprintf(msg, msg_size, "too many entries: %zu (at most %d)", n,
			 FAX_SECURITY_ENTRIES_MAX);
		return -EINVAL;
	}
	for (size_t i = 0; i < n; i++) {
		if (v[i].kind != FAX_ACE_USER && v[i].kind != FAX_ACE_GROUP) {
			snprintf(msg, msg_size, "entry %zu: kind %u is neither user (0) nor group (1)",
				 i + 1, v[i].kind);
			return -EINVAL;
		}
		if (v[i].rights & ~FAX_RIGHTS_ALL) {
			snprintf(msg, msg_size, "entry %zu: unknown rights bits 0x%x", i + 1,
				 v[i].rights & ~FAX_RIGHTS_ALL);
			return -EINVAL;
		}
		if (v[i].id == (uint32_t)-1) {
			snprintf(msg, msg_size, "entry %zu: id 4294967295 is not a valid id", i + 1);
			return -EINVAL;
		}
	}
	return 0;
}

/* A group given by name or number; -ENOENT when no such group exists. */
static int resolve_group(const char *name, gid_t *ret)
{
	struct group *g;
	char *end;
	unsigned long n;

	if (!name || !*name)
		return -ENOENT;
	errno = 0;
	n = strtoul(name, &end, 10);
	if (!*end && !errno && n < (gid_t)-1) {
		*ret = (gid_t)n;
		return 0;
	}
	g = getgrnam(name);
	if (!g)
		return -ENOENT;
	*ret = g->gr_gid;
	return 0;
}

static int seed_default(struct manager *m)
{
	struct fax_ace v[3] = { { FAX_ACE_USER, 0, FAX_RIGHTS_ALL } };
	size_t n = 1;
	gid_t gid;
	int r;

	if (resolve_group(m->cfg.admin_group, &gid) == 0)
		v[n++] = (struct fax_ace) { FAX_ACE_GROUP, gid, FAX_RIGHTS_ALL };
	else
		log_warning("security: admin group '%s' does not exist; not in the default descriptor",
			    m->cfg.admin_group);
	if (resolve_group(m->cfg.submit_group, &gid) == 0)
		v[n++] = (struct fax_ace) { FAX_ACE_GROUP, gid, FAX_RIGHT_SUBMIT_NORMAL };
	else
		log_warning("security: submit group '%s' does not exist; not in the default descriptor",
			    m->cfg.submit_group);
	r = store_security_seed(m->store, v, n);
	if (r > 0)
		log_info("security: wrote the default descriptor (%zu entries)", n);
	return r;
}

int security_load(struct manager *m)
{
	struct fax_ace *v;
	size_t n;
	int r;

	r = seed_default(m);
	if (r < 0)
		return r;
	r = store_security_load(m->store, &v, &n);
	if (r < 0)
		return r;
	free(m->acl);
	m->acl = v;
	m->n_acl = n;
	m->acl_generation++;
	return 0;
}

int security_set(struct manager *m, const struct fax_ace *v, size_t n)
{
	struct fax_ace *copy = malloc(n ? n * sizeof(*v) : 1);
	int r;

	if (!copy)
		return -ENOMEM;
	r = store_security_save(m->store, v, n);
	if (r < 0) {
		free(copy);
		return r;
	}
	if (n)
		memcpy(copy, v, n * sizeof(*v));
	free(m->acl);
	m->acl = copy;
	m->n_acl = n;
	m->acl_generation++;
	return 0;
}
