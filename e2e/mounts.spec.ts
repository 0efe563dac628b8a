import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { getNode, MOUNT_LEAK_NODE, waitForCollected } from './support';

const fmt = (n: number) => n.toLocaleString('en-US');

test.describe('mount graph', () => {
  test('the leak node: dead holder counted, a group expands, the side panel has raw and kubelet lines, the URL reproduces it, the plan downloads', async ({
    page,
    request,
    browser,
  }) => {
    test.setTimeout(180_000);
    await waitForCollected(request, MOUNT_LEAK_NODE);
    const node = await getNode(request, MOUNT_LEAK_NODE);
    const leaked = (node as unknown as { metrics: Record<string, number> }).metrics[
      'mounts.leaked'
    ] as number;
    expect(leaked).toBeGreaterThan(0);

    await page.goto(`/nodes/${MOUNT_LEAK_NODE}/mounts`);
    await expect(page.getByTestId('mount-summary')).toContainText(
      `${fmt(leaked)} copies held by logxxx-ds-`,
      {
        timeout: 60_000,
      },
    );
    const holder = page.getByTestId('mount-leak-holders').locator('.mp-holder').first();
    await expect(holder).toContainText(fmt(leaked));
    await expect(holder).toContainText('Removal In Progress');

    // The dead container's copy group, drawn as one node with its count.
    const group = page.locator('[data-testid="mount-node"][data-kind="copy-group"].mg-leak').first();
    await expect(group).toBeVisible();
    const groupCount = Number(await group.getAttribute('data-count'));
    expect(groupCount).toBeGreaterThan(leaked / 2);
    expect(groupCount).toBeLessThanOrEqual(leaked);
    await expect(group).toContainText(fmt(groupCount));

    const shots = process.env.MOUNTS_SHOTS_DIR;
    if (shots) await page.screenshot({ path: `${shots}/mounts-1440.png` });
    await group.click();
    await expect(page).toHaveURL(/expand=cg/);
    // Only nodes in view are rendered: the first screen of members is drawn.
    await expect
      .poll(() => page.locator('[data-testid="mount-node"][data-kind="copy"]').count(), { timeout: 30_000 })
      .toBeGreaterThan(4);
    await expect(page.getByText(/more not drawn: search or filter to narrow/)).toHaveCount(1);
    const panel = page.getByTestId('mount-side-panel');
    await expect(panel).toContainText(`${fmt(groupCount)} copies held by logxxx-ds-`);
    await expect(panel.getByTestId('ms-mountinfo').locator('li').first()).toContainText(
      '/merged/logxxx_host/',
    );
    await expect(panel.getByTestId('ms-kubelet').locator('li').first()).toContainText(
      'is still mounted by other references',
    );
    await expect(panel.getByTestId('ms-container')).toContainText('Removal In Progress');
    const rawHref = await panel.getByTestId('ms-mountinfo').locator('a').first().getAttribute('href');
    expect(rawHref).toMatch(/^\/snapshots\/\d+\?probe=mountinfo#L\d+$/);

    if (shots) await page.screenshot({ path: `${shots}/mounts-1440-expanded.png` });
    // A fresh context opens the same view from the URL alone.
    const url = page.url();
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(url);
    await expect(other.getByTestId('mount-side-panel')).toContainText(
      `${fmt(groupCount)} copies held by logxxx-ds-`,
      { timeout: 60_000 },
    );
    await expect
      .poll(() => other.locator('[data-testid="mount-node"][data-kind="copy"]').count(), { timeout: 30_000 })
      .toBeGreaterThan(4);
    await expect(other).toHaveURL(url);
    await fresh.close();

    // The umount plan: a script, deepest paths first.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Umount plan' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/-umount-plan\.sh$/);
    const script = readFileSync((await download.path()) as string, 'utf8');
    expect(script.startsWith('#!/bin/sh')).toBe(true);
    const paths = [...script.matchAll(/^umount '?([^'\n]+)'?$/gm)].map((m) => m[1] as string);
    expect(paths.length).toBeGreaterThan(50);
    for (let i = 1; i < paths.length; i++)
      expect((paths[i] as string).length).toBeLessThanOrEqual((paths[i - 1] as string).length);
    expect(paths[0]).toContain('/merged/logxxx_host/');
  });

  test('table mode and filters live in the URL; a search narrows to one device', async ({
    page,
    request,
  }) => {
    await waitForCollected(request, MOUNT_LEAK_NODE);
    await page.goto(`/nodes/${MOUNT_LEAK_NODE}/mounts?mode=table&leaks=1`);
    await expect(page.getByTestId('mount-table')).toBeVisible({ timeout: 60_000 });
    const rows = page.getByTestId('mount-row');
    await expect(rows.first()).toBeVisible();
    if (process.env.MOUNTS_SHOTS_DIR) {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${process.env.MOUNTS_SHOTS_DIR}/mounts-390.png`, fullPage: false });
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    await expect(page.getByRole('checkbox', { name: 'leaks only' })).toBeChecked();
    await page.getByRole('button', { name: 'sort by Count' }).click();
    const first = Number((await rows.first().locator('.mt-col-count').innerText()).replace(/,/g, ''));
    const second = Number((await rows.nth(1).locator('.mt-col-count').innerText()).replace(/,/g, ''));
    expect(first).toBeGreaterThanOrEqual(second);
    await page.getByRole('searchbox', { name: /search/ }).fill('logxxx');
    await expect(page).toHaveURL(/q=logxxx/);
    await expect(rows.filter({ hasText: 'logxxx' }).first()).toBeVisible();
  });

  test('the server sends the graph with the page: leak cards in the HTML, no data request before they show, no hydration warning', async ({
    page,
    request,
  }) => {
    await waitForCollected(request, MOUNT_LEAK_NODE);
    const html = await (await request.get(`/nodes/${MOUNT_LEAK_NODE}/mounts`)).text();
    expect(html).toMatch(/data-testid="mount-node"[^>]*data-kind="copy-group"/);
    const graphRequests: string[] = [];
    const warnings: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('mounts.graph')) graphRequests.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error' || /hydrat/i.test(m.text())) warnings.push(m.text());
    });
    await page.goto(`/nodes/${MOUNT_LEAK_NODE}/mounts`);
    await expect(
      page.locator('[data-testid="mount-node"][data-kind="copy-group"].mg-leak').first(),
    ).toBeVisible();
    // Only the prefetch of the likely next click may ask for a graph, and only with an expansion.
    await page.waitForTimeout(500);
    expect(graphRequests.filter((u) => !decodeURIComponent(u).includes('"expand"'))).toEqual([]);
    expect(warnings).toEqual([]);
  });

  test('a phone opens on the list and never shows the server-drawn graph before it switches', async ({
    browser,
    request,
  }) => {
    await waitForCollected(request, MOUNT_LEAK_NODE);
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    // Before the scripts run: the HTML and its CSS alone.
    await page.route(/\/_next\/static\/.*\.js(\?.*)?$/, (r) => r.abort());
    await page.goto(`/nodes/${MOUNT_LEAK_NODE}/mounts`, { waitUntil: 'domcontentloaded' });
    await expect(page.locator('.mg-canvas')).toHaveCSS('visibility', 'hidden');
    await page.unroute(/\/_next\/static\/.*\.js(\?.*)?$/);
    await page.goto(`/nodes/${MOUNT_LEAK_NODE}/mounts`);
    await expect(page.getByRole('button', { name: 'Table', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(page.locator('.mg-canvas')).toHaveCount(0);
    await ctx.close();
  });
});
