import { type FileReport, runChecks } from './check.ts';
import { MOUNTINFO_EXPECTATIONS } from './expectations-mountinfo.ts';
import { PSI_EXPECTATIONS } from './expectations-psi.ts';

export type { Check, FileReport } from './check.ts';

const KNOWN = { ...MOUNTINFO_EXPECTATIONS, ...PSI_EXPECTATIONS };

/**
 * Checks our parsers against one file of the conformance corpus (`../shared/conformance`):
 * the expectations its header states, or generic checks when the file is new to us.
 */
export function checkConformanceFile(fileName: string, text: string): FileReport {
  return runChecks(fileName, text, KNOWN);
}

/** Corpus files this checker reads (the README and anything else are not fixtures). */
export function isConformanceFixture(fileName: string): boolean {
  return /^\d\d_.*\.txt$/.test(fileName);
}
