import type { ContainerEntry, ContainerState, MountNamespace, ProcessEntry } from '../model/node-state.ts';
import { shortId } from '../metrics/format.ts';
import type { ContainerRootfs } from './mount-paths.ts';

/**
 * Resolves who holds a mount copy: a container (by id, by its pid, by the shim that
 * parents the namespace's process), a storage layer no container could be matched to, or a
 * bare mount namespace. Docker overlay2 directory ids are layer ids, not container ids; the
 * only link on the node is the layer path in a container's inspect error or mount paths.
 */

export type HolderKind = 'container' | 'layer' | 'namespace';

export interface MountHolder {
  key: string;
  kind: HolderKind;
  containerId?: string;
  containerName?: string;
  containerState?: ContainerState;
  containerStatus?: string;
  layerId?: string;
  nsId?: string;
  pid?: number;
  comm?: string;
  /** Host path of the container rootfs when the copies sit under it in the host table. */
  rootfs?: string;
  /** Dead, being removed, or no longer known to the runtime. */
  dead: boolean;
  /** Human wording: "container e4261544f8eb (k8s_logxxx…), which is dead (Removal In Progress)". */
  label: string;
}

const HEX64_IN_ERROR = /\/(?:overlay2|overlay|aufs\/mnt|aufs\/diff)\/([0-9a-f]{64})/g;
const SHIM_ID_RE = /(?:-id|--id|-c|--cid)\s+([0-9a-f]{64})|\/(?:moby|k8s\.io)\/([0-9a-f]{64})/;

export function isDeadContainer(c: ContainerEntry): boolean {
  return c.state === 'dead' || c.state === 'removing' || /removal in progress|^dead\b/i.test(c.status);
}

export class ContainerIndex {
  private readonly byId = new Map<string, ContainerEntry>();
  private readonly byShort = new Map<string, ContainerEntry>();
  private readonly byPid = new Map<number, ContainerEntry>();
  private readonly byLayer = new Map<string, ContainerEntry>();
  private procs: Map<number, ProcessEntry> | undefined;
  private readonly processes: ProcessEntry[];
  readonly hasContainers: boolean;

  constructor(containers: ContainerEntry[], processes: ProcessEntry[]) {
    this.hasContainers = containers.length > 0;
    for (const c of containers) {
      this.byId.set(c.id, c);
      this.byShort.set(c.id.slice(0, 12), c);
      if (c.pid) this.byPid.set(c.pid, c);
      if (c.error) for (const m of c.error.matchAll(HEX64_IN_ERROR)) if (m[1]) this.byLayer.set(m[1], c);
    }
    this.processes = processes;
  }

  find(id: string): ContainerEntry | undefined {
    return this.byId.get(id) ?? this.byShort.get(id.slice(0, 12));
  }

  private readonly rootfsCache = new Map<string, MountHolder>();

  /** Holder of copies found under a container rootfs in the host mount table. */
  forRootfs(r: ContainerRootfs): MountHolder {
    const cached = this.rootfsCache.get(r.rootfs);
    if (cached) return cached;
    const h = this.resolveRootfs(r);
    this.rootfsCache.set(r.rootfs, h);
    return h;
  }

  private resolveRootfs(r: ContainerRootfs): MountHolder {
    const c = r.idIsLayer ? (this.byLayer.get(r.id) ?? this.find(r.id)) : this.find(r.id);
    if (c) return { ...this.containerHolder(c), rootfs: r.rootfs };
    if (!r.idIsLayer) {
      // A containerd task rootfs whose container the runtime no longer lists: nothing will clean it up.
      const gone = this.hasContainers;
      return {
        key: `container:${r.id}`,
        kind: 'container',
        containerId: r.id,
        rootfs: r.rootfs,
        dead: gone,
        label: `container ${shortId(r.id)}${gone ? ', which the runtime no longer lists' : ''}`,
      };
    }
    return {
      key: `layer:${r.id}`,
      kind: 'layer',
      layerId: r.id,
      rootfs: r.rootfs,
      dead: false,
      label: `the rootfs of layer ${shortId(r.id)} (${r.kind}; no container matched it)`,
    };
  }

  /** Holder of a non-host mount namespace. */
  forNamespace(ns: MountNamespace): MountHolder {
    const c = this.containerForPid(ns.pid);
    if (c)
      return { ...this.containerHolder(c), nsId: ns.nsId, ...(ns.pid !== undefined ? { pid: ns.pid } : {}) };
    const h: MountHolder = {
      key: `ns:${ns.nsId}`,
      kind: 'namespace',
      nsId: ns.nsId,
      dead: false,
      label: `mount namespace ${ns.nsId}${ns.pid !== undefined ? ` (pid ${ns.pid}${ns.comm ? ` ${ns.comm}` : ''})` : ''}`,
    };
    if (ns.pid !== undefined) h.pid = ns.pid;
    if (ns.comm) h.comm = ns.comm;
    return h;
  }

  private containerForPid(pid: number | undefined): ContainerEntry | undefined {
    if (pid === undefined) return undefined;
    const direct = this.byPid.get(pid);
    if (direct) return direct;
    // Walk up to the shim: its command line names the container (or sandbox) id.
    this.procs ??= pidMap(this.processes);
    let p = this.procs.get(pid);
    for (let hops = 0; p && hops < 12; hops++) {
      const c = this.byPid.get(p.pid);
      if (c) return c;
      if (/containerd-shim|conmon|crun|runc/.test(p.comm) || /containerd-shim|conmon/.test(p.args)) {
        const m = SHIM_ID_RE.exec(p.args);
        const id = m?.[1] ?? m?.[2];
        if (id) return this.find(id);
      }
      if (p.ppid === undefined || p.ppid === p.pid || p.ppid <= 1) break;
      p = this.procs.get(p.ppid);
    }
    return undefined;
  }

  private containerHolder(c: ContainerEntry): MountHolder {
    const dead = isDeadContainer(c);
    const status = c.status || c.state;
    // Docker shows a container stuck in removal as state "dead", status "Removal In Progress".
    const label = dead
      ? `container ${shortId(c.id)}, which is dead (${status})`
      : `container ${shortId(c.id)} (${status})`;
    const h: MountHolder = {
      key: `container:${c.id}`,
      kind: 'container',
      containerId: c.id,
      containerState: c.state,
      containerStatus: c.status,
      dead,
      label,
    };
    if (c.name) h.containerName = c.name;
    return h;
  }
}

/** pid -> process, filled in a loop: 20,000 [pid, entry] pairs would be garbage at once. */
function pidMap(processes: ProcessEntry[]): Map<number, ProcessEntry> {
  const out = new Map<number, ProcessEntry>();
  for (const p of processes) out.set(p.pid, p);
  return out;
}
