#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The "fax" netlink family driven by the kernel's own ynl cli.py with
# Documentation/netlink/specs/fax.yaml, in the guest: dump cards and
# lines, and receive card-new and a line event as a subscriber. cli.py
# needs --no-schema here (the schema files are not extracted) and only
# reads notifications after --sleep, so the events are made while it
# sleeps, again and again, until it has finished listening.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${FAXVM_BUILD:-$top/build}
. "$top/tests/lib/tap.sh"

ynl=$build/kernel-tools/tools/net/ynl/cli.py
spec=$top/Documentation/netlink/specs/fax.yaml
cli() { python3 "$ynl" --no-schema --spec "$spec" "$@"; }
id=$((70000 + $$ % 1000))
out=$(mktemp)
trap 'rm -f "$out"; echo "$id" > /sys/bus/fax_sim/del_device 2>/dev/null' EXIT

plan 5
if [ ! -f "$ynl" ] || [ ! -w /sys/bus/fax_sim/new_device ]; then
	for t in dump-cards dump-lines line-get card-new line-event; do
		skip "$t" "no cli.py or no fax_sim"
	done
	exit 0
fi

echo "$id 2" > /sys/bus/fax_sim/new_device
# Our card is the one whose first line has our number.
card=$(cli --dump line-get --output-json | python3 -c "import json, sys
print([l['card-id'] for l in json.load(sys.stdin) if l['number'] == '${id}000'][0])")
check dump-cards bash -c "python3 '$ynl' --no-schema --spec '$spec' --dump card-get |
	grep -q \"'id': $card,\""
check dump-lines bash -c "python3 '$ynl' --no-schema --spec '$spec' --dump line-get \
	--json '{\"card-id\": $card}' | grep -c \"'number': '${id}00[01]'\" | grep -qx 2"
check line-get bash -c "python3 '$ynl' --no-schema --spec '$spec' --do line-get \
	--json '{\"card-id\": $card, \"index\": 1}' | grep -q \"'number': '${id}001'\""

# Subscribe for 12 s; meanwhile add cards and take a line off hook.
cli --subscribe events --sleep 12 --output-json > "$out" 2>&1 &
listener=$!
exec 5<>"/dev/fax$(cli --do line-get --json "{\"card-id\": $card, \"index\": 0}" \
	--output-json | python3 -c 'import json,sys; print(json.load(sys.stdin)["minor"])')"
# Each round also takes line 0 off hook and back (FAX_IOC_HOOK): a "hook"
# line event (type 3). Both kinds of event keep coming until the listener
# is done, so a slow guest cannot let its window close before the first.
while kill -0 "$listener" 2>/dev/null; do
	sleep 1
	echo "$((id + 1)) 1" > /sys/bus/fax_sim/new_device
	echo "$((id + 1))" > /sys/bus/fax_sim/del_device
	python3 -c 'import fcntl, struct
for v in (1, 0):
    fcntl.ioctl(5, 0x4010fa01, struct.pack("IIII", 16, 0, v, 0))'
done
wait "$listener"
exec 5>&-
check card-new grep -q '"name": "card-new"' "$out"
check line-event python3 -c "import json, sys
msgs = json.load(open('$out'))
assert any(m['name'] == 'line-event' and m['msg']['card-id'] == $card and
           m['msg']['event']['type'] == 3 for m in msgs), msgs"
done_testing
