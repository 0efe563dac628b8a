import type { Actor } from '@nodescope/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../db/test/test-database.ts';
import { handleBundleDownload, handleUpload } from './http-handlers.ts';
import { handleTrpc, MAX_TRPC_BODY_BYTES } from './trpc-handler.ts';

// Requests as the route handlers receive them (a Fetch Request), answered by the same functions
// the Next routes call, against a real database. Bad input must get a 4xx with a message that
// says what is wrong, never a 500 or a database driver's text.

let db: TestDatabase;
const admin: Actor = { kind: 'user', id: 'u-admin', name: 'admin', role: 'admin' };
const BASE = 'http://127.0.0.1:3000/api/trpc';

beforeAll(async () => {
  db = await createTestDatabase('input_limits');
  // The handlers read the database the server configured, as in production.
  process.env.DATABASE_URL = db.url;
});
afterAll(async () => db?.drop());

const query = (path: string, input: unknown) =>
  handleTrpc(new Request(`${BASE}/${path}?input=${encodeURIComponent(JSON.stringify(input))}`), admin);
const mutate = (path: string, input: unknown) =>
  handleTrpc(
    new Request(`${BASE}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    }),
    admin,
  );

async function answer(res: Response): Promise<{ status: number; text: string }> {
  const text = await res.text();
  expect(text).not.toMatch(/prisma|invalid `|stack|at async/i);
  return { status: res.status, text };
}

describe('ids', () => {
  const cases: [string, number, RegExp][] = [
    [
      '99999999999999999999',
      400,
      /"message":"id: an id is a number \(digits only, at most 9223372036854775807\)"/,
    ],
    ['9223372036854775808', 400, /digits only/],
    ['-1', 400, /digits only/],
    ['1e3', 400, /digits only/],
    ['12a', 400, /digits only/],
    ['', 400, /digits only/],
    ['9223372036854775807', 404, /Snapshot 9223372036854775807 not found/],
    ['1', 404, /not found/],
  ];
  for (const [id, status, message] of cases) {
    it(`snapshot.get "${id}" answers ${status}`, async () => {
      const r = await answer(await query('snapshot.get', { id }));
      expect(r.status).toBe(status);
      expect(r.text).toMatch(message);
    });
    it(`bundle download "${id}" answers ${status}`, async () => {
      const r = await answer(await handleBundleDownload(id));
      expect(r.status).toBe(status);
    });
  }

  it('a share link id beyond a 32-bit integer is a 400', async () => {
    const r = await answer(await mutate('incidents.shareRevoke', { slug: 'x-1', id: 1e12 }));
    expect(r.status).toBe(400);
  });
});

describe('text and record sizes', () => {
  const cases: [string, string, unknown, number, RegExp][] = [
    [
      'a long label value',
      'inventory.setLabels',
      { name: 'n1', labels: { pool: 'x'.repeat(257) } },
      400,
      /"message":"labels\.pool: a label value has at most 256 characters"/,
    ],
    [
      'a long label key',
      'inventory.setLabels',
      { name: 'n1', labels: { ['k'.repeat(318)]: 'v' } },
      400,
      /at most 317/,
    ],
    [
      'a label key with a space',
      'inventory.setLabels',
      { name: 'n1', labels: { 'a b': 'v' } },
      400,
      /no spaces/,
    ],
    [
      'too many labels',
      'inventory.setLabels',
      { name: 'n1', labels: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v'])) },
      400,
      /at most 64 labels/,
    ],
    ['a long node name', 'inventory.save', { name: 'n'.repeat(254), host: 'h' }, 400, /253/],
    ['a long note', 'incidents.note', { slug: 'x-1', text: 'n'.repeat(5001) }, 400, /5000/],
    [
      'a long title',
      'incidents.update',
      { slug: 'x-1', change: { field: 'title', value: 't'.repeat(201) } },
      400,
      /200/,
    ],
    [
      'a 2 MB label value (over the body cap)',
      'inventory.setLabels',
      { name: 'n1', labels: { pool: 'x'.repeat(2 * 1024 * 1024) } },
      413,
      /larger than the 1 MB limit/,
    ],
  ];
  for (const [what, path, input, status, message] of cases) {
    it(`${what}: ${status}`, async () => {
      const r = await answer(await mutate(path, input));
      expect(r.status).toBe(status);
      expect(r.text).toMatch(message);
    });
  }

  it('labels within the limits are stored', async () => {
    expect((await mutate('inventory.save', { name: 'n1', host: '10.0.0.1' })).status).toBe(200);
    const labels = { 'topology.kubernetes.io/zone': 'z'.repeat(256), pool: 'gpu' };
    expect((await mutate('inventory.setLabels', { name: 'n1', labels })).status).toBe(200);
    const row = await db.prisma.node.findUniqueOrThrow({ where: { name: 'n1' } });
    expect(row.labels).toMatchObject(labels);
  });

  it('the body cap leaves room for a full batch of the largest inputs', () => {
    expect(MAX_TRPC_BODY_BYTES).toBeGreaterThan(20 * 20_000 * 2);
  });
});

describe('batching', () => {
  const batch = (n: number) => {
    const paths = Array.from({ length: n }, () => 'fleet.list').join(',');
    const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i), {}]));
    return handleTrpc(
      new Request(`${BASE}/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`),
      admin,
    );
  };

  it('a batch of 20 calls is answered', async () => {
    const res = await batch(20);
    expect(res.status).toBe(200);
    expect((await res.json()) as unknown[]).toHaveLength(20);
  });

  it('a batch of 21 calls is refused with 400', async () => {
    const r = await answer(await batch(21));
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/At most 20 calls per batch \(got 21\)/);
  });

  it('an undecodable procedure path is a 400', async () => {
    const r = await answer(await handleTrpc(new Request(`${BASE}/fleet.list%E0%A4%A`), admin));
    expect(r.status).toBe(400);
  });
});

describe('upload bodies', () => {
  const upload = (body: string, type: string) =>
    handleUpload(
      new Request('http://127.0.0.1:3000/api/upload', {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      }),
      admin,
    );

  const cases: [string, string, string, RegExp][] = [
    ['multipart without a boundary', 'garbage', 'multipart/form-data', /could not be read|malformed/i],
    [
      'multipart with a broken body',
      '--xyz\r\nnot a part\r\n',
      'multipart/form-data; boundary=xyz',
      /could not be read|malformed/i,
    ],
    [
      'multipart without a file field',
      '--xyz\r\nContent-Disposition: form-data; name="other"\r\n\r\nv\r\n--xyz--\r\n',
      'multipart/form-data; boundary=xyz',
      /in a form field named/,
    ],
    ['a body that is not a bundle', 'hello', 'text/plain', /.+/],
  ];
  for (const [what, body, type, message] of cases) {
    it(`${what}: 400`, async () => {
      const r = await answer(await upload(body, type));
      expect(r.status).toBe(400);
      expect(r.text).toMatch(message);
    });
  }
});
