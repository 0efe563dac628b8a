#!/usr/bin/env node
// The nodescope command line, run from the JavaScript that `npm install` (and `npm start`,
// `npm test`) build into dist/. The exit status is set here, explicitly: a dependency of the
// database layer exits 0 on `beforeExit`, and scripts rely on 2/3/4/5.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli/main.mjs', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write(
    'nodescope: the command line is not built (packages/collector/dist is missing).\n' +
      'Run `npm install`, or `npm run build -w @nodescope/collector`, in the repository.\n',
  );
  process.exit(2);
}
const { main } = await import(built.href);
const code = await main(process.argv.slice(2));
process.exitCode = code;
process.on('exit', () => {
  process.exitCode = code;
});
// Long-running commands return only when they are done; what is left (SSH sockets, pools'
// idle timers) must not hold the process open or change its status. A child's stdout is a
// socket, written asynchronously: exiting before it drains would cut large outputs short.
const drained = (stream) => new Promise((resolve) => stream.write('', () => resolve()));
await Promise.all([drained(process.stdout), drained(process.stderr)]);
process.exit(code);
