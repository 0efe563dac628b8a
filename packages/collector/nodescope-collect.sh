#!/bin/sh
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
  sed -n '2,14p' "$0" 2>/dev/null | sed 's/^# \{0,1\}//'
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
node_name=$(printf '%s' "$node_name" | tr '\r\n' '  ')

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

printf '#nodescope-bundle v1\n'
printf '#node: %s\n' "$node_name"
printf '#taken-at: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
printf '#collector: nodescope-collect.sh 1\n'
printf '#boundary: %s\n' "$boundary"

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
    error="killed%20on%20the%20node%20after%20${limit}%20s"
  fi
  printf -- '--%s probe=%s exit=%s duration_ms=%s truncated=%s timed_out=%s' \
    "$boundary" "$id" "$rc" "$((end - start))" "$truncated" "$timed_out"
  [ -n "$error" ] && printf ' error=%s' "$error"
  printf '\n'
  head -c "$max" "$tmp/out"
  if [ -s "$tmp/err" ] && { [ "$rc" != 0 ] || [ "$size" -eq 0 ]; }; then
    if [ "$size" -gt 0 ] && [ "$(tail -c 1 "$tmp/out" | wc -l | tr -d ' ')" = 0 ]; then printf '\n'; fi
    printf '## stderr\n'
    head -c 65536 "$tmp/err"
  fi
  printf '\n'
}

run_probe system 10 1048576 'echo "hostname=$(cat /proc/sys/kernel/hostname 2>/dev/null)"
echo "kernel_release=$(uname -r)"
echo "kernel_version=$(uname -v)"
echo "machine=$(uname -m)"
echo "nproc=$(nproc 2>/dev/null || grep -c ^processor /proc/cpuinfo)"
echo "uptime=$(cat /proc/uptime)"
echo "loadavg=$(cat /proc/loadavg)"
echo "os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")"
echo "kubelet_version=$(timeout 3 kubelet --version 2>/dev/null)"
echo "containerd_version=$(timeout 3 containerd --version 2>/dev/null)"
echo "docker_version=$(timeout 3 docker version --format "{{.Server.Version}}" 2>/dev/null)"
echo "## meminfo"
cat /proc/meminfo'
run_probe mountinfo 10 67108864 'cat /proc/1/mountinfo'
run_probe mountinfo-ns 20 134217728 'host=$(readlink /proc/1/ns/mnt)
ls -l /proc/[0-9]*/ns/mnt 2>/dev/null | awk -v host="$host" '\''{ns=$NF; n=split($(NF-2),a,"/"); if (ns ~ /^mnt:/ && ns!=host && !(ns in seen)) {seen[ns]=1; print a[3], ns}}'\'' |
while read -r pid ns; do
  echo "## ns=$ns pid=$pid comm=$(cat /proc/$pid/comm 2>/dev/null)"
  cat /proc/$pid/mountinfo 2>/dev/null || echo "# pid $pid exited before its mountinfo was read"
done
exit 0'
run_probe blockdev 10 16777216 'lsblk -J -b -o NAME,KNAME,MAJ:MIN,TYPE,SIZE,RO,FSTYPE,MOUNTPOINTS,PKNAME 2>/dev/null ||
lsblk -J -b -o NAME,KNAME,MAJ:MIN,TYPE,SIZE,RO,FSTYPE,MOUNTPOINT,PKNAME 2>/dev/null ||
lsblk -b -o NAME,MAJ:MIN,TYPE,SIZE,RO,FSTYPE,MOUNTPOINT'
run_probe processes 10 33554432 'ps -eo pid,ppid,stat,etimes,nlwp,pcpu,rss,wchan:32,args -ww'
run_probe cgroups 20 1048576 'echo "## /proc/cgroups"
cat /proc/cgroups
echo "## cgroup mounts"
awk '\''$3 ~ /^cgroup/'\'' /proc/self/mounts
for f in /sys/fs/cgroup/cgroup.stat /sys/fs/cgroup/kubepods.slice/cgroup.stat /sys/fs/cgroup/kubepods/cgroup.stat; do
  [ -r "$f" ] && { echo "## cgroup.stat $f"; cat "$f"; }
