import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { resolveNode, type ResolvedNode, type SimNodeSpec } from '../model/sim-node-spec.ts';
import { clientKeyFile, ensureHostKey, ensureKeyPair, knownHostsLine } from '../server/keys.ts';
import { type NodeServer, startNodeServer } from '../server/node-server.ts';
import { mixFleet } from './fleet-specs.ts';
import type { InventoryEntry } from './inventory.ts';

export interface StartFleetOptions {
  nodes: SimNodeSpec[] | number;
  /** Consecutive ports from here; ephemeral ports when absent. */
  basePort?: number;
  /** Keys and known_hosts live here and are reused on the next start. */
  stateDir: string;
  /** Loopback only. */
  host?: string;
  clock?: () => Date;
  user?: string;
  /** Scales how long the systemd-hang probe waits before its kill (tests use a fraction). */
  hangTimeFactor?: number;
}

export interface Fleet {
  inventory: InventoryEntry[];
  knownHostsFile: string;
  identityFile: string;
  stop(): Promise<void>;
}

function assertLoopback(host: string): void {
  if (!/^127\.\d+\.\d+\.\d+$/.test(host) && host !== '::1') {
    throw new Error(`the simulator binds loopback addresses only, not ${host}`);
  }
}

/** A port nothing listens on: bind an ephemeral one and let it go again. */
async function closedPort(host: string): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, host, r));
  const addr = srv.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

async function inBatches<T, R>(
  items: T[],
  size: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  for (let i = 0; i < items.length; i += size) {
    const batch = items.slice(i, i + size);
    const results = await Promise.all(batch.map((item, j) => fn(item, i + j)));
    results.forEach((r, j) => {
      out[i + j] = r;
    });
  }
  return out;
}

export async function startFleet(opts: StartFleetOptions): Promise<Fleet> {
  const host = opts.host ?? '127.0.0.1';
  assertLoopback(host);
  const stateDir = resolve(opts.stateDir);
  await mkdir(stateDir, { recursive: true });
  const specs = typeof opts.nodes === 'number' ? mixFleet(opts.nodes) : opts.nodes;
  const nodes: ResolvedNode[] = specs.map(resolveNode);
  const names = new Set<string>();
  for (const n of nodes) {
    if (names.has(n.name)) throw new Error(`duplicate node name ${n.name}`);
    names.add(n.name);
  }
  const identityFile = clientKeyFile(stateDir);
  const client = await ensureKeyPair(identityFile);
  const knownHostsFile = join(stateDir, 'known_hosts');
  const clock = opts.clock ?? (() => new Date());
  const servers: NodeServer[] = [];
  const user = opts.user ?? 'nodescope';

  const started = await inBatches(nodes, 64, async (node, i) => {
    const kinds = new Set(node.faults.map((f) => f.kind));
    const own = await ensureHostKey(stateDir, node.name);
    // wrong-host-key: known_hosts names an unrelated key; changed-host-key: the node now presents a new one.
    const known = kinds.has('wrong-host-key') ? await ensureHostKey(stateDir, node.name, '.other') : own;
    const presented = kinds.has('changed-host-key')
      ? await ensureHostKey(stateDir, node.name, '.rotated')
      : own;
    let port: number;
    if (kinds.has('refuse-connection')) {
      port = opts.basePort !== undefined ? opts.basePort + i : await closedPort(host);
    } else {
      const srv = await startNodeServer({
        node,
        hostPrivateKey: presented.privateKey,
        clientPublicKey: client.publicKey,
        host,
        port: opts.basePort !== undefined ? opts.basePort + i : 0,
        clock,
        hangTimeFactor: opts.hangTimeFactor ?? 1,
      });
      servers.push(srv);
      port = srv.port;
    }
    const entry: InventoryEntry = {
      name: node.name,
      host,
      port,
      user,
      identityFile,
      knownHostsFile,
      labels: { ...node.labels },
    };
    return { entry, known: knownHostsLine(host, port, known.publicKey) };
  }).catch(async (err) => {
    await Promise.all(servers.map((s) => s.close()));
    throw err;
  });

  await writeFile(knownHostsFile, `${started.map((s) => s.known).join('\n')}\n`);
  let stopped = false;
  return {
    inventory: started.map((s) => s.entry),
    knownHostsFile,
    identityFile,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
