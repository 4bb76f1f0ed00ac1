# SPDX-License-Identifier: GPL-2.0-or-later
#
# TAP for shell tests: source this, call plan N, then ok/fail/skip per
# case, and finish with done_testing (its exit status says whether all
# passed).
_tap_n=0
_tap_failed=0

plan() { echo "TAP version 13"; echo "1..$1"; }
ok() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n $*"; }
fail() { _tap_n=$((_tap_n + 1)); _tap_failed=$((_tap_failed + 1)); echo "not ok $_tap_n $*"; }
skip() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n $1 # SKIP ${2:-}"; }
diag() { echo "$*" | sed 's/^/# /'; }
# check NAME COMMAND...: one case that passes when the command succeeds.
check() {
	_name=$1; shift
	if _out=$("$@" 2>&1); then ok "$_name"; else fail "$_name"; diag "$_out"; fi
}
done_testing() { [ "$_tap_failed" -eq 0 ]; }
