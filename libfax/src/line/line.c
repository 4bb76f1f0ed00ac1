// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The line object: a thin, checked dispatch onto a backend's ops table.
 * Argument checks live here once, so backends can trust their inputs.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <fax/line.h>

struct fax_line {
	const struct fax_line_ops *ops;
	void *priv;
};

int fax_line_new(const struct fax_line_ops *ops, void *priv, fax_line_t **ret)
{
	fax_line_t *line;

	if (!ops || !ret || !ops->kind || !ops->set_hook || !ops->dial ||
	    !ops->read || !ops->write || !ops->tx_fill || !ops->next_event ||
	    !ops->get_fd || !ops->get_state || !ops->get_clock ||
	    !ops->get_stats || !ops->get_name || !ops->destroy)
		return -EINVAL;
	line = calloc(1, sizeof(*line));
	if (!line)
		return -ENOMEM;
	line->ops = ops;
	line->priv = priv;
	*ret = line;
	return 0;
}

void fax_line_free(fax_line_t *line)
{
	if (!line)
		return;
	line->ops->destroy(line->priv);
	free(line);
}

int fax_line_offhook(fax_line_t *line)
{
	if (!line)
		return -EINVAL;
	return line->ops->set_hook(line->priv, true);
}

int fax_line_dial(fax_line_t *line, const char *number)
{
	size_t len;

	if (!line || !number)
		return -EINVAL;
	len = strlen(number);
	if (len == 0 || len > FAX_LINE_NUMBER_MAX ||
	    strspn(number, "0123456789*#,+") != len)
		return -EINVAL;
	return line->ops->dial(line->priv, number);
}

int fax_line_answer(fax_line_t *line)
{
	if (!line)
		return -EINVAL;
	if (line->ops->get_state(line->priv) != FAX_LINE_RINGING)
		return -ENOTCONN;
	return line->ops->set_hook(line->priv, true);
}

int fax_line_hangup(fax_line_t *line)
{
	if (!line)
		return -EINVAL;
	return line->ops->set_hook(line->priv, false);
}

ssize_t fax_line_read(fax_line_t *line, int16_t *buf, size_t max)
{
	if (!line || (!buf && max))
		return -EINVAL;
	return line->ops->read(line->priv, buf, max);
}

ssize_t fax_line_write(fax_line_t *line, const int16_t *buf, size_t n)
{
	if (!line || (!buf && n))
		return -EINVAL;
	return line->ops->write(line->priv, buf, n);
}

int fax_line_tx_fill(fax_line_t *line)
{
	if (!line)
		return -EINVAL;
	return line->ops->tx_fill(line->priv);
}

int fax_line_next_event(fax_line_t *line, struct fax_line_event *ev)
{
	if (!line || !ev)
		return -EINVAL;
	return line->ops->next_event(line->priv, ev);
}

int fax_line_get_fd(fax_line_t *line)
{
	if (!line)
		return -EINVAL;
	return line->ops->get_fd(line->priv);
}

enum fax_line_state fax_line_get_state(fax_line_t *line)
{
	if (!line)
		return FAX_LINE_ONHOOK;
	return line->ops->get_state(line->priv);
}

uint64_t fax_line_get_clock(fax_line_t *line)
{
	if (!line)
		return 0;
	return line->ops->get_clock(line->priv);
}

int fax_line_get_stats(fax_line_t *line, struct fax_line_stats *st)
{
	if (!line || !st)
		return -EINVAL;
	memset(st, 0, sizeof(*st));
	return line->ops->get_stats(line->priv, st);
}

const char *fax_line_get_name(fax_line_t *line)
{
	return line ? line->ops->get_name(line->priv) : "?";
}

const char *fax_line_get_kind(fax_line_t *line)
{
	return line ? line->ops->kind : "?";
}

static const char *const state_names[] = {
	[FAX_LINE_ONHOOK] = "onhook",
	[FAX_LINE_OFFHOOK] = "offhook",
	[FAX_LINE_ALERTING] = "alerting",
	[FAX_LINE_RINGING] = "ringing",
	[FAX_LINE_CONNECTED] = "connected",
	[FAX_LINE_FAR_HUNGUP] = "far-hungup",
};

static const char *const event_names[] = {
	[FAX_LINE_EV_NONE] = "none",
	[FAX_LINE_EV_RING] = "ring",
	[FAX_LINE_EV_RING_END] = "ring-end",
	[FAX_LINE_EV_ALERTING] = "alerting",
	[FAX_LINE_EV_UNREACHABLE] = "unreachable",
	[FAX_LINE_EV_BUSY] = "busy",
	[FAX_LINE_EV_CONNECTED] = "connected",
	[FAX_LINE_EV_FAR_HANGUP] = "far-hangup",
};

const char *fax_line_state_name(int state)
{
	if (state < 0 || (size_t)state >= sizeof(state_names) / sizeof(state_names[0]))
		return "?";
	return state_names[state];
}

const char *fax_line_event_name(int type)
{
	if (type < 0 || (size_t)type >= sizeof(event_names) / sizeof(event_names[0]))
		return "?";
	return event_names[type];
}
