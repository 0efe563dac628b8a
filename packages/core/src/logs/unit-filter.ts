/**
 * Which log a syslog/journal identifier belongs to. A pasted /var/log/messages mixes kernel,
 * kubelet and runtime lines; each parser keeps its own family and counts the rest, so the
 * same text can be fed to all three parsers.
 */
export type UnitFamily = 'kernel' | 'kubelet' | 'runtime' | 'systemd' | 'other';

const RUNTIME_RE = /^(?:containerd|dockerd|docker|crio|cri-o|runc|podman|containerd-shim[\w-]*)$/;
const KUBELET_RE = /kubelet|hyperkube|^k3s|^rke2|kubelite/;

let lastUnit = '';
let lastFamily: UnitFamily = 'other';

/** Memoised on the previous unit: journal lines come in long runs from the same process. */
export function unitFamily(unit: string): UnitFamily {
  if (unit !== lastUnit) {
    lastFamily = familyOf(unit);
    lastUnit = unit;
  }
  return lastFamily;
}

function familyOf(unit: string): UnitFamily {
  if (unit === 'kernel') return 'kernel';
  if (unit === 'systemd' || unit === 'init' || unit.startsWith('systemd-')) return 'systemd';
  if (RUNTIME_RE.test(unit)) return 'runtime';
  if (KUBELET_RE.test(unit)) return 'kubelet';
  return 'other';
}

export class SkippedUnits {
  private readonly counts = new Map<string, number>();
  add(unit: string): void {
    this.counts.set(unit, (this.counts.get(unit) ?? 0) + 1);
  }
  /** One warning line instead of one per skipped line. */
  summary(): string | undefined {
    if (this.counts.size === 0) return undefined;
    let total = 0;
    const parts: string[] = [];
    for (const [unit, n] of [...this.counts].sort((a, b) => b[1] - a[1])) {
      total += n;
      if (parts.length < 5) parts.push(`${unit}: ${n}`);
    }
    return `skipped ${total} lines from other units (${parts.join(', ')})`;
  }
}
