// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The parts of libfax's kernel backend that need no kernel: parsing the
 * fax family's messages (built here with libnl as the kernel would send
 * them), turning kernel events and states into those of fax/line.h,
 * reading line names, and the names given to kernel values.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "harness.h"
#include <linux/fax.h>
#include <linux/fax_netlink.h>
#include "../../libfax/src/line/kernel-internal.h"

#define FAMILY 0x1d

static struct nl_msg *msg_new(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, 0, 0, FAMILY, 0, 0, cmd, FAX_GENL_VERSION);
	return msg;
}

TEST(a_line_event_notification_is_parsed_whole)
{
	struct nl_msg *msg = msg_new(FAX_CMD_LINE_EVENT);
	struct fax_kernel_notification n;
	struct nlattr *nest;

	nla_put_u32(msg, FAX_A_LINE_CARD_ID, 7);
	nla_put_u32(msg, FAX_A_LINE_INDEX, 1);
	nla_put_u32(msg, FAX_A_LINE_MINOR, 12);
	nla_put_string(msg, FAX_A_LINE_NUMBER, "7001");
	nla_put_u32(msg, FAX_A_LINE_STATE, FAX_STATE_RINGING);
	nla_put_u32(msg, FAX_A_LINE_RX_GAIN, (uint32_t)-6);
	nla_put_u32(msg, FAX_A_LINE_BUFFER_MS, 300);
	nla_put_string(msg, FAX_A_LINE_CALLER, "+4930123");
	nest = nla_nest_start(msg, FAX_A_LINE_MODEL);
	nla_put_u32(msg, FAX_A_MODEL_DELAY_MS, 150);
	nla_put_u32(msg, FAX_A_MODEL_NOISE_DB, 50);
	nla_nest_end(msg, nest);
	nest = nla_nest_start(msg, FAX_A_LINE_STATS);
	nla_put_u64(msg, FAX_A_STATS_RX_SAMPLES, 1ULL << 40);
	nla_put_u64(msg, FAX_A_STATS_TX_UNDERRUNS, 3);
	nla_nest_end(msg, nest);
	nest = nla_nest_start(msg, FAX_A_LINE_EVENT);
	nla_put_u32(msg, FAX_A_EVENT_TYPE, FAX_EV_DIGIT);
	nla_put_u32(msg, FAX_A_EVENT_VALUE, '5');
	nla_put_u64(msg, FAX_A_EVENT_RX_POS, 123456);
	nla_put_u32(msg, FAX_A_EVENT_SEQ, 9);
	nla_nest_end(msg, nest);

	ASSERT_EQ(0, fax_kernel_parse(nlmsg_hdr(msg), &n));
	EXPECT_EQ(FAX_KERNEL_NTF_LINE_EVENT, n.kind);
	EXPECT_EQ(7, n.line.card);
	EXPECT_EQ(1, n.line.index);
	EXPECT_EQ(12, n.line.minor);
	EXPECT_STREQ("7001", n.line.number);
	EXPECT_EQ(FAX_STATE_RINGING, n.line.state);
	EXPECT_EQ(-6, n.line.rx_gain);
	EXPECT_EQ(300, n.line.buffer_ms);
	EXPECT_STREQ("+4930123", n.line.caller);
	EXPECT_TRUE(n.line.has_model);
	EXPECT_EQ(150, n.line.model.delay_ms);
	EXPECT_EQ(50, n.line.model.noise_db);
	EXPECT_TRUE(n.line.has_stats);
	EXPECT_EQ(1ULL << 40, n.line.stats.rx_samples);
	EXPECT_EQ(3, n.line.stats.tx_underruns);
	EXPECT_EQ(FAX_EV_DIGIT, n.event.type);
	EXPECT_EQ('5', n.event.value);
	EXPECT_EQ(123456, n.event.rx_pos);
	EXPECT_EQ(9, n.event.seq);
	nlmsg_free(msg);
}

