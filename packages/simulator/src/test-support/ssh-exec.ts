import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import ssh2 from 'ssh2';
import type { InventoryEntry } from '../fleet/inventory.ts';

export interface ExecOutcome {
  stdout: Buffer;
  stderr: string;
  code: number | null;
  signal?: string;
  /** The connection closed before the channel reported an exit. */
  dropped: boolean;
  handshakeMs: number;
}

/** The key blob known_hosts lists for this entry, as the collector would check it. */
export function knownBlob(e: InventoryEntry): Buffer | undefined {
  const want = `[${e.host}]:${e.port} `;
  const line = readFileSync(e.knownHostsFile, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(want));
  return line ? Buffer.from(line.split(' ')[2] ?? '', 'base64') : undefined;
}

/** Connects like the collector (TCP_NODELAY, strict host key check) and runs one command. */
export function sshExec(
  e: InventoryEntry,
  command: string,
  opts: { giveUpMs?: number } = {},
): Promise<ExecOutcome> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host: e.host, port: e.port, noDelay: true });
    const client = new ssh2.Client();
    const t0 = Date.now();
    let handshakeMs = 0;
    const stdout: Buffer[] = [];
    let stderr = '';
    let code: number | null = null;
    let signal: string | undefined;
    let exited = false;
    let settled = false;
    const finish = (dropped: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.end();
      sock.destroy();
      resolve({ stdout: Buffer.concat(stdout), stderr, code, signal, dropped, handshakeMs });
    };
    const timer = setTimeout(() => finish(false), opts.giveUpMs ?? 30_000);
    sock.on('error', (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
    });
    client.on('error', (err) => {
      if (settled) return;
      if (handshakeMs > 0) return finish(true);
      settled = true;
      clearTimeout(timer);
      reject(err);
    });
    client.on('close', () => finish(!exited));
    client.on('ready', () => {
      handshakeMs = Date.now() - t0;
      client.exec(command, (err, ch) => {
        if (err) return reject(err);
        ch.on('data', (d: Buffer) => stdout.push(d));
        ch.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
        });
        ch.on('exit', (c: number | null, sig?: string) => {
          exited = true;
          code = c;
          signal = sig ?? undefined;
        });
        ch.on('close', () => finish(!exited));
      });
    });
    const expected = knownBlob(e);
    client.connect({
      sock,
      username: e.user,
      privateKey: readFileSync(e.identityFile),
      readyTimeout: 20_000,
      hostVerifier: (key: Buffer) => expected !== undefined && key.equals(expected),
    });
  });
}
