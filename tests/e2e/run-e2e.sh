#!/usr/bin/env bash
# Starts radosgw (with STS) and swift on loopback, runs the 'e2e' meson test suite against them,
# stops them again, and prints one summary line: "e2e: N passed, M failed" (N, M: checks, i.e.
# test cases and example runs against a server; a program printing "e2e-pending: N" adds N
# pending ones, counted apart).
#   tests/e2e/run-e2e.sh [BUILDDIR]        (default: build; run as root, the scripts may apt-get)
# The servers live in their own state directory, so servers a developer started are left alone.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
builddir=$(cd "${1:-$root/build}" && pwd) || { echo "e2e: no build directory ${1:-build}" >&2; exit 1; }
servers="$root/../shared/servers"
export SIGV4_SERVERS_STATE="${TMPDIR:-/tmp}/awsreq-e2e-$$"

stop_servers() {
  "$servers/stop-server.sh" radosgw >/dev/null 2>&1
  "$servers/stop-server.sh" swift >/dev/null 2>&1
  rmdir "$SIGV4_SERVERS_STATE" 2>/dev/null
}
trap stop_servers EXIT

t0=$(date +%s)
RGW_STS=1 "$servers/start-radosgw.sh" >/dev/null || { echo "e2e: radosgw did not start" >&2; exit 1; }
"$servers/start-swift.sh" >/dev/null || { echo "e2e: swift did not start" >&2; exit 1; }
t1=$(date +%s)

meson test -C "$builddir" --suite e2e --print-errorlogs
rc=$?

log="$builddir/meson-logs/testlog.txt"
sum() { grep -h '^e2e-result:' "$log" | sed -n "s/.* $1=\([0-9]*\).*/\1/p" | awk '{s += $1} END {print s + 0}'; }
passed=$(sum passed)
failed=$(sum failed)
pending=$(grep -h '^e2e-pending:' "$log" | awk '{s += $2} END {print s + 0}')
# a program that crashed or did not run reports nothing: count the run as failed
if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
if [ "$passed" = 0 ]; then rc=1; fi
extra=""
[ "$pending" != 0 ] && extra=", $pending pending"
echo "e2e: $passed passed, $failed failed$extra (servers up in $((t1 - t0)) s, total $(( $(date +%s) - t0 )) s)"
exit "$rc"