TEST(card_messages_are_parsed_and_deletion_is_told_apart)
{
	struct nl_msg *msg = msg_new(FAX_CMD_CARD_DEL);
	struct fax_kernel_notification n;

	nla_put_u32(msg, FAX_A_CARD_ID, 4);
	nla_put_string(msg, FAX_A_CARD_DRIVER, "fax_sim");
	nla_put_u32(msg, FAX_A_CARD_LINES, 8);
	nla_put_u32(msg, FAX_A_CARD_GENERATION, 77);
	ASSERT_EQ(0, fax_kernel_parse(nlmsg_hdr(msg), &n));
	EXPECT_EQ(FAX_KERNEL_NTF_CARD_DEL, n.kind);
	EXPECT_EQ(4, n.card.id);
	EXPECT_STREQ("fax_sim", n.card.driver);
	EXPECT_EQ(8, n.card.lines);
	EXPECT_EQ(77, n.card.generation);
	nlmsg_free(msg);
}

TEST(malformed_messages_are_refused)
{
	struct fax_kernel_notification n;
	struct nlattr *nest;
	struct nl_msg *msg;

	/* A u8 where a u32 belongs. */
	msg = msg_new(FAX_CMD_CARD_GET);
	nla_put_u8(msg, FAX_A_CARD_ID, 1);
	EXPECT_EQ(-EBADMSG, fax_kernel_parse(nlmsg_hdr(msg), &n));
	nlmsg_free(msg);
	/* A line without its card. */
	msg = msg_new(FAX_CMD_LINE_GET);
	nla_put_u32(msg, FAX_A_LINE_INDEX, 0);
	EXPECT_EQ(-EBADMSG, fax_kernel_parse(nlmsg_hdr(msg), &n));
	nlmsg_free(msg);
	/* An event without a type. */
	msg = msg_new(FAX_CMD_LINE_EVENT);
	nla_put_u32(msg, FAX_A_LINE_CARD_ID, 1);
	nla_put_u32(msg, FAX_A_LINE_INDEX, 0);
	nest = nla_nest_start(msg, FAX_A_LINE_EVENT);
	nla_put_u32(msg, FAX_A_EVENT_VALUE, 1);
	nla_nest_end(msg, nest);
	EXPECT_EQ(-EBADMSG, fax_kernel_parse(nlmsg_hdr(msg), &n));
	nlmsg_free(msg);
	/* A command the family does not send. */
	msg = msg_new(FAX_CMD_LINE_SET);
	nla_put_u32(msg, FAX_A_LINE_CARD_ID, 1);
	EXPECT_EQ(-EBADMSG, fax_kernel_parse(nlmsg_hdr(msg), &n));
	nlmsg_free(msg);
}

static int map(struct fax_kernel_map *m, uint32_t type, uint32_t value,
	       struct fax_line_event *ev)
{
	struct fax_kernel_event kev = { .type = type, .value = value, .rx_pos = 4242 };

	return fax_kernel_map_event(m, &kev, ev);
}

TEST(rings_count_and_an_abandoned_call_ends_the_ringing)
{
	struct fax_kernel_map m = { 0 };
	struct fax_line_event ev;

	ASSERT_EQ(1, map(&m, FAX_EV_RING_START, 0, &ev));
	EXPECT_EQ(FAX_LINE_EV_RING, ev.type);
	EXPECT_EQ(1, ev.rings);
	EXPECT_EQ(4242, ev.time);
	EXPECT_EQ(0, map(&m, FAX_EV_RING_STOP, 0, &ev));
	ASSERT_EQ(1, map(&m, FAX_EV_RING_START, 0, &ev));
	EXPECT_EQ(2, ev.rings);
	ASSERT_EQ(1, map(&m, FAX_EV_REMOTE_HANGUP, 0, &ev));
	EXPECT_EQ(FAX_LINE_EV_RING_END, ev.type);
	/* The next call counts from one again. */
	ASSERT_EQ(1, map(&m, FAX_EV_RING_START, 0, &ev));
	EXPECT_EQ(1, ev.rings);
}

TEST(an_answered_call_ends_with_a_far_hangup)
{
	struct fax_kernel_map m = { 0 };
	struct fax_line_event ev;

	map(&m, FAX_EV_RING_START, 0, &ev);
	ASSERT_EQ(1, map(&m, FAX_EV_ANSWERED, 0, &ev));
	EXPECT_EQ(FAX_LINE_EV_CONNECTED, ev.type);
	ASSERT_EQ(1, map(&m, FAX_EV_REMOTE_HANGUP, 0, &ev));
	EXPECT_EQ(FAX_LINE_EV_FAR_HANGUP, ev.type);
}

