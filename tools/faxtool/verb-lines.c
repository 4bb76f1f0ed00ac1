// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * faxtool lines: the kernel's fax cards and lines (the "fax" netlink
 * family); faxtool lines set: a line's DSP switches; faxtool monitor:
 * line events live, one line per event (one JSON object with --json).
 * The monitor and lines set need CAP_NET_ADMIN.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "faxtool.h"

static int kernel_exit(int r)
{
	if (r == -EPERM || r == -EACCES)
		return EXIT_ACCESS_DENIED;
	if (r == -ENOENT || r == -ENODEV)
		return EXIT_NO_SUCH_OBJECT;
	return EXIT_FAILURE_GENERIC;
}

static json_object *card_json(const struct fax_kernel_card *c, const char *type)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "type", json_object_new_string(type));
	json_object_object_add(o, "card", json_object_new_int64(c->id));
	json_object_object_add(o, "driver", json_object_new_string(c->driver));
	json_object_object_add(o, "lines", json_object_new_int64(c->lines));
	json_object_object_add(o, "caps", json_object_new_int64(c->caps));
	return o;
}

static json_object *line_json(const struct fax_kernel_line_info *l, const char *type)
{
	json_object *o = json_object_new_object();
	char dsp[128], dev[32];

	snprintf(dev, sizeof(dev), "/dev/fax%u", l->minor);
	json_object_object_add(o, "type", json_object_new_string(type));
	json_object_object_add(o, "device", json_object_new_string(dev));
	json_object_object_add(o, "card", json_object_new_int64(l->card));
	json_object_object_add(o, "index", json_object_new_int64(l->index));
	json_object_object_add(o, "number", json_object_new_string(l->number));
	json_object_object_add(o, "state", json_object_new_string(fax_kernel_state_name(l->state)));
	json_object_object_add(o, "offhook", json_object_new_boolean(l->offhook));
	if (l->caller[0])
		json_object_object_add(o, "caller", json_object_new_string(l->caller));
	json_object_object_add(o, "buffer_ms", json_object_new_int64(l->buffer_ms));
	json_object_object_add(o, "dsp", json_object_new_string(
		fax_kernel_dsp_names(l->dsp, dsp, sizeof(dsp))));
	if (l->ec_tail_ms)
		json_object_object_add(o, "ec_tail_ms", json_object_new_int64(l->ec_tail_ms));
	if (l->has_model) {
		json_object *m = json_object_new_object();

		json_object_object_add(m, "delay_ms", json_object_new_int64(l->model.delay_ms));
		json_object_object_add(m, "loss_db", json_object_new_int64(l->model.loss_db));
		json_object_object_add(m, "echo_loss_db", json_object_new_int64(l->model.echo_loss_db));
		json_object_object_add(m, "echo_delay_ms", json_object_new_int64(l->model.echo_delay_ms));
		json_object_object_add(m, "noise_db", json_object_new_int64(l->model.noise_db));
		json_object_object_add(o, "model", m);
	}
	if (l->has_stats) {
		json_object *s = json_object_new_object();

		json_object_object_add(s, "rx_samples", json_object_new_int64((int64_t)l->stats.rx_samples));
		json_object_object_add(s, "tx_samples", json_object_new_int64((int64_t)l->stats.tx_samples));
		json_object_object_add(s, "rx_overruns", json_object_new_int64((int64_t)l->stats.rx_overruns));
		json_object_object_add(s, "tx_underruns", json_object_new_int64((int64_t)l->stats.tx_underruns));
		json_object_object_add(s, "events_lost", json_object_new_int64((int64_t)l->stats.events_lost));
		json_object_object_add(o, "stats", s);
	}
	return o;
}

static void print_line(struct faxtool *t, const struct fax_kernel_line_info *l)
{
	char dsp[128], tail[32] = "", caller[48] = "";

	if (t->json) {
		out_json(line_json(l, "line"));
		return;
	}
	if (l->ec_tail_ms)
		snprintf(tail, sizeof(tail), ", echo tail %u ms", l->ec_tail_ms);
	if (l->caller[0])
		snprintf(caller, sizeof(caller), ", call from %s", l->caller);
	printf("  /dev/fax%-4u %u:%-3u number %-12s %-12s %s-hook, buffer %u ms, dsp %s%s%s\n",
	       l->minor, l->card, l->index, l->number[0] ? l->number : "-",
	       fax_kernel_state_name(l->state), l->offhook ? "off" : "on", l->buffer_ms,
	       fax_kernel_dsp_names(l->dsp, dsp, sizeof(dsp)), tail, caller);
}

/*
 * The DSP switch called @name (as fax_kernel_dsp_names() spells it), 0 if
 * there is none: libfax names the switches, faxtool keeps no list.
 */
static uint32_t dsp_bit(const char *name, size_t len)
{
	for (unsigned int b = 0; b < 32; b++) {
		char buf[64];

		fax_kernel_dsp_names(1u << b, buf, sizeof(buf));
		if (strncmp(buf, "0x", 2) && strlen(buf) == len && !strncmp(buf, name, len))
			return 1u << b;
	}
	return 0;
}

