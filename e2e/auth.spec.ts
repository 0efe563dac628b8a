import { expect, test } from '@playwright/test';
import { csrfHeader } from './support';

// Anonymous access, forged cross-origin requests and sign-in failures, against the real server.
test.describe('anonymous', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  for (const page of [
    '/',
    '/upload',
    '/nodes/prod-east-general-03',
    '/nodes/x/mounts',
    '/snapshots/1',
    '/settings/users',
    '/settings/audit',
  ]) {
    test(`page ${page} redirects to sign-in`, async ({ request }) => {
      const res = await request.get(page, { maxRedirects: 0 });
      expect(res.status()).toBe(303);
      expect(res.headers().location).toContain(`/signin?next=${encodeURIComponent(page)}`);
    });
  }

  test('every procedure and route answers 401', async ({ request }) => {
    for (const p of ['fleet.list', 'node.get', 'inventory.list', 'users.list', 'audit.list', 'keys.list']) {
      expect((await request.get(`/api/trpc/${p}`)).status(), p).toBe(401);
    }
    expect((await request.post('/api/trpc/node.collectNow', { data: { name: 'x' } })).status()).toBe(401);
    expect((await request.post('/api/upload', { data: 'x' })).status()).toBe(401);
    expect((await request.get('/snapshots/1/bundle', { maxRedirects: 0 })).status()).toBe(401);
    expect((await request.get('/metrics')).status()).toBe(401);
    expect((await request.get('/metrics', { headers: { authorization: 'Bearer wrong' } })).status()).toBe(
      401,
    );
  });

  test('the open ones stay open', async ({ request }) => {
    const health = await request.get('/api/health');
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ ok: true, database: true });
    expect((await request.get('/signin')).status()).toBe(200);
  });

  test('a foreign Host header is refused (DNS rebinding)', async ({ request }) => {
    const res = await request.get('/api/health', { headers: { host: 'evil.example:3000' } });
    expect(res.status()).toBe(421);
  });

  test('wrong passwords fail, then sign-in is rate limited', async ({ page }) => {
    // Six full sign-in round trips with scrypt: slow on a loaded machine.
    test.setTimeout(180_000);
    for (let i = 0; i < 5; i++) {
      await page.goto('/signin');
      await page.getByLabel('E-mail').fill('admin@demo.nodescope');
      await page.getByLabel('Password').fill(`wrong-${i}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.locator('.node-error[role="alert"]')).toContainText('Wrong e-mail or password');
    }
    await page.getByLabel('E-mail').fill('admin@demo.nodescope');
    await page.getByLabel('Password').fill('wrong-again');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('.node-error[role="alert"]')).toContainText('Too many failed sign-ins');
  });
});

test.describe('signed in', () => {
  test('a forged cross-origin POST is refused, the same POST from the page passes', async ({ request }) => {
    const forged = await request.post('/api/trpc/node.collectNow', {
      data: { name: 'prod-east-general-03' },
      headers: { origin: 'https://evil.example', ...(await csrfHeader(request)) },
    });
    expect(forged.status()).toBe(403);
    const noToken = await request.post('/api/upload', {
      data: 'x',
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(noToken.status()).toBe(403);
    const ok = await request.post('/api/trpc/node.collectNow', {
      data: { name: 'prod-east-general-03' },
      headers: await csrfHeader(request),
    });
    expect(ok.status()).toBe(200);
  });

  test('security headers on every page', async ({ request }) => {
    const res = await request.get('/');
    const h = res.headers();
    expect(h['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('same-origin');
  });

  test('the audit log shows this run’s sign-in and collect now', async ({ request }) => {
    const input = encodeURIComponent(JSON.stringify({ limit: 200 }));
    const res = await request.get(`/api/trpc/audit.list?input=${input}`);
    expect(res.status()).toBe(200);
    const rows = ((await res.json()) as { result: { data: { rows: { action: string }[] } } }).result.data
      .rows;
    const actions = rows.map((r) => r.action);
    expect(actions).toContain('user.signin');
    expect(actions).toContain('user.signin.failed');
  });

  test('admins see users and the audit log in settings', async ({ page }) => {
    await page.goto('/settings/users');
    await expect(page.locator('.settings-table')).toContainText('admin@demo.nodescope');
    await page.goto('/settings/audit');
    await expect(page.locator('tr[data-action="user.signin"]').first()).toBeVisible();
  });
});
