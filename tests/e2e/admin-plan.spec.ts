import { expect, test, type Locator, type Page } from '@playwright/test';
import { login } from './staff-helpers';

const PLAN_OWNER = { email: 'regisseur@meespraak.demo', password: 'demo-regisseur-2026' };
const item = (page: Page, kind: string, id: string) => page.locator(`li.item[data-kind="${kind}"][data-id="${id}"]`);

/** Opens the rename form of an item, sets its Dutch and English names, saves; returns the names it had. */
async function rename(it: Locator, names: { nl: string; en: string }) {
	await it.getByRole('button', { name: /^Rename/ }).click();
	const nl = it.getByLabel('Name in Dutch (required)');
	const en = it.getByLabel('Name in English');
	const before = { nl: await nl.inputValue(), en: await en.inputValue() };
	await nl.fill(names.nl);
	await en.fill(names.en);
	await it.getByRole('button', { name: 'Save' }).click();
	await expect(it.getByRole('status')).toHaveText(`Saved: ${names.nl}.`);
	return before;
}

test.describe('the plan editor', () => {
	test('is for the plan owner only', async ({ page }) => {
		await login(page, '/staff', { email: 'moderator@meespraak.demo', password: 'demo-moderator-2026' });
		const res = await page.goto('/staff/plan');
		expect(res?.status()).toBe(403);
	});

	test('the plan owner renames a theme and archives a neighbourhood, which is then no longer offered', async ({ page }) => {
		await login(page, '/staff', PLAN_OWNER);
		await page.goto('/staff/plan');
		await page.waitForLoadState('networkidle');
		await expect(page.getByRole('heading', { level: 1, name: 'Policy plan' })).toBeVisible();

		// Rename theme 7, see the new name, and put the old one back (other tests use the demo names).
		const theme = item(page, 'theme', '7');
		const original = await rename(theme, { nl: 'Hulp en diensten voor iedereen', en: 'Help and services for everyone' });
		await expect(theme.locator('.label')).toHaveText('Help and services for everyone');
		await page.reload();
		await page.waitForLoadState('networkidle');
		await expect(item(page, 'theme', '7').locator('.label')).toHaveText('Help and services for everyone');
		await expect(page.locator('details[data-theme="7"] > summary')).toContainText('Help and services for everyone');
		await rename(item(page, 'theme', '7'), original);
		await expect(item(page, 'theme', '7').locator('.label')).toHaveText(original.en);

		// Archive a neighbourhood: shown greyed with a Restore button, gone from the postcard form.
		const hood = item(page, 'neighbourhood', 'christus-koning');
		await hood.getByRole('button', { name: /^Archive\s?: Christus-Koning$/ }).click();
		await expect(hood.getByRole('status')).toHaveText('Archived: Christus-Koning. It is no longer offered.');
		await expect(hood).toHaveClass(/archived/);
		await expect(hood.getByRole('button', { name: /^Restore\s?: Christus-Koning$/ })).toBeVisible();

		const visitor = page.context();
		const form = await visitor.newPage();
		await form.goto('/p/brugge-draait-om-mensen');
		const select = form.locator('select[name="neighbourhoodId"]');
		await expect(select.locator('option', { hasText: 'Sint-Pieters' })).toHaveCount(1);
		await expect(select.locator('option', { hasText: 'Christus-Koning' })).toHaveCount(0);

		await hood.getByRole('button', { name: /^Restore\s?: Christus-Koning$/ }).click();
		await expect(hood.getByRole('status')).toHaveText('Restored: Christus-Koning. It is offered again.');
		await expect(hood).not.toHaveClass(/archived/);
		await form.reload();
		await expect(select.locator('option', { hasText: 'Christus-Koning' })).toHaveCount(1);
		await form.close();
	});

	test('adding explains a taken code next to the field and keeps what was typed', async ({ page }) => {
		await login(page, '/staff', PLAN_OWNER);
		await page.goto('/staff/plan');
		await page.waitForLoadState('networkidle');
		const section = page.locator('section#neighbourhoods');
		await section.getByRole('button', { name: '+ Add a neighbourhood' }).click();
		const form = section.getByRole('form', { name: 'Add a neighbourhood' });
		await form.getByLabel('Name in Dutch (required)').fill('Zeebrugge-Dorp');
		await form.getByLabel('Name in French').fill('Zeebruges-Village');
		await form.getByLabel('Code (optional)').fill('zeebrugge');
		await form.getByRole('button', { name: 'Add' }).click();
		await expect(form.getByText('That code is already in use.')).toBeVisible();
		await expect(form.getByLabel('Name in Dutch (required)')).toHaveValue('Zeebrugge-Dorp');
		await expect(form.getByLabel('Name in French')).toHaveValue('Zeebruges-Village');
		await expect(form.getByLabel('Code (optional)')).toHaveAttribute('aria-invalid', 'true');
	});
});