static const char *known_dsp(char *buf, size_t len)
{
	uint32_t named = 0;

	for (unsigned int b = 0; b < 32; b++) {
		char one[64];

		if (strncmp(fax_kernel_dsp_names(1u << b, one, sizeof(one)), "0x", 2))
			named |= 1u << b;
	}
	return fax_kernel_dsp_names(named, buf, len);
}

/*
 * "dsp=" values: a list of switches ("ec,tone"), "none", or changes to
 * the line's switches ("+ec-nlp,-cpt"); @dsp holds the line's on entry.
 * 0, or the exit code of a usage error (already reported).
 */
static int parse_dsp(const char *list, uint32_t *dsp)
{
	size_t skip = list[0] == '+' || list[0] == '-';
	uint32_t out = skip ? *dsp : 0;
	char names[128];

	if (!strcmp(list, "none")) {
		*dsp = 0;
		return 0;
	}
	if (!list[0])
		return err_exit(EXIT_USAGE, "dsp: give switches (%s), none, or +/- changes",
				known_dsp(names, sizeof(names)));
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		uint32_t bit = len > skip ? dsp_bit(p + skip, len - skip) : 0;

		if (skip && p[0] != '+' && p[0] != '-')
			return err_exit(EXIT_USAGE, "dsp: '%.*s' has no + or -; a list of changes needs them all",
					(int)len, p);
		if (!bit)
			return err_exit(EXIT_USAGE, "dsp: unknown switch '%.*s' (known: %s)",
					(int)len, p, known_dsp(names, sizeof(names)));
		out = skip && p[0] == '-' ? out & ~bit : out | bit;
		p += len + (p[len] == ',');
	}
	*dsp = out;
	return 0;
}

/* One KEY=VALUE of lines set into @set (@l: the line as it is). */
static int parse_setting(const char *arg, const struct fax_kernel_line_info *l,
			 struct fax_kernel_line_set *set)
{
	char *end;

	if (!strncmp(arg, "dsp=", 4)) {
		if (!(set->set & FAX_KERNEL_SET_DSP))
			set->dsp = l->dsp;
		set->set |= FAX_KERNEL_SET_DSP;
		return parse_dsp(arg + 4, &set->dsp);
	}
	if (!strncmp(arg, "ec-tail=", 8)) {
		unsigned long ms;

		errno = 0;
		ms = strtoul(arg + 8, &end, 10);
		if (arg[8] < '0' || arg[8] > '9' || *end || errno || ms > UINT32_MAX)
			return err_exit(EXIT_USAGE, "ec-tail: '%s' is not a number of ms", arg + 8);
		set->ec_tail_ms = (uint32_t)ms;
		set->set |= FAX_KERNEL_SET_EC_TAIL;
		return 0;
	}
	return err_exit(EXIT_USAGE, "lines set: unknown setting '%s' (dsp=LIST, ec-tail=MS)", arg);
}

/* faxtool lines set LINE KEY=VALUE...: change a line, then show it. */
static int lines_set(struct faxtool *t, int argc, char **argv)
{
	struct fax_kernel_line_set set = { .size = sizeof(set) };
	struct fax_kernel_line_info l;
	fax_kernel_t *k = NULL;
	fax_error_t err = { 0 };
	int r;

	if (argc < 3)
		return err_exit(EXIT_USAGE, "lines set: give a line and KEY=VALUE (dsp=LIST, ec-tail=MS)");
	r = fax_kernel_open(&k, &err);
	if (r == 0)
		r = fax_kernel_find_line(k, argv[1], &l, &err);
	if (r < 0)
		goto out;
	for (int i = 2; i < argc; i++) {
		r = parse_setting(argv[i], &l, &set);
		if (r)
			goto out_usage;
	}
	r = fax_kernel_line_set(k, l.card, l.index, &set, &err);
	if (r == 0)
		r = fax_kernel_line_get(k, l.card, l.index, &l, &err);
out:
	fax_kernel_close(k);
	/* The kernel refused a value (out of range): the command line's fault. */
	if (r == -ERANGE || r == -EINVAL)
		return err_exit(EXIT_USAGE, "%s", err.message);
	if (r < 0)
		return err_exit(kernel_exit(r), "%s", err.message);
	print_line(t, &l);
	return EXIT_OK;
out_usage:
	fax_kernel_close(k);
	return r;
}

