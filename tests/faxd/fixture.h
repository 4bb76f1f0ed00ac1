/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The fixture most faxd tests share: a private bus and faxd with the
 * default test configuration. Include after harness.h and env.h.
 */
#ifndef TESTS_FAXD_FIXTURE_H
#define TESTS_FAXD_FIXTURE_H

FIXTURE(server) {
	struct faxd_env env;
};

FIXTURE_SETUP(server)
{
	ASSERT_EQ(0, env_start(&self->env, NULL));
}

FIXTURE_TEARDOWN(server)
{
	env_stop(&self->env);
}

#endif /* TESTS_FAXD_FIXTURE_H */
