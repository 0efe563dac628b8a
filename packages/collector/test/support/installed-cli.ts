import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** The command a user runs: the npm-installed bin link, not the sources. */
export const INSTALLED_CLI = path.join(REPO, 'node_modules/.bin/nodescope');

/** Builds dist/ from the current sources, so a test never runs a stale build. */
export function buildCli(): void {
  const res = spawnSync(process.execPath, ['packages/collector/scripts/build-cli.mjs'], {
    cwd: REPO,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`CLI build failed: ${res.stderr}`);
}

export interface Spawned {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the installed command as a child process and collects its output and exit status. */
export function spawnCli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(INSTALLED_CLI, argv, { cwd: REPO, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
