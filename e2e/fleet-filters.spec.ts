import { expect, test } from '@playwright/test';
import { MOUNT_LEAK_NODE } from './support';

test.describe('fleet filters, sorting and keyboard', () => {
  test('severity filter and column sort live in the URL and survive a reload', async ({ page }) => {
    await page.goto('/');
    await expect.poll(() => page.locator('.frow').count(), { timeout: 60_000 }).toBeGreaterThan(10);
    // Wait until at least one node is critical (the incident nodes after their first collection).
    await expect
      .poll(async () => Number(await page.locator('[data-severity="critical"] .faint').innerText()), {
        timeout: 120_000,
      })
      .toBeGreaterThan(0);

    await page.locator('[data-severity="critical"]').click();
    await expect(page).toHaveURL(/severity=critical/);
    await expect
      .poll(async () =>
        page.locator('.frow').evaluateAll((els) => els.map((e) => e.getAttribute('data-health'))),
      )
      .not.toContain('ok');
    const healths = await page
      .locator('.frow')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-health')));
    expect(healths.length).toBeGreaterThan(0);
    expect(new Set(healths)).toEqual(new Set(['critical']));

    await page.locator('[data-sort="m:kubelet.cpu_percent"]').click();
    await expect(page).toHaveURL(/sort=m:kubelet\.cpu_percent/);
    await page.locator('[data-sort="m:kubelet.cpu_percent"]').click();
    await expect(page).toHaveURL(/dir=asc/);

    await page.reload();
    await expect(page.locator('[data-severity="critical"]')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('[data-sort="m:kubelet.cpu_percent"]')).toHaveAttribute('data-dir', 'asc');
  });

  test('free-text search and group mode are reflected in the URL', async ({ page }) => {
    await page.goto('/');
    await expect.poll(() => page.locator('.frow').count(), { timeout: 60_000 }).toBeGreaterThan(10);
    await page.getByLabel('Search').fill('legacy-west');
    await expect(page).toHaveURL(/q=legacy-west/);
    await expect
      .poll(async () =>
        (
          await page.locator('.frow').evaluateAll((els) => els.map((e) => e.getAttribute('data-node') ?? ''))
        ).every((n) => n.startsWith('legacy-west') || n.startsWith('edge')),
      )
      .toBe(true);
    await page.getByLabel('Group by').selectOption('none');
    await expect(page).toHaveURL(/group=none/);
    await expect(page.locator('.fgroup')).toHaveCount(0);
  });

  test('j/k move the cursor and Enter opens the node', async ({ page }) => {
    await page.goto('/?group=none&sort=name&dir=asc');
    await expect.poll(() => page.locator('.frow').count(), { timeout: 60_000 }).toBeGreaterThan(3);
    await page.locator('.fleet-scroll').focus();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    const active = page.locator('.frow.active');
    await expect(active).toHaveCount(1);
    const name = await active.getAttribute('data-node');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/nodes/${name}$`));
  });
});

test.describe('fleet grouping, search and history', () => {
  test('grouping off and on draws each header once and over no row; "mount leak" finds the leak node; Back undoes a filter', async ({
    page,
  }) => {
    await page.goto('/?group=cluster');
    await expect.poll(() => page.locator('.frow').count(), { timeout: 60_000 }).toBeGreaterThan(10);
    const headers = () => page.locator('.fgroup').allInnerTexts();
    const before = await headers();
    expect(before.length).toBeGreaterThan(1);
    await page.getByLabel('Group by').selectOption('none');
    await expect(page.locator('.fgroup')).toHaveCount(0);
    await page.getByLabel('Group by').selectOption('cluster');
    await expect(page).toHaveURL(/group=cluster/);
    await expect.poll(headers).toEqual(before);
    // No header left drawn on top of a row (the stale-header bug).
    const overlaps = await page.evaluate(() => {
      const rows = [...document.querySelectorAll('.frow')].map((e) => e.getBoundingClientRect());
      return [...document.querySelectorAll('.fgroup')]
        .map((e) => e.getBoundingClientRect())
        .filter((g) => rows.some((r) => g.top < r.bottom - 1 && r.top < g.bottom - 1)).length;
    });
    expect(overlaps).toBe(0);

    // A rule's words find the node, though no node name or label contains them.
    await page.getByLabel('Search').fill('mount leak');
    await expect(page).toHaveURL(/q=mount(\+|%20)leak/);
    await expect(page.locator(`.frow[data-node="${MOUNT_LEAK_NODE}"]`)).toBeVisible({ timeout: 30_000 });

    // Filter changes are history entries: Back returns to the view before the search.
    await page.goBack();
    await expect(page).not.toHaveURL(/q=/);
    await expect(page).toHaveURL(/group=cluster/);
    await expect(page.getByLabel('Search')).toHaveValue('');
  });
});
