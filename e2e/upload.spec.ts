import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import {
  collectNow,
  csrfHeader,
  MOUNT_LEAK_NODE,
  metricsAuth,
  UNTRUSTED_NODE,
  waitForCollected,
} from './support';

test.describe('bundle download and upload', () => {
  test('a downloaded bundle uploads back as a new node and is analyzed', async ({ page, request }) => {
    const node = await waitForCollected(request, MOUNT_LEAK_NODE);
    const res = await request.get(`/snapshots/${node.lastSnapshot?.id}/bundle`);
    expect(res.ok()).toBe(true);
    const text = await res.text();
    expect(text.startsWith('#nodescope-bundle v1')).toBe(true);
    const name = `uploaded-${Date.now()}`;
    const renamed = text.replace(/^#node: .*$/m, `#node: ${name}`);

    await page.goto('/upload');
    await page
      .getByLabel('Bundle file')
      .setInputFiles({ name: 'node.bundle.gz', mimeType: 'application/gzip', buffer: gzipSync(renamed) });
    const result = page.getByRole('status');
    await expect(result).toContainText('Stored snapshot', { timeout: 60_000 });
    await expect(result).toContainText(name);
    await result.getByRole('link', { name }).click();
    await expect(page).toHaveURL(new RegExp(`/nodes/${name}$`));
    await expect(page.locator('.finding[data-rule="mount-propagation-leak"]')).toBeVisible({
      timeout: 30_000,
    });
  });

  test('an uncompressed bundle larger than 10 MB arrives whole (the proxy does not cut it)', async ({
    request,
  }) => {
    const node = await waitForCollected(request, MOUNT_LEAK_NODE);
    const text = await (await request.get(`/snapshots/${node.lastSnapshot?.id}/bundle`)).text();
    const boundary = text.match(/^#boundary: (\S+)$/m)?.[1] ?? '';
    const probes = text.split('\n').filter((l) => l.startsWith(`--${boundary} `)).length;
    expect(probes).toBeGreaterThan(5);
    const name = `uploaded-plain-${Date.now()}`;
    const body = text.replace(/^#node: .*$/m, `#node: ${name}`);
    expect(body.length).toBeGreaterThan(10 * 1024 * 1024);
    const res = await request.post('/api/upload', {
      headers: { ...(await csrfHeader(request)), 'content-type': 'text/plain' },
      data: body,
      timeout: 120_000,
    });
    expect(res.status(), await res.text()).toBe(201);
    const stored = (await res.json()) as { node: string; probes: number; warnings: string[] };
    expect(stored.node).toBe(name);
    expect(stored.warnings.join('\n')).not.toMatch(/end marker|truncated/);
    expect(stored.probes).toBe(probes);
  });

  test('a file that is not a bundle gets a clear error', async ({ page }) => {
    await page.goto('/upload');
    await page
      .getByLabel('Bundle file')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just some notes\n') });
    await expect(page.locator('.node-error[role="alert"]')).toContainText('not a Nodescope bundle');
  });

  test('/metrics speaks Prometheus text', async ({ request }) => {
    await collectNow(request, UNTRUSTED_NODE);
    const res = await request.get('/metrics', { headers: metricsAuth() });
    expect(res.headers()['content-type']).toContain('text/plain');
    expect(await res.text()).toContain('# TYPE nodescope_collection_success gauge');
    // The node whose host key is refused reports a failed collection.
    await expect
      .poll(async () => (await request.get('/metrics', { headers: metricsAuth() })).text(), {
        timeout: 90_000,
      })
      .toMatch(/nodescope_collection_success\{node="edge-untrusted-01"[^}]*\} 0/);
  });
});
