// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * faxtool: the command line of the fax server's low-level parts.
 * faxtool [--json] [-q] VERB [ARGS]; see faxtool(1).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "faxtool.h"

struct verb {
	const char *name;
	int (*fn)(struct faxtool *t, int argc, char **argv);
	const char *help;
};

static const struct verb verbs[] = {
	{ "check", verb_check, "FILE...            validate TIFF documents" },
	{ "normalise", verb_normalise, "[--fine|--standard] IN OUT  make a TIFF fax-shaped" },
	{ "selftest", verb_selftest, "[OPTIONS] FILE   send FILE over an in-process loopback line" },
	{ "lines", verb_lines, "[set LINE dsp=LIST ec-tail=MS]  the kernel's fax cards and lines" },
	{ "monitor", verb_monitor, "[--count N] [--timeout S]  kernel line events, live" },
	{ "send", verb_send, "[-l LINE] [OPTIONS] FILE NUMBER...  fax through the server (on a kernel line with -l)" },
	{ "receive", verb_receive, "-l LINE [OPTIONS] FILE  wait for a call and receive it" },
	{ "info", verb_info, "                   the fax server: name, version, activity, your rights" },
	{ "providers", verb_providers, "              device providers and their status" },
	{ "devices", verb_devices, "[show [DEV]] | set DEV KEY=VALUE...  fax devices" },
	{ "security", verb_security, "[show] | set ENTRY...  the security descriptor" },
	{ "events", verb_events, "[--mask LIST] [--count N] [--timeout S]  server events" },
	{ "submit", verb_submit, "[OPTIONS] FILE NUMBER...  fax through the server (as send without -l)" },
	{ "watch", verb_watch, "[--count N] [--timeout S] [ID]  jobs and messages as they change" },
	{ "jobs", verb_jobs, "                   the outgoing queue" },
	{ "job", verb_job, "pause|resume|restart|cancel|show ID  one job" },
	{ "inbox", verb_jobs, "                  the incoming archive" },
	{ "outbox", verb_jobs, "                 the outgoing archive" },
	{ "get", verb_get, "ID -o FILE            the TIFF of a job or message" },
	{ "rm", verb_get, "ID                     delete an archived message" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: faxtool [--json] [-q] [-H SERVER] VERB [ARGS]\n\nverbs:\n");
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		fprintf(f, "  %-9s %s\n", verbs[i].name, verbs[i].help);
	fprintf(f, "\nexit codes: 0 ok, 1 failure, 2 usage, 3 fax failed, 4 bad document,\n  5 no call (busy, no answer), 6 access denied, 7 no such object, 8 server not running,\n  9 job cancelled, 124 timeout, 130 interrupted\n");
}

/* The verb sharing the longest prefix with @name, for "did you mean". */
static const char *closest(const char *name)
{
	const char *best = NULL;
	size_t best_len = 0;

	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		size_t n = 0;

		while (name[n] && name[n] == verbs[i].name[n])
			n++;
		if (n > best_len) {
			best_len = n;
			best = verbs[i].name;
		}
	}
	return best;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "host", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{}
	};
	struct faxtool t = { .progress_tty = isatty(2) };
	const char *hint;
	int c;

	while ((c = getopt_long(argc, argv, "+jqhH:", opts, NULL)) != -1) {
		switch (c) {
		case 'j': t.json = true; break;
		case 'q': t.quiet = true; break;
		case 'H': t.server = optarg; break;
		case 'h': usage(stdout); return EXIT_OK;
		case 'V': puts("faxtool " FAX_VERSION); return EXIT_OK;
		default: usage(stderr); return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (!strcmp(argv[optind], verbs[i].name))
			return verbs[i].fn(&t, argc - optind, argv + optind);
	hint = closest(argv[optind]);
	if (hint)
		return err_exit(EXIT_USAGE, "unknown verb '%s', did you mean '%s'?", argv[optind], hint);
	return err_exit(EXIT_USAGE, "unknown verb '%s' (try --help)", argv[optind]);
}
