import { randomBytes } from 'node:crypto';
import { bootstrapDatabase, disconnectAll, getPrisma } from '@nodescope/db';
import { ROLES, type Role } from '@nodescope/services';
import { addUser, listUsers, updateUser } from '@nodescope/services/accounts/users';
import { addKeyToFile, dropOldKeysFromFile, loadKeyring } from '@nodescope/services/secrets/secret-keyring';
import { resealSecrets } from '@nodescope/services/secrets/ssh-keys';
import { CliError, type CliIo, parseArgs } from './io.ts';
import { env } from '@nodescope/config';

const CLI_ACTOR = { kind: 'system' as const, id: 'cli', name: 'nodescope CLI', role: 'admin' as const };

export const USERS_USAGE = `nodescope users: accounts on this server's database (run on the operator's machine)
  users list
  users add <email> --role viewer|responder|admin [--name NAME]   prints a generated password once
  users role <email> viewer|responder|admin
  users reset-password <email>                                    prints a new password once`;

export const SECRETS_USAGE = `nodescope secrets rotate: seal every stored secret with a new key
  With the data folder's key file: a new key is generated, everything re-sealed, the old key dropped.
  With NODESCOPE_SECRET_KEY: set the new key there and the old one in NODESCOPE_SECRET_KEYS_OLD first.`;

function role(v: string | boolean | undefined): Role {
  if (typeof v === 'string' && (ROLES as readonly string[]).includes(v)) return v as Role;
  throw new CliError(`--role must be one of ${ROLES.join(', ')}`);
}

async function withDb<T>(fn: (prisma: ReturnType<typeof getPrisma>) => Promise<T>): Promise<T> {
  const db = await bootstrapDatabase();
  try {
    return await fn(getPrisma(db.url));
  } finally {
    await disconnectAll();
    await db.stop();
  }
}

export async function usersCommand(argv: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { role: 'string', name: 'string', help: 'boolean' });
  const [action, email, arg] = positionals;
  if (flags.help || !action) {
    io.stderr(`${USERS_USAGE}\n`);
    return flags.help ? 0 : 2;
  }
  return withDb(async (prisma) => {
    if (action === 'list') {
      for (const u of await listUsers(prisma))
        io.stdout(`${u.email}\t${u.role}${u.disabled ? '\tdisabled' : ''}\n`);
      return 0;
    }
    if (!email) throw new CliError(`users ${action} needs an e-mail address`);
    if (action === 'add') {
      const password = randomBytes(12).toString('base64url');
      const u = await addUser(prisma, CLI_ACTOR, {
        email,
        role: role(flags.role),
        password,
        ...(typeof flags.name === 'string' ? { name: flags.name } : {}),
      });
      io.stdout(`added ${u.email} (${u.role}); password (shown once): ${password}\n`);
      return 0;
    }
    if (action === 'role') {
      const u = await updateUser(prisma, CLI_ACTOR, email, { role: role(arg) });
      io.stdout(`${u.email} is now ${u.role}\n`);
      return 0;
    }
    if (action === 'reset-password') {
      const password = randomBytes(12).toString('base64url');
      await updateUser(prisma, CLI_ACTOR, email, { password });
      io.stdout(`new password for ${email} (shown once): ${password}\n`);
      return 0;
    }
    throw new CliError(`unknown users action "${action}"\n${USERS_USAGE}`);
  });
}

export async function secretsCommand(argv: string[], io: CliIo): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { help: 'boolean' });
  if (flags.help || positionals[0] !== 'rotate') {
    io.stderr(`${SECRETS_USAGE}\n`);
    return flags.help ? 0 : 2;
  }
  return withDb(async (prisma) => {
    const fromFile = !env('NODESCOPE_SECRET_KEY');
    const ring = fromFile ? addKeyToFile() : loadKeyring();
    const changed = await resealSecrets(prisma);
    if (fromFile) dropOldKeysFromFile();
    io.stdout(`re-sealed ${changed} secret(s) with key ${ring.current.id}\n`);
    return 0;
  });
}
