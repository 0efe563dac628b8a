/**
 * Database ids are Postgres `bigint` (signed 64-bit). They travel as decimal strings; anything
 * that is not digits, or is above the largest bigint, is refused before it reaches a query (a
 * too-large id would otherwise fail inside the database driver with an internal error).
 */
export const MAX_RECORD_ID = 9223372036854775807n;

export const RECORD_ID_FORM = 'digits only, at most 9223372036854775807';

export function isRecordId(text: string): boolean {
  return /^\d{1,19}$/.test(text) && BigInt(text) <= MAX_RECORD_ID;
}
