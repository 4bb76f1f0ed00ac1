// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The family's "events" multicast group on a socket of its own: requests
 * on another socket never see a notification, and notifications carry no
 * sequence number of ours (the check is off). One datagram may hold
 * several messages, so parsed notifications wait in a small queue.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <linux/fax.h>
#include <linux/fax_netlink.h>

#include "kernel-internal.h"

#define MON_BUFFER	(256 * 1024)	/* bursts of line events */
#define MON_MSG_BUFFER	32768
#define MON_QUEUE	64

struct fax_kernel_monitor {
	struct nl_sock *sk;
	struct fax_kernel_notification q[MON_QUEUE];
	unsigned int head, tail;	/* free-running */
	int family;
};

static int on_notification(struct nl_msg *msg, void *arg)
{
	struct fax_kernel_monitor *m = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct fax_kernel_notification n;

	/* The controller family shares nothing with us: skip strangers. */
	if (nlh->nlmsg_type != m->family || fax_kernel_parse(nlh, &n) < 0)
		return NL_SKIP;
	if (m->tail - m->head == MON_QUEUE)
		return NL_STOP;	/* full: the rest waits in the socket */
	m->q[m->tail++ % MON_QUEUE] = n;
	return NL_OK;
}

int fax_kernel_monitor_new(fax_kernel_monitor_t **ret, fax_error_t *err)
{
	struct fax_kernel_monitor *m;
	int grp, r;

	if (!ret)
		return fax_error_set(err, -EINVAL, "fax_kernel_monitor_new needs a result pointer");
	m = calloc(1, sizeof(*m));
	if (!m)
		return fax_error_set(err, -ENOMEM, "out of memory");
	m->sk = nl_socket_alloc();
	if (!m->sk) {
		r = fax_error_set(err, -ENOMEM, "out of memory");
		goto fail;
	}
	r = genl_connect(m->sk);
	if (r < 0) {
		r = fax_error_set(err, fax_kernel_nlerr(r),
				  "cannot open a generic netlink socket: %s", nl_geterror(r));
		goto fail;
	}
	m->family = genl_ctrl_resolve(m->sk, FAX_GENL_NAME);
	grp = genl_ctrl_resolve_grp(m->sk, FAX_GENL_NAME, FAX_MCGRP_EVENTS);
	if (m->family < 0 || grp < 0) {
		r = fax_error_set(err, -ENOENT,
				  "the \"%s\" netlink family or its \"%s\" group is not there (is faxcore loaded?)",
				  FAX_GENL_NAME, FAX_MCGRP_EVENTS);
		goto fail;
	}
	nl_socket_disable_seq_check(m->sk);
	nl_socket_set_buffer_size(m->sk, MON_BUFFER, 0);
	nl_socket_set_msg_buf_size(m->sk, MON_MSG_BUFFER);
	nl_socket_enable_msg_peek(m->sk);
	nl_socket_modify_cb(m->sk, NL_CB_VALID, NL_CB_CUSTOM, on_notification, m);
	r = nl_socket_add_membership(m->sk, grp);
	if (r < 0) {
		r = fax_kernel_nlerr(r);
		r = fax_error_set(err, r, "cannot join the fax events group: %s%s", strerror(-r),
				  r == -EPERM || r == -EACCES ? " (it needs CAP_NET_ADMIN)" : "");
		goto fail;
	}
	r = nl_socket_set_nonblocking(m->sk);
	if (r < 0) {
		r = fax_error_set(err, fax_kernel_nlerr(r), "cannot make the socket non-blocking");
		goto fail;
	}
	*ret = m;
	return 0;
fail:
	fax_kernel_monitor_free(m);
	return r;
}

void fax_kernel_monitor_free(fax_kernel_monitor_t *m)
{
	if (!m)
		return;
	nl_socket_free(m->sk);
	free(m);
}

int fax_kernel_monitor_get_fd(fax_kernel_monitor_t *m)
{
	return m ? nl_socket_get_fd(m->sk) : -EINVAL;
}

int fax_kernel_monitor_next(fax_kernel_monitor_t *m, struct fax_kernel_notification *n)
{
	int r;

	if (!m || !n)
		return -EINVAL;
	while (m->head == m->tail) {
		r = nl_recvmsgs_default(m->sk);
		if (r == -NLE_AGAIN)
			return 0;
		/* recvmsg()'s ENOBUFS: the kernel dropped notifications. */
		if (r == -NLE_NOMEM)
			return -ENOBUFS;
		if (r < 0)
			return fax_kernel_nlerr(r);
		if (m->head == m->tail)
			return 0;
	}
	*n = m->q[m->head++ % MON_QUEUE];
	return 1;
}
