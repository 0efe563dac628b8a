import { addSshKey, listSshKeys, removeSshKey, SshKeyError } from '@nodescope/services/secrets/ssh-keys';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { isoDate, keyName } from '../schemas.ts';
import { adminProcedure, router } from '../trpc.ts';

/** Uploaded SSH keys: content in, name and fingerprint out. The key never leaves the server. */
const keyInfo = z.object({
  name: z.string(),
  keyType: z.string(),
  fingerprint: z.string(),
  publicKey: z.string(),
  nodes: z.number(),
  createdAt: isoDate,
});

export const keysRouter = router({
  list: adminProcedure.output(z.array(keyInfo)).query(({ ctx }) => listSshKeys(ctx.prisma)),
  add: adminProcedure
    .input(
      z
        .object({
          name: keyName,
          /** The private key text (OpenSSH or PEM), as pasted or read from a file in the browser. */
          privateKey: z
            .string()
            .min(1)
            .max(16 * 1024),
          passphrase: z.string().max(1024).optional(),
        })
        .strict(),
    )
    .output(keyInfo)
    .mutation(async ({ ctx, input }) => {
      try {
        return await addSshKey(ctx.prisma, ctx.actor, input);
      } catch (err) {
        if (err instanceof SshKeyError) throw new TRPCError({ code: 'BAD_REQUEST', message: err.message });
        throw err;
      }
    }),
  remove: adminProcedure
    .input(z.object({ name: keyName }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      if (!(await removeSshKey(ctx.prisma, ctx.actor, input.name)))
        throw new TRPCError({ code: 'NOT_FOUND', message: `key ${input.name} not found` });
      return { ok: true as const };
    }),
});