int verb_lines(struct faxtool *t, int argc, char **argv)
{
	struct fax_kernel_line_info *lines = NULL;
	struct fax_kernel_card *cards = NULL;
	fax_kernel_t *k = NULL;
	fax_error_t err = { 0 };
	size_t nc = 0, nl = 0;
	int r;

	if (argc > 1 && !strcmp(argv[1], "set"))
		return lines_set(t, argc - 1, argv + 1);
	if (argc > 1)
		return err_exit(EXIT_USAGE, "lines takes no arguments but 'set' ('%s')", argv[1]);
	r = fax_kernel_open(&k, &err);
	if (r == 0)
		r = fax_kernel_cards(k, &cards, &nc, &err);
	if (r == 0)
		r = fax_kernel_lines(k, FAX_KERNEL_ANY_CARD, &lines, &nl, &err);
	fax_kernel_close(k);
	if (r < 0)
		return err_exit(kernel_exit(r), "%s", err.message);
	for (size_t i = 0; i < nc; i++) {
		if (t->json)
			out_json(card_json(&cards[i], "card"));
		else
			printf("card %u: %s, %u line(s)\n", cards[i].id, cards[i].driver, cards[i].lines);
	}
	for (size_t i = 0; i < nl; i++)
		print_line(t, &lines[i]);
	if (!nc && !t->json)
		printf("no fax cards\n");
	free(cards);
	free(lines);
	return EXIT_OK;
}

static void print_notification(struct faxtool *t, const struct fax_kernel_notification *n)
{
	const char *kind = n->kind == FAX_KERNEL_NTF_CARD_NEW ? "card-new" :
			   n->kind == FAX_KERNEL_NTF_CARD_DEL ? "card-del" : "line-event";
	char value[16], stamp[32];
	struct timespec ts;
	struct tm tm;

	if (t->json) {
		json_object *o;

		if (n->kind != FAX_KERNEL_NTF_LINE_EVENT) {
			out_json(card_json(&n->card, kind));
			return;
		}
		o = line_json(&n->line, kind);
		json_object_object_add(o, "event", json_object_new_string(
			fax_kernel_event_name(n->event.type)));
		json_object_object_add(o, "value", json_object_new_string(
			fax_kernel_event_value_text(n->event.type, n->event.value, value, sizeof(value))));
		json_object_object_add(o, "seq", json_object_new_int64(n->event.seq));
		json_object_object_add(o, "rx_pos", json_object_new_int64((int64_t)n->event.rx_pos));
		json_object_object_add(o, "timestamp_ns",
				       json_object_new_int64((int64_t)n->event.timestamp_ns));
		out_json(o);
		return;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	snprintf(stamp, sizeof(stamp), "%02d:%02d:%02d.%03ld", tm.tm_hour, tm.tm_min, tm.tm_sec,
		 ts.tv_nsec / 1000000);
	if (n->kind != FAX_KERNEL_NTF_LINE_EVENT) {
		printf("%s %s card %u: %s, %u line(s)\n", stamp, kind, n->card.id, n->card.driver,
		       n->card.lines);
	} else {
		fax_kernel_event_value_text(n->event.type, n->event.value, value, sizeof(value));
		printf("%s /dev/fax%u (%u:%u) %s%s%s, now %s\n", stamp, n->line.minor, n->line.card,
		       n->line.index, fax_kernel_event_name(n->event.type), value[0] ? " " : "",
		       value, fax_kernel_state_name(n->line.state));
	}
	fflush(stdout);
}

int verb_monitor(struct faxtool *t, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "count", required_argument, NULL, 'n' },
		{ "timeout", required_argument, NULL, 't' },
		{}
	};
	struct fax_kernel_notification n;
	fax_kernel_monitor_t *m = NULL;
	fax_error_t err = { 0 };
	unsigned long count = 0, seen = 0;
	long timeout_ms = -1;
	struct timespec start, now;
	int c, r;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+n:t:", opts, NULL)) != -1) {
		switch (c) {
		case 'n': count = strtoul(optarg, NULL, 10); break;
		case 't': timeout_ms = strtol(optarg, NULL, 10) * 1000; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return err_exit(EXIT_USAGE, "monitor takes only options");
	r = fax_kernel_monitor_new(&m, &err);
	if (r < 0)
		return err_exit(kernel_exit(r), "%s", err.message);
	if (!t->json && !t->quiet)
		fprintf(stderr, "faxtool: watching the kernel's fax lines (Ctrl-C ends)\n");
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (!count || seen < count) {
		struct pollfd p = { .fd = fax_kernel_monitor_get_fd(m), .events = POLLIN };
		long left = -1;

		clock_gettime(CLOCK_MONOTONIC, &now);
		if (timeout_ms >= 0) {
			left = timeout_ms - ((now.tv_sec - start.tv_sec) * 1000 +
					     (now.tv_nsec - start.tv_nsec) / 1000000);
			if (left <= 0)
				break;
		}
		if (poll(&p, 1, (int)left) < 0 && errno != EINTR) {
			r = -errno;
			break;
		}
		while ((!count || seen < count) && (r = fax_kernel_monitor_next(m, &n)) != 0) {
			if (r == -ENOBUFS) {
				fprintf(stderr, "faxtool: some notifications were lost (socket overflow)\n");
				continue;
			}
			if (r < 0)
				break;
			print_notification(t, &n);
			seen++;
		}
		if (r < 0)
			break;
	}
	fax_kernel_monitor_free(m);
	if (r < 0)
		return err_exit(EXIT_FAILURE_GENERIC, "monitor: %s", strerror(-r));
	return count && seen < count ? EXIT_TIMEOUT : EXIT_OK;
}