done
for d in /sys/fs/cgroup/*/; do
  d=${d%/}; [ -L "$d" ] && continue
  [ -e "$d/cgroup.procs" ] || [ -e "$d/tasks" ] || continue
  echo "## dirs ${d##*/} $(find "$d" -type d 2>/dev/null | wc -l)"
done
for k in /sys/fs/cgroup/memory/kubepods.slice /sys/fs/cgroup/memory/kubepods; do
  [ -d "$k" ] || continue
  echo "## kmem $k"
  echo "limit_in_bytes=$(cat $k/memory.kmem.limit_in_bytes 2>/dev/null)"
  echo "usage_in_bytes=$(cat $k/memory.kmem.usage_in_bytes 2>/dev/null)"
  if head -n 1 $k/memory.kmem.slabinfo >/dev/null 2>&1; then echo "slabinfo=readable"; else echo "slabinfo=unreadable"; fi
  break
done
exit 0'
run_probe psi 5 65536 'for r in cpu memory io; do echo "## $r"; cat /proc/pressure/$r 2>&1; done; exit 0'
run_probe containers 25 16777216 'if command -v crictl >/dev/null 2>&1; then
  echo "## crictl ps -a"; timeout 10 crictl ps -a -o json 2>&1
fi
if command -v docker >/dev/null 2>&1; then
  echo "## docker ps -a"
  timeout 10 docker ps -a --no-trunc --format '\''{{json .}}'\'' 2>&1
  dead=$(timeout 5 docker ps -aq --no-trunc --filter status=dead --filter status=removing 2>/dev/null)
  if [ -n "$dead" ]; then
    echo "## docker inspect"
    timeout 10 docker inspect --format '\''{{.Id}} {{.State.Status}} {{json .State.Error}}'\'' $dead 2>&1
  fi
fi
exit 0'
run_probe kubelet-log 15 33554432 'if command -v journalctl >/dev/null 2>&1; then
  journalctl -u kubelet --no-pager -o short-iso --since "-60 min" 2>/dev/null | tail -n 50000
else
  tail -n 50000 /var/log/kubelet.log 2>/dev/null
fi'
run_probe runtime-log 15 33554432 'if command -v journalctl >/dev/null 2>&1; then
  journalctl -u containerd -u docker --no-pager -o short-iso --since "-60 min" 2>/dev/null | tail -n 50000
else
  tail -n 50000 /var/log/containerd.log 2>/dev/null
fi'
run_probe dmesg 10 16777216 'out=$(dmesg --time-format iso 2>/dev/null) || out=$(dmesg 2>&1) || { printf "%s\n" "$out"; exit 1; }
printf "%s\n" "$out" | tail -n 20000'
run_probe systemd 15 262144 's=$(date +%s%N)
out=$(timeout 5 busctl call org.freedesktop.systemd1 /org/freedesktop/systemd1 org.freedesktop.DBus.Peer Ping 2>&1)
rc=$?
e=$(date +%s%N)
echo "ping_rc=$rc ping_ms=$(( (e - s) / 1000000 ))"
[ -n "$out" ] && echo "ping_output=$out"
echo "state=$(timeout 3 systemctl is-system-running 2>&1)"
echo "## failed units"
timeout 3 systemctl list-units --state=failed --no-legend --plain 2>&1
exit 0'
run_probe kubelet-proc 6 65536 'pid=$(pgrep -o -x kubelet)
[ -n "$pid" ] || { echo "pid="; exit 0; }
echo "pid=$pid"
t1=$(awk '\''{print $14+$15}'\'' /proc/$pid/stat)
sleep 1
t2=$(awk '\''{print $14+$15}'\'' /proc/$pid/stat)
echo "cpu_ticks=$((t2 - t1)) hz=$(getconf CLK_TCK) interval_s=1"
grep -E '\''^(VmRSS|Threads):'\'' /proc/$pid/status'

printf -- '--%s--\n' "$boundary"
