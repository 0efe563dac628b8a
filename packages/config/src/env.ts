import { z } from 'zod';

/**
 * Every environment variable Nodescope reads at run time, declared once: its form, its default
 * and what the README's configuration table shows for it (a test keeps the two in step).
 * Values are read live from the environment on each call, because the server itself sets some
 * at start-up (DATABASE_URL after starting the embedded database, NODESCOPE_DATA_DIR); an empty
 * value counts as unset. A malformed value fails with a message naming the variable and the
 * form it expects.
 */

type Source = Record<string, string | undefined>;

export interface Variable<T> {
  /** The expected form, quoted in error messages. */
  form: string;
  /** The default exactly as the README's configuration table shows it. */
  readmeDefault: string;
  schema: z.ZodType<T>;
}

function variable<T>(form: string, readmeDefault: string, schema: z.ZodType<T>): Variable<T> {
  return { form, readmeDefault, schema };
}

const code = (v: string | number) => `\`${v}\``;
const wholeNumber = (min: number, max: number) =>
  z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));
const positiveNumber = z
  .string()
  .regex(/^\d+(?:\.\d+)?$/)
  .transform(Number)
  .pipe(z.number().positive());

function int(fallback: number, min = 0, max = 1_000_000): Variable<number> {
  return variable(
    `a whole number from ${min} to ${max}`,
    code(fallback),
    wholeNumber(min, max)
      .optional()
      .transform((v) => v ?? fallback),
  );
}
function optionalInt(readmeDefault: string, min: number, max: number): Variable<number | undefined> {
  return variable(`a whole number from ${min} to ${max}`, readmeDefault, wholeNumber(min, max).optional());
}
function positive(fallback: number): Variable<number> {
  return variable(
    'a positive number',
    code(fallback),
    positiveNumber.optional().transform((v) => v ?? fallback),
  );
}
const port = (fallback: number) => int(fallback, 1, 65_535);

