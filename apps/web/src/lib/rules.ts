/**
 * Short labels for rule ids, for chips where a full title does not fit. The labels are declared
 * with each rule in the core rule catalogue; this module only gives the UI its one import path.
 */
export { ruleLabel } from '@nodescope/core';
