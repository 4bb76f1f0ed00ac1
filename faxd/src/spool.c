// SPDX-License-Identifier: GPL-2.0-or-later
/* The spool of TIFF files; see spool.h. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fax/fax.h>

#include "job.h"
#include "log.h"
#include "manager.h"
#include "spool.h"

#define SPOOL_MAX_INPUT (256LL << 20)

char *spool_path(struct manager *m, const char *name)
{
	char *p;

	return asprintf(&p, "%s/%s", m->spool_dir, name) < 0 ? NULL : p;
}

static int copy_fd(int in, int out, int64_t max)
{
	char buf[65536];
	off_t off = 0;

	for (;;) {
		ssize_t n = pread(in, buf, sizeof(buf), off);

		if (n < 0)
			return -errno;
		if (n == 0)
			return 0;
		if (off + n > max)
			return -EFBIG;
		for (ssize_t done = 0; done < n;) {
			ssize_t w = write(out, buf + done, (size_t)(n - done));

			if (w < 0)
				return -errno;
			done += w;
		}
		off += n;
	}
}

static int fsync_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int r = 0;

	if (fd < 0)
		return -errno;
	if (fsync(fd) < 0)
		r = -errno;
	close(fd);
	return r;
}

int spool_import(struct manager *m, int fd, char **ret, uint32_t *pages, int64_t *size,
		 char *msg, size_t msg_size)
{
	_cleanup_free_ char *id = NULL, *raw = NULL, *name = NULL, *out = NULL;
	fax_error_t err = { 0 };
	struct stat st;
	int tmp, r;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		snprintf(msg, msg_size, "the body must be a regular file (or memfd) open for reading");
		return -EINVAL;
	}
	r = job_new_id(&id);
	if (r < 0)
		return r;
	if (asprintf(&raw, "%s/.in-%s", m->spool_dir, id) < 0 ||
	    asprintf(&name, "sub-%s.tif", id) < 0 || !(out = spool_path(m, name)))
		return -ENOMEM;
	tmp = open(raw, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	if (tmp < 0)
		return -errno;
	r = copy_fd(fd, tmp, SPOOL_MAX_INPUT);
	close(tmp);
	if (r < 0) {
		unlink(raw);
		if (r == -EFBIG)
			snprintf(msg, msg_size, "the body is larger than %lld bytes", SPOOL_MAX_INPUT);
		else if (r == -ENOSPC)
			snprintf(msg, msg_size, "no space left in the spool");
		else
			snprintf(msg, msg_size, "cannot read the body: %s", strerror(-r));
		return r;
	}
	r = fax_document_normalise(raw, out, NULL, &err);
	unlink(raw);
	if (r == -ENOSPC) {
		unlink(out);
		snprintf(msg, msg_size, "no space left in the spool");
		return r;
	}
	if (r < 0) {
		unlink(out);
		snprintf(msg, msg_size, "the body cannot be faxed: %s",
			 *err.message ? err.message : strerror(-r));
		return r;
	}
	*pages = (uint32_t)r;
	r = fsync_path(out);
	if (r < 0 || stat(out, &st) < 0) {
		unlink(out);
		snprintf(msg, msg_size, "cannot store the body: %s", strerror(r < 0 ? -r : errno));
		return r < 0 ? r : -errno;
	}
	*size = st.st_size;
	*ret = name;
	name = NULL;
	return 0;
}

int spool_link(struct manager *m, const char *from, const char *to)
{
	_cleanup_free_ char *a = spool_path(m, from), *b = spool_path(m, to);

	if (!a || !b)
		return -ENOMEM;
	return link(a, b) < 0 ? -errno : 0;
}

int spool_sync(struct manager *m)
{
	return fsync_path(m->spool_dir);
}

void spool_remove(struct manager *m, const char *name)
{
	_cleanup_free_ char *p = spool_path(m, name);

	if (p && unlink(p) < 0 && errno != ENOENT)
		log_warning("spool: cannot remove %s: %m", p);
}

int spool_copy_to(struct manager *m, const char *name, int fd)
{
	_cleanup_free_ char *p = spool_path(m, name);
	int in, r;

	if (!p)
		return -ENOMEM;
	in = open(p, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -errno;
	r = copy_fd(in, fd, INT64_MAX);
	close(in);
	return r;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names sorted once and each file looked up: O(n log n) where
 * comparing every file with every name was O(n^2) at 100 000 records. */
int spool_reconcile(struct manager *m)
{
	char **names;
	size_t n = 0;
	DIR *d;
	struct dirent *e;
	unsigned int removed = 0;
	int r;

	r = store_job_tiffs(m->store, &names);
	if (r < 0)
		return r;
	while (names[n])
		n++;
	qsort(names, n, sizeof(*names), compare_names);
	d = opendir(m->spool_dir);
	if (!d) {
		r = -errno;
		goto out;
	}
	while ((e = readdir(d))) {
		const char *key = e->d_name;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (bsearch(&key, names, n, sizeof(*names), compare_names))
			continue;
		log_info("spool: removing %s, which no job or message names", e->d_name);
		if (unlinkat(dirfd(d), e->d_name, 0) == 0)
			removed++;
	}
	closedir(d);
	if (removed)
		spool_sync(m);
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return r;
}
