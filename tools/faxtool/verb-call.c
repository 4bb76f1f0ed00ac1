// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * faxtool send / receive: one fax over one of the kernel's lines.
 *   send -l LINE [OPTIONS] FILE NUMBER    go off hook, dial, send FILE
 *   receive -l LINE [OPTIONS] FILE        wait for a call, answer, receive
 * LINE is /dev/faxN, faxN, CARD:INDEX or the line's own number. Progress
 * (dialling, ringing, connected, pages) goes to stderr while the fax is
 * on the line; the result goes to stdout (JSON with --json).
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <spandsp.h>

#include "faxtool.h"

struct call {
	struct faxtool *t;
	const char *role;		/* "send", "receive" */
	fax_line_t *line;
	fax_session_t *s;
	struct fax_session_options opt;
	uint32_t answer_on;		/* receive: answer on this ring */
	bool connected;			/* the call was answered */
	uint32_t refused;		/* busy, unreachable: no call */
	time_t deadline;		/* wall clock; 0 = none */
};

static void on_progress(fax_session_t *s, const struct fax_session_progress *p, void *ud)
{
	struct call *c = ud;

	(void)s;
	if (c->t->json) {
		out_json(json_progress(p, c->role));
		return;
	}
	if (p->event == FAX_PROGRESS_NEGOTIATED)
		progress_line(c->t, "negotiated %d bit/s, %s%s", p->bit_rate,
			      fax_compression_name(p->compression), p->ecm ? ", ECM" : "");
	else if (p->pages_total > 0)
		progress_line(c->t, "page %d/%d %s, %d bytes, %d bit/s", p->page, p->pages_total,
			      c->role[0] == 's' ? "sent" : "received", p->bytes, p->bit_rate);
	else
		progress_line(c->t, "page %d received, %d bytes, %d bit/s", p->page, p->bytes,
			      p->bit_rate);
}

static void line_progress(struct call *c, const struct fax_line_event *ev)
{
	if (ev->type == FAX_LINE_EV_CONNECTED)
		c->connected = true;
	if (ev->type == FAX_LINE_EV_BUSY || ev->type == FAX_LINE_EV_UNREACHABLE)
		c->refused = ev->type;
	if (c->t->json) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "type", json_object_new_string("line"));
		json_object_object_add(o, "role", json_object_new_string(c->role));
		json_object_object_add(o, "event", json_object_new_string(fax_line_event_name((int)ev->type)));
		if (ev->type == FAX_LINE_EV_RING)
			json_object_object_add(o, "rings", json_object_new_int((int)ev->rings));
		out_json(o);
	} else if (ev->type == FAX_LINE_EV_RING) {
		progress_line(c->t, "ring %u", ev->rings);
	} else {
		progress_line(c->t, "%s", fax_line_event_name((int)ev->type));
	}
}

static void on_line_event(fax_session_t *s, const struct fax_line_event *ev, void *ud)
{
	(void)s;
	line_progress(ud, ev);
}

/* receive: take line events until the ring to answer on; 0 or -errno. */
static int wait_for_call(struct call *c, fax_error_t *err)
{
	struct fax_line_event ev;
	int r;

	while (fax_line_next_event(c->line, &ev) > 0) {
		line_progress(c, &ev);
		if (ev.type != FAX_LINE_EV_RING || ev.rings < c->answer_on)
			continue;
		r = fax_line_answer(c->line);
		if (r < 0)
			return fax_error_set(err, r, "cannot answer: %s", strerror(-r));
		return fax_session_new(c->line, &c->opt, &c->s, err);
	}
	return 0;
}

/* Serve the line until the session ends: 0, -ETIMEDOUT or -errno. */
static int run(struct call *c, fax_error_t *err)
{
	for (;;) {
		struct pollfd p = { .fd = fax_line_get_fd(c->line), .events = POLLIN };
		int r;

		if (c->deadline && time(NULL) >= c->deadline)
			return -ETIMEDOUT;
		if (poll(&p, 1, 500) < 0 && errno != EINTR)
			return fax_error_set(err, -errno, "poll: %s", strerror(errno));
		if (!c->s) {
			r = wait_for_call(c, err);
			if (r < 0)
				return r;
			continue;
		}
		r = fax_session_process(c->s);
		if (r < 0)
			return fax_error_set(err, r, "line failure: %s", strerror(-r));
		if (r == 1)
			return 0;
	}
}

static int report(struct call *c)
{
	struct fax_session_result res;

	fax_session_get_result(c->s, &res);
	progress_clear(c->t);
	if (c->t->json) {
		json_object *o = json_result(&res, c->role);

		json_object_object_add(o, "connected", json_object_new_boolean(c->connected));
		out_json(o);
	} else if (c->refused) {
		printf("%s: the number is %s\n", c->role, fax_line_event_name((int)c->refused));
	} else {
		printf("%s %s: %d page(s), %d bit/s, %s%s, remote \"%s\", %.1f s, %llu underrun(s)\n",
		       c->role, res.t30_text, res.pages, res.bit_rate,
		       fax_compression_name(res.compression), res.ecm ? " ECM" : "",
		       res.remote_ident, (double)res.duration_ms / 1000.0,
		       (unsigned long long)res.underruns);
	}
	if (c->refused || !c->connected)
		return EXIT_NO_CALL;
	return res.t30_code == T30_ERR_OK ? EXIT_OK : EXIT_FAX_FAILED;
}

