import { forgetHostKeys, listHostKeys, trustHostKey } from '@nodescope/services/known-hosts/host-key-store';
import { offeredHostKey, trustOfferedHostKey } from '@nodescope/services/known-hosts/trust-offered-key';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { isoDate } from '../schemas.ts';
import { adminProcedure, router } from '../trpc.ts';

const host = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9_.:-]+$/);
const port = z.number().int().min(1).max(65535).default(22);

/** `ssh-ed25519 AAAA… [comment]` as ssh-keyscan or /etc/ssh/ssh_host_*_key.pub print it. */
const publicKeyLine = z
  .string()
  .max(16 * 1024)
  .regex(
    /^(?:[^\s]+\s+)?(ssh-|ecdsa-|sk-)[\w@.-]+\s+[A-Za-z0-9+/=]+(?:\s.*)?$/,
    'a public key line: type base64 [comment]',
  );

function blobOf(line: string): Buffer {
  const parts = line.trim().split(/\s+/);
  const at = parts.findIndex((p) => /^(ssh-|ecdsa-|sk-)/.test(p));
  const blob = Buffer.from(parts[at + 1] ?? '', 'base64');
  if (blob.length < 20) throw new TRPCError({ code: 'BAD_REQUEST', message: 'the key is not valid base64' });
  return blob;
}

const nodeName = z.string().min(1).max(253);

const REFUSALS = {
  'no-node': { code: 'NOT_FOUND', message: 'No such node.' },
  'nothing-offered': {
    code: 'CONFLICT',
    message: 'This node has no refused host key on record; collect it again to see what it offers.',
  },
  'name-mismatch': { code: 'BAD_REQUEST', message: "The name typed does not match the node's name." },
  'fingerprint-mismatch': {
    code: 'CONFLICT',
    message: 'The node offered a different key since this review was opened; review the new fingerprint.',
  },
} as const satisfies Record<string, { code: TRPCError['code']; message: string }>;

export const hostKeysRouter = router({
  list: adminProcedure
    .output(
      z.array(
        z.object({
          host: z.string(),
          port: z.number(),
          keyType: z.string(),
          fingerprint: z.string(),
          trustedBy: z.string(),
          createdAt: isoDate,
        }),
      ),
    )
    .query(({ ctx }) => listHostKeys(ctx.prisma)),
  /** An explicit trust decision: the admin verified this key out of band. */
  trust: adminProcedure
    .input(z.object({ host, port, publicKey: publicKeyLine }).strict())
    .output(z.object({ fingerprint: z.string(), keyType: z.string() }))
    .mutation(({ ctx, input }) =>
      trustHostKey(ctx.prisma, ctx.actor, input.host, input.port, blobOf(input.publicKey)),
    ),
  /** The key a node offered when it was refused as changed, for the review. */
  offered: adminProcedure
    .input(z.object({ node: nodeName }).strict())
    .output(z.object({ fingerprint: z.string(), keyType: z.string(), at: isoDate }).nullable())
    .query(({ ctx, input }) => offeredHostKey(ctx.prisma, input.node)),
  /** Trust that offered key: the admin typed the node's name and saw this fingerprint. */
  trustOffered: adminProcedure
    .input(
      z
        .object({ node: nodeName, confirmName: z.string().max(253), fingerprint: z.string().max(100) })
        .strict(),
    )
    .output(z.object({ fingerprint: z.string(), keyType: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const r = await trustOfferedHostKey(ctx.prisma, ctx.actor, input);
      if (r.ok) return { fingerprint: r.fingerprint, keyType: r.keyType };
      throw new TRPCError(REFUSALS[r.reason]);
    }),
  forget: adminProcedure
    .input(z.object({ host, port }))
    .output(z.object({ removed: z.number() }))
    .mutation(async ({ ctx, input }) => ({
      removed: await forgetHostKeys(ctx.prisma, ctx.actor, input.host, input.port),
    })),
});
