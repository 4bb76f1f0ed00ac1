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
#include "../lib/faxsim.h"

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
	return faxsim_module_path(buf, len, "core/faxcore.ko");
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

TEST(faxcore_is_held_by_its_card_drivers)
{
	struct stat st;

	if (stat("/sys/module/fax_sim", &st))
		SKIP(return, "fax_sim is not loaded");
	EXPECT_EQ(-1, syscall(SYS_delete_module, "faxcore", O_NONBLOCK));
	EXPECT_EQ(EWOULDBLOCK, errno);
	EXPECT_TRUE(module_present());
}

TEST(faxcore_unloads_and_loads_again)
{
	char path[PATH_MAX], sim[PATH_MAX];
	struct stat st;
	bool had_sim = stat("/sys/module/fax_sim", &st) == 0;

	if (module_path(path, sizeof(path)) ||
	    faxsim_module_path(sim, sizeof(sim), "sim/fax_sim.ko"))
		SKIP(return, "not in a vmtest guest (FAXVM_BUILD/FAXVM_KERNEL unset)");

	if (had_sim)
		ASSERT_EQ(0, syscall(SYS_delete_module, "fax_sim", O_NONBLOCK));
	ASSERT_EQ(0, syscall(SYS_delete_module, "faxcore", O_NONBLOCK));
	EXPECT_FALSE(module_present());

	ASSERT_EQ(0, faxsim_load_module(path));
	EXPECT_TRUE(module_present());
	if (had_sim)
		ASSERT_EQ(0, faxsim_load_module(sim));
}

TEST(faxcore_refuses_a_second_load)
{
	char path[PATH_MAX];
	int ret;

	if (module_path(path, sizeof(path)))
		SKIP(return, "not in a vmtest guest (FAXVM_BUILD/FAXVM_KERNEL unset)");

	ret = faxsim_load_module(path);
	EXPECT_EQ(-1, ret);
	EXPECT_EQ(EEXIST, errno);
}

TEST_HARNESS_MAIN
