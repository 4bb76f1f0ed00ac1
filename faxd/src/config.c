// SPDX-License-Identifier: GPL-2.0-or-later
/* faxd.conf parsing with inih; see config.h for the keys. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>

#include <ini.h>

#include <fax/loopback.h>

#include "config.h"
#include "log.h"

static int parse_uint(const char *v, unsigned int max, unsigned int *ret)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno || end == v || *end || n > max)
		return -EINVAL;
	*ret = (unsigned int)n;
	return 0;
}

/* The libfax range, named in the error: a typo must not start a server
 * whose lines run at another speed than the administrator meant. */
static int parse_speed(const char *v, unsigned int *ret)
{
	if (parse_uint(v, FAX_LOOPBACK_SPEED_MAX, ret) < 0 || !*ret) {
		log_error("config: loopback.speed must be 1..%d (times real time)",
			  FAX_LOOPBACK_SPEED_MAX);
		return -EINVAL;
	}
	return 0;
}

static int parse_bool(const char *v, bool *ret)
{
	if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcmp(v, "1"))
		*ret = true;
	else if (!strcasecmp(v, "no") || !strcasecmp(v, "false") || !strcmp(v, "0"))
		*ret = false;
	else
		return -EINVAL;
	return 0;
}

static int parse_level(const char *v, int *ret)
{
	static const char *const names[] = {
		[LOG_ERR] = "err", [LOG_WARNING] = "warning", [LOG_NOTICE] = "notice",
		[LOG_INFO] = "info", [LOG_DEBUG] = "debug",
	};

	for (int i = LOG_ERR; i <= LOG_DEBUG; i++)
		if (names[i] && !strcmp(v, names[i])) {
			*ret = i;
			return 0;
		}
	return -EINVAL;
}

static int set_str(char **dst, const char *v)
{
	char *s = strdup(v);

	if (!s)
		return -ENOMEM;
	free(*dst);
	*dst = s;
	return 0;
}

/* inih handler: 1 = ok, 0 = error (inih then reports the line). */
static int on_value(void *user, const char *section, const char *name, const char *value)
{
	struct faxd_config *c = user;
	int r = -ENOENT;

	if (!strcmp(section, "server")) {
		if (!strcmp(name, "name"))
			r = set_str(&c->server_name, value);
		else if (!strcmp(name, "log_level"))
			r = parse_level(value, &c->log_level);
	} else if (!strcmp(section, "security")) {
		if (!strcmp(name, "admin_group"))
			r = set_str(&c->admin_group, value);
		else if (!strcmp(name, "submit_group"))
			r = set_str(&c->submit_group, value);
	} else if (!strcmp(section, "loopback")) {
		if (!strcmp(name, "pairs"))
			r = parse_uint(value, 16, &c->loopback_pairs);
		else if (!strcmp(name, "tick_ms"))
			r = parse_uint(value, 1000, &c->loopback_tick_ms);
		else if (!strcmp(name, "speed"))
			r = parse_speed(value, &c->loopback_speed);
		else if (!strcmp(name, "test_interface"))
			r = parse_bool(value, &c->test_interface);
	}
	if (r == -ENOENT)
		log_error("config: unknown key '%s' in section [%s]", name, section);
	else if (r < 0)
		log_error("config: bad value '%s' for %s.%s", value, section, name);
	return r == 0;
}

int config_load(struct faxd_config *c, const char *path, bool must_exist)
{
	FILE *f;
	int r;

	*c = (struct faxd_config) {
		.log_level = LOG_INFO,
		.loopback_pairs = 1,
		.loopback_tick_ms = 20,
		.loopback_speed = 1,
	};
	if (set_str(&c->admin_group, "faxadmin") < 0 || set_str(&c->submit_group, "fax") < 0)
		return -ENOMEM;
	f = fopen(path, "re");
	if (!f) {
		if (errno == ENOENT && !must_exist)
			return 0;
		return log_error_errno(errno, "config: cannot open %s: %m", path);
	}
	r = ini_parse_file(f, on_value, c);
	fclose(f);
	if (r != 0)
		return log_error_errno(EINVAL, "config: %s: error at line %d", path, r);
	return 0;
}

void config_free(struct faxd_config *c)
{
	free(c->server_name);
	free(c->admin_group);
	free(c->submit_group);
	*c = (struct faxd_config) { 0 };
}
