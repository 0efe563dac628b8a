import { readFileSync, statSync } from 'node:fs';
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

/**
 * Longest text read (plain or after gunzip): a node's bundle is tens of MB, and V8 cannot hold
 * a string much over 512 MB, so a bigger input fails here with a message instead of a crash.
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;
const MAX_MB = MAX_INPUT_BYTES / 1048576;

/** Reads a text file (or `-` for stdin), transparently gunzipping .gz content, both capped. */
export function readTextInput(file: string): string {
  let buf: Buffer;
  try {
    if (file !== '-' && statSync(file).isFile() && statSync(file).size > MAX_INPUT_BYTES)
      throw new CliError(`${file} is larger than ${MAX_MB} MB; a node's output is far smaller`);
    buf = readFileSync(file === '-' ? 0 : file);
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`cannot read ${file}: no such file`);
    if (code === 'EISDIR') throw new CliError(`cannot read ${file}: it is a directory`);
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
  }
  if (buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      // zlib stops at the cap: a gzip bomb costs at most MAX_INPUT_BYTES of memory.
      buf = gunzipSync(buf, { maxOutputLength: MAX_INPUT_BYTES });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError)
        throw new CliError(
          `${file} decompresses to more than ${MAX_MB} MB of text; a node's output is far smaller`,
        );
      throw new CliError(`${file} looks gzipped but does not decompress`);
    }
  }
  if (buf.length > MAX_INPUT_BYTES) throw new CliError(`${file} holds more than ${MAX_MB} MB of text`);
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
