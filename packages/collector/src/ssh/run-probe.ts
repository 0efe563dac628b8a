import { type ProbeId, probeCommand, probeSpec, type RawArtifact } from '@nodescope/core';
import type { Client } from 'ssh2';
import { CappedOutput } from './capped-output.ts';
import { ChannelPool, earlyEvents } from './channel-pool.ts';

export interface RunProbeOptions {
  /** Prefix `sudo -n` for probes that want root (see the catalogue). */
  sudo?: boolean;
  /** Added to the probe's own timeout before the client gives up; the node-side kill comes first. */
  graceMs?: number;
  /** Cap for stderr, which is only diagnostics. */
  stderrMaxBytes?: number;
  /** The whole snapshot's deadline: aborting stops a running probe and skips one not yet started. */
  signal?: AbortSignal;
}

/** A probe that never got to run: no channel, or the snapshot's deadline came first. */
function notRun(id: ProbeId, why: string, timedOut: boolean): RawArtifact {
  return {
    probe: id,
    text: '',
    exitCode: null,
    durationMs: 0,
    truncated: false,
    timedOut,
    error: `not run: ${why}`,
  };
}

function deadlineMessage(signal: AbortSignal): string {
  return typeof signal.reason === 'string' ? signal.reason : 'the snapshot deadline passed';
}

const STDERR_MAX = 64 * 1024;
/** After closing a channel we wait this long for the server's close before reporting anyway. */
const CLOSE_WAIT_MS = 1000;
/** `timeout -s KILL` reports a killed probe as 128 + 9. */
const KILLED_BY_TIMEOUT = 137;

/**
 * The text of an artifact: stdout, then, only when the probe failed (exit != 0) or printed
 * nothing on stdout, a `## stderr` line and stderr. A healthy probe's warnings (e.g. permission
 * denied on a few /proc entries) therefore do not pollute what the parsers read, while a failed
 * or silent one explains itself.
 */
export function artifactText(stdout: string, stderr: string, exitCode: number | null): string {
  if (stderr === '' || (exitCode === 0 && stdout !== '')) return stdout;
  const sep = stdout === '' || stdout.endsWith('\n') ? '' : '\n';
  return `${stdout}${sep}## stderr\n${stderr}`;
}

/**
 * Runs one catalogue probe on an open connection. The command comes only from the catalogue
 * (`probeCommand(id)`), so nothing typed by a user ever reaches the node's shell. Never throws:
 * transport failures, timeouts and caps are recorded on the artifact.
 */
export async function runProbe(
  conn: ChannelPool | Client,
  id: ProbeId,
  opts: RunProbeOptions = {},
): Promise<RawArtifact> {
  const pool = conn instanceof ChannelPool ? conn : new ChannelPool(conn, { maxChannels: 1 });
  const spec = probeSpec(id);
  const command = probeCommand(id, { sudo: opts.sudo ?? false });
  let channel: Awaited<ReturnType<ChannelPool['exec']>>;
  try {
    channel = await pool.exec(command);
  } catch (err) {
    const deadline = opts.signal?.aborted === true;
    return notRun(
      id,
      deadline ? deadlineMessage(opts.signal as AbortSignal) : (err as Error).message,
      deadline,
    );
  }
  if (opts.signal?.aborted) {
    channel.close();
    return notRun(id, deadlineMessage(opts.signal), true);
  }
  const opened = performance.now();
  const stdout = new CappedOutput(spec.maxBytes);
  const stderr = new CappedOutput(opts.stderrMaxBytes ?? STDERR_MAX);
  const limitMs = spec.timeoutSec * 1000 + (opts.graceMs ?? 2000);

  return new Promise<RawArtifact>((resolve) => {
    let exitCode: number | null = null;
    let exitSignal: string | undefined;
    let clientTimedOut = false;
    let stoppedAtCap = false;
    let done = false;
    let closeWait: NodeJS.Timeout | undefined;

    const stop = () => {
      // The node-side `timeout -s KILL` is the real bound; closing the channel frees our slot.
      try {
        channel.signal('KILL');
      } catch {}
      channel.close();
      closeWait ??= setTimeout(finish, CLOSE_WAIT_MS);
    };
    const timer = setTimeout(() => {
      clientTimedOut = true;
      stop();
    }, limitMs);
    let deadlineHit = false;
    const onDeadline = () => {
      deadlineHit = true;
      stop();
    };
    opts.signal?.addEventListener('abort', onDeadline, { once: true });

    channel.on('data', (chunk: Buffer) => {
      if (!stdout.push(chunk) && !stoppedAtCap) {
        stoppedAtCap = true;
        stop();
      }
    });
    channel.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
    });
    const onExit = (code: number | null, signal?: string) => {
      exitCode = typeof code === 'number' ? code : null;
      // ssh2 reports the RFC 4254 name with a SIG prefix ("SIGKILL"); keep the bare name.
      if (signal) exitSignal = signal.replace(/^SIG/, '');
    };
    channel.on('exit', onExit);
    channel.on('error', () => {
      // surfaced through the close below; a listener keeps it from crashing the process
    });
    const early = earlyEvents(channel);
    if (early?.exit) onExit(early.exit.code, early.exit.signal);
    if (early?.closed) {
      // Already closed: let buffered data flow out first, then finish.
      channel.once('end', () => finish());
      setImmediate(() => setImmediate(finish));
    } else channel.once('close', () => finish());

    function finish() {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (closeWait) clearTimeout(closeWait);
      opts.signal?.removeEventListener('abort', onDeadline);
      // `timeout -s KILL` kills its own process group too, so the node reports either 137 (a shell
      // saw the kill) or the KILL signal itself (the login shell exec'd timeout).
      const killedOnNode = exitCode === KILLED_BY_TIMEOUT || exitSignal === 'KILL';
      const timedOut = clientTimedOut || killedOnNode || deadlineHit;
      const artifact: RawArtifact = {
        probe: id,
        text: artifactText(stdout.text(), stderr.text(), exitCode),
        exitCode,
        durationMs: Math.round(performance.now() - opened),
        truncated: stdout.truncated,
        timedOut,
      };
      if (deadlineHit && opts.signal) artifact.error = `stopped: ${deadlineMessage(opts.signal)}`;
      else if (clientTimedOut)
        artifact.error = `timed out after ${Math.round(limitMs / 1000)} s (client side)`;
      else if (killedOnNode) artifact.error = `killed on the node after ${spec.timeoutSec} s`;
      else if (exitSignal) artifact.error = `terminated by signal ${exitSignal}`;
      else if (exitCode === null && !stoppedAtCap) {
        artifact.error = pool.failure?.message ?? 'channel closed before the probe reported an exit status';
      }
      if (stderr.truncated)
        artifact.error = `${artifact.error ? `${artifact.error}; ` : ''}stderr cut at ${stderr.maxBytes} bytes`;
      resolve(artifact);
    }
  });
}
