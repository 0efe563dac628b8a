import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test as setup } from '@playwright/test';
const ADMIN_STATE = resolve('test-results', '.auth', 'admin.json');

/** Signs in once like a user, as the demo admin (its password is kept 0600 in the server's data folder). */
setup('sign in as the demo admin', async ({ page }) => {
  const password = readFileSync(
    join(process.env.NODESCOPE_E2E_DATA ?? '', 'demo-admin-password'),
    'utf8',
  ).trim();
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin\?next=%2F/);
  await expect(page.getByRole('note')).toContainText('admin@demo.nodescope');
  await page.getByLabel('E-mail').fill('admin@demo.nodescope');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.context().storageState({ path: ADMIN_STATE });
});
