import { serializeBundle } from '@nodescope/core';
import { bundleFor } from './bundle-for.ts';
import { FLEET_MIXES, type FleetMix, mixFleet } from './fleet/fleet-specs.ts';
import { writeInventory } from './fleet/inventory.ts';
import { startFleet } from './fleet/start-fleet.ts';
import { isScenarioName, unknownScenarioMessage } from './model/scenario-name.ts';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const USAGE = `usage:
  nodescope simulate --scenario <name> [--scale x] [--at ISO] --bundle
  nodescope simulate --nodes N [--mix demo|healthy|incidents] [--base-port P] [--inventory FILE] [--state-dir DIR]
`;

function parseFlags(argv: string[]): Map<string, string | true> {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('--')) throw new Error(`unexpected argument "${a}"`);
    const eq = a.indexOf('=');
    if (eq > 0) {
      flags.set(a.slice(2, eq), a.slice(eq + 1));
    } else if (a === '--bundle') {
      flags.set('bundle', true);
    } else {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      flags.set(a.slice(2), v);
      i++;
    }
  }
  return flags;
}

function str(flags: Map<string, string | true>, k: string): string | undefined {
  const v = flags.get(k);
  return typeof v === 'string' ? v : undefined;
}

/** Runs until SIGINT or SIGTERM, then stops the fleet. */
function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (sig: string) => () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(sig);
    };
    const onInt = on('SIGINT');
    const onTerm = on('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}

/** `nodescope simulate …`; returns the exit code. `argv` excludes the word "simulate". */
export async function simulateCommand(
  argv: string[],
  io: CliIo,
  opts: { waitForStop?: () => Promise<unknown> } = {},
): Promise<number> {
  let flags: Map<string, string | true>;
  try {
    flags = parseFlags(argv.filter((a) => a !== 'simulate'));
  } catch (e) {
    io.stderr(`nodescope simulate: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const scenario = str(flags, 'scenario');
  if (scenario !== undefined) {
    if (!isScenarioName(scenario)) {
      io.stderr(`nodescope simulate: ${unknownScenarioMessage(scenario)}\n`);
      return 2;
    }
    if (!flags.has('bundle')) {
      io.stderr(`nodescope simulate: --scenario prints a bundle; add --bundle\n${USAGE}`);
      return 2;
    }
    const scale = str(flags, 'scale') === undefined ? undefined : Number(str(flags, 'scale'));
    if (scale !== undefined && !(scale > 0 && scale <= 1)) {
      io.stderr('nodescope simulate: --scale must be a number in (0, 1]\n');
      return 2;
    }
    const atRaw = str(flags, 'at');
    const at = atRaw === undefined ? undefined : new Date(atRaw);
    if (at !== undefined && Number.isNaN(at.getTime())) {
      io.stderr(`nodescope simulate: --at "${atRaw}" is not an ISO-8601 time\n`);
      return 2;
    }
    io.stdout(serializeBundle(bundleFor(scenario, { scale, at, name: str(flags, 'name') })));
    return 0;
  }
  const nodesRaw = str(flags, 'nodes');
  if (nodesRaw === undefined) {
    io.stderr(`nodescope simulate: give --scenario or --nodes\n${USAGE}`);
    return 2;
  }
  const n = Number(nodesRaw);
  const mix = (str(flags, 'mix') ?? 'demo') as FleetMix;
  const basePortRaw = str(flags, 'base-port');
  const basePort = basePortRaw === undefined ? undefined : Number(basePortRaw);
  if (!Number.isInteger(n) || n < 1 || n > 20_000) {
    io.stderr('nodescope simulate: --nodes must be an integer from 1 to 20000\n');
    return 2;
  }
  if (!FLEET_MIXES.includes(mix)) {
    io.stderr(`nodescope simulate: unknown mix "${mix}"; valid mixes: ${FLEET_MIXES.join(', ')}\n`);
    return 2;
  }
  if (basePort !== undefined && (!Number.isInteger(basePort) || basePort < 1 || basePort + n > 65_535)) {
    io.stderr('nodescope simulate: --base-port must leave room for N consecutive ports below 65536\n');
    return 2;
  }
  const stateDir = str(flags, 'state-dir') ?? '.nodescope/simulator';
  const inventoryFile = str(flags, 'inventory') ?? `${stateDir}/inventory.json`;
  const fleet = await startFleet({ nodes: mixFleet(n, mix), basePort, stateDir });
  await writeInventory(inventoryFile, fleet.inventory);
  const counts = new Map<string, number>();
  for (const e of fleet.inventory)
    counts.set(e.labels.scenario ?? '?', (counts.get(e.labels.scenario ?? '?') ?? 0) + 1);
  const ports = fleet.inventory.map((e) => e.port);
  io.stdout(
    `simulating ${n} nodes on 127.0.0.1 ports ${Math.min(...ports)}-${Math.max(...ports)}\n` +
      `scenarios: ${[...counts].map(([k, v]) => `${k}=${v}`).join(' ')}\n` +
      `inventory: ${inventoryFile}\nknown_hosts: ${fleet.knownHostsFile}\nidentity: ${fleet.identityFile}\n` +
      'press Ctrl-C to stop\n',
  );
  await (opts.waitForStop ?? untilSignal)();
  await fleet.stop();
  io.stdout('simulator stopped\n');
  return 0;
}
