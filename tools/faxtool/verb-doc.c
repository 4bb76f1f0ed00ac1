// SPDX-License-Identifier: GPL-2.0-or-later
/* faxtool check / normalise: documents before they are faxed. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "faxtool.h"

/*
 * A failure to write the output (disk full, no permission) is not the
 * input document's fault: scripts must be able to tell the two apart.
 */
static int normalise_exit_code(int r)
{
	switch (r) {
	case -EINVAL:
		return EXIT_USAGE;
	case -EIO: case -ENOSPC: case -EDQUOT: case -EACCES: case -EPERM:
	case -EROFS: case -EFBIG: case -ENOMEM:
		return EXIT_FAILURE_GENERIC;
	default:
		return EXIT_BAD_DOCUMENT;
	}
}

int verb_check(struct faxtool *t, int argc, char **argv)
{
	int worst = EXIT_OK;

	if (argc < 2)
		return err_exit(EXIT_USAGE, "check: which file(s)?");
	for (int i = 1; i < argc; i++) {
		struct fax_document_info info;
		fax_error_t err = { 0 };
		int r = fax_document_check(argv[i], &info, &err);

		if (t->json) {
			json_object *o = json_object_new_object();

			json_object_object_add(o, "file", json_object_new_string(argv[i]));
			json_object_object_add(o, "valid", json_object_new_boolean(r == 0));
			if (r < 0) {
				json_object_object_add(o, "error", json_object_new_string(err.message));
			} else {
				json_object_object_add(o, "pages", json_object_new_int((int)info.pages));
				json_object_object_add(o, "fax_ready",
						       json_object_new_boolean(info.fax_ready));
				json_object_object_add(o, "width", json_object_new_int((int)info.width));
				json_object_object_add(o, "length", json_object_new_int((int)info.length));
				json_object_object_add(o, "x_dpi", json_object_new_int((int)info.x_dpi));
				json_object_object_add(o, "y_dpi", json_object_new_int((int)info.y_dpi));
			}
			out_json(o);
		} else if (r < 0) {
			fprintf(stderr, "faxtool: %s\n", err.message);
		} else {
			printf("%s: %u page(s), first page %ux%u at %ux%u dpi, %s\n", argv[i],
			       info.pages, info.width, info.length, info.x_dpi, info.y_dpi,
			       info.fax_ready ? "ready to fax" : "needs normalising");
		}
		if (r < 0)
			worst = EXIT_BAD_DOCUMENT;
	}
	return worst;
}

int verb_normalise(struct faxtool *t, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "fine", no_argument, NULL, 'f' },
		{ "standard", no_argument, NULL, 's' },
		{ "dpi", required_argument, NULL, 'd' },
		{}
	};
	struct fax_normalise_options no = { .size = sizeof(no), .fine = -1 };
	fax_error_t err = { 0 };
	int c, r;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+fsd:", opts, NULL)) != -1) {
		switch (c) {
		case 'f': no.fine = 1; break;
		case 's': no.fine = 0; break;
		case 'd': no.default_dpi = (uint32_t)strtoul(optarg, NULL, 10); break;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 2)
		return err_exit(EXIT_USAGE, "normalise: give an input and an output file");
	r = fax_document_normalise(argv[optind], argv[optind + 1], &no, &err);
	if (r < 0)
		return err_exit(normalise_exit_code(r), "%s", err.message);
	if (t->json) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "file", json_object_new_string(argv[optind + 1]));
		json_object_object_add(o, "pages", json_object_new_int(r));
		out_json(o);
	} else {
		printf("%s: %d page(s) written\n", argv[optind + 1], r);
	}
	return EXIT_OK;
}
