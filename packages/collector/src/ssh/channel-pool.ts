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
  /** Timed retries of one refused channel open (10 ms doubling to 1 s) when no close is awaited. */
  retries?: number;
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
  /** Channels opening or open (what the limit counts). */
  private active = 0;
  /** Channels the server has confirmed open and not yet closed. */
  private opened = 0;
  private limit: number;
  private readonly maxChannels: number;
  private readonly retries: number;
  private lastError: Error | undefined;
  /** Most channels this connection has had open at once: proven allowed by the server. */
  private provenConcurrent = 0;
  private refusals = 0;
  private lost: ConnectionLostError | undefined;

  constructor(
    private readonly client: Client,
    opts: ChannelPoolOptions = {},
  ) {
    this.maxChannels = Math.max(1, Math.floor(opts.maxChannels ?? 4));
    this.limit = this.maxChannels;
    this.retries = opts.retries ?? 8;
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

  get stats(): { active: number; queued: number; limit: number; refusals: number } {
    return { active: this.active, queued: this.queue.length, limit: this.limit, refusals: this.refusals };
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
      this.opened++;
      this.provenConcurrent = Math.max(this.provenConcurrent, this.opened);
      // Opens already in flight when a refusal lowered the limit may still succeed: they prove
      // a higher limit, so take it back (never above what was asked for).
      this.limit = Math.max(this.limit, Math.min(this.maxChannels, this.provenConcurrent));
      // Record exit and close now: a fast probe's exit-status and close can arrive in the same
      // packet as the open confirmation, before the awaiting caller attaches its listeners.
      const early = recordEarlyEvents(ch);
      ch.once('close', () => {
        this.active--;
        this.opened--;
        this.pump();
      });
      w.resolve(early);
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
    this.refusals++;
    // The server allows fewer sessions than we asked for: remember that. sshd frees a session
    // slot a moment after it reports the close, so a refusal right after a close does not lower
    // the limit below what already worked on this connection.
    this.limit = Math.max(1, Math.min(this.limit, Math.max(this.opened, this.provenConcurrent)));
    if (this.opened >= this.limit && this.opened > 0) {
      // Really at the server's limit: the next close of ours frees a slot and pumps the queue.
      this.queue.unshift(w);
      return;
    }
    // A slot should be free (or is held by someone else): retry soon rather than waiting for one
    // of our probes to finish, which may take its whole timeout.
    if (w.attempts > this.retries) {
      w.reject(err);
      return;
    }
    this.queue.unshift(w);
    setTimeout(() => this.pump(), Math.min(1000, 10 * 2 ** w.attempts)).unref();
  }
}

/** Exit status and close of a channel as seen from the moment it opened. */
export interface EarlyEvents {
  exit?: { code: number | null; signal?: string };
  closed: boolean;
}

const EARLY = new WeakMap<ClientChannel, EarlyEvents>();

function recordEarlyEvents(ch: ClientChannel): ClientChannel {
  const state: EarlyEvents = { closed: false };
  EARLY.set(ch, state);
  ch.on('exit', (code: number | null, signal?: string) => {
    state.exit = { code: typeof code === 'number' ? code : null, ...(signal ? { signal } : {}) };
  });
  ch.once('close', () => {
    state.closed = true;
  });
  return ch;
}

/** What happened on a pooled channel before its user started listening. */
export function earlyEvents(ch: ClientChannel): EarlyEvents | undefined {
  return EARLY.get(ch);
}
