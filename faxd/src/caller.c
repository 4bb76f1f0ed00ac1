// SPDX-License-Identifier: GPL-2.0-or-later
/* Caller identity and the authorization gate; see caller.h. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caller.h"
#include "log.h"
#include "manager.h"
#include "security.h"

#define CALLERS_MAX 1024	/* entries kept; the oldest go first */
#define GROUPS_MAX 1024

struct caller_cache {
	struct caller *head;
	size_t n;
	sd_bus_slot *match;
};

static void caller_free(struct caller *c)
{
	free(c->name);
	free(c->gids);
	free(c);
}

static void cache_drop(struct caller_cache *cc, const char *name)
{
	for (struct caller **p = &cc->head; *p; p = &(*p)->next)
		if (!strcmp((*p)->name, name)) {
			struct caller *c = *p;

			*p = c->next;
			caller_free(c);
			cc->n--;
			return;
		}
}

static int on_name_owner_changed(sd_bus_message *msg, void *userdata, sd_bus_error *error)
{
	struct manager *m = userdata;
	const char *name, *old, *new;

	(void)error;
	if (sd_bus_message_read(msg, "sss", &name, &old, &new) < 0)
		return 0;
	if (*name == ':' && !*new)
		cache_drop(m->callers, name);
	return 0;
}

int callers_new(struct manager *m)
{
	m->callers = calloc(1, sizeof(*m->callers));
	if (!m->callers)
		return -ENOMEM;
	return sd_bus_match_signal(m->bus, &m->callers->match, "org.freedesktop.DBus",
				   "/org/freedesktop/DBus", "org.freedesktop.DBus",
				   "NameOwnerChanged", on_name_owner_changed, m);
}

void callers_free(struct manager *m)
{
	struct caller_cache *cc = m->callers;

	if (!cc)
		return;
	while (cc->head) {
		struct caller *c = cc->head;

		cc->head = c->next;
		caller_free(c);
	}
	sd_bus_slot_unref(cc->match);
	free(cc);
	m->callers = NULL;
}

/* Groups from the user database when the bus did not report them. */
static int groups_of_uid(uid_t uid, gid_t **ret, size_t *n)
{
	struct passwd *pw = getpwuid(uid);
	int ng = GROUPS_MAX;
	gid_t *g;

	if (!pw) {
		*ret = NULL;
		*n = 0;
		return 0;
	}
	g = calloc(GROUPS_MAX, sizeof(*g));
	if (!g)
		return -ENOMEM;
	if (getgrouplist(pw->pw_name, pw->pw_gid, g, &ng) < 0)
		ng = GROUPS_MAX;
	*ret = g;
	*n = (size_t)ng;
	return 0;
}

static int parse_creds(sd_bus_message *reply, struct caller *c, bool *have_uid, bool *have_gids)
{
	int r;

	r = sd_bus_message_enter_container(reply, 'a', "{sv}");
	if (r < 0)
		return r;
	while ((r = sd_bus_message_enter_container(reply, 'e', "sv")) > 0) {
		const char *key;

		r = sd_bus_message_read(reply, "s", &key);
		if (r < 0)
			return r;
		if (!strcmp(key, "UnixUserID")) {
			uint32_t uid;

			r = sd_bus_message_read(reply, "v", "u", &uid);
			c->uid = uid;
			*have_uid = true;
		} else if (!strcmp(key, "UnixGroupIDs")) {
			const void *p;
			size_t sz;

			r = sd_bus_message_enter_container(reply, 'v', "au");
			if (r >= 0)
				r = sd_bus_message_read_array(reply, 'u', &p, &sz);
			if (r >= 0 && sz / sizeof(uint32_t) <= GROUPS_MAX) {
				c->gids = malloc(sz ? sz : 1);
				if (!c->gids)
					return -ENOMEM;
				memcpy(c->gids, p, sz);
				c->n_gids = sz / sizeof(uint32_t);
				*have_gids = true;
			}
			if (r >= 0)
				r = sd_bus_message_exit_container(reply);
		} else {
			r = sd_bus_message_skip(reply, "v");
		}
		if (r < 0)
			return r;
		r = sd_bus_message_exit_container(reply);
		if (r < 0)
			return r;
	}
	if (r < 0)
		return r;
	return sd_bus_message_exit_container(reply);
}

