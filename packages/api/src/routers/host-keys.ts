import { forgetHostKeys, listHostKeys, trustHostKey } from '@nodescope/services/known-hosts/host-key-store';
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
  forget: adminProcedure
    .input(z.object({ host, port }))
    .output(z.object({ removed: z.number() }))
    .mutation(async ({ ctx, input }) => ({
      removed: await forgetHostKeys(ctx.prisma, ctx.actor, input.host, input.port),
    })),
});