TEST(call_progress_maps_and_bookkeeping_stays_inside)
{
	struct fax_kernel_map m = { 0 };
	struct fax_line_event ev;

	ASSERT_EQ(1, map(&m, FAX_EV_RINGBACK, 0, &ev));
	EXPECT_EQ(FAX_LINE_EV_ALERTING, ev.type);
	ASSERT_EQ(1, map(&m, FAX_EV_BUSY, 0, &ev));
	EXPECT_EQ(FAX_LINE_EV_BUSY, ev.type);
	EXPECT_EQ(0, map(&m, FAX_EV_HOOK, 1, &ev));
	EXPECT_EQ(0, map(&m, FAX_EV_DIALTONE, 0, &ev));
	EXPECT_EQ(0, map(&m, FAX_EV_DIGIT, '7', &ev));
	EXPECT_EQ(0, map(&m, FAX_EV_OVERRUN, 0, &ev));
	EXPECT_EQ(0, map(&m, FAX_EV_OVERRUN, 0, &ev));
	EXPECT_EQ(2, m.overruns);
	/* Going on hook forgets a ringing call. */
	map(&m, FAX_EV_RING_START, 0, &ev);
	map(&m, FAX_EV_HOOK, 0, &ev);
	ASSERT_EQ(1, map(&m, FAX_EV_REMOTE_HANGUP, 0, &ev));
	EXPECT_EQ(FAX_LINE_EV_FAR_HANGUP, ev.type);
}

/* An analogue line tells a call's fate only by the tones it hears. */
TEST(heard_tones_tell_busy_and_alerting_once_per_placed_call)
{
	struct fax_kernel_map m = { 0 };
	struct fax_line_event ev;

	/* Before dialling ends, tones are no call progress of ours. */
	map(&m, FAX_EV_HOOK, 1, &ev);
	EXPECT_EQ(0, map(&m, FAX_EV_TONE_START, FAX_TONE_BUSY, &ev));
	EXPECT_EQ(0, map(&m, FAX_EV_DIALED, 0, &ev));
	ASSERT_EQ(1, map(&m, FAX_EV_TONE_START, FAX_TONE_RINGBACK, &ev));
	EXPECT_EQ(FAX_LINE_EV_ALERTING, ev.type);
	EXPECT_EQ(0, map(&m, FAX_EV_TONE_START, FAX_TONE_RINGBACK, &ev));
	EXPECT_EQ(0, map(&m, FAX_EV_RINGBACK, 0, &ev));
	EXPECT_EQ(0, map(&m, FAX_EV_TONE_START, FAX_TONE_CED, &ev));
	ASSERT_EQ(1, map(&m, FAX_EV_TONE_START, FAX_TONE_REORDER, &ev));
	EXPECT_EQ(FAX_LINE_EV_BUSY, ev.type);
	EXPECT_EQ(0, map(&m, FAX_EV_BUSY, 0, &ev));
	EXPECT_EQ(0, map(&m, FAX_EV_TONE_START, FAX_TONE_BUSY, &ev));

	/* The next call is told again; signalling first, then the tone. */
	map(&m, FAX_EV_HOOK, 0, &ev);
	map(&m, FAX_EV_HOOK, 1, &ev);
	map(&m, FAX_EV_DIALED, 0, &ev);
	ASSERT_EQ(1, map(&m, FAX_EV_BUSY, 0, &ev));
	EXPECT_EQ(FAX_LINE_EV_BUSY, ev.type);
	EXPECT_EQ(0, map(&m, FAX_EV_TONE_START, FAX_TONE_BUSY, &ev));

	/* Once answered, a busy-like tone in the call is no busy. */
	map(&m, FAX_EV_HOOK, 0, &ev);
	map(&m, FAX_EV_HOOK, 1, &ev);
	map(&m, FAX_EV_DIALED, 0, &ev);
	ASSERT_EQ(1, map(&m, FAX_EV_ANSWERED, 0, &ev));
	EXPECT_EQ(0, map(&m, FAX_EV_TONE_START, FAX_TONE_BUSY, &ev));
}

