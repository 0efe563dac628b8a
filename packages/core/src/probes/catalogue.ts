import type { ProbeId } from '../model/probe-id.ts';

/**
 * The fixed, read-only probe catalogue. The collector runs exactly these scripts, the
 * simulator recognises exactly these command strings, and nodescope-collect.sh mirrors them.
 * Nothing here is ever built from user input: node names, paths and labels never reach a shell.
 */
export interface ProbeSpec {
  id: ProbeId;
  description: string;
  /** POSIX sh script, read-only. Sections inside the output are introduced by `## ` lines. */
  script: string;
  /** Hard timeout enforced on the node (`timeout -s KILL`) and again on the client. */
  timeoutSec: number;
  /** Output cap in bytes; the collector stops reading and flags the artifact as truncated. */
  maxBytes: number;
  /** Whether the probe reads things that usually need root (dmesg, other users' /proc). */
  wantsRoot: boolean;
}

const MiB = 1024 * 1024;

const SYSTEM = [
  'echo "hostname=$(cat /proc/sys/kernel/hostname 2>/dev/null)"',
  'echo "kernel_release=$(uname -r)"',
  'echo "kernel_version=$(uname -v)"',
  'echo "machine=$(uname -m)"',
  'echo "nproc=$(nproc 2>/dev/null || grep -c ^processor /proc/cpuinfo)"',
  'echo "uptime=$(cat /proc/uptime)"',
  'echo "loadavg=$(cat /proc/loadavg)"',
  'echo "os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")"',
  'echo "kubelet_version=$(timeout 3 kubelet --version 2>/dev/null)"',
  'echo "containerd_version=$(timeout 3 containerd --version 2>/dev/null)"',
  'echo "docker_version=$(timeout 3 docker version --format "{{.Server.Version}}" 2>/dev/null)"',
  'echo "## meminfo"',
  'cat /proc/meminfo',
].join('\n');

const MOUNTINFO_NS = [
  'host=$(readlink /proc/1/ns/mnt)',
  // One `ls` over all tasks instead of a readlink per task: cheap with 20,000 tasks.
  'ls -l /proc/[0-9]*/ns/mnt 2>/dev/null | awk -v host="$host" \'{ns=$NF; n=split($(NF-2),a,"/"); if (ns ~ /^mnt:/ && ns!=host && !(ns in seen)) {seen[ns]=1; print a[3], ns}}\' |',
  'while read -r pid ns; do',
  '  echo "## ns=$ns pid=$pid comm=$(cat /proc/$pid/comm 2>/dev/null)"',
  // A task may exit between the listing and the read: that is data, not a probe failure.
  '  cat /proc/$pid/mountinfo 2>/dev/null || echo "# pid $pid exited before its mountinfo was read"',
  'done',
  'exit 0',
].join('\n');

const BLOCKDEV = [
  'lsblk -J -b -o NAME,KNAME,MAJ:MIN,TYPE,SIZE,RO,FSTYPE,MOUNTPOINTS,PKNAME 2>/dev/null ||',
  'lsblk -J -b -o NAME,KNAME,MAJ:MIN,TYPE,SIZE,RO,FSTYPE,MOUNTPOINT,PKNAME 2>/dev/null ||',
  'lsblk -b -o NAME,MAJ:MIN,TYPE,SIZE,RO,FSTYPE,MOUNTPOINT',
].join('\n');

const PROCESSES = 'ps -eo pid,ppid,stat,etimes,nlwp,pcpu,rss,wchan:32,args -ww';

