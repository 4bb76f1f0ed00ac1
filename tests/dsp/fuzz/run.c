// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Runs every DSP fuzz target (built by clang beside this program in the
 * native variant) for a bounded time with an empty corpus: a short,
 * repeatable smoke of what libFuzzer finds in seconds.  Each run's log is
 * kept in $(B)/fuzz/log/, a crash input in $(B)/fuzz/crash-*.
 *
 * FAX_FUZZ_SECONDS sets the time per target (default 4); in the sanitised
 * variant of this runner each target only does 500 runs, since the
 * targets are the same binaries either way.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANITISED 1
#else
#define SANITISED 0
#endif

/* $(B), from where this program lives: $(B)/<variant>/bin/. */
static int build_dir(char *out, size_t len)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n < 0)
		return -errno;
	exe[n] = '\0';
	snprintf(out, len, "%s/../..", dirname(exe));
	return 0;
}

/* The last line of the log that holds what, for the TAP output. */
static void show(const char *log, const char *what)
{
	char line[512], last[512] = "";
	FILE *f = fopen(log, "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, what))
			snprintf(last, sizeof(last), "%s", line);
	fclose(f);
	if (*last)
		printf("# %s", last);
}

/* 0 if the target ran clean, its wait status otherwise; -1 if missing. */
static int fuzz(const char *name)
{
	char b[PATH_MAX], bin[PATH_MAX + 64], log[PATH_MAX + 64];
	char budget[64], crash[PATH_MAX + 64];
	const char *secs = getenv("FAX_FUZZ_SECONDS");
	int status, fd;
	pid_t pid;

	if (build_dir(b, sizeof(b)))
		return -1;
	snprintf(bin, sizeof(bin), "%s/native/bin/dsp_fuzz_%s", b, name);
	if (access(bin, X_OK))
		return -1;
	snprintf(log, sizeof(log), "%s/fuzz/log", b);
	mkdir(log, 0755);
	snprintf(log, sizeof(log), "%s/fuzz/log/%s.log", b, name);
	snprintf(crash, sizeof(crash), "-artifact_prefix=%s/fuzz/crash-%s-",
		 b, name);
	if (SANITISED)
		snprintf(budget, sizeof(budget), "-runs=500");
	else
		snprintf(budget, sizeof(budget), "-max_total_time=%s",
			 secs ? secs : "4");
	printf("# %s %s\n", bin, budget);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			_exit(127);
		dup2(fd, 1);
		dup2(fd, 2);
		execl(bin, bin, budget, "-max_len=16384", "-timeout=20",
		      "-rss_limit_mb=2048", "-print_final_stats=1", crash,
		      (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	show(log, "stat::number_of_executed_units");
	show(log, "DONE");
	if (status)
		printf("# failed: see %s\n", log);
	return status;
}

#define FUZZ_TEST(name)							\
TEST(fuzz_##name)							\
{									\
	int r = fuzz(#name);						\
									\
	if (r < 0)							\
		SKIP(return, "dsp_fuzz_" #name " not built (needs clang)"); \
	EXPECT_EQ(0, r);						\
}

FUZZ_TEST(g711)
FUZZ_TEST(dtmf_rx)
FUZZ_TEST(faxtone_rx)
FUZZ_TEST(v21pre_rx)
FUZZ_TEST(cpt_rx)
FUZZ_TEST(echo)
FUZZ_TEST(tonegen)

TEST_HARNESS_MAIN
