import { z } from 'zod';

/** Dates leave the server as ISO-8601 strings (no transformer on the wire). */
export const isoDate = z.date().transform((d) => d.toISOString());
export const isoDateOrNull = z
  .date()
  .nullable()
  .transform((d) => (d ? d.toISOString() : null));

export const severity = z.enum(['critical', 'warning', 'info']);
export const nodeName = z.string().min(1).max(253);
/** BigInt ids travel as decimal strings. */
export const idString = z.string().regex(/^\d{1,19}$/);

export const findingLabel = z.object({ rule: z.string(), severity: z.string(), title: z.string() });
export const numberRecord = z.record(z.string(), z.number());
export const stringRecord = z.record(z.string(), z.string());

/** Names of uploaded keys: plain words, so they can never be read as a path. */
export const keyName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, . _ - only');
