import type { PrismaClient } from '@nodescope/db';
import type { Actor } from '../actor.ts';

/** What an audit row says about who acted; null for an anonymous caller (a failed sign-in). */
export type AuditActor = Pick<Actor, 'kind' | 'id' | 'name'> | null;

const MAX_DETAIL_CHARS = 4000;

/** Secrets never reach the audit log, whatever a caller passes in. */
const SECRET_KEYS = /pass(word|phrase)?|secret|token|private|cookie|key$/i;

function scrub(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) {
    if (v === undefined) continue;
    if (SECRET_KEYS.test(k) && k !== 'fingerprint') out[k] = '[redacted]';
    else if (typeof v === 'string') out[k] = v.slice(0, 500);
    else out[k] = v;
  }
  const text = JSON.stringify(out);
  return text.length > MAX_DETAIL_CHARS ? { truncated: text.slice(0, MAX_DETAIL_CHARS) } : out;
}

/**
 * Records one security-relevant act: sign-ins and failures, user and role changes, key and node
 * changes, host-key trust decisions, collect now, uploads, share links. `action` is a dotted verb
 * (`user.signin`, `node.save`, `hostkey.trust`…), `target` what it acted on. Never throws: an
 * audit hiccup must not undo the act; it is reported on the console instead.
 */
export async function recordAudit(
  prisma: PrismaClient,
  actor: AuditActor,
  action: string,
  target: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  try {
    await prisma.auditEvent.create({
      data: {
        actorKind: actor?.kind ?? 'anonymous',
        actorId: (actor?.id ?? '-').slice(0, 200),
        actorName: (actor?.name ?? 'anonymous').slice(0, 200),
        action: action.slice(0, 100),
        target: target.slice(0, 500),
        details: scrub(details) as never,
      },
    });
  } catch (err) {
    console.error(`audit: could not record ${action} ${target}: ${(err as Error).message}`);
  }
}
