import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// docker-compose.yml is read by Docker, not by this code: these checks keep its secrets and its
// exposure where the README says they are.
const compose = readFileSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docker-compose.yml'),
  'utf8',
);
const lines = compose.split('\n').filter((l) => !l.trim().startsWith('#'));

describe('docker-compose.yml', () => {
  it('has no fixed database password: compose stops until NODESCOPE_PG_PASSWORD is set', () => {
    const passwords = lines.filter((l) => /POSTGRES_PASSWORD:/.test(l));
    expect(passwords).toHaveLength(1);
    expect(passwords[0]).toMatch(/POSTGRES_PASSWORD: \$\{NODESCOPE_PG_PASSWORD:\?[^}]+\}$/);
    const urls = lines.filter((l) => /DATABASE_URL:/.test(l));
    expect(urls.length).toBeGreaterThanOrEqual(2);
    for (const url of urls) {
      expect(url).toMatch(/postgres:\/\/nodescope:\$\{NODESCOPE_PG_PASSWORD:\?[^}]+\}@db:5432\/nodescope$/);
    }
  });

  it('publishes the app on loopback only and the database not at all', () => {
    const published = lines.filter((l) => /^\s+- "\S+:\d+"$/.test(l) || /^\s+- "\d+:\d+"$/.test(l));
    expect(published).toEqual(['      - "127.0.0.1:3000:3000"']);
  });
});
