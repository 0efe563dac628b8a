import type { ProbeId } from '../model/probe-id.ts';
import { looksLikeBundle } from './bundle-format.ts';

export interface DetectedKind {
  kind: ProbeId | 'bundle';
  /** Human-readable: what in the text gave it away. */
  reason: string;
  /**
   * Other log kinds with lines in the same text (a /var/log/messages mixes kernel, kubelet
   * and containerd). The log parsers skip lines of other units, so the same text can be
   * parsed once per kind listed here as well.
   */
  alsoContains?: LogKind[];
}

type LogKind = 'kubelet-log' | 'runtime-log' | 'dmesg';
const LOG_KINDS: readonly ProbeId[] = ['kubelet-log', 'runtime-log', 'dmesg'];

const SAMPLE_LINES = 300;

/**
 * Lines that settle the question on their own: the key=value lines and section headers the
 * probe scripts print, and the headers of the tools engineers paste (ps, top, lsblk, docker).
 * Checked in this order over the sample, so a probe's own marker wins over a tool header.
 */
const MARKERS: { kind: ProbeId; re: RegExp; what: string }[] = [
  { kind: 'system', re: /^kernel_release=/, what: 'a kernel_release= line (system probe)' },
  { kind: 'systemd', re: /^ping_rc=\d+/, what: 'a ping_rc= line (systemd probe)' },
  { kind: 'kubelet-proc', re: /^cpu_ticks=-?\d+/, what: 'a cpu_ticks= line (kubelet-proc probe)' },
  { kind: 'kubelet-proc', re: /^pid=\d*$/, what: 'a bare pid= line (kubelet-proc probe)' },
  { kind: 'mountinfo-ns', re: /^## ns=\S+/, what: 'a "## ns=" namespace header' },
  { kind: 'cgroups', re: /^#subsys_name\s+hierarchy/, what: 'the /proc/cgroups header' },
  { kind: 'cgroups', re: /^nr_(?:dying_)?descendants \d+/, what: 'cgroup.stat counters' },
  {
    kind: 'cgroups',
    re: /^## (?:\/proc\/cgroups|cgroup\.stat|cgroup mounts)/,
    what: 'a cgroups probe section',
  },
  { kind: 'blockdev', re: /^\s*"blockdevices"\s*:/, what: 'lsblk JSON' },
  { kind: 'blockdev', re: /^NAME\s+(?:\S+\s+)?MAJ:MIN/, what: 'the lsblk NAME MAJ:MIN header' },
  { kind: 'containers', re: /^## (?:crictl|docker) (?:ps|inspect)/, what: 'a containers probe section' },
  { kind: 'containers', re: /^CONTAINER(?: ID)?\s{2,}IMAGE\s/, what: 'the docker/crictl ps header' },
  {
    kind: 'psi',
    re: /^cat: \/proc\/pressure\/\w+: /,
    what: 'the PSI probe on a kernel without /proc/pressure',
  },
  { kind: 'processes', re: /^top - \d{1,2}:\d{2}:\d{2} /, what: "top's summary line" },
];

/** One line, one vote: which kind's content this line looks like. */
const MOUNTINFO_HEAD = /^\d+ \d+ \d+:\d+ \/\S* \/\S* /;
const LINE_KINDS: { kind: ProbeId; re: { test(line: string): boolean } }[] = [
  // mountinfo: "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue"
  { kind: 'mountinfo', re: MOUNTINFO_HEAD },
  { kind: 'psi', re: /^(?:some|full) avg10=\d/ },
  // Journal/syslog prefixes name the process.
  { kind: 'kubelet-log', re: /^\S+(?: +\S+){1,3} (?:kubelet|hyperkube|k3s|kubelite)(?:\[\d+\])?: / },
  { kind: 'runtime-log', re: /^\S+(?: +\S+){1,3} (?:containerd|dockerd|crio|docker)(?:\[\d+\])?: / },
  { kind: 'dmesg', re: /^\S+(?: +\S+){1,3} kernel: / },
  // journalctl -o json entries.
  { kind: 'kubelet-log', re: /^\{.*"SYSLOG_IDENTIFIER":"(?:kubelet|hyperkube|k3s|kubelite)"/ },
  { kind: 'runtime-log', re: /^\{.*"SYSLOG_IDENTIFIER":"(?:containerd|dockerd|crio|docker)"/ },
  { kind: 'dmesg', re: /^\{.*"_TRANSPORT":"kernel"/ },
  // Bare forms.
  { kind: 'kubelet-log', re: /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d{6} +\d+ [^\s\]]+\] / },
  { kind: 'kubelet-log', re: /^\{"ts":[\d.e+]+,"caller":"[^"]+","msg":/ },
  { kind: 'runtime-log', re: /^time="\d{4}-\d{2}-\d{2}T[^"]*" level=\w+ / },
  { kind: 'runtime-log', re: /^(?:ERRO|WARN|INFO|DEBU|FATA)\[[^\]]{1,40}\] / },
  // (`/^\{.*"level":\s*"\w+".*"msg":/` as a search: two `.*` backtrack quadratically.)
  { kind: 'runtime-log', re: { test: (l: string) => l.startsWith('{') && levelThenMsg(l) } },
  { kind: 'dmesg', re: /^(?:<\d{1,3}>)?\[ *\+?\d+\.\d+\] / },
  { kind: 'dmesg', re: /^\[\S{1,12} +\S{1,12} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4}\] / },
  { kind: 'dmesg', re: /^\[[^\d\s\]]{2,8}\d{1,2} \d{2}:\d{2}\] / },
  { kind: 'dmesg', re: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2},\d{6}[+-]\d{2}:\d{2} / },
];

const KIND_NAMES: Partial<Record<ProbeId, string>> = {
  mountinfo: 'mountinfo',
  psi: 'PSI',
  'kubelet-log': 'kubelet log',
  'runtime-log': 'containerd/dockerd log',
  dmesg: 'kernel log',
};

function levelThenMsg(line: string): boolean {
  const m = /"level":\s*"\w+"/.exec(line);
  return m !== null && line.indexOf('"msg":', m.index + m[0].length) >= 0;
}

function isPsHeader(line: string): boolean {
  return /(?:^|\s)PID\s/.test(line) && /\s(?:COMMAND|CMD|ARGS)(?:\s|$)/.test(line) && !/[a-z]{3}/.test(line);
}

/** The first `max` non-empty lines, found with indexOf so a 100 MB paste costs nothing extra. */
function sampleLines(text: string, max: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length && out.length < max) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    if (line.trim() !== '') out.push(line);
    start = end + 1;
  }
  return out;
}

