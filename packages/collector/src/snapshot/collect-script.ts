import { PROBES, type ProbeSpec } from '@nodescope/core';

/**
 * Renders nodescope-collect.sh from the probe catalogue, so the standalone collector runs the
 * very scripts, timeouts and caps the SSH collector does. The committed file is checked
 * against this output by a unit test; regenerate with
 *   npx tsx packages/collector/scripts/gen-collect-sh.ts
 */

export const COLLECT_SCRIPT_VERSION = 1;

function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function probeCall(p: ProbeSpec): string {
  return `run_probe ${p.id} ${p.timeoutSec} ${p.maxBytes} ${shQuote(p.script)}`;
}

const PRELUDE = `#!/bin/sh
# nodescope-collect.sh: standalone Nodescope collector for a node the dashboard cannot reach.
#
# GENERATED from packages/core/src/probes/catalogue.ts by
# packages/collector/scripts/gen-collect-sh.ts: do not edit by hand.
#
# Usage:  sudo sh nodescope-collect.sh [-n NODE_NAME] [-p PROBE,PROBE...] > node.bundle
# Upload node.bundle in the UI or run: npx nodescope analyze node.bundle
#
# Read-only. Runs the same probes as the SSH collector, each under timeout -s KILL with the
# same time limit and output cap, and prints one bundle (format v1) on stdout. Plain POSIX sh;
# needs only what the probes use (cat, ps, awk, lsblk, ...). Root sees more (dmesg, all
# processes' mount namespaces); without it those probes are thinner, never fatal.

set -u
LC_ALL=C
export LC_ALL

usage() {
  sed -n '2,14p' "$0" 2>/dev/null | sed 's/^# \\{0,1\\}//'
}

node_name=$(cat /proc/sys/kernel/hostname 2>/dev/null || hostname 2>/dev/null || echo unknown)
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    -n) [ $# -ge 2 ] || { echo "nodescope-collect.sh: -n needs a node name" >&2; exit 2; }; node_name=$2; shift 2 ;;
    -p) [ $# -ge 2 ] || { echo "nodescope-collect.sh: -p needs probe ids" >&2; exit 2; }; only=",$2,"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "nodescope-collect.sh: unknown argument $1 (try -h)" >&2; exit 2 ;;
  esac
done
# The node name goes into a header line: keep it on one line.
node_name=$(printf '%s' "$node_name" | tr '\\r\\n' '  ')

tmp=$(mktemp -d 2>/dev/null) || { tmp=/tmp/nodescope-collect.$$; mkdir -m 700 "$tmp" || exit 1; }
trap 'rm -rf "$tmp"' EXIT
trap 'rm -rf "$tmp"; exit 130' INT TERM

if ! command -v timeout >/dev/null 2>&1; then
  echo "nodescope-collect.sh: no timeout command; using a shell watchdog (kills the probe shell only)" >&2
  timeout() {
    shift 2
    t=$1
    shift
    "$@" &
    p=$!
    (sleep "$t"; kill -9 "$p" 2>/dev/null) &
    w=$!
    wait "$p"
    r=$?
    kill "$w" 2>/dev/null
    return $r
  }
fi

# Milliseconds since the epoch; whole seconds where date has no %N (busybox, BSD).
now_ms() {
  t=$(date +%s%N 2>/dev/null)
  case "$t" in
    ''|*N*) echo $(( $(date +%s) * 1000 )) ;;
    *) echo $(( t / 1000000 )) ;;
  esac
}

boundary="nsb-$(date +%s)-$$"

printf '#nodescope-bundle v1\\n'
printf '#node: %s\\n' "$node_name"
printf '#taken-at: %s\\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
printf '#collector: nodescope-collect.sh ${COLLECT_SCRIPT_VERSION}\\n'
printf '#boundary: %s\\n' "$boundary"

# run_probe ID TIMEOUT_SEC MAX_BYTES SCRIPT
# Output is read through head -c MAX+1: one byte past the cap proves the output was cut.
# stderr follows stdout under a "## stderr" line only when the probe failed or printed nothing,
# exactly as the SSH collector does.
run_probe() {
  id=$1
  limit=$2
  max=$3
  script=$4
  case "$only" in
    ''|*",$id,"*) ;;
    *) return 0 ;;
  esac
  start=$(now_ms)
  { timeout -s KILL "$limit" sh -c "$script" 2>"$tmp/err"; echo $? >"$tmp/rc"; } | head -c $((max + 1)) >"$tmp/out"
  end=$(now_ms)
  rc=$(cat "$tmp/rc" 2>/dev/null)
  [ -n "$rc" ] || rc=-
  size=$(wc -c <"$tmp/out" | tr -d ' ')
  truncated=0
  timed_out=0
  error=""
  if [ "$size" -gt "$max" ]; then
    # The probe was cut off (SIGPIPE), so its exit status says nothing.
    truncated=1
    rc=-
  elif [ "$rc" = 137 ]; then
    timed_out=1
    error="killed%20on%20the%20node%20after%20\${limit}%20s"
  fi
  printf -- '--%s probe=%s exit=%s duration_ms=%s truncated=%s timed_out=%s' \\
    "$boundary" "$id" "$rc" "$((end - start))" "$truncated" "$timed_out"
  [ -n "$error" ] && printf ' error=%s' "$error"
  printf '\\n'
  head -c "$max" "$tmp/out"
  if [ -s "$tmp/err" ] && { [ "$rc" != 0 ] || [ "$size" -eq 0 ]; }; then
    if [ "$size" -gt 0 ] && [ "$(tail -c 1 "$tmp/out" | wc -l | tr -d ' ')" = 0 ]; then printf '\\n'; fi
    printf '## stderr\\n'
    head -c 65536 "$tmp/err"
  fi
  printf '\\n'
}
`;

/** `probes` is for tests that need a tiny cap or timeout; the shipped script uses the catalogue. */
export function renderCollectScript(probes: readonly ProbeSpec[] = PROBES): string {
  const calls = probes.map(probeCall).join('\n');
  return `${PRELUDE}\n${calls}\n\nprintf -- '--%s--\\n' "$boundary"\n`;
}
