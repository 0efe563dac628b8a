import { expect, test } from '@playwright/test';
import { collectNow, csrfHeader, MOUNT_LEAK_NODE, UNTRUSTED_NODE, waitForCollected } from './support';

const PHONE = { width: 390, height: 844 };

/** How far the page itself scrolls sideways (0 when nothing sticks out). */
async function sidewaysScroll(page: import('@playwright/test').Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.describe('views', () => {
  test('an unknown node or snapshot answers 404 with a clear page', async ({ page }) => {
    for (const url of ['/nodes/no-such-node-here', '/snapshots/987654321987']) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(404);
      await expect(page.getByTestId('not-found')).toContainText('Not found');
      await expect(page.getByText(/Loading/)).toHaveCount(0);
    }
  });

  test('the fleet at 390 px shows cards and does not scroll sideways', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await page.goto('/');
    const cards = page.locator('.fcard');
    await expect.poll(() => cards.count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
    await expect(page.locator('.frow')).toHaveCount(0);
    expect(await sidewaysScroll(page)).toBe(0);
    // The changed host key is drawn as a security event.
    await expect(page.locator(`.fcard[data-node="${UNTRUSTED_NODE}"] .dot`)).toHaveClass(
      /dot-(security|unknown)/,
    );
  });

  test('the node page at 390 px puts findings before peers, in one column', async ({ page, request }) => {
    await waitForCollected(request, MOUNT_LEAK_NODE);
    await page.setViewportSize(PHONE);
    await page.goto(`/nodes/${MOUNT_LEAK_NODE}`);
    const finding = page.locator('.finding').first();
    const peers = page.locator('.peers');
    await expect(finding).toBeVisible({ timeout: 30_000 });
    await expect(peers).toBeVisible();
    const f = await finding.boundingBox();
    const p = await peers.boundingBox();
    expect(f && p && f.y + f.height <= p.y, 'findings end above the peer panel').toBe(true);
    // One column: both span (nearly) the page width.
    expect((f?.width ?? 0) > PHONE.width * 0.8).toBe(true);
    expect((p?.width ?? 0) > PHONE.width * 0.8).toBe(true);
    // A summary reads as lines of text, not one word per line.
    const summary = page.locator('.finding-summary').first();
    expect((await summary.boundingBox())?.width ?? 0).toBeGreaterThan(250);
    expect(await sidewaysScroll(page)).toBe(0);
  });
});

/** A tRPC query through the signed-in request context, its data or null. */
async function trpcQuery<T>(
  request: import('@playwright/test').APIRequestContext,
  path: string,
  input: unknown,
) {
  const res = await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
  if (!res.ok()) return null;
  return ((await res.json()) as { result: { data: T } }).result.data;
}

async function nodeState(request: import('@playwright/test').APIRequestContext, name: string) {
  return (await trpcQuery<{ lastState: string | null }>(request, 'node.get', { name }))?.lastState ?? null;
}

test.describe('changed host key', () => {
  test('an admin reviews both fingerprints, types the name, trusts the new key, and the node collects', async ({
    page,
    request,
  }) => {
    // The worker's refusal records the key the node offered.
    await collectNow(request, UNTRUSTED_NODE);
    await expect
      .poll(() => trpcQuery(request, 'hostKeys.offered', { node: UNTRUSTED_NODE }), { timeout: 90_000 })
      .not.toBeNull();
    const offered = await trpcQuery<{ fingerprint: string }>(request, 'hostKeys.offered', {
      node: UNTRUSTED_NODE,
    });

    await page.goto(`/nodes/${UNTRUSTED_NODE}`);
    const banner = page.getByTestId('host-key-banner');
    await expect(banner).toContainText(offered?.fingerprint ?? 'missing');
    await banner.getByRole('button', { name: /Review and trust the new key/ }).click();
    const form = banner.locator('form.trust-key');
    await expect(form).toContainText(offered?.fingerprint ?? 'missing');
    const trust = form.getByRole('button', { name: 'Trust this key' });
    await form.getByLabel(/to confirm/).fill('edge-untrusted-02');
    await expect(trust).toBeDisabled();
    await form.getByLabel(/to confirm/).fill(UNTRUSTED_NODE);
    await page.screenshot({ path: 'test-results/trust-new-key-1440.png', fullPage: true });
    await trust.click();
    await expect(banner.getByRole('status')).toContainText(`Trusted ${offered?.fingerprint}`);

    // Collected again right away, over SSH, with the key now trusted.
    await expect.poll(() => nodeState(request, UNTRUSTED_NODE), { timeout: 90_000 }).toBe('ok');
    const audit = await trpcQuery<{ rows: { action: string; target: string }[] }>(request, 'audit.list', {});
    expect(audit?.rows.some((r) => r.action === 'hostkey.trust-changed' && r.target === UNTRUSTED_NODE)).toBe(
      true,
    );

    // Forgetting the trusted key puts the demo node back the way the other tests expect it.
    const keys = await trpcQuery<{ host: string; port: number; fingerprint: string }[]>(
      request,
      'hostKeys.list',
      {},
    );
    const key = keys?.find((k) => k.fingerprint === offered?.fingerprint);
    expect(key).toBeTruthy();
    const forgot = await request.post('/api/trpc/hostKeys.forget', {
      data: { host: key?.host, port: key?.port },
      headers: await csrfHeader(request),
    });
    expect(forgot.ok()).toBe(true);
    await collectNow(request, UNTRUSTED_NODE);
    await expect.poll(() => nodeState(request, UNTRUSTED_NODE), { timeout: 90_000 }).toBe('host-key-changed');
  });
});
