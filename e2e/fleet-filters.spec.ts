import { expect, test } from '@playwright/test';

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