/**
 * What an engineer pasted: a bundle or the output of one probe. Probe markers and tool headers
 * decide at once; otherwise each sampled line votes and the kind with most votes wins (a syslog
 * mixing kernel and kubelet lines goes to whichever has more).
 */
export function detectKind(text: string): DetectedKind | undefined {
  if (looksLikeBundle(text)) return { kind: 'bundle', reason: 'a #nodescope-bundle header' };
  const lines = sampleLines(text, SAMPLE_LINES);
  for (const m of MARKERS) {
    const i = lines.findIndex((l) => m.re.test(l));
    if (i >= 0) return { kind: m.kind, reason: `${m.what} on sampled line ${i + 1}` };
  }
  const ps = lines.findIndex(isPsHeader);
  if (ps >= 0)
    return { kind: 'processes', reason: `a ps header with PID and COMMAND on sampled line ${ps + 1}` };
  const json = detectJson(text);
  if (json) return json;

  const votes = new Map<ProbeId, number>();
  for (const line of lines) {
    const hit = LINE_KINDS.find((k) => k.re.test(line) && (k.re !== MOUNTINFO_HEAD || line.includes(' - ')));
    if (hit) votes.set(hit.kind, (votes.get(hit.kind) ?? 0) + 1);
  }
  let best: ProbeId | undefined;
  let bestVotes = 0;
  for (const [kind, n] of votes) {
    if (n > bestVotes) {
      best = kind;
      bestVotes = n;
    }
  }
  if (best === undefined) return undefined;
  const out: DetectedKind = {
    kind: best,
    reason: `${bestVotes} of ${lines.length} sampled lines look like ${KIND_NAMES[best] ?? best} lines`,
  };
  if (LOG_KINDS.includes(best)) {
    const also = LOG_KINDS.filter((k) => k !== best && (votes.get(k) ?? 0) > 0) as LogKind[];
    if (also.length > 0) out.alsoContains = also;
  }
  return out;
}

/** `/^\{.*"Names":.*"Status":/m` without the two backtracking `.*`. */
function namesThenStatus(line: string): boolean {
  if (!line.startsWith('{')) return false;
  const at = line.indexOf('"Names":');
  return at >= 0 && line.indexOf('"Status":', at + 8) >= 0;
}

function someLine(text: string, test: (line: string) => boolean): boolean {
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (test(text.slice(start, end))) return true;
    start = end + 1;
  }
  return false;
}

/** JSON documents from lsblk -J, crictl -o json and docker --format '{{json .}}'. */
function detectJson(text: string): DetectedKind | undefined {
  const head = text.slice(0, 64 * 1024);
  // [^\S\n], not \s: a \s* that may cross lines rescans a run of blank lines from each of them.
  const brace = head.search(/^[^\S\n]*[{[]/m);
  if (brace < 0) return undefined;
  if (/"blockdevices"\s*:/.test(head)) return { kind: 'blockdev', reason: 'lsblk JSON ("blockdevices")' };
  if (/"containers"\s*:/.test(head) && /"(?:podSandboxId|metadata|imageRef)"\s*:/.test(head)) {
    return { kind: 'containers', reason: 'crictl JSON ("containers")' };
  }
  if (/^\{"Command":.*"ID":/m.test(head) || someLine(head, namesThenStatus)) {
    return { kind: 'containers', reason: "docker ps --format '{{json .}}' lines" };
  }
  return undefined;
}
