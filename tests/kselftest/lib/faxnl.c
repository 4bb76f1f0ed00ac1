// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Netlink helpers of the kernel tests (see faxnl.h).
 */
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <linux/fax.h>
#include <linux/fax_netlink.h>

#include "faxnl.h"

int faxnl_set_model(uint32_t card, uint32_t index, const struct faxnl_model *m)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_msg *msg = NULL;
	struct nlattr *nest;
	int family, err;

	if (!sk)
		return -NLE_NOMEM;
	err = genl_connect(sk);
	if (err)
		goto out;
	family = genl_ctrl_resolve(sk, FAX_GENL_NAME);
	err = family;
	if (family < 0)
		goto out;
	msg = nlmsg_alloc();
	err = -NLE_NOMEM;
	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, 0,
				 FAX_CMD_LINE_SET, 1))
		goto out;
	nla_put_u32(msg, FAX_A_LINE_CARD_ID, card);
	nla_put_u32(msg, FAX_A_LINE_INDEX, index);
	nest = nla_nest_start(msg, FAX_A_LINE_MODEL);
	nla_put_u32(msg, FAX_A_MODEL_DELAY_MS, m->delay_ms);
	nla_put_u32(msg, FAX_A_MODEL_LOSS_DB, m->loss_db);
	nla_put_u32(msg, FAX_A_MODEL_ECHO_LOSS_DB, m->echo_loss_db);
	nla_put_u32(msg, FAX_A_MODEL_ECHO_DELAY_MS, m->echo_delay_ms);
	nla_put_u32(msg, FAX_A_MODEL_NOISE_DB, m->noise_db);
	nla_nest_end(msg, nest);
	err = nl_send_sync(sk, msg);	/* frees msg */
	msg = NULL;
out:
	nlmsg_free(msg);
	nl_socket_free(sk);
	return err;
}