TEST(kernel_states_map_onto_line_states)
{
	EXPECT_EQ(FAX_LINE_ONHOOK, fax_kernel_map_state(FAX_STATE_IDLE));
	EXPECT_EQ(FAX_LINE_RINGING, fax_kernel_map_state(FAX_STATE_RINGING));
	EXPECT_EQ(FAX_LINE_OFFHOOK, fax_kernel_map_state(FAX_STATE_DIALTONE));
	EXPECT_EQ(FAX_LINE_OFFHOOK, fax_kernel_map_state(FAX_STATE_DIALING));
	EXPECT_EQ(FAX_LINE_ALERTING, fax_kernel_map_state(FAX_STATE_RINGBACK));
	EXPECT_EQ(FAX_LINE_CONNECTED, fax_kernel_map_state(FAX_STATE_CONNECTED));
	EXPECT_EQ(FAX_LINE_OFFHOOK, fax_kernel_map_state(FAX_STATE_BUSY));
	EXPECT_EQ(FAX_LINE_FAR_HUNGUP, fax_kernel_map_state(FAX_STATE_DISCONNECTED));
	EXPECT_EQ(FAX_LINE_ONHOOK, fax_kernel_map_state(99));
}

TEST(line_names_people_use_are_read)
{
	struct fax_kernel_spec s;

	ASSERT_EQ(0, fax_kernel_parse_spec("/dev/fax3", &s));
	EXPECT_EQ(FAX_KERNEL_SPEC_MINOR, s.kind);
	EXPECT_EQ(3, s.a);
	ASSERT_EQ(0, fax_kernel_parse_spec("fax12", &s));
	EXPECT_EQ(12, s.a);
	ASSERT_EQ(0, fax_kernel_parse_spec("5:1", &s));
	EXPECT_EQ(FAX_KERNEL_SPEC_CARD_INDEX, s.kind);
	EXPECT_EQ(5, s.a);
	EXPECT_EQ(1, s.b);
	ASSERT_EQ(0, fax_kernel_parse_spec("2000001", &s));
	EXPECT_EQ(FAX_KERNEL_SPEC_NUMBER, s.kind);
	EXPECT_STREQ("2000001", s.number);
	EXPECT_EQ(-EINVAL, fax_kernel_parse_spec("/dev/null", &s));
	EXPECT_EQ(-EINVAL, fax_kernel_parse_spec("fax", &s));
	EXPECT_EQ(-EINVAL, fax_kernel_parse_spec("fax3x", &s));
	EXPECT_EQ(-EINVAL, fax_kernel_parse_spec("3:", &s));
	EXPECT_EQ(-EINVAL, fax_kernel_parse_spec("line", &s));
	EXPECT_EQ(-EINVAL, fax_kernel_parse_spec("", &s));
	EXPECT_EQ(-EINVAL, fax_kernel_parse_spec("99999999999:0", &s));
}

