/**
 * What a transcript section holds, from the command that printed it. `undefined` means the
 * command says nothing useful (or is unknown): the section is then read by its content.
 */
export type SectionKind =
  | 'cgroups'
  | 'mountinfo'
  | 'mount-table'
  | 'processes'
  | 'containers'
  | 'psi'
  | 'blockdev'
  | 'uptime'
  | 'logs';

function words(cmd: string): string[] {
  return cmd
    .replace(/^\s*(?:sudo|time|watch(?:\s+-n\s*\S+)?)\s+(?:-\S+\s+)*/, '')
    .trim()
    .split(/\s+/);
}

function ofPath(path: string): SectionKind | undefined {
  if (/^\/proc\/cgroups$/.test(path) || /cgroup\.stat$/.test(path)) return 'cgroups';
  if (/\/mountinfo$/.test(path)) return 'mountinfo';
  if (/^\/proc\/(?:self\/|\d+\/)?mounts$|^\/etc\/mtab$/.test(path)) return 'mount-table';
  if (/^\/proc\/pressure\//.test(path)) return 'psi';
  if (/^\/proc\/loadavg$/.test(path)) return 'uptime';
  if (/^\/var\/log\/|\.log$|\/stack$|^\/proc\/kmsg$|messages|syslog/.test(path)) return 'logs';
  return undefined;
}

export function commandKind(command: string): SectionKind | undefined {
  // A pipeline's first command printed the text; `grep` after it only filtered lines.
  const first = command.split(/\s*\|\s*/)[0] ?? '';
  const w = words(first);
  const tool = (w[0] ?? '').split('/').pop() ?? '';
  const args = w.slice(1);
  const paths = args.filter((a) => a.startsWith('/'));
  switch (tool) {
    case 'cat':
    case 'tail':
    case 'head':
    case 'less':
    case 'more':
    case 'zcat':
      for (const p of paths) {
        const k = ofPath(p);
        if (k) return k;
      }
      return undefined;
    case 'grep':
    case 'egrep':
    case 'zgrep':
    case 'rg': {
      for (const p of paths) {
        const k = ofPath(p);
        if (k && k !== 'logs') return k;
      }
      return 'logs';
    }
    case 'mount':
      return args.every((a) => a.startsWith('-l') || a === '-t' || /^\w+$/.test(a))
        ? 'mount-table'
        : undefined;
    case 'ps':
    case 'top':
    case 'htop':
      return 'processes';
    case 'uptime':
      return 'uptime';
    case 'lsblk':
      return 'blockdev';
    case 'docker':
    case 'crictl':
    case 'nerdctl':
    case 'podman':
      return args[0] === 'ps' || (args[0] === 'container' && args[1] === 'ls') ? 'containers' : 'logs';
    case 'dmesg':
    case 'journalctl':
    case 'systemctl':
    case 'busctl':
    case 'kubectl':
    case 'dbus-send':
    case 'gdbus':
    case 'ctr':
    case 'runc':
    case 'kill':
    case 'umount':
      return 'logs';
    default:
      return undefined;
  }
}
