import type { Client, ClientChannel } from 'ssh2';

/**
 * Limits concurrent exec channels on one connection and queues the rest. OpenSSH refuses
 * sessions above MaxSessions (default 10) and a busy node may be configured lower, so a refused
 * channel open is not a probe failure: the request waits for another channel to close, and the
 * pool lowers its limit to what the server actually allowed.
 */

export interface ChannelPoolOptions {
  /** Concurrent channels; default 4, well under OpenSSH's default MaxSessions of 10. */
  maxChannels?: number;
  /** Retries of a refused channel open when no other channel is open to wait for. */
  idleRetries?: number;
}

interface Waiter {
  command: string;
  attempts: number;
  resolve: (ch: ClientChannel) => void;
  reject: (err: Error) => void;
}

export class ConnectionLostError extends Error {
  constructor(detail: string) {
    super(`connection lost: ${detail}`);
    this.name = 'ConnectionLostError';
  }
}

function isOpenRefusal(err: Error): boolean {
  return err.message.startsWith('(SSH) Channel open failure');
}

export class ChannelPool {
  private readonly queue: Waiter[] = [];
  private active = 0;
  private limit: number;
  private readonly idleRetries: number;
  private lastError: Error | undefined;
  private lost: ConnectionLostError | undefined;

  constructor(
    private readonly client: Client,
    opts: ChannelPoolOptions = {},
  ) {
    this.limit = Math.max(1, Math.floor(opts.maxChannels ?? 4));
    this.idleRetries = opts.idleRetries ?? 3;
    client.on('error', (err) => {
      this.lastError = err;
    });
    // Registered before ssh2 closes the channels, so a probe finishing on that close already
    // sees why the connection went away.
    client.once('close', () => this.fail(this.lastError?.message ?? 'the server closed the connection'));
  }

  /** Why the connection is gone, once it is. */
  get failure(): ConnectionLostError | undefined {
    return this.lost;
  }

  get stats(): { active: number; queued: number; limit: number } {
    return { active: this.active, queued: this.queue.length, limit: this.limit };
  }

  /** Resolves with an exec channel once a slot is free; the slot is freed when the channel closes. */
  exec(command: string): Promise<ClientChannel> {
    if (this.lost) return Promise.reject(this.lost);
    return new Promise((resolve, reject) => {
      this.queue.push({ command, attempts: 0, resolve, reject });
      this.pump();
    });
  }

  fail(detail: string): void {
    if (this.lost) return;
    this.lost = new ConnectionLostError(detail);
    for (const w of this.queue.splice(0)) w.reject(this.lost);
  }

  private pump(): void {
    while (!this.lost && this.active < this.limit && this.queue.length > 0) {
      this.open(this.queue.shift() as Waiter);
    }
  }

  private open(w: Waiter): void {
    this.active++;
    const onOpen = (err: Error | undefined, ch: ClientChannel) => {
      if (err) {
        this.active--;
        this.retryOrReject(w, err);
        return;
      }
      ch.once('close', () => {
        this.active--;
        this.pump();
      });
      w.resolve(ch);
    };
    try {
      this.client.exec(w.command, onOpen);
    } catch (err) {
      this.active--;
      w.reject(err as Error);
    }
  }

  private retryOrReject(w: Waiter, err: Error): void {
    if (this.lost || !isOpenRefusal(err)) {
      w.reject(this.lost ?? err);
      return;
    }
    w.attempts++;
    if (this.active > 0) {
      // The server allows fewer sessions than we asked for: remember that and wait for a close.
      this.limit = Math.max(1, Math.min(this.limit, this.active));
      this.queue.unshift(w);
      return;
    }
    if (w.attempts > this.idleRetries) {
      w.reject(err);
      return;
    }
    // Nothing of ours is open, so another client holds the sessions: back off briefly.
    this.queue.unshift(w);
    setTimeout(() => this.pump(), 100 * 2 ** w.attempts).unref();
  }
}