TEST(kernel_values_have_names)
{
	char buf[64];

	EXPECT_STREQ("ringback", fax_kernel_state_name(FAX_STATE_RINGBACK));
	EXPECT_STREQ("remote-hangup", fax_kernel_event_name(FAX_EV_REMOTE_HANGUP));
	EXPECT_STREQ("?", fax_kernel_event_name(1000));
	EXPECT_STREQ("ec,dtmf", fax_kernel_dsp_names(FAX_DSP_ECHO_CANCEL | FAX_DSP_DTMF_DETECT,
						     buf, sizeof(buf)));
	EXPECT_STREQ("none", fax_kernel_dsp_names(0, buf, sizeof(buf)));
	EXPECT_STREQ("7", fax_kernel_event_value_text(FAX_EV_DIGIT, '7', buf, sizeof(buf)));
	EXPECT_STREQ("ced", fax_kernel_event_value_text(FAX_EV_TONE_START, FAX_TONE_CED, buf,
							sizeof(buf)));
	EXPECT_STREQ("", fax_kernel_event_value_text(FAX_EV_BUSY, 0, buf, sizeof(buf)));
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Every value of <linux/fax.h> with the name people and scripts see. */
static const struct named {
	uint32_t value;
	const char *name;
} states[] = {
	{ FAX_STATE_IDLE, "idle" },
	{ FAX_STATE_RINGING, "ringing" },
	{ FAX_STATE_DIALTONE, "dialtone" },
	{ FAX_STATE_DIALING, "dialing" },
	{ FAX_STATE_RINGBACK, "ringback" },
	{ FAX_STATE_CONNECTED, "connected" },
	{ FAX_STATE_BUSY, "busy" },
	{ FAX_STATE_DISCONNECTED, "disconnected" },
}, tones[] = {
	{ FAX_TONE_CNG, "cng" },
	{ FAX_TONE_CED, "ced" },
	{ FAX_TONE_ANSAM, "ansam" },
	{ FAX_TONE_V21, "v21" },
	{ FAX_TONE_CED_PR, "ced-pr" },
	{ FAX_TONE_ANSAM_PR, "ansam-pr" },
	{ FAX_TONE_DIAL, "dial" },
	{ FAX_TONE_RINGBACK, "ringback" },
	{ FAX_TONE_BUSY, "busy" },
	{ FAX_TONE_REORDER, "reorder" },
}, dsp_bits[] = {
	{ FAX_DSP_ECHO_CANCEL, "ec" },
	{ FAX_DSP_TONE_DETECT, "tone" },
	{ FAX_DSP_DTMF_DETECT, "dtmf" },
	{ FAX_DSP_CPT_DETECT, "cpt" },
	{ FAX_DSP_EC_NLP, "ec-nlp" },
	{ FAX_DSP_EC_CED_DISABLE, "ec-ced-disable" },
};

static const char *dsp_name(uint32_t bits)
{
	static char buf[128];

	return fax_kernel_dsp_names(bits, buf, sizeof(buf));
}

TEST(every_state_tone_and_dsp_switch_has_its_name)
{
	uint32_t covered = 0;

	for (size_t i = 0; i < N(states); i++)
		EXPECT_STREQ(states[i].name, fax_kernel_state_name(states[i].value));
	for (size_t i = 0; i < N(tones); i++) {
		char buf[32];

		EXPECT_STREQ(tones[i].name, fax_kernel_tone_name(tones[i].value));
		EXPECT_STREQ(tones[i].name, fax_kernel_event_value_text(FAX_EV_TONE_STOP,
									 tones[i].value, buf,
									 sizeof(buf)));
	}
	for (size_t i = 0; i < N(dsp_bits); i++) {
		EXPECT_STREQ(dsp_bits[i].name, dsp_name(dsp_bits[i].value));
		covered |= dsp_bits[i].value;
	}
	/* A switch added to FAX_DSP_ALL but not to the table fails here. */
	EXPECT_EQ(FAX_DSP_ALL, covered);
	for (uint32_t ev = 0; ev <= FAX_EV_MAX; ev++) {
		EXPECT_STRNE("?", fax_kernel_event_name(ev)) {
			TH_LOG("event %u has no name", ev);
		}
	}
	EXPECT_STREQ("?", fax_kernel_tone_name(0));
	EXPECT_STREQ("?", fax_kernel_tone_name(FAX_TONE_REORDER + 1));
	EXPECT_STREQ("?", fax_kernel_state_name(FAX_STATE_DISCONNECTED + 1));
}

TEST(dsp_switch_sets_are_named_in_bit_order)
{
	EXPECT_STREQ("ec,tone,dtmf,cpt,ec-nlp,ec-ced-disable", dsp_name(FAX_DSP_ALL));
	EXPECT_STREQ("ec,tone,dtmf,cpt,ec-ced-disable", dsp_name(FAX_DSP_DEFAULT));
	EXPECT_STREQ("ec,ec-nlp", dsp_name(FAX_DSP_ECHO_CANCEL | FAX_DSP_EC_NLP));
	/* Switches of a newer kernel still show, as a number. */
	EXPECT_STREQ("cpt,0x100", dsp_name(FAX_DSP_CPT_DETECT | 0x100));
	EXPECT_STREQ("0x80000000", dsp_name(0x80000000u));
}

/*
 * The uAPI header itself, read as text: every FAX_STATE_, FAX_TONE_,
 * FAX_EV_ value and FAX_DSP_ switch it defines has a name in libfax. This
 * is what fails when the kernel gains a value and libfax is not told.
 */
TEST(every_value_in_the_uapi_header_has_a_name)
{
	FILE *f = fopen(FAX_UAPI_DIR "/linux/fax.h", "r");
	unsigned int seen_states = 0, seen_tones = 0, seen_events = 0, seen_dsp = 0;
	char line[256];

	ASSERT_NE(NULL, f) {
		TH_LOG("cannot read %s/linux/fax.h", FAX_UAPI_DIR);
	}
	while (fgets(line, sizeof(line), f)) {
		char id[64];
		unsigned int v;
		const char *name = NULL;

		if (sscanf(line, " FAX_STATE_%63[A-Z0-9_] = %u", id, &v) == 2) {
			name = fax_kernel_state_name(v);
			seen_states++;
		} else if (sscanf(line, " FAX_TONE_%63[A-Z0-9_] = %u", id, &v) == 2) {
			name = fax_kernel_tone_name(v);
			seen_tones++;
		} else if (sscanf(line, " FAX_EV_%63[A-Z0-9_] = %u", id, &v) == 2) {
			name = fax_kernel_event_name(v);
			seen_events++;
		} else if (sscanf(line, "#define FAX_DSP_%63[A-Z0-9_] 0x%x", id, &v) == 2) {
			name = dsp_name(v);
			seen_dsp++;
			EXPECT_TRUE(!strstr(name, "0x") && strcmp(name, "none")) {
				TH_LOG("FAX_DSP_%s (0x%x) has no name: %s", id, v, name);
			}
			EXPECT_EQ(v, v & FAX_DSP_ALL) {
				TH_LOG("FAX_DSP_%s is not in FAX_DSP_ALL", id);
			}
		}
		if (name) {
			EXPECT_STRNE("?", name) {
				TH_LOG("%s = %u has no name in libfax", id, v);
			}
		}
	}
	fclose(f);
	/* The scan itself works: it found what the table above lists. */
	EXPECT_EQ(N(states), seen_states);
	EXPECT_EQ(N(tones), seen_tones);
	EXPECT_EQ(N(dsp_bits), seen_dsp);
	EXPECT_EQ(FAX_EV_MAX + 1, seen_events);
}

/* A line-get reply for line 1:0 with nothing else in it yet. */
static struct nl_msg *line_msg(void)
{
	struct nl_msg *msg = msg_new(FAX_CMD_LINE_GET);

	nla_put_u32(msg, FAX_A_LINE_CARD_ID, 1);
	nla_put_u32(msg, FAX_A_LINE_INDEX, 0);
	return msg;
}

TEST(the_echo_tail_is_read_and_type_checked)
{
	struct fax_kernel_notification n;
	struct nl_msg *msg = line_msg();

	nla_put_u32(msg, FAX_A_LINE_EC_TAIL_MS, 96);
	ASSERT_EQ(0, fax_kernel_parse(nlmsg_hdr(msg), &n));
	EXPECT_EQ(96, n.line.ec_tail_ms);
	nlmsg_free(msg);
	/* A kernel from before the echo tail: not reported. */
	msg = line_msg();
	ASSERT_EQ(0, fax_kernel_parse(nlmsg_hdr(msg), &n));
	EXPECT_EQ(0, n.line.ec_tail_ms);
	nlmsg_free(msg);
	msg = line_msg();
	nla_put_u8(msg, FAX_A_LINE_EC_TAIL_MS, 96);
	EXPECT_EQ(-EBADMSG, fax_kernel_parse(nlmsg_hdr(msg), &n));
	nlmsg_free(msg);
}

TEST(a_file_that_is_not_a_fax_line_is_refused)
{
	struct fax_kernel_line_options bad = { .size = sizeof(bad), .buffer_ms = 5 };
	fax_error_t err = { 0 };
	fax_line_t *l = NULL;

	EXPECT_EQ(-ENOTTY, fax_kernel_line_open("/dev/null", NULL, &l, &err));
	EXPECT_NE(NULL, strstr(err.message, "not a fax line"));
	EXPECT_EQ(-EINVAL, fax_kernel_line_open("/dev/null", &bad, &l, NULL));
	EXPECT_EQ(NULL, l);
}

TEST_HARNESS_MAIN
