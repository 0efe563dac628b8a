import {
  isRecordId,
  LABEL_LIMITS,
  NODE_NAME_MAX_CHARS,
  RECORD_ID_FORM,
  RULE_IDS,
  SEVERITIES,
} from '@nodescope/core';
import { z } from 'zod';

/** Dates leave the server as ISO-8601 strings (no transformer on the wire). */
export const isoDate = z.date().transform((d) => d.toISOString());
export const isoDateOrNull = z
  .date()
  .nullable()
  .transform((d) => (d ? d.toISOString() : null));

/** Severities and rule ids come from the rule catalogue (core), never a second list. */
export const severity = z.enum(SEVERITIES);
export const ruleId = z.enum(RULE_IDS);
/**
 * Outputs: the database hands rule and severity back as plain strings; each is checked against
 * the catalogue on the way out (an unknown value fails the procedure instead of reaching the UI)
 * and reaches clients typed as the catalogue's union.
 */
export const storedRule = z.string().pipe(ruleId);
export const storedSeverity = z.string().pipe(severity);
export const nodeName = z.string().min(1).max(NODE_NAME_MAX_CHARS);
/** BigInt ids travel as decimal strings, within the range of a Postgres bigint. */
export const idString = z.string().refine(isRecordId, `an id is a number (${RECORD_ID_FORM})`);

export const findingLabel = z.object({ rule: storedRule, severity: storedSeverity, title: z.string() });
export const numberRecord = z.record(z.string(), z.number());
export const stringRecord = z.record(z.string(), z.string());

/** Labels set from requests, bounded by core's limits (the CLI and uploads check the same). */
export { LABEL_LIMITS };
export const labelKey = z
  .string()
  .min(1, 'a label key is not empty')
  .max(LABEL_LIMITS.keyChars, `a label key has at most ${LABEL_LIMITS.keyChars} characters`)
  .regex(/^[^\s\p{Cc}]+$/u, 'a label key has no spaces or control characters');
export const labelValue = z
  .string()
  .max(LABEL_LIMITS.valueChars, `a label value has at most ${LABEL_LIMITS.valueChars} characters`);
export const labelRecord = z
  .record(labelKey, labelValue)
  .refine((r) => Object.keys(r).length <= LABEL_LIMITS.count, `at most ${LABEL_LIMITS.count} labels`);

/** Names of uploaded keys: plain words, so they can never be read as a path. */
export const keyName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, . _ - only');
