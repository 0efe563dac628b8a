// Writes packages/collector/nodescope-collect.sh from the probe catalogue.
// Run after changing a probe: npx tsx packages/collector/scripts/gen-collect-sh.ts
import { chmodSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderCollectScript } from '../src/snapshot/collect-script.ts';

const out = fileURLToPath(new URL('../nodescope-collect.sh', import.meta.url));
writeFileSync(out, renderCollectScript());
chmodSync(out, 0o755);
console.log(`wrote ${out}`);
