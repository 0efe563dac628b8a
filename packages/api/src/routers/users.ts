import { ROLES } from '@nodescope/services';
import { AccountError, addUser, listUsers, removeUser, updateUser } from '@nodescope/services/accounts/users';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { isoDate, isoDateOrNull } from '../schemas.ts';
import { adminProcedure, router } from '../trpc.ts';

const email = z.string().trim().min(3).max(254).email();
const role = z.enum(ROLES);
const password = z.string().min(1).max(1024);
const userRow = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role,
  disabled: z.boolean(),
  sso: z.boolean(),
  lastSignInAt: isoDateOrNull,
  createdAt: isoDate,
});

async function mapped<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof AccountError) throw new TRPCError({ code: err.code, message: err.message });
    throw err;
  }
}

export const usersRouter = router({
  list: adminProcedure.output(z.array(userRow)).query(({ ctx }) => listUsers(ctx.prisma)),
  add: adminProcedure
    .input(
      z.object({ email, name: z.string().max(120).optional(), role, password: password.optional() }).strict(),
    )
    .output(userRow)
    .mutation(({ ctx, input }) => mapped(addUser(ctx.prisma, ctx.actor, input))),
  update: adminProcedure
    .input(
      z
        .object({
          email,
          role: role.optional(),
          disabled: z.boolean().optional(),
          name: z.string().min(1).max(120).optional(),
          password: password.optional(),
        })
        .strict(),
    )
    .output(userRow)
    .mutation(({ ctx, input }) => {
      const { email: who, ...change } = input;
      return mapped(updateUser(ctx.prisma, ctx.actor, who, change));
    }),
  remove: adminProcedure
    .input(z.object({ email }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await mapped(removeUser(ctx.prisma, ctx.actor, input.email));
      return { ok: true as const };
    }),
});