const TRUE = ['1', 'true', 'yes', 'on'] as const;
const FALSE = ['0', 'false', 'no', 'off'] as const;
function flag(fallback: boolean): Variable<boolean> {
  return variable(
    '1 or 0 (also true/false, yes/no, on/off)',
    code(fallback ? 1 : 0),
    z
      .string()
      .transform((v) => v.toLowerCase())
      .pipe(z.enum([...TRUE, ...FALSE]))
      .optional()
      .transform((v) => (v === undefined ? fallback : (TRUE as readonly string[]).includes(v))),
  );
}
function text(
  readmeDefault: string,
  form = 'any text',
  schema: z.ZodType<string> = z.string(),
): Variable<string | undefined> {
  return variable(form, readmeDefault, schema.optional());
}
function textWithDefault(fallback: string, form: string, schema: z.ZodType<string>): Variable<string> {
  return variable(
    form,
    code(fallback),
    schema.optional().transform((v) => v ?? fallback),
  );
}
const commaList = (
  readmeDefault: string,
  form: string,
  item: z.ZodType<string, string>,
): Variable<string[]> =>
  variable(
    form,
    readmeDefault,
    z
      .string()
      .optional()
      .transform((v) =>
        (v ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(z.array(item)),
  );

const hostName: z.ZodType<string, string> = z.string().regex(/^[A-Za-z0-9._:[\]-]+$/);

export const ENV = {
  DATABASE_URL: text(
    'unset: embedded PostgreSQL',
    'a postgres:// or postgresql:// URL',
    z.string().regex(/^postgres(?:ql)?:\/\/\S+$/),
  ),
  NODESCOPE_DATA_DIR: text('`.nodescope/` in the checkout', 'a folder path'),
  NODESCOPE_PG_PORT: port(54329),
  NODESCOPE_DB_WAIT_SEC: int(60, 0, 3600),
  PORT: port(3000),
  NODESCOPE_HOST: textWithDefault('127.0.0.1', 'a host name or IP address', hostName),
  NODESCOPE_ALLOW_PUBLIC: flag(false),
  NODESCOPE_DEMO: flag(true),
  NODESCOPE_SIM_BASE_PORT: optionalInt('ephemeral', 1, 65_535),
  NODESCOPE_DEMO_INTERVAL: int(60, 1),
  NODESCOPE_BACKFILL_DAYS: int(2, 0, 365),
  NODESCOPE_BACKFILL_INTERVAL_MIN: int(60, 1),
  NODESCOPE_WORKER: flag(true),
  NODESCOPE_WORKER_CONCURRENCY: int(32, 1, 10_000),
  NODESCOPE_WORKER_LEASE_SEC: int(60, 3, 3600),
  NODESCOPE_KNOWN_HOSTS: text('`~/.ssh/known_hosts`', 'a file path'),
  NODESCOPE_DB_POOL: int(10, 1, 1000),
  NODESCOPE_RETAIN_RAW_DAYS: positive(7),
  NODESCOPE_RETAIN_DAYS: positive(90),
  NODESCOPE_SSH_CONFIG: text('`~/.ssh/config`', 'a file path'),
  NODESCOPE_ADMIN_EMAIL: text('unset', 'an e-mail address', z.string().regex(/^[^@\s]+@[^@\s]+$/)),
  NODESCOPE_ADMIN_PASSWORD: text('unset', 'a password of 12 or more characters', z.string().min(12)),
  NODESCOPE_ALLOWED_HOSTS: commaList('loopback names', 'a comma-separated list of host names', hostName),
  NODESCOPE_SESSION_HOURS: positive(12),
  NODESCOPE_SECRET_KEY: text('unset: `secret-keys` file in the data folder', '32 bytes, base64 or hex'),
  NODESCOPE_SECRET_KEYS_OLD: text('unset', 'a comma-separated list of keys (32 bytes, base64 or hex)'),
  NODESCOPE_METRICS_TOKEN: text(
    'unset: `metrics-token` file in the data folder',
    'a token without spaces',
    z.string().regex(/^\S+$/),
  ),
  NODESCOPE_SHARE_SECRET: text(
    'unset: a key in the data folder (0600)',
    'at least 32 characters',
    z.string().min(32),
  ),
  NODESCOPE_ANALYSIS_WORKERS: optionalInt('cores - 1 (1 to 4)', 1, 64),
  NODESCOPE_ANALYSIS_QUEUE: int(256, 1, 100_000),
  NODESCOPE_ANALYSIS_DEADLINE_MS: int(120_000, 1, 3_600_000),
  NODESCOPE_ANALYSIS_MEMORY_MB: int(4096, 16, 65_536),
  NODESCOPE_ANALYSIS_WORKER: text('the file next to the pool', 'a file path'),
} satisfies Record<string, Variable<unknown>>;

export type EnvName = keyof typeof ENV;
export type EnvValue<K extends EnvName> = z.output<(typeof ENV)[K]['schema']>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function raw(name: string, source: Source): string | undefined {
  const v = source[name];
  return v === undefined || v === '' ? undefined : v;
}

function problem(name: EnvName, value: string, issue: z.core.$ZodIssue | undefined): string {
  const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  // Secrets are never echoed, only their length.
  const echo = /PASSWORD|SECRET|TOKEN|KEY/.test(name)
    ? `a value of ${value.length} characters`
    : `"${shown}"`;
  return `${name} must be ${ENV[name].form}, got ${echo}${issue?.message ? ` (${issue.message})` : ''}`;
}

/** One variable, parsed (its default when unset). Throws ConfigError naming the variable when malformed. */
export function env<K extends EnvName>(name: K, source: Source = process.env): EnvValue<K> {
  const value = raw(name, source);
  const r = (ENV[name].schema as z.ZodType<EnvValue<K>>).safeParse(value);
  if (!r.success) throw new ConfigError(problem(name, value ?? '', r.error.issues[0]));
  return r.data;
}

/** Every variable checked at once, for start-up: all problems in one message. */
export function validateEnv(source: Source = process.env): void {
  const problems: string[] = [];
  for (const name of Object.keys(ENV) as EnvName[]) {
    const value = raw(name, source);
    const r = ENV[name].schema.safeParse(value);
    if (!r.success) problems.push(problem(name, value ?? '', r.error.issues[0]));
  }
  if (problems.length)
    throw new ConfigError(
      `Invalid configuration:\n  ${problems.join('\n  ')}\n(see Configuration in README.md)`,
    );
}
