// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * faxcore as a module: it is live after vmtest loaded it, reports the
 * version it was built as, and unloads and loads again cleanly.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kselftest_harness.h"

static int read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	int ok;

	if (!f)
		return -1;
	ok = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	if (!ok)
		return -1;
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int module_path(char *buf, size_t len)
{
	const char *build = getenv("FAXVM_BUILD");
	const char *kver = getenv("FAXVM_KERNEL");

	if (!build || !kver)
		return -1;
	snprintf(buf, len, "%s/kmod/%s/kmod/core/faxcore.ko", build, kver);
	return access(buf, R_OK);
}

static bool module_present(void)
{
	struct stat st;

	return stat("/sys/module/faxcore", &st) == 0;
}

TEST(faxcore_is_live)
{
	char state[32];

	ASSERT_EQ(0, read_line("/sys/module/faxcore/initstate", state, sizeof(state)));
	EXPECT_STREQ("live", state);
}

TEST(faxcore_reports_its_build_version)
{
	char version[64];

	ASSERT_EQ(0, read_line("/sys/module/faxcore/version", version, sizeof(version)));
	EXPECT_STREQ(FAX_VERSION, version);
}

TEST(faxcore_unloads_and_loads_again)
{
	char path[PATH_MAX];
	int fd;

	if (module_path(path, sizeof(path)))
		SKIP(return, "not in a vmtest guest (FAXVM_BUILD/FAXVM_KERNEL unset)");

	ASSERT_EQ(0, syscall(SYS_delete_module, "faxcore", O_NONBLOCK));
	EXPECT_FALSE(module_present());

	fd = open(path, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, syscall(SYS_finit_module, fd, "", 0));
	close(fd);
	EXPECT_TRUE(module_present());
}

TEST(faxcore_refuses_a_second_load)
{
	char path[PATH_MAX];
	int fd, ret;

	if (module_path(path, sizeof(path)))
		SKIP(return, "not in a vmtest guest (FAXVM_BUILD/FAXVM_KERNEL unset)");

	fd = open(path, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ret = syscall(SYS_finit_module, fd, "", 0);
	close(fd);
	EXPECT_EQ(-1, ret);
	EXPECT_EQ(EEXIST, errno);
}

TEST_HARNESS_MAIN
