import { serializeBundle } from '@nodescope/core';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootstrapDatabase, disconnectAll, getPrisma } from '@nodescope/db';
import { closeAnalysisPool } from '@nodescope/services/analysis-pool/analyze-in-pool';
import { addNode } from '@nodescope/services/nodes/inventory-changes';
import { ingestSnapshot } from '@nodescope/services/snapshots/ingest-snapshot';
import { defaultKnownHosts } from '../service/collect-node.ts';
import { takeSnapshot } from '../snapshot/index.ts';
import { parseSshConfig, parseUserHostPort, type SshTarget, targetFromSshConfig } from '../ssh/index.ts';
import { CliError, type CliIo, parseArgs } from './io.ts';
import { env } from '@nodescope/config';

export const COLLECT_USAGE = `usage: nodescope collect [user@]host[:port] [--identity FILE] [--known-hosts FILE]
       [--jump [user@]host[:port]] [--sudo] [--bundle] [--tofu] [--name NAME]
  Takes one snapshot over SSH with the fixed read-only probe catalogue. With --bundle it
  prints the snapshot as a bundle; otherwise it stores it (DATABASE_URL, or the embedded
  database of this checkout). Host keys are checked against known_hosts (default
  ~/.ssh/known_hosts); --tofu records an unknown key, a changed key is always refused.`;

/** Exit codes scripts can rely on. */
export const EXIT = { hostKey: 3, auth: 4, unreachable: 5, other: 1 } as const;

export async function collectCommand(argv: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, {
    identity: 'string',
    'known-hosts': 'string',
    jump: 'string',
    sudo: 'boolean',
    bundle: 'boolean',
    tofu: 'boolean',
    name: 'string',
    help: 'boolean',
  });
  if (flags.help || positionals.length !== 1) {
    io.stderr(`${COLLECT_USAGE}\n`);
    return flags.help ? 0 : 2;
  }
  const user = process.env.USER ?? 'root';
  const dest = parseUserHostPort(positionals[0]!, { user });
  if (!dest) throw new CliError(`"${positionals[0]}" is not [user@]host[:port]`);
  const jump: SshTarget[] = [];
  if (typeof flags.jump === 'string') {
    for (const hop of flags.jump.split(',')) {
      const j = parseUserHostPort(hop, { user });
      if (!j) throw new CliError(`--jump "${hop}" is not [user@]host[:port]`);
      jump.push({
        name: j.host,
        ...j,
        ...(flags.identity ? { identityFile: flags.identity as string } : {}),
      });
    }
  }
  const name = (flags.name as string | undefined) ?? dest.host;
  // Like ssh(1): the host may be an alias of ~/.ssh/config (HostName, User, Port, IdentityFile,
  // ProxyJump); what the command line says explicitly wins.
  const fromConfig = resolveFromSshConfig(dest.host, io);
  const spec = positionals[0]!;
  const target: SshTarget = {
    name,
    host: fromConfig?.host ?? dest.host,
    port: /:\d+$/.test(spec) ? dest.port : (fromConfig?.port ?? dest.port),
    user: spec.includes('@') ? dest.user : (fromConfig?.user ?? dest.user),
    ...(flags.identity
      ? { identityFile: flags.identity as string }
      : fromConfig?.identityFile
        ? { identityFile: fromConfig.identityFile }
        : {}),
    ...(jump.length ? { jump } : fromConfig?.jump?.length ? { jump: fromConfig.jump } : {}),
  };
  const knownHostsFile = (flags['known-hosts'] as string | undefined) ?? defaultKnownHosts();
  const result = await takeSnapshot(target, { knownHostsFile, sudo: !!flags.sudo, tofu: !!flags.tofu });
  if (result.status === 'failed') {
    io.stderr(`nodescope: ${result.error ?? 'collection failed'}\n`);
    if (result.errorKind === 'host-key-unknown' || result.errorKind === 'host-key-changed')
      return EXIT.hostKey;
    if (result.errorKind === 'auth') return EXIT.auth;
    if (result.errorKind === 'refused' || result.errorKind === 'timeout') return EXIT.unreachable;
    return EXIT.other;
  }
  if (result.status === 'partial')
    io.stderr(`nodescope: partial snapshot: ${result.error ?? 'some probes failed'}\n`);
  if (flags.bundle) {
    io.stdout(
      serializeBundle({
        formatVersion: 1,
        node: { name, host: dest.host },
        takenAt: result.takenAt,
        collector: 'nodescope collect',
        artifacts: result.artifacts,
      }),
    );
    return 0;
  }
  const db = await bootstrapDatabase();
  try {
    const prisma = getPrisma(db.url);
    const node = await addNode(prisma, {
      name,
      host: dest.host,
      port: dest.port,
      user: dest.user,
      knownHostsFile,
      identityFile: (flags.identity as string) ?? null,
    });
    const stored = await ingestSnapshot(prisma, {
      node,
      takenAt: new Date(result.takenAt),
      status: result.status,
      durationMs: result.durationMs,
      artifacts: result.artifacts,
      ...(result.error ? { error: result.error } : {}),
      source: 'ssh',
    });
    io.stdout(
      `stored snapshot ${stored.snapshotId} of ${name}: ${result.status}, ${stored.findings} findings (worst: ${stored.worst})\n`,
    );
    return 0;
  } finally {
    await closeAnalysisPool();
    await disconnectAll();
    await db.stop();
  }
}

function resolveFromSshConfig(alias: string, io: CliIo): SshTarget | undefined {
  const file = env('NODESCOPE_SSH_CONFIG') ?? path.join(os.homedir(), '.ssh', 'config');
  if (!existsSync(file)) return undefined;
  const { target, warnings } = targetFromSshConfig(parseSshConfig(readFileSync(file, 'utf8')), alias);
  for (const w of warnings) io.stderr(`ssh config: ${w}\n`);
  return target;
}
