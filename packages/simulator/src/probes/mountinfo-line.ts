/** One /proc/<pid>/mountinfo record, rendered exactly as the kernel's show_mountinfo prints it. */
export interface MountRow {
  id: number;
  parent: number;
  majMin: string;
  root: string;
  mountPoint: string;
  opts: string;
  /** Optional fields, e.g. "shared:1", "master:5"; empty for private mounts. */
  optional: string;
  fsType: string;
  source: string;
  superOpts: string;
}

/** The kernel escapes space, tab, newline and backslash in paths as octal. */
const NEEDS_ESCAPE = /[ \t\n\\]/;

function escapePath(p: string): string {
  if (!NEEDS_ESCAPE.test(p)) return p;
  return p.replace(/[ \t\n\\]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
}

export function mountLine(m: MountRow): string {
  const optional = m.optional ? ` ${m.optional}` : '';
  return `${m.id} ${m.parent} ${m.majMin} ${escapePath(m.root)} ${escapePath(m.mountPoint)} ${m.opts}${optional} - ${m.fsType} ${m.source} ${m.superOpts}`;
}

/** Hands out mount ids in the increasing order a booted kernel assigns them. */
export class MountIds {
  constructor(private nextId: number) {}

  take(): number {
    return this.nextId++;
  }

  peek(): number {
    return this.nextId;
  }

  skip(n: number): void {
    this.nextId += n;
  }
}