/* Options shared by send and receive; returns the exit code or -1 to go on. */
static int parse(struct call *c, int argc, char **argv, const char **line, int nargs)
{
	static const struct option opts[] = {
		{ "line", required_argument, NULL, 'l' },
		{ "modem", required_argument, NULL, 'm' },
		{ "compression", required_argument, NULL, 'c' },
		{ "no-ecm", no_argument, NULL, 'E' },
		{ "ident", required_argument, NULL, 'i' },
		{ "header", required_argument, NULL, 'H' },
		{ "rings", required_argument, NULL, 'r' },
		{ "prebuffer", required_argument, NULL, 'p' },
		{ "timeout", required_argument, NULL, 't' },
		{}
	};
	int o;

	optind = 1;
	while ((o = getopt_long(argc, argv, "+l:m:c:i:H:r:p:t:", opts, NULL)) != -1) {
		switch (o) {
		case 'l': *line = optarg; break;
		case 'm':
			if (parse_modems(optarg, &c->opt.modems) < 0)
				return err_exit(EXIT_USAGE, "unknown modem list '%s' (v27ter,v29,v17)", optarg);
			break;
		case 'c':
			if (parse_compressions(optarg, &c->opt.compressions) < 0)
				return err_exit(EXIT_USAGE, "unknown coding list '%s' (mh,mr,mmr)", optarg);
			break;
		case 'E': c->opt.ecm = false; break;
		case 'i': c->opt.ident = optarg; break;
		case 'H': c->opt.header_info = optarg; break;
		case 'r': c->answer_on = (uint32_t)strtoul(optarg, NULL, 10); break;
		case 'p': c->opt.prebuffer_ms = (uint32_t)strtoul(optarg, NULL, 10); break;
		case 't': c->deadline = time(NULL) + strtol(optarg, NULL, 10); break;
		default: return EXIT_USAGE;
		}
	}
	if (!*line)
		return err_exit(EXIT_USAGE, "%s: which line? (-l /dev/faxN, faxN, CARD:INDEX or its number)",
				c->role);
	if (argc - optind != nargs)
		return err_exit(EXIT_USAGE, "%s: give %s", c->role,
				nargs == 2 ? "a TIFF file and a number to dial" : "the TIFF file to write");
	if (!c->answer_on)
		c->answer_on = 1;
	return -1;
}

static int open_line(struct call *c, const char *spec, fax_error_t *err)
{
	struct fax_kernel_line_info info;
	fax_kernel_t *k = NULL;
	char path[32];
	int r;

	r = fax_kernel_open(&k, err);
	if (r == 0)
		r = fax_kernel_find_line(k, spec, &info, err);
	fax_kernel_close(k);
	if (r < 0)
		return r;
	snprintf(path, sizeof(path), "/dev/fax%u", info.minor);
	return fax_kernel_line_open(path, NULL, &c->line, err);
}

static int call_main(struct call *c, int argc, char **argv)
{
	const char *spec = NULL, *number = NULL;
	fax_error_t err = { 0 };
	int code, r;

	c->opt.size = sizeof(c->opt);
	c->opt.ecm = true;
	c->opt.on_progress = on_progress;
	c->opt.on_line_event = on_line_event;
	c->opt.userdata = c;
	code = parse(c, argc, argv, &spec, c->opt.direction == FAX_SEND ? 2 : 1);
	if (code >= 0)
		return code;
	c->opt.file = argv[optind];
	if (c->opt.direction == FAX_SEND)
		number = argv[optind + 1];
	r = open_line(c, spec, &err);
	if (r < 0)
		return err_exit(r == -ENODEV || r == -ENOENT ? EXIT_NO_SUCH_OBJECT :
				r == -EACCES || r == -EPERM ? EXIT_ACCESS_DENIED : EXIT_FAILURE_GENERIC,
				"%s", err.message);
	if (number) {
		r = fax_line_offhook(c->line);
		if (r == 0)
			r = fax_line_dial(c->line, number);
		if (r < 0) {
			code = err_exit(r == -EINVAL ? EXIT_USAGE : EXIT_FAILURE_GENERIC,
					"cannot dial '%s' on %s: %s", number,
					fax_line_get_name(c->line), strerror(-r));
			goto out;
		}
		progress_line(c->t, "dialling %s on %s", number, fax_line_get_name(c->line));
		r = fax_session_new(c->line, &c->opt, &c->s, &err);
	} else {
		progress_line(c->t, "waiting for a call on %s", fax_line_get_name(c->line));
	}
	if (r == 0)
		r = run(c, &err);
	progress_clear(c->t);
	if (r == -ETIMEDOUT)
		code = err_exit(EXIT_TIMEOUT, "%s: timed out%s", c->role, c->s ? "" : " waiting for a call");
	else if (r < 0)
		code = err_exit(r == -EINVAL ? EXIT_USAGE : r == -ENOENT || r == -EBADMSG ?
				EXIT_BAD_DOCUMENT : EXIT_FAILURE_GENERIC, "%s", err.message);
	else
		code = report(c);
out:
	fax_line_hangup(c->line);
	fax_session_free(c->s);
	fax_line_free(c->line);
	return code;
}

/* Whether a send command line names a kernel line (-l, --line). */
static bool names_a_line(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strncmp(argv[i], "-l", 2) || !strncmp(argv[i], "--line", 6))
			return true;
	return false;
}

/* send -l LINE dials on a kernel line itself; without a line it goes
 * through the fax server (as submit). */
int verb_send(struct faxtool *t, int argc, char **argv)
{
	struct call c = { .t = t, .role = "send" };

	if (!names_a_line(argc, argv))
		return verb_submit(t, argc, argv);

	c.opt.direction = FAX_SEND;
	c.opt.calling = true;
	return call_main(&c, argc, argv);
}

int verb_receive(struct faxtool *t, int argc, char **argv)
{
	struct call c = { .t = t, .role = "receive" };

	c.opt.direction = FAX_RECEIVE;
	return call_main(&c, argc, argv);
}
