/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Who is calling: the uid and groups of a bus peer, as the bus daemon
 * recorded them when the peer connected (GetConnectionCredentials:
 * UnixUserID, UnixGroupIDs from SO_PEERCRED/SO_PEERGROUPS), never from
 * /proc. Cached per unique name until the name leaves the bus, with the
 * rights evaluated against the current descriptor generation.
 */
#ifndef FAXD_CALLER_H
#define FAXD_CALLER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include <systemd/sd-bus.h>

struct manager;

struct caller {
	char *name;		/* unique bus name */
	uid_t uid;
	gid_t *gids;
	size_t n_gids;
	uint64_t generation;	/* of the descriptor @rights was computed for */
	uint32_t rights;
	struct caller *next;
};

int callers_new(struct manager *m);
void callers_free(struct manager *m);

/* caller_lookup_name() - the cached identity of bus peer @name. */
int caller_lookup_name(struct manager *m, const char *name, struct caller **ret);
/* caller_rights_of() - the rights of bus peer @name. */
int caller_rights_of(struct manager *m, const char *name, uint32_t *ret);
/* caller_rights() - the rights of the sender of @msg (NULL: the message
 * being dispatched). */
int caller_rights(struct manager *m, sd_bus_message *msg, uint32_t *ret);
/* caller_lookup() - the cached identity of the sender of @msg. */
int caller_lookup(struct manager *m, sd_bus_message *msg, struct caller **ret);
/*
 * caller_require() - the authorization gate: 0 when the sender of @msg
 * (NULL: the message being dispatched) has every bit of @need, else
 * -EACCES with an AccessDenied error in @error naming the missing rights
 * and @what.
 */
int caller_require(struct manager *m, sd_bus_message *msg, uint32_t need, const char *what,
		   sd_bus_error *error);
/*
 * caller_hidden() - true while answering GetManagedObjects/Introspect for a
 * caller without query-config: guarded objects are left out of the
 * enumeration instead of failing it; direct calls still answer
 * AccessDenied.
 */
bool caller_hidden(struct manager *m, sd_bus *bus);

#endif /* FAXD_CALLER_H */
