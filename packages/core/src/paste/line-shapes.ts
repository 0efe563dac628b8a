/**
 * Shapes of single lines that only come from a node: log prefixes of every reader we meet
 * (journal, syslog, klog, logfmt, dmesg, kmsg as Talos prints it), table rows, goroutine
 * headers and kubectl events. Used to tell node output from prose, and to pull table rows out
 * of mixed text. Every regex is anchored and bounded so a line costs one short match.
 */

export const CGROUPS_ROW = /^\s*([a-z_]{2,20})\s+(\d{1,6})\s+(\d{1,9})\s+([01])\s*$/;
export const MOUNTINFO_ROW = /^\d+ \d+ \d+:\d+ \/\S* \/\S* \S+ .*- \S+ \S+/;
export const PSI_ROW =
  /^(?:\/proc\/pressure\/\w+:)?(?:some|full) avg10=\d+\.\d+ avg60=\d+\.\d+ avg300=\d+\.\d+ total=\d+/;
/** `ps aux` rows, header dropped by a `| grep`: USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND. */
export const PS_AUX_ROW =
  /^\S+\s+\d+\s+\d+\.\d\s+\d+\.\d\s+\d+\s+\d+\s+\S+\s+[DRSTtZXIWP][<NLsl+]*\s+\S+\s+\d+:\d+\s+\S/;
/** `ps -elf` rows without their header: F S UID PID PPID C PRI NI ADDR SZ WCHAN STIME TTY TIME CMD. */
export const PS_ELF_ROW =
  /^\s*\d{1,3}\s+[DRSTtZXIWP]\s+\S+\s+\d+\s+\d+\s+\d+\s+\d+\s+-?\d+\s+\S+\s+\d+\s+\S+\s+\S+\s+\S+\s+[\d:-]+\s+\S/;
export const LOAD_AVERAGE = /load averages?: (\d+(?:[.,]\d+)?),? (\d+(?:[.,]\d+)?),? (\d+(?:[.,]\d+)?)/;

const LOG_SHAPES: RegExp[] = [
  /^[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}(?:\.\d{1,9})? \S+ [\w./@-]+(?:\[\d+\])?: /, // syslog / journalctl short, short-precise
  /^\d,\d{1,20},\d{1,20},[-c][^;]{0,40};/, // /dev/kmsg records: level,seq,usec,flags;message
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})? \S+ [\w./@-]+(?:\[\d+\])?: /, // short-iso
  /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d{6} +\d+ [^\s\]]+\] /, // klog
  /^(?:<\d{1,3}>)?\[ *\+?\d+\.\d+\] /, // dmesg
  /^\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}\] /, // dmesg -T
  /^\S+: (?:kern|user|daemon): +\w+: \[\d{4}-\d{2}-\d{2}T/, // Talos kmsg
  /^kernel: /,
  /^time="\d{4}-\d{2}-\d{2}T[^"]*" level=\w+ /, // logrus
  /^(?:ERRO|WARN|INFO|DEBU|FATA)\[\d{4}[^\]]{0,40}\] /,
  /^\{"(?:ts|time|level|msg)":/,
  /^goroutine \d+ \[[^\]]+\]:$/,
  /^\s+(?:Normal|Warning)\s+[A-Z]\w+\s+\S+.*\s(?:kubelet|kube-controller-manager|node-controller|default-scheduler|attachdetach-controller)\b/, // kubectl describe events
  /^\s*(?:Ready|MemoryPressure|DiskPressure|PIDPressure)\s+(?:True|False|Unknown)\s/, // node conditions
  /^INFO: task \S+:\d+ blocked for more than \d+ seconds/,
  /^(?:EXT4-fs|XFS|JBD2|blk_update_request|Buffer I\/O error|print_req_error|I\/O error|SLUB|Memory cgroup|dbus-daemon)\b/,
  /^Error response from daemon: /,
  /^(?:FATA|E\d{4})\[?\d{4}.*(?:rpc error|runtime service failed)/,
  /^OCI runtime \w+ failed: /,
  /^● [\w@.-]+\.(?:service|scope|slice|socket) - /, // systemctl status
  /^\s+(?:Loaded|Active|Main PID|CGroup): /,
  /^\s*(?:CONTAINER(?: ID)?|POD ID)\s{2,}/,
  /^\s*(?:F S UID|UID|USER|PID)\s+(?:PID|PPID|S|%CPU|USER)\s/, // ps headers
  /^#subsys_name\s+hierarchy/,
  // Other node tools whose output is recognisable even though no detector reads it.
  /^Filesystem\s+(?:Size|1K-blocks|Type|Inodes)\s/, // df
  /^\s+total\s+used\s+free\s+shared/, // free
  /^Linux \S+ \d+\.\d+\.\d+\S* #\d+/, // uname -a
  /^NAME\s+(?:READY\s+STATUS|STATUS\s+ROLES)\s/, // kubectl get pods / nodes
  /^-- (?:Logs begin at|Journal begins at|No entries --)/, // journalctl
  /^\s*(?:Name|Namespace|Node|Status|Events):\s{2,}\S/, // kubectl describe
  /^ ?\d{2}:\d{2}:\d{2} up .*load average/, // uptime
  /^\s*PID\s+USER\s+PR\s+NI\s/, // top
  /^\[<[0-9a-f]+>\] \S+\+0x/, // /proc/<pid>/stack
  /^(?:ExecStart|ExecMainPID|MainPID|ActiveState|SubState|NRestarts|ControlGroup)=/, // systemctl show
  /^Linux \S+ \(\S+\)\s+\d{2}\/\d{2}\/\d{2,4}\s/, // sysstat header (pidstat, iostat)
];

export function isNodeLine(line: string): boolean {
  if (line.length < 6 || line.length > 65_536) return false;
  if (shapeOf(line)) return true;
  // Markdown's indented code blocks and posters' own indentation: the same shapes, further in.
  const c = line.charCodeAt(0);
  return (c === 32 || c === 9) && shapeOf(line.trimStart());
}

function shapeOf(line: string): boolean {
  if (line.length < 6) return false;
  if (
    CGROUPS_ROW.test(line) ||
    MOUNTINFO_ROW.test(line) ||
    PSI_ROW.test(line) ||
    PS_AUX_ROW.test(line) ||
    PS_ELF_ROW.test(line)
  )
    return true;
  // JSON loggers (logrus, zap, klog -o json) put any key first: {"error":…,"level":"info",…}.
  if (line.startsWith('{"') && (line.includes('"level":') || line.includes('"msg":'))) return true;
  for (const re of LOG_SHAPES) if (re.test(line)) return true;
  return false;
}
