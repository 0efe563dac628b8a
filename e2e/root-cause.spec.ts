import { expect, test } from '@playwright/test';
import { MOUNT_LEAK_NODE, waitForCollected } from './support';

/** Where to save page screenshots at 1440 and 390 px, when set. */
const SHOTS = process.env.NODESCOPE_SHOTS_DIR;

const rulesInOrder = (page: import('@playwright/test').Page) =>
  page.locator('.findings .finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));

test.describe('node page root cause', () => {
  test('the mount-leak node leads with its root-cause chain, findings cause first', async ({
    page,
    request,
  }) => {
    await waitForCollected(request, MOUNT_LEAK_NODE);
    await page.goto(`/nodes/${MOUNT_LEAK_NODE}`);
    const panel = page.locator('[data-root-cause="mount-leak-dead-container"]');
    await expect(panel).toBeVisible({ timeout: 30_000 });
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText(
      'Mount leak through a dead container with HostToContainer propagation',
    );
    const links = panel.getByRole('list', { name: 'Root-cause chain' }).getByRole('listitem');
    await expect(links).toHaveCount(5);
    await expect(links.nth(0)).toContainText(
      /A DaemonSet \(logxxx-ds.*mounts host \/ at \/logxxx_host with HostToContainer/,
    );
    await expect(links.nth(1)).toContainText('stuck in Removal In Progress');
    await expect(links.nth(2)).toContainText(/[\d,]+ CSI disks' mounts leaked into its rootfs/);
    await expect(links.nth(3)).toContainText(/[\d,]+ jbd2\/ext4 kernel threads/);
    // The simulated kubelet's CPU is measured from two real samples, so it lands near, not on, 2,000%.
    await expect(links.nth(4)).toContainText(/kubelet retrying unmounts at ~(1,[5-9]|2,[0-4])00% CPU/);

    // The panel sits above the findings, and the findings start with the cause.
    const panelBox = await panel.boundingBox();
    const firstFinding = page.locator('.findings .finding').first();
    await expect(firstFinding).toHaveAttribute('data-rule', 'mount-propagation-leak');
    expect((await firstFinding.boundingBox())?.y ?? 0).toBeGreaterThan(panelBox?.y ?? Number.MAX_VALUE);
    const order = await rulesInOrder(page);
    expect(order.slice(0, 3)).toEqual([
      'mount-propagation-leak',
      'container-stuck-removal',
      'kernel-thread-flood',
    ]);

    // The consequence chips jump to their finding.
    await panel.locator('a.chip[data-rule="kernel-thread-flood"]').click();
    await expect(page).toHaveURL(/#finding-kernel-thread-flood$/);

    // The same order after a reload.
    await page.reload();
    await expect(page.locator('.findings .finding').first()).toHaveAttribute(
      'data-rule',
      'mount-propagation-leak',
    );
    expect(await rulesInOrder(page)).toEqual(order);

    if (SHOTS) {
      await page.goto(`/nodes/${MOUNT_LEAK_NODE}`);
      await expect(panel).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/node-root-cause-1440.png` });
      await page.setViewportSize({ width: 390, height: 1600 });
      await page.screenshot({ path: `${SHOTS}/node-root-cause-390.png` });
    }
  });
});
