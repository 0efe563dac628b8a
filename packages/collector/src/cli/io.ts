import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export const processIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

/** A user-facing failure: printed without a stack trace, exit code 2. */
export class CliError extends Error {
  override name = 'CliError';
}

/** Reads a text file (or `-` for stdin), transparently gunzipping .gz content. */
export function readTextInput(file: string): string {
  let buf: Buffer;
  try {
    buf = readFileSync(file === '-' ? 0 : file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`cannot read ${file}: no such file`);
    if (code === 'EISDIR') throw new CliError(`cannot read ${file}: it is a directory`);
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
  }
  if (buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf);
    } catch {
      throw new CliError(`${file} looks gzipped but does not decompress`);
    }
  }
  if (buf.includes(0) && buf.indexOf(0) < 4096) {
    throw new CliError(`${file} is a binary file, not text a node printed`);
  }
  return buf.toString('utf8');
}

/** Minimal flag parser: --name value, --flag, positionals. Unknown flags are errors. */
export function parseArgs(
  argv: string[],
  spec: Record<string, 'string' | 'boolean'>,
): { flags: Record<string, string | boolean>; positionals: string[] } {
  const flags: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const kind = spec[name];
    if (!kind) throw new CliError(`unknown option --${name}`);
    if (kind === 'boolean') flags[name] = true;
    else {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new CliError(`--${name} needs a value`);
      flags[name] = value;
    }
  }
  return { flags, positionals };
}
