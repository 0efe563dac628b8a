import { expect, test } from '@playwright/test';
import { collectNow } from './support';

// The demo fleet: about two dozen simulated nodes over real SSH, one per incident scenario,
// and edge-untrusted-01 whose host key does not match known_hosts.
const UNTRUSTED = 'edge-untrusted-01';

test.describe('fleet page', () => {
  test('lists the demo nodes with kernel, uptime and collection state', async ({ page, request }) => {
    test.setTimeout(150_000);
    await collectNow(request, UNTRUSTED);
    await page.goto('/');
    const rows = page.locator('.frow');
    await expect(rows.first()).toBeVisible();
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
    // A collected node shows a kernel release (e.g. 4.19.91-24.al7 or 5.15.0-…).
    await expect
      .poll(
        async () =>
          (await page.locator('.frow .kernel').allInnerTexts()).filter((t) => /^\d+\.\d+/.test(t)).length,
        {
          timeout: 90_000,
        },
      )
      .toBeGreaterThan(0);
    // The node with a refused host key says so, with the collector's error on hover. Ask for fresh
    // attempts while waiting: the demo's history backfill may land after the first refusal.
    const untrusted = page.locator(`.frow[data-node="${UNTRUSTED}"]`);
    await expect
      .poll(
        async () => {
          const n = await untrusted.locator('[data-state^="host-key"]').count();
          if (!n) await collectNow(request, UNTRUSTED);
          return n;
        },
        { timeout: 120_000, intervals: [2_000, 5_000, 10_000] },
      )
      .toBeGreaterThan(0);
    await expect(untrusted).toContainText(/Host key (changed|unknown)/);
  });

  test('keeps its place and the URL across a live refresh', async ({ page }) => {
    await page.goto('/?q=prod-east');
    await expect.poll(() => page.locator('.frow').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const names = await page
      .locator('.frow')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-node') ?? ''));
    expect(names.every((n) => n.includes('prod-east'))).toBe(true);
    await page.waitForTimeout(6_000); // one refresh interval
    expect(page.url()).toContain('q=prod-east');
    await expect(page.getByLabel('Search')).toHaveValue('prod-east');
  });
});
