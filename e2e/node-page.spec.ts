import { expect, test } from '@playwright/test';
import { MOUNT_LEAK_NODE, waitForCollected } from './support';

// Lines once there are several samples; dots while a freshly collected node has one or two.
const DRAWN = ':is(path.recharts-curve, .recharts-dot)';

test.describe('node page', () => {
  test('draws trend charts in the browser and keeps the range in the URL', async ({ page, request }) => {
    await waitForCollected(request, MOUNT_LEAK_NODE);
    await page.goto(`/nodes/${MOUNT_LEAK_NODE}`);
    await expect(page.getByRole('heading', { name: MOUNT_LEAK_NODE })).toBeVisible();
    for (const chart of ['kthreads', 'kubelet', 'mounts', 'cgroups']) {
      await expect
        .poll(() => page.locator(`[data-chart="${chart}"] ${DRAWN}`).count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
    }
    // The cgroup chart draws the 65,535 id limit.
    await expect(page.locator('[data-chart="cgroups"]')).toContainText('65,535');
    await page.getByRole('group', { name: 'Time range' }).getByRole('button', { name: '7d' }).click();
    await expect(page).toHaveURL(/range=7d/);
    await expect.poll(() => page.locator(`[data-chart="kubelet"] ${DRAWN}`).count()).toBeGreaterThan(0);
  });

  test('shows the peer comparison and the mount-leak finding', async ({ page, request }) => {
    await waitForCollected(request, MOUNT_LEAK_NODE);
    await page.goto(`/nodes/${MOUNT_LEAK_NODE}`);
    await expect(page.locator('.finding[data-rule="mount-propagation-leak"]')).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.locator('.peers tr[data-metric="kubelet.cpu_percent"]')).toBeVisible();
  });

  test('an evidence link opens the raw artifact at its line', async ({ page, request }) => {
    await waitForCollected(request, MOUNT_LEAK_NODE);
    await page.goto(`/nodes/${MOUNT_LEAK_NODE}`);
    const link = page.locator('.finding .ev-loc').first();
    await expect(link).toBeVisible({ timeout: 30_000 });
    const href = (await link.getAttribute('href')) ?? '';
    const m = /\/snapshots\/(\d+)\?probe=([\w-]+)#L(\d+)$/.exec(href);
    expect(m, `evidence href ${href}`).not.toBeNull();
    const line = (m as RegExpExecArray)[3];
    await link.click();
    await expect(page).toHaveURL(
      new RegExp(`/snapshots/${(m as RegExpExecArray)[1]}\\?probe=${(m as RegExpExecArray)[2]}#L${line}$`),
    );
    const target = page.locator(`.vline.target[data-line="${line}"]`);
    await expect(target).toBeVisible({ timeout: 30_000 });
    await expect(target).toBeInViewport();
  });
});
