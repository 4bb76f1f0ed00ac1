#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# faxtool's line commands over fax_sim, in the VM: lines lists the
# simulated lines, monitor shows a card arriving and a call's events,
# receive and send carry a 3-page fax from one line to the other (the
# pixel-exact comparison is tests/libfax/kernel_fax_test.c's), and the
# exit codes say "no call" for a number that does not answer and "no
# such object" for a line that does not exist.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/tap.sh"
faxtool=${FAXVM_BUILD:-$top/build}/native/bin/faxtool
charts=${FAX_TESTDATA:-/work/shared/testdata}/itu
tmp=$(mktemp -d)
id=$((3000 + $$ % 5000 * 10))
a=${id}000 b=${id}001

cleanup() {
	echo "$id" > /sys/bus/fax_sim/del_device 2>/dev/null
	echo "$((id + 1))" > /sys/bus/fax_sim/del_device 2>/dev/null
	echo 1 > /sys/kernel/debug/fax_sim/clock_mult 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

plan 9
if [ ! -r "$charts/itu1.pbm" ]; then
	for i in $(seq 9); do skip "faxtool line commands" "ITU charts not found"; done
	exit 0
fi
for i in 1 2 3; do ppm2tiff -c g4 -R 200 "$charts/itu$i.pbm" "$tmp/p$i.tif"; done
tiffcp "$tmp/p1.tif" "$tmp/p2.tif" "$tmp/p3.tif" "$tmp/send.tif"

# A card appears while the monitor listens.
"$faxtool" --json monitor --count 1 --timeout 30 > "$tmp/monitor.json" &
mon=$!
sleep 1
echo "$id 2" > /sys/bus/fax_sim/new_device
wait $mon
check "monitor reports the new card" grep -q '"type":"card-new".*"driver":"fax_sim".*"lines":2' "$tmp/monitor.json"

"$faxtool" --json lines > "$tmp/lines.json"
check "lines lists both lines with their numbers" \
	grep -q "\"number\":\"$b\"" "$tmp/lines.json"
check "lines in text names the line" sh -c "'$faxtool' lines | grep -q 'number $a '"

# The fax itself, at twice real time.
echo 2 > /sys/kernel/debug/fax_sim/clock_mult
"$faxtool" --json monitor --timeout 200 > "$tmp/calls.json" 2>/dev/null &
mon=$!
"$faxtool" --json receive -l "$b" --timeout 200 --ident "+1 555 0101" "$tmp/recv.tif" \
	> "$tmp/rx.json" 2> "$tmp/rx.err" &
rx=$!
sleep 1
"$faxtool" --json send -l "$a" --timeout 200 --modem v17 "$tmp/send.tif" "$b" \
	> "$tmp/tx.json" 2> "$tmp/tx.err"
txrc=$?
wait $rx
rxrc=$?
kill $mon 2>/dev/null; wait $mon 2>/dev/null
if [ $txrc -eq 0 ] && grep -q '"type":"result".*"t30_code":0.*"pages":3' "$tmp/tx.json"; then
	ok "send delivers 3 pages and exits 0"
else
	fail "send delivers 3 pages and exits 0"; diag "exit $txrc"; diag "$(cat "$tmp/tx.json" "$tmp/tx.err")"
fi
if [ $rxrc -eq 0 ] && grep -q '"remote_ident":"+1 555 0101"' "$tmp/tx.json" &&
   grep -q '"type":"line","role":"receive","event":"ring","rings":1' "$tmp/rx.json"; then
	ok "receive answers the ring and exits 0"
else
	fail "receive answers the ring and exits 0"; diag "exit $rxrc"; diag "$(cat "$tmp/rx.json" "$tmp/rx.err")"
fi
check "the received file has 3 fax pages" sh -c "'$faxtool' --json check '$tmp/recv.tif' | grep -q '\"pages\":3'"
check "monitor saw the ring and the answer" sh -c \
	"grep -q '\"event\":\"ring-start\"' '$tmp/calls.json' && grep -q '\"event\":\"answered\"' '$tmp/calls.json'"

"$faxtool" -q send -l "$a" --timeout 60 "$tmp/send.tif" 99999997 > /dev/null 2>&1
rc=$?
check "calling a number nobody has exits 5 (no call)" test $rc -eq 5
"$faxtool" -q send -l 88888888 "$tmp/send.tif" "$b" > /dev/null 2>&1
rc=$?
check "an unknown line exits 7 (no such object)" test $rc -eq 7
done_testing
