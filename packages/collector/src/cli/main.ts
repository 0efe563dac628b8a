import { CliError, type CliIo, processIo } from './io.ts';

const USAGE = `nodescope: Kubernetes worker-node triage

commands:
  analyze <file>              parse and analyze node output offline, print JSON
  mounts <file>               the grouped mount graph across namespaces, leaks, umount plan
  triage <file>               run the triage playbooks offline (--playbook <id>, --format json|markdown)
  collect [user@]host[:port]  take one snapshot over SSH (store it, or --bundle to print it)
  simulate                    run a simulated fleet, or print a scenario's bundle
  worker                      run a collection worker against the database
  nodes                       inventory: list, add, edit, enable/disable, label, import
  users                       accounts: list, add <email> --role R, role, reset-password
  secrets rotate              re-seal stored SSH keys with a new encryption key

Run "nodescope <command> --help" for its options.
Exit codes: 0 done; 2 usage error, unreadable input or nothing recognised; 3 host key refused;
4 authentication failed; 5 unreachable.`;

type Command = (argv: string[], io: CliIo) => Promise<number>;

/**
 * Each command is imported only when it runs: `analyze` must not pay for (or be affected by)
 * the database client, the queue or ssh2, and `--help` loads nothing at all.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  analyze: async () => (await import('./analyze-command.ts')).analyzeCommand,
  collect: async () => (await import('./collect-command.ts')).collectCommand,
  worker: async () => (await import('./worker-command.ts')).workerCommand,
  nodes: async () => (await import('./nodes-command.ts')).nodesCommand,
  mounts: async () => (await import('./mounts-command.ts')).mountsCommand,
  triage: async () => (await import('./triage-command.ts')).triageCommand,
  users: async () => (await import('./accounts-command.ts')).usersCommand,
  secrets: async () => (await import('./accounts-command.ts')).secretsCommand,
  simulate: async () => (await import('@nodescope/simulator')).simulateCommand,
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.stdout(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!load) {
      io.stderr(`nodescope: unknown command "${command}"\n\n${USAGE}\n`);
      return 2;
    }
    return await (await load())(rest, io);
  } catch (err) {
    // Refused input from the service layer, matched by name so that this file (loaded by every
    // command, `analyze` included) imports nothing of the server side.
    if (err instanceof CliError || (err as Error)?.name === 'InventoryInputError') {
      io.stderr(`nodescope: ${(err as Error).message}\n`);
      return 2;
    }
    io.stderr(`nodescope: ${(err as Error).stack ?? err}\n`);
    return 1;
  }
}
