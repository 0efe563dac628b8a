import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import { collectNow, getNode, waitForCollected } from './support';

const SHOTS = '/work/shots/incidents';

/** The five incident nodes of the demo fleet (packages/simulator fleet-specs) and what triage must conclude. */
const CASES = [
  {
    node: 'prod-east-general-03',
    conclusion: 'mount-leak-dead-container',
    from: 'node' as const,
    numbers: [
      "CSI disks' mounts leaked",
      'jbd2/ext4 kernel threads',
      'HostToContainer',
      'Removal In Progress',
    ],
  },
  {
    node: 'prod-east-highmem-03',
    conclusion: 'runtime-io-contention',
    from: 'finding' as const,
    numbers: ['PSI io', 'deadline-exceeded', /longest gap \d+(\.\d+)? s/, 'PLEG is not healthy'],
  },
  {
    node: 'prod-east-general-06',
    conclusion: 'disk-failure-kubelet-exits',
    from: 'fleet' as const,
    numbers: ['vdb', 'XFS', '/var/lib/kubelet/pki/kubelet.crt', /restarts it \d+ times/],
  },
  {
    node: 'legacy-west-batch-03',
    conclusion: 'memcg-id-leak-kmem',
    from: 'node' as const,
    numbers: ['65,535', 'memory shows 109', '3.10.0-514', 'no space left on device'],
  },
  {
    node: 'prod-east-highmem-06',
    conclusion: 'systemd-dbus-hang',
    from: 'node' as const,
    numbers: ['D-Bus', 'org.freedesktop.systemd1', /\d+ runc processes older than/],
  },
];

async function openIncident(page: Page, node: string, from: 'node' | 'finding' | 'fleet'): Promise<string> {
  if (from === 'fleet') {
    await page.goto(`/?group=none&q=${node}`);
    const row = page.locator(`.frow[data-node="${node}"]`);
    await expect(row).toBeVisible({ timeout: 60_000 });
    await row.hover();
    await row.getByTestId('open-incident').click();
  } else {
    await page.goto(`/nodes/${node}`);
    const scope = from === 'node' ? page.locator('.node-header') : page.locator('.finding').first();
    await expect(scope.getByTestId('open-incident')).toBeVisible({ timeout: 30_000 });
    // A click before hydration does nothing: retry until the incident opens (it navigates away).
    await expect(async () => {
      if (page.url().includes('/incidents/')) return;
      await scope.getByTestId('open-incident').click({ timeout: 2_000 });
      await expect(page).toHaveURL(/\/incidents\//, { timeout: 8_000 });
    }).toPass({ timeout: 40_000 });
  }
  await expect(page).toHaveURL(new RegExp(`/incidents/\\d{4}-\\d{2}-\\d{2}-${node}-[a-z0-9-]+$`), {
    timeout: 30_000,
  });
  await expect(page.locator('.inc-wizard')).toBeVisible();
  return new URL(page.url()).pathname.split('/').pop() as string;
}

/** Walks the wizard with the keyboard only: Enter accepts the suggestion and moves on. */
async function walk(page: Page): Promise<string[]> {
  const steps = await page.locator('.inc-stepper li').count();
  const seen: string[] = [];
  for (let i = 0; i < steps - 1; i++) {
    const step = page.locator('.inc-step');
    const id = (await step.getAttribute('data-step')) as string;
    seen.push(id);
    await expect(step.getByTestId('evidence')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.locator('.inc-step')).not.toHaveAttribute('data-step', id);
  }
  await expect(page.locator('.inc-step')).toHaveAttribute('data-step', 'conclusion');
  return seen;
}

async function newerSnapshot(request: APIRequestContext, node: string, than: string): Promise<void> {
  await collectNow(request, node);
  await expect
    .poll(async () => (await getNode(request, node))?.lastSnapshot?.id ?? than, {
      timeout: 120_000,
      intervals: [1_000, 2_000],
    })
    .not.toBe(than);
}

async function freshPage(browser: Browser, width = 1440): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  return ctx.newPage();
}

