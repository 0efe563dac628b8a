import { expect, test } from '@playwright/test';
import { MOUNT_LEAK_NODE, UNTRUSTED_NODE, waitForCollected } from './support';

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
