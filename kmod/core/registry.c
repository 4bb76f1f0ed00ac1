// SPDX-License-Identifier: GPL-2.0-only
/*
 * The card registry: allocation, registration and removal of cards and
 * their lines, card ids, and the generation counter netlink dumps use to
 * detect changes.
 *
 * Locking: fax_registry_lock (mutex) protects fax_cards, card->listed,
 * the card id allocator and fax_generation; it is taken before any
 * card->lock. Card memory is reference counted (card->ref): the driver
 * holds one reference from fax_card_alloc() to fax_card_put(), and every
 * line holds one until its device is released.
 */
#include <linux/export.h>
#include <linux/idr.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "faxcore.h"

DEFINE_MUTEX(fax_registry_lock);	/* see the top of this file */
LIST_HEAD(fax_cards);
u32 fax_generation = 1;
static DEFINE_IDA(fax_card_ida);

static void fax_card_release(struct kref *ref)
{
	kfree(container_of(ref, struct fax_card, ref));
}

void fax_card_get_ref(struct fax_card *card)
{
	kref_get(&card->ref);
}

void fax_card_put_ref(struct fax_card *card)
{
	kref_put(&card->ref, fax_card_release);
}

static bool fax_card_info_valid(const struct fax_card_info *info)
{
	const struct fax_card_ops *ops = info->ops;

	return ops && ops->start && ops->stop && ops->hook && info->driver &&
	       strlen(info->driver) < FAX_NAME_MAX && info->nlines &&
	       info->nlines <= FAX_MAX_LINES_PER_CARD &&
	       info->format <= FAX_CARD_ULAW &&
	       !(info->caps & ~(FAX_CAP_DIAL | FAX_CAP_ANSWER |
				FAX_CAP_LINE_MODEL));
}

/* Drop the references the card holds on its lines (never registered). */
static void fax_card_put_lines(struct fax_card *card, unsigned int n)
{
	while (n--)
		put_device(&card->lines[n]->dev);
}

struct fax_card *fax_card_alloc(struct device *parent,
				const struct fax_card_info *info)
{
	struct fax_card *card;
	size_t size;
	unsigned int i;

	if (!fax_card_info_valid(info))
		return ERR_PTR(-EINVAL);
	size = struct_size(card, lines, info->nlines);
	card = kzalloc(size_add(size, info->priv_size), GFP_KERNEL);
	if (!card)
		return ERR_PTR(-ENOMEM);
	kref_init(&card->ref);
	mutex_init(&card->lock);
	INIT_LIST_HEAD(&card->node);
	card->parent = parent;
	card->ops = info->ops;
	strscpy(card->driver, info->driver, sizeof(card->driver));
	card->format = info->format;
	fdsp_g711_codec_init(&card->codec, info->format == FAX_CARD_ULAW ?
			     FDSP_G711_ULAW : FDSP_G711_ALAW, info->lsb_first);
	card->caps = info->caps;
	card->nlines = info->nlines;
	card->priv = (u8 *)card + size;

	for (i = 0; i < card->nlines; i++) {
		card->lines[i] = fax_line_create(card, i);
		if (!card->lines[i])
			goto err_lines;
	}
	return card;

err_lines:
	fax_card_put_lines(card, i);
	fax_card_put_ref(card);
	return ERR_PTR(-ENOMEM);
}
EXPORT_SYMBOL_GPL(fax_card_alloc);

/* The driver's last use of a card, registered or not. */
void fax_card_put(struct fax_card *card)
{
	fax_card_put_lines(card, card->nlines);
	fax_card_put_ref(card);
}
EXPORT_SYMBOL_GPL(fax_card_put);

int fax_card_register(struct fax_card *card)
{
	unsigned int i;
	int id, ret;

	mutex_lock(&fax_registry_lock);
	id = ida_alloc(&fax_card_ida, GFP_KERNEL);
	if (id < 0) {
		ret = id;
		goto err_unlock;
	}
	card->id = id;
	for (i = 0; i < card->nlines; i++) {
		ret = fax_line_add(card->lines[i]);
		if (ret)
			goto err_lines;
	}

	mutex_lock(&card->lock);
	card->live = true;
	ret = card->ops->start(card);
	if (ret)
		card->live = false;
	mutex_unlock(&card->lock);
	if (ret)
		goto err_lines;

	list_add_tail(&card->node, &fax_cards);
	card->listed = true;
	fax_generation++;
	mutex_unlock(&fax_registry_lock);
	fax_nl_card_notify(card, FAX_CMD_CARD_NEW);
	return 0;

err_lines:
	while (i--)
		fax_line_kill(card->lines[i]);
	ida_free(&fax_card_ida, id);
err_unlock:
	mutex_unlock(&fax_registry_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(fax_card_register);

/*
 * Remove a card: stop its clock, make its lines dead for open files and
 * remove their devices, then unlist it. After this returns the core never
 * calls the driver again; the driver then drops its reference with
 * fax_card_put(). Open files keep the lines' memory until closed.
 */
void fax_card_unregister(struct fax_card *card)
{
	unsigned int i;

	mutex_lock(&card->lock);
	if (card->live) {
		card->live = false;
		card->ops->stop(card);
	}
	mutex_unlock(&card->lock);

	for (i = 0; i < card->nlines; i++)
		fax_line_kill(card->lines[i]);

	mutex_lock(&fax_registry_lock);
	list_del_init(&card->node);
	card->listed = false;
	fax_generation++;
	mutex_unlock(&fax_registry_lock);

	fax_nl_card_notify(card, FAX_CMD_CARD_DEL);
	ida_free(&fax_card_ida, card->id);
}
EXPORT_SYMBOL_GPL(fax_card_unregister);

void *fax_card_priv(struct fax_card *card)
{
	return card->priv;
}
EXPORT_SYMBOL_GPL(fax_card_priv);

u32 fax_card_id(const struct fax_card *card)
{
	return card->id;
}
EXPORT_SYMBOL_GPL(fax_card_id);

struct fax_line *fax_card_line(struct fax_card *card, unsigned int index)
{
	return index < card->nlines ? card->lines[index] : NULL;
}
EXPORT_SYMBOL_GPL(fax_card_line);

/* A line of a registered card, with a device reference; NULL if none. */
struct fax_line *fax_line_get_by_id(u32 card_id, u32 index)
{
	struct fax_line *line = NULL;
	struct fax_card *card;

	mutex_lock(&fax_registry_lock);
	list_for_each_entry(card, &fax_cards, node) {
		if (card->id == card_id && index < card->nlines) {
			line = card->lines[index];
			get_device(&line->dev);
			break;
		}
	}
	mutex_unlock(&fax_registry_lock);
	return line;
}
