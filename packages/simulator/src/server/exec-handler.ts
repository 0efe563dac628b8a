import { probeForCommand } from '@nodescope/core';
import type { ServerChannel } from 'ssh2';
import { generateProbeOutput } from '../generate/generate.ts';
import { probeFault } from '../model/fault.ts';
import type { ResolvedNode } from '../model/sim-node-spec.ts';
import { garbageBytes, streamRepeated, writeWithBackpressure } from './probe-stream.ts';

export interface ExecEnv {
  node: ResolvedNode;
  clock: () => Date;
  /** Destroys the TCP connection under this session (drop-mid-output). */
  destroyConnection: () => void;
  /** Multiplies how long a hanging probe waits before `timeout -s KILL` fires (tests shorten it). */
  hangTimeFactor: number;
  /** Registers a cleanup to run when the server stops. */
  onStop: (fn: () => void) => void;
}

/** Probes of one snapshot share the node's state of that second (and its cached context). */
function nowSecond(clock: () => Date): Date {
  return new Date(Math.floor(clock().getTime() / 1000) * 1000);
}

function finish(ch: ServerChannel, code: number): void {
  ch.exit(code);
  ch.end();
}

/** Runs one exec request the way sshd + the probe script would on a real node. */
export async function handleExec(ch: ServerChannel, command: string, env: ExecEnv): Promise<void> {
  let closed = false;
  ch.on('close', () => {
    closed = true;
  });
  const isClosed = () => closed;
  const match = probeForCommand(command);
  if (!match) {
    ch.stderr.write('nodescope-sim: command not allowed\n');
    finish(ch, 127);
    return;
  }
  const fault = probeFault(env.node.faults, match.id);
  if (fault?.kind === 'hang-probe') return; // stays open, silent, until the client gives up
  if (fault?.kind === 'huge-output') {
    const sample = generateProbeOutput(env.node, match.id, nowSecond(env.clock)).stdout;
    const pattern = Buffer.from(sample.length > 0 ? sample.slice(0, 64 * 1024) : 'x\n');
    await streamRepeated(ch, pattern, fault.bytes, isClosed);
    if (!closed) finish(ch, 0);
    return;
  }
  const result = generateProbeOutput(env.node, match.id, nowSecond(env.clock));
  if (result.hangs) {
    const timer = setTimeout(
      () => {
        if (closed) return;
        // `timeout -s KILL` kills its own process group too: sshd reports the signal, no status.
        ch.exit(result.exitSignal ?? 'KILL', false, '');
        ch.end();
      },
      Math.max(0, result.durationMs * env.hangTimeFactor),
    );
    ch.on('close', () => clearTimeout(timer));
    env.onStop(() => clearTimeout(timer));
    return;
  }
  if (fault?.kind === 'garbage-output') {
    await writeWithBackpressure(ch, garbageBytes(env.node.seed, 256 * 1024), isClosed);
    if (!closed) finish(ch, 0);
    return;
  }
  const out = Buffer.from(result.stdout);
  if (fault?.kind === 'drop-mid-output') {
    const part = out.subarray(0, Math.min(fault.afterBytes, out.length));
    if (part.length > 0) ch.write(part);
    // Give the partial output a moment to leave before the connection vanishes.
    setTimeout(() => env.destroyConnection(), 20);
    return;
  }
  await writeWithBackpressure(ch, out, isClosed);
  if (result.stderr && !closed) ch.stderr.write(result.stderr);
  if (closed) return;
  if (result.exitCode === null) {
    ch.exit(result.exitSignal ?? 'KILL', false, '');
    ch.end();
  } else {
    finish(ch, result.exitCode);
  }
}