test.describe('incidents', () => {
  test.describe.configure({ timeout: 240_000 });

  for (const c of CASES) {
    test(`${c.node}: open from the ${c.from} view, walk the triage to ${c.conclusion}, permalink and export`, async ({
      page,
      request,
      browser,
      context,
    }) => {
      const before = await waitForCollected(request, c.node);
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const slug = await openIncident(page, c.node, c.from);
      await expect(page.getByTestId('root-cause')).toHaveAttribute('data-id', c.conclusion);

      const seen = await walk(page);
      const conclusion = page.locator('.inc-conclusion');
      await expect(conclusion).toHaveAttribute('data-conclusion', c.conclusion);
      for (const n of c.numbers) await expect(conclusion).toContainText(n);
      await expect(page.getByTestId('progress')).toContainText(
        `${seen.length} of ${seen.length} steps answered`,
      );
      await page.screenshot({ path: `${SHOTS}/${c.node}-conclusion-1440.png`, fullPage: true });

      // Back is always possible, by key; the step lands in the URL.
      await page.keyboard.press('k');
      const last = seen[seen.length - 1] as string;
      await expect(page.locator('.inc-step')).toHaveAttribute('data-step', last);
      await expect(page).toHaveURL(new RegExp(`step=${last}`));

      // Override a step's verdict with a note: recorded in the timeline.
      const stepId = seen[0] as string;
      await page.goto(`/incidents/${slug}?step=${stepId}`);
      const suggested = (
        await page.getByTestId('suggested').locator('.inc-verdict').first().innerText()
      ).trim();
      // Keys pressed before hydration are lost: press until the note box for the override opens.
      await expect(async () => {
        await page.keyboard.press(suggested === 'Inconclusive' ? '1' : '3');
        await expect(page.getByTestId('step-note')).toBeVisible({ timeout: 1_000 });
      }).toPass({ timeout: 20_000 });
      await page.getByTestId('step-note').fill('checked on the node by hand');
      await page.keyboard.press('Control+Enter');
      await expect(page.locator('.inc-events li[data-kind="verdict-overridden"]')).toContainText(
        'checked on the node by hand',
      );

      // The permalink: copy it, let a newer snapshot arrive, open it in a fresh context.
      await page.goto(`/incidents/${slug}?step=${stepId}`);
      await page.getByTestId('copy-permalink').click();
      const permalink = await page.evaluate(() => navigator.clipboard.readText());
      expect(permalink).toContain(`/incidents/${slug}?step=${stepId}`);
      const evidence = await page.getByTestId('evidence').innerText();
      await newerSnapshot(request, c.node, before.lastSnapshot?.id ?? '');
      const other = await freshPage(browser);
      await other.goto(permalink);
      await expect(other.locator('.inc-step')).toHaveAttribute('data-step', stepId);
      expect(await other.getByTestId('evidence').innerText()).toBe(evidence);
      await expect(other.locator('.inc-pins li')).toHaveCount(1);
      await expect(other.locator('.inc-newer')).toBeVisible();
      await other.context().close();

      // Export: the postmortem sections, the conclusion and its numbers.
      const res = await request.get(`/incidents/${slug}/export.md`);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toContain('text/markdown');
      const md = await res.text();
      for (const h of [
        '## Summary',
        '## Impact window',
        '## Key events',
        '## Root cause',
        '## Triage and evidence',
        '## Remediation done',
        '## Verification',
        '## Follow-ups',
        '## Timeline',
        '## Pinned snapshots',
      ]) {
        expect(md).toContain(h);
      }
      expect(md).toContain(c.conclusion);
      expect(md).toContain('checked on the node by hand');
      for (const n of c.numbers) expect(md).toMatch(typeof n === 'string' ? n : n);
      const red = await (await request.get(`/incidents/${slug}/export.md?redact=1`)).text();
      expect(red).not.toContain(c.node);
      expect(red).not.toMatch(/\b127\.0\.0\.1\b/);
    });
  }

  test('verify the fix, share read-only, revoke; list filters; 404; screenshots', async ({
    page,
    request,
    browser,
  }) => {
    const node = 'prod-east-general-03';
    await waitForCollected(request, node);
    const slug = await openIncident(page, node, 'node');
    await page.screenshot({ path: `${SHOTS}/incident-step-1440.png`, fullPage: true });

    await page.getByRole('button', { name: 'Collect now and compare' }).click();
    await expect(page.getByTestId('before-after')).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId('before-after')).toContainText('kubelet CPU');

    await page.getByRole('button', { name: 'Create share link' }).click();
    const url = await page.getByTestId('share-url').inputValue();
    expect(url).toMatch(/\/share\/v1\.[\w.-]+$/);
    const anon = await freshPage(browser);
    await anon.goto(url);
    await expect(anon.locator('.inc-shared-banner')).toBeVisible();
    await expect(anon.getByTestId('root-cause')).toHaveAttribute('data-id', 'mount-leak-dead-container');
    await expect(anon.getByTestId('evidence')).toBeVisible();
    await expect(anon.getByTestId('save-step')).toHaveCount(0);
    await expect(anon.getByRole('button', { name: 'Create share link' })).toHaveCount(0);
    await anon.keyboard.press('j');
    await expect(anon).toHaveURL(/step=/);
    await anon.screenshot({ path: `${SHOTS}/share-1440.png`, fullPage: true });
    const narrow = await freshPage(browser, 390);
    await narrow.goto(url);
    await expect(narrow.getByTestId('evidence')).toBeVisible();
    await narrow.screenshot({ path: `${SHOTS}/share-390.png`, fullPage: true });
    await narrow.context().close();

    await page.getByTestId('revoke').first().click();
    await expect(page.locator('.inc-links li[data-state="revoked"]')).toHaveCount(1);
    await anon.reload();
    await expect(anon.getByTestId('share-invalid')).toBeVisible();
    await anon.context().close();

    // 390 px: the incident page and the wizard stay usable.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/incidents/${slug}`);
    await expect(page.getByTestId('evidence')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/incident-step-390.png`, fullPage: true });
    await page.goto(`/incidents/${slug}?step=conclusion`);
    await page.screenshot({ path: `${SHOTS}/incident-conclusion-390.png`, fullPage: true });

    // The list: filters live in the URL.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/incidents');
    await expect(page.locator('.inc-list > li').first()).toBeVisible();
    await page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'investigating' }).click();
    await expect(page).toHaveURL(/status=investigating/);
    await page.getByLabel('Node').fill(node);
    await expect(page).toHaveURL(new RegExp(`node=${node}`));
    await expect
      .poll(() =>
        page
          .locator('.inc-list > li')
          .evaluateAll((els, n) => els.every((e) => e.textContent?.includes(n)), node),
      )
      .toBe(true);
    await page.reload();
    await expect(page.getByLabel('Node')).toHaveValue(node);
    await page.goto('/incidents');
    await page.screenshot({ path: `${SHOTS}/list-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/list-390.png`, fullPage: true });

    const missing = await page.goto('/incidents/2026-01-01-no-such-node-triage');
    expect(missing?.status()).toBe(404);
    expect((await request.get('/incidents/2026-01-01-no-such-node-triage/export.md')).status()).toBe(404);
  });
});
