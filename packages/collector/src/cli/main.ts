import { CliError, type CliIo, processIo } from './io.ts';

const USAGE = `nodescope: Kubernetes worker-node triage

commands:
  analyze <file>              parse and analyze node output offline, print JSON
  triage <file>               run the triage playbooks offline (--playbook <id>, --format json|markdown)
  collect [user@]host[:port]  take one snapshot over SSH (store it, or --bundle to print it)
  simulate                    run a simulated fleet, or print a scenario's bundle
  worker                      run a collection worker against the database
  nodes                       inventory: list, add, edit, enable/disable, label, import

Run "nodescope <command> --help" for its options.`;

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'analyze':
        return await (await import('./analyze-command.ts')).analyzeCommand(rest, io);
      case 'triage':
        return await (await import('./triage-command.ts')).triageCommand(rest, io);
      case 'collect':
        return await (await import('./collect-command.ts')).collectCommand(rest, io);
      case 'worker':
        return await (await import('./worker-command.ts')).workerCommand(rest, io);
      case 'nodes':
        return await (await import('./nodes-command.ts')).nodesCommand(rest, io);
      case 'simulate': {
        // The simulator is a demo and test tool; loaded only when asked for.
        const { simulateCommand } = await import('@nodescope/simulator');
        return await simulateCommand(rest, io);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        io.stderr(`nodescope: unknown command "${command}"\n\n${USAGE}\n`);
        return 2;
    }
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`nodescope: ${err.message}\n`);
      return 2;
    }
    io.stderr(`nodescope: ${(err as Error).stack ?? err}\n`);
    return 1;
  }
}
