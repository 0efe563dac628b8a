#!/usr/bin/env node
// The nodescope command line. Runs the TypeScript sources through tsx, so it works straight
// from a checkout (`npx nodescope …`) with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
