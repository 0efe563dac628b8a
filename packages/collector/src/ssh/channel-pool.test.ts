import { EventEmitter } from 'node:events';
import type { Client, ClientChannel } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { ChannelPool, ConnectionLostError } from './channel-pool.ts';

/** A stand-in for ssh2's Client that enforces a session limit like sshd's MaxSessions. */
class FakeClient extends EventEmitter {
  open = 0;
  maxOpen = 0;
  execs: string[] = [];
  channels: Array<EventEmitter & { close(): void }> = [];
  constructor(private readonly serverLimit: number) {
    super();
  }
  exec(command: string, cb: (err: Error | undefined, ch: ClientChannel) => void) {
    this.execs.push(command);
    setImmediate(() => {
      if (this.open >= this.serverLimit) {
        cb(new Error('(SSH) Channel open failure: open failed'), undefined as unknown as ClientChannel);
        return;
      }
      this.open++;
      this.maxOpen = Math.max(this.maxOpen, this.open);
      const ch = Object.assign(new EventEmitter(), {
        close: () => {
          this.open--;
          ch.emit('close');
        },
      });
      this.channels.push(ch);
      cb(undefined, ch as unknown as ClientChannel);
    });
  }
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('ChannelPool', () => {
  it('never has more than maxChannels open and runs the queue in order', async () => {
    const client = new FakeClient(100);
    const pool = new ChannelPool(client as unknown as Client, { maxChannels: 3 });
    const opened: string[] = [];
    const all = Array.from({ length: 8 }, (_, i) =>
      pool.exec(`p${i}`).then((ch) => {
        opened.push(`p${i}`);
        setTimeout(() => (ch as unknown as { close(): void }).close(), 2);
      }),
    );
    await Promise.all(all);
    expect(client.maxOpen).toBe(3);
    expect(opened).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']);
  });

  it('retries a refused open after another channel closes and learns the server limit', async () => {
    const client = new FakeClient(2);
    const pool = new ChannelPool(client as unknown as Client, { maxChannels: 5 });
    const chans: ClientChannel[] = [];
    const pending = Array.from({ length: 4 }, (_, i) => pool.exec(`p${i}`).then((ch) => chans.push(ch)));
    await tick();
    expect(chans).toHaveLength(2);
    expect(pool.stats.limit).toBe(2);
    expect(pool.stats.refusals).toBeGreaterThan(0);
    for (const ch of chans.splice(0)) (ch as unknown as { close(): void }).close();
    await tick();
    expect(chans).toHaveLength(2);
    for (const ch of chans) (ch as unknown as { close(): void }).close();
    await Promise.all(pending);
    expect(client.maxOpen).toBe(2);
  });

  it('rejects waiting requests once the connection is gone', async () => {
    const client = new FakeClient(1);
    const pool = new ChannelPool(client as unknown as Client, { maxChannels: 1 });
    const first = pool.exec('a');
    const second = pool.exec('b');
    await first;
    client.emit('error', new Error('read ECONNRESET'));
    client.emit('close');
    await expect(second).rejects.toBeInstanceOf(ConnectionLostError);
    await expect(second).rejects.toThrow('connection lost: read ECONNRESET');
    await expect(pool.exec('c')).rejects.toThrow(/connection lost/);
  });

  it('gives up on a refused open after its retries when nothing of ours is open', async () => {
    const client = new FakeClient(0);
    const pool = new ChannelPool(client as unknown as Client, { maxChannels: 2, retries: 2 });
    await expect(pool.exec('x')).rejects.toThrow('Channel open failure');
    expect(client.execs).toHaveLength(3);
  });

  it('passes other exec errors straight through', async () => {
    const client = new FakeClient(5);
    client.exec = (_c, cb) =>
      setImmediate(() => cb(new Error('Unable to exec'), undefined as unknown as ClientChannel));
    const pool = new ChannelPool(client as unknown as Client);
    await expect(pool.exec('x')).rejects.toThrow('Unable to exec');
  });
});
