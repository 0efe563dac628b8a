import { createServer, type Server as NetServer, type Socket } from 'node:net';
import ssh2, { type Connection } from 'ssh2';
import type { ResolvedNode } from '../model/sim-node-spec.ts';
import { handleExec } from './exec-handler.ts';

export interface NodeServerOptions {
  node: ResolvedNode;
  hostPrivateKey: string;
  /** OpenSSH public line of the one client key the node accepts. */
  clientPublicKey: string;
  host: string;
  /** 0 for an ephemeral port. */
  port: number;
  clock: () => Date;
  hangTimeFactor: number;
}

export interface NodeServer {
  port: number;
  close(): Promise<void>;
}

const { Server: SshServer, utils } = ssh2;

/** What real OpenSSH on a node says in its banner; the simulator should not stand out. */
const IDENT = 'OpenSSH_8.0';

/** One simulated node: a loopback TCP listener handing sockets to an ssh2 server. */
export async function startNodeServer(o: NodeServerOptions): Promise<NodeServer> {
  const clientKey = utils.parseKey(o.clientPublicKey);
  if (clientKey instanceof Error) throw clientKey;
  const clientBlob = clientKey.getPublicSSH();
  const faults = new Set(o.node.faults.map((f) => f.kind));
  const slow = o.node.faults.find((f) => f.kind === 'slow-handshake');
  const sockets = new Set<Socket>();
  const stoppers = new Set<() => void>();
  const ssh = new SshServer({ hostKeys: [o.hostPrivateKey], ident: IDENT });

  ssh.on('connection', (client: Connection) => {
    client.on('error', () => {});
    client.on('authentication', (ctx) => {
      if (faults.has('auth-reject') || ctx.method !== 'publickey') return ctx.reject(['publickey']);
      if (ctx.key.algo !== clientKey.type || !ctx.key.data.equals(clientBlob))
        return ctx.reject(['publickey']);
      if (ctx.signature && ctx.blob && clientKey.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true) {
        return ctx.reject(['publickey']);
      }
      ctx.accept();
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        session.on('pty', (_a, reject) => reject?.());
        session.on('shell', (_a, reject) => reject?.());
        session.on('subsystem', (_a, reject) => reject?.());
        session.on('env', (a) => a?.());
        session.on('exec', (acceptExec, _reject, info) => {
          const ch = acceptExec();
          const sock = (client as unknown as { _sock?: Socket })._sock;
          void handleExec(ch, info.command, {
            node: o.node,
            clock: o.clock,
            hangTimeFactor: o.hangTimeFactor,
            destroyConnection: () => sock?.destroy(),
            onStop: (fn) => stoppers.add(fn),
          }).catch(() => sock?.destroy());
        });
      });
    });
  });

  const tcp: NetServer = createServer((socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (slow && slow.kind === 'slow-handshake') {
      const t = setTimeout(() => {
        if (!socket.destroyed) ssh.injectSocket(socket);
      }, slow.delayMs);
      socket.on('close', () => clearTimeout(t));
    } else {
      ssh.injectSocket(socket);
    }
  });

  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(o.port, o.host, () => {
      tcp.off('error', reject);
      resolve();
    });
  });
  const address = tcp.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const fn of stoppers) fn();
        for (const s of sockets) s.destroy();
        tcp.close(() => resolve());
      }),
  };
}