const CGROUPS = [
  'echo "## /proc/cgroups"',
  'cat /proc/cgroups',
  'echo "## cgroup mounts"',
  "awk '$3 ~ /^cgroup/' /proc/self/mounts",
  'for f in /sys/fs/cgroup/cgroup.stat /sys/fs/cgroup/kubepods.slice/cgroup.stat /sys/fs/cgroup/kubepods/cgroup.stat; do',
  '  [ -r "$f" ] && { echo "## cgroup.stat $f"; cat "$f"; }',
  'done',
  'for d in /sys/fs/cgroup/*/; do',
  '  d=${d%/}; [ -L "$d" ] && continue',
  '  [ -e "$d/cgroup.procs" ] || [ -e "$d/tasks" ] || continue',
  '  echo "## dirs ${d##*/} $(find "$d" -type d 2>/dev/null | wc -l)"',
  'done',
  'for k in /sys/fs/cgroup/memory/kubepods.slice /sys/fs/cgroup/memory/kubepods; do',
  '  [ -d "$k" ] || continue',
  '  echo "## kmem $k"',
  '  echo "limit_in_bytes=$(cat $k/memory.kmem.limit_in_bytes 2>/dev/null)"',
  '  echo "usage_in_bytes=$(cat $k/memory.kmem.usage_in_bytes 2>/dev/null)"',
  '  if head -n 1 $k/memory.kmem.slabinfo >/dev/null 2>&1; then echo "slabinfo=readable"; else echo "slabinfo=unreadable"; fi',
  '  break',
  'done',
  'exit 0',
].join('\n');

// No /proc/pressure (kernel < 4.20, psi=0) is an answer, not a failure: the text says so.
const PSI = 'for r in cpu memory io; do echo "## $r"; cat /proc/pressure/$r 2>&1; done; exit 0';

const CONTAINERS = [
  'if command -v crictl >/dev/null 2>&1; then',
  '  echo "## crictl ps -a"; timeout 10 crictl ps -a -o json 2>&1',
  'fi',
  'if command -v docker >/dev/null 2>&1; then',
  '  echo "## docker ps -a"',
  "  timeout 10 docker ps -a --no-trunc --format '{{json .}}' 2>&1",
  '  dead=$(timeout 5 docker ps -aq --no-trunc --filter status=dead --filter status=removing 2>/dev/null)',
  '  if [ -n "$dead" ]; then',
  '    echo "## docker inspect"',
  "    timeout 10 docker inspect --format '{{.Id}} {{.State.Status}} {{json .State.Error}}' $dead 2>&1",
  '  fi',
  'fi',
  'exit 0',
].join('\n');

const journal = (units: string, file: string) =>
  [
    'if command -v journalctl >/dev/null 2>&1; then',
    `  journalctl ${units} --no-pager -o short-iso --since "-60 min" 2>/dev/null | tail -n 50000`,
    'else',
    `  tail -n 50000 ${file} 2>/dev/null`,
    'fi',
  ].join('\n');

// util-linux dmesg prints ISO times; busybox and old versions fall back to raw timestamps.
const DMESG = [
  'out=$(dmesg --time-format iso 2>/dev/null) || out=$(dmesg 2>&1) || { printf "%s\\n" "$out"; exit 1; }',
  'printf "%s\\n" "$out" | tail -n 20000',
].join('\n');

const SYSTEMD = [
  's=$(date +%s%N)',
  'out=$(timeout 5 busctl call org.freedesktop.systemd1 /org/freedesktop/systemd1 org.freedesktop.DBus.Peer Ping 2>&1)',
  'rc=$?',
  'e=$(date +%s%N)',
  'echo "ping_rc=$rc ping_ms=$(( (e - s) / 1000000 ))"',
  '[ -n "$out" ] && echo "ping_output=$out"',
  'echo "state=$(timeout 3 systemctl is-system-running 2>&1)"',
  'echo "## failed units"',
  'timeout 3 systemctl list-units --state=failed --no-legend --plain 2>&1',
  // A failed ping is reported in the text above; the probe itself succeeded.
  'exit 0',
].join('\n');

const KUBELET_PROC = [
  'pid=$(pgrep -o -x kubelet)',
  '[ -n "$pid" ] || { echo "pid="; exit 0; }',
  'echo "pid=$pid"',
  "t1=$(awk '{print $14+$15}' /proc/$pid/stat)",
  'sleep 1',
  "t2=$(awk '{print $14+$15}' /proc/$pid/stat)",
  'echo "cpu_ticks=$((t2 - t1)) hz=$(getconf CLK_TCK) interval_s=1"',
  "grep -E '^(VmRSS|Threads):' /proc/$pid/status",
].join('\n');

