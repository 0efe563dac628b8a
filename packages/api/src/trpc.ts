import { getPrisma, type PrismaClient } from '@nodescope/db';
import { type Actor, type Role, roleAllows } from '@nodescope/services';
import { initTRPC, TRPCError } from '@trpc/server';

export interface Context {
  prisma: PrismaClient;
  /** The signed-in caller, or null when the request carries no valid session. */
  actor: Actor | null;
}

/**
 * DATABASE_URL is read per request: the server sets it after starting the database.
 * The route handler resolves the session and passes the actor in.
 */
export function createContext(actor: Actor | null = null): Context {
  return { prisma: getPrisma(), actor };
}

/** Calls per tRPC batch request; the route handler refuses more. */
export const MAX_BATCH = 20;

interface Issue {
  path: PropertyKey[];
  message: string;
  /** A record key that failed carries its own issues. */
  issues?: Issue[];
}

function describeIssues(issues: Issue[]): string {
  const lines = issues.slice(0, 5).map((i) => {
    const at = i.path
      .map((p) => (String(p).length > 40 ? `${String(p).slice(0, 37)}…` : String(p)))
      .join('.');
    const message = i.issues?.length ? i.issues.map((n) => n.message).join(', ') : i.message;
    return `${at || 'input'}: ${message}`;
  });
  return lines.join('; ');
}

const t = initTRPC.context<Context>().create({
  // Internals (Prisma messages, stack traces) never reach the client: a 500 says only that it failed.
  errorFormatter({ shape, error }) {
    // Invalid input: one readable line per problem ("labels.pool: a label value has at most 256
    // characters") instead of the validator's JSON, since the UI shows the message as it is.
    const issues = (error.cause as { issues?: Issue[] } | undefined)?.issues;
    if (error.code === 'BAD_REQUEST' && Array.isArray(issues) && issues.length) {
      return { ...shape, message: describeIssues(issues), data: { ...shape.data, stack: undefined } };
    }
    if (error.code !== 'INTERNAL_SERVER_ERROR')
      return { ...shape, data: { ...shape.data, stack: undefined } };
    return {
      ...shape,
      message: 'Internal server error (see the server log).',
      data: { ...shape.data, stack: undefined },
    };
  },
});

export const router = t.router;
/** Open to anyone: only for what DESIGN.md lists as open (health, share links). */
export const publicProcedure = t.procedure;

function requireRole(need: Role) {
  return t.middleware(({ ctx, next }) => {
    if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
    if (!roleAllows(ctx.actor.role, need)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `this needs the ${need} role` });
    }
    return next({ ctx: { ...ctx, actor: ctx.actor } });
  });
}

/** Read access: every signed-in role. */
export const viewerProcedure = t.procedure.use(requireRole('viewer'));
/** Incidents, triage, collect now, uploads. */
export const responderProcedure = t.procedure.use(requireRole('responder'));
/** Nodes, keys, host-key trust, users, settings. */
export const adminProcedure = t.procedure.use(requireRole('admin'));
