// Builds the command line into dist/ as plain JavaScript, so `nodescope` starts without
// compiling TypeScript on every run. One chunk per command (each is imported lazily), npm
// dependencies stay external, the workspace packages' TypeScript sources are bundled.
import { existsSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bare imports that are not workspace packages are loaded from node_modules at run time. */
const externalDeps = {
  name: 'external-deps',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@nodescope/') ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * Sources that locate files next to themselves (the database package finds the repository
 * root and its migrations that way) keep their own location once bundled.
 */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

const entry = path.join(pkg, 'src/cli/main.ts');
if (!existsSync(entry)) {
  // `npm ci` in an image build runs before the sources are copied; `npm start` builds later.
  console.log('nodescope: CLI sources not present yet; the command line will be built on first start');
  process.exit(0);
}
const started = Date.now();
const outdir = path.join(pkg, 'dist/cli');
// A fresh directory each time: chunks of earlier builds (content-hashed names) never pile up,
// and files hard-linked from another checkout's copy are replaced, not written through.
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: entry },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [externalDeps, ownUrl],
});
console.log(`built ${path.relative(process.cwd(), outdir)} in ${Date.now() - started} ms`);