export const PROBES: readonly ProbeSpec[] = [
  {
    id: 'system',
    description: 'uname, uptime, load, CPUs, meminfo, versions',
    script: SYSTEM,
    timeoutSec: 10,
    maxBytes: 1 * MiB,
    wantsRoot: false,
  },
  {
    id: 'mountinfo',
    description: 'host mount table (/proc/1/mountinfo)',
    script: 'cat /proc/1/mountinfo',
    timeoutSec: 10,
    maxBytes: 64 * MiB,
    wantsRoot: true,
  },
  {
    id: 'mountinfo-ns',
    description: 'one mount table per distinct mount namespace',
    script: MOUNTINFO_NS,
    timeoutSec: 20,
    maxBytes: 128 * MiB,
    wantsRoot: true,
  },
  {
    id: 'blockdev',
    description: 'block devices (lsblk)',
    script: BLOCKDEV,
    timeoutSec: 10,
    maxBytes: 16 * MiB,
    wantsRoot: false,
  },
  {
    id: 'processes',
    description: 'every task incl. kernel threads',
    script: PROCESSES,
    timeoutSec: 10,
    maxBytes: 32 * MiB,
    wantsRoot: false,
  },
  {
    id: 'cgroups',
    description: '/proc/cgroups, cgroup.stat, directory counts, kmem state',
    script: CGROUPS,
    timeoutSec: 20,
    maxBytes: 1 * MiB,
    wantsRoot: false,
  },
  {
    id: 'psi',
    description: '/proc/pressure/{cpu,memory,io}',
    script: PSI,
    timeoutSec: 5,
    maxBytes: 64 * 1024,
    wantsRoot: false,
  },
  {
    id: 'containers',
    description: 'containers in all states (crictl, docker)',
    script: CONTAINERS,
    timeoutSec: 25,
    maxBytes: 16 * MiB,
    wantsRoot: true,
  },
  {
    id: 'kubelet-log',
    description: 'kubelet journal, last hour',
    script: journal('-u kubelet', '/var/log/kubelet.log'),
    timeoutSec: 15,
    maxBytes: 32 * MiB,
    wantsRoot: true,
  },
  {
    id: 'runtime-log',
    description: 'containerd / dockerd journal, last hour',
    script: journal('-u containerd -u docker', '/var/log/containerd.log'),
    timeoutSec: 15,
    maxBytes: 32 * MiB,
    wantsRoot: true,
  },
  {
    id: 'dmesg',
    description: 'kernel ring buffer',
    script: DMESG,
    timeoutSec: 10,
    maxBytes: 16 * MiB,
    wantsRoot: true,
  },
  {
    id: 'systemd',
    description: 'timed D-Bus ping of systemd, system state, failed units',
    script: SYSTEMD,
    timeoutSec: 15,
    maxBytes: 256 * 1024,
    wantsRoot: false,
  },
  {
    id: 'kubelet-proc',
    description: 'kubelet CPU% over 1 s, RSS, threads',
    script: KUBELET_PROC,
    timeoutSec: 6,
    maxBytes: 64 * 1024,
    wantsRoot: false,
  },
];

const byId = new Map(PROBES.map((p) => [p.id, p]));

export function probeSpec(id: ProbeId): ProbeSpec {
  const spec = byId.get(id);
  if (!spec) throw new Error(`unknown probe id ${id}`);
  return spec;
}

/** Single-quote a constant for sh. Only ever applied to catalogue scripts. */
function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The exact string sent as the SSH exec request. The simulator matches on it, so it is the
 * single source of truth for both sides.
 */
export function probeCommand(id: ProbeId, opts: { sudo?: boolean } = {}): string {
  const spec = probeSpec(id);
  const inner = `timeout -s KILL ${spec.timeoutSec} sh -c ${shQuote(spec.script)}`;
  return opts.sudo && spec.wantsRoot ? `sudo -n ${inner}` : inner;
}

/** Reverse lookup used by the simulator: which probe does this exec string run? */
export function probeForCommand(command: string): { id: ProbeId; sudo: boolean } | undefined {
  for (const p of PROBES) {
    if (command === probeCommand(p.id)) return { id: p.id, sudo: false };
    if (command === probeCommand(p.id, { sudo: true })) return { id: p.id, sudo: true };
  }
  return undefined;
}