static int fetch(struct manager *m, const char *name, struct caller **ret)
{
	sd_bus_error error = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	bool have_uid = false, have_gids = false;
	struct caller *c;
	int r;

	c = calloc(1, sizeof(*c));
	if (!c || !(c->name = strdup(name))) {
		free(c);
		return -ENOMEM;
	}
	/* The bus driver is local and answers at once; logind does the same. */
	r = sd_bus_call_method(m->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
			       "org.freedesktop.DBus", "GetConnectionCredentials", &error,
			       &reply, "s", name);
	if (r >= 0)
		r = parse_creds(reply, c, &have_uid, &have_gids);
	if (r >= 0 && !have_uid)
		r = -EPERM;
	if (r >= 0 && !have_gids)
		r = groups_of_uid(c->uid, &c->gids, &c->n_gids);
	sd_bus_message_unref(reply);
	if (r < 0) {
		log_warning_errno(r, "cannot get the credentials of %s: %s", name,
				  error.message ? error.message : strerror(-r));
		sd_bus_error_free(&error);
		caller_free(c);
		return r;
	}
	sd_bus_error_free(&error);
	c->generation = ~m->acl_generation;
	*ret = c;
	return 0;
}

static int lookup_name(struct manager *m, const char *name, struct caller **ret)
{
	struct caller_cache *cc = m->callers;
	struct caller *c, *prev = NULL;
	int r;

	for (c = cc->head; c; prev = c, c = c->next)
		if (!strcmp(c->name, name))
			break;
	if (c && prev) {		/* most recently used first */
		prev->next = c->next;
		c->next = cc->head;
		cc->head = c;
	}
	if (!c) {
		r = fetch(m, name, &c);
		if (r < 0)
			return r;
		c->next = cc->head;
		cc->head = c;
		if (++cc->n > CALLERS_MAX) {
			struct caller **p = &cc->head;

			while ((*p)->next)
				p = &(*p)->next;
			caller_free(*p);
			*p = NULL;
			cc->n--;
		}
	}
	if (c->generation != m->acl_generation) {
		c->rights = security_evaluate(m->acl, m->n_acl, c->uid, c->gids, c->n_gids);
		c->generation = m->acl_generation;
	}
	*ret = c;
	return 0;
}

int caller_lookup(struct manager *m, sd_bus_message *msg, struct caller **ret)
{
	const char *sender;

	if (!msg)
		msg = sd_bus_get_current_message(m->bus);
	sender = msg ? sd_bus_message_get_sender(msg) : NULL;
	if (!sender)
		return -EPERM;
	return lookup_name(m, sender, ret);
}

int caller_lookup_name(struct manager *m, const char *name, struct caller **ret)
{
	return lookup_name(m, name, ret);
}

int caller_rights_of(struct manager *m, const char *name, uint32_t *ret)
{
	struct caller *c;
	int r = lookup_name(m, name, &c);

	if (r < 0)
		return r;
	*ret = c->rights;
	return 0;
}

int caller_rights(struct manager *m, sd_bus_message *msg, uint32_t *ret)
{
	struct caller *c;
	int r = caller_lookup(m, msg, &c);

	if (r < 0)
		return r;
	*ret = c->rights;
	return 0;
}

static void rights_text(uint32_t mask, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (uint32_t bit = 1; bit & FAX_RIGHTS_ALL; bit <<= 1)
		if (mask & bit)
			len += (size_t)snprintf(buf + len, len < size ? size - len : 0, "%s%s",
						len ? "," : "", fax_right_name(bit));
}

int caller_require(struct manager *m, sd_bus_message *msg, uint32_t need, const char *what,
		   sd_bus_error *error)
{
	char missing[256];
	uint32_t rights;
	int r;

	r = caller_rights(m, msg, &rights);
	if (r < 0)
		return sd_bus_error_setf(error, SD_BUS_ERROR_ACCESS_DENIED,
					 "%s: the caller's identity is unknown", what);
	if ((rights & need) == need)
		return 0;
	rights_text(need & ~rights, missing, sizeof(missing));
	return sd_bus_error_setf(error, SD_BUS_ERROR_ACCESS_DENIED,
				 "%s needs the right %s", what, missing);
}

bool caller_hidden(struct manager *m, sd_bus *bus)
{
	sd_bus_message *msg = sd_bus_get_current_message(bus);
	uint32_t rights;

	if (!msg)
		return false;
	if (!sd_bus_message_is_method_call(msg, "org.freedesktop.DBus.ObjectManager", "GetManagedObjects") &&
	    !sd_bus_message_is_method_call(msg, "org.freedesktop.DBus.Introspectable", "Introspect"))
		return false;
	if (caller_rights(m, msg, &rights) < 0)
		return true;
	return !(rights & FAX_RIGHT_QUERY_CONFIG);
}
