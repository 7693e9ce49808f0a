import { expect, test, type Page } from '@playwright/test';
import { login } from './staff-helpers';

const ADMIN = { email: 'admin@meespraak.demo', password: 'demo-admin-2026' };
/** Waits until the page's JavaScript has taken over (enhanced forms), so typing is not redrawn away. */
const hydrated = (page: Page) => page.waitForLoadState('networkidle');
const stamp = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function openCreateForm(page: Page) {
	await page.goto('/staff/admin');
	await expect(page.getByRole('heading', { level: 1, name: 'Manage staff' })).toBeVisible();
	await hydrated(page);
	return page.locator('form.create');
}

test.describe('staff administration', () => {
	test('an admin creates a moderator with a password, who can log in and reach /staff but not the admin page', async ({ page, browser }) => {
		const email = `mod-${stamp()}@example.org`;
		const password = 'moderator password 1';
		await login(page, '/staff', ADMIN);
		const create = await openCreateForm(page);
		await create.getByLabel('Name').fill('Mila Moderator');
		await create.getByLabel('Email address').fill(email);
		await create.getByRole('checkbox', { name: /^Moderator/ }).check();
		await create.getByRole('radio', { name: 'I set a first password' }).check();
		await create.getByLabel('First password', { exact: true }).fill(password);
		await create.getByRole('button', { name: 'Create staff member' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Mila Moderator has been created and can log in now.' })).toBeVisible();
		const row = page.locator('tr', { hasText: email });
		await expect(row).toContainText('Moderator');
		await expect(row).toContainText('Active');

		const other = await browser.newContext();
		const mod = await other.newPage();
		await login(mod, '/staff', { email, password });
		await expect(mod.getByRole('heading', { level: 1 })).toBeVisible();
		const res = await mod.goto('/staff/admin');
		expect(res?.status()).toBe(403);
		await expect(mod.getByRole('alert')).toHaveText('You do not have access to this page.');

		// Deactivating ends the moderator's sessions at once.
		await row.getByRole('button', { name: /^Deactivate\s?: Mila Moderator$/ }).click();
		await expect(page.getByText('Mila Moderator has been deactivated and logged out everywhere.')).toBeVisible();
		await expect(page.locator('tr', { hasText: email })).toContainText('Deactivated');
		await mod.goto('/staff');
		await expect(mod).toHaveURL(/\/login\?next=%2Fstaff$/);
		await other.close();
	});

	test('problems are explained next to their fields and nothing typed is lost', async ({ page }) => {
		await login(page, '/staff', ADMIN);
		const create = await openCreateForm(page);
		await create.getByRole('button', { name: 'Create staff member' }).click();
		await expect(create.getByText('Enter a name.')).toBeVisible();
		await expect(create.getByText('That is not a valid email address.')).toBeVisible();
		await expect(create.getByText('Choose at least one role.')).toBeVisible();

		await create.getByLabel('Name').fill('Dubbel Persoon');
		await create.getByLabel('Email address').fill('moderator@meespraak.demo');
		await create.getByRole('checkbox', { name: /^Advisory council member/ }).check();
		await create.getByRole('radio', { name: 'I set a first password' }).check();
		await create.getByLabel('First password', { exact: true }).fill('short');
		await create.getByRole('button', { name: 'Create staff member' }).click();
		await expect(create.getByText('There is already an account with this email address.')).toBeVisible();
		await expect(create.getByText('Choose at least one advisory council for an advisory council member.')).toBeVisible();
		await expect(create.getByText('The password must be at least 10 characters long.')).toBeVisible();
		await expect(create.getByText('Enter a name.')).toHaveCount(0);
		await expect(create.getByLabel('Name')).toHaveValue('Dubbel Persoon');
		await expect(create.getByLabel('Email address')).toHaveValue('moderator@meespraak.demo');
		await expect(create.getByRole('checkbox', { name: /^Advisory council member/ })).toBeChecked();
		await expect(create.getByRole('radio', { name: 'I set a first password' })).toBeChecked();
		await expect(create.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');
	});

	test('an invitation link lets the new person choose a password, once', async ({ page, browser }) => {
		const email = `raad-${stamp()}@example.org`;
		await login(page, '/staff', ADMIN);
		const create = await openCreateForm(page);
		await create.getByLabel('Name').fill('Rik Raad');
		await create.getByLabel('Email address').fill(email);
		await create.getByRole('checkbox', { name: /^Advisory council member/ }).check();
		await create.getByRole('checkbox', { name: /Senior citizens/ }).check();
		await create.getByRole('button', { name: 'Create staff member' }).click();
		const link = await page.getByLabel('Invitation link', { exact: true }).inputValue();
		expect(link).toMatch(/\/invite\/[a-z2-7]{32}$/);
		await expect(page.locator('tr', { hasText: email })).toContainText('Invitation not yet accepted');
		await expect(page.locator('tr', { hasText: email })).toContainText("Senior citizens' advisory council");

		const other = await browser.newContext();
		const invited = await other.newPage();
		await invited.goto(new URL(link).pathname);
		await expect(invited.getByRole('heading', { level: 1, name: 'Choose your password' })).toBeVisible();
		await hydrated(invited);
		await expect(invited.getByText(`You log in with ${email}.`)).toBeVisible();
		await invited.getByLabel('New password', { exact: true }).fill('my own password 123');
		await invited.getByLabel('Type the password again').fill('my own password 124');
		await invited.getByRole('button', { name: 'Set password and log in' }).click();
		await expect(invited.getByText('The two passwords are not the same.')).toBeVisible();
		await invited.getByLabel('New password', { exact: true }).fill('my own password 123');
		await invited.getByLabel('Type the password again').fill('my own password 123');
		await invited.getByRole('button', { name: 'Set password and log in' }).click();
		await expect(invited).toHaveURL(/\/staff$/);
		await expect(invited.getByRole('button', { name: 'Log out' })).toBeVisible();

		// The link works once.
		await invited.goto(new URL(link).pathname);
		await expect(invited.getByRole('heading', { level: 1, name: 'This invitation no longer works' })).toBeVisible();
		await other.close();

		await page.goto('/staff/admin');
		await expect(page.locator('tr', { hasText: email })).toContainText('Active');
	});

	test('an admin cannot lock themselves out', async ({ page }) => {
		await login(page, '/staff', ADMIN);
		await page.goto('/staff/admin');
		await hydrated(page);
		const row = page.locator('tr', { hasText: ADMIN.email });
		await expect(row.getByRole('button', { name: /Deactivate/ })).toHaveCount(0);
		await row.getByRole('button', { name: /^Edit/ }).click();
		const editor = page.getByRole('form', { name: /Roles and advisory councils of Ada Admin/ });
		await editor.getByRole('checkbox', { name: /^Administrator/ }).uncheck();
		await editor.getByRole('checkbox', { name: /^Plan owner/ }).check();
		await editor.getByRole('button', { name: 'Save' }).click();
		await expect(editor.getByText('You cannot remove your own administrator role')).toBeVisible();
		await expect(editor.getByRole('checkbox', { name: /^Plan owner/ })).toBeChecked();
		await page.goto('/staff/admin');
		await expect(page.locator('tr', { hasText: ADMIN.email })).toContainText('Administrator');
		await expect(page.locator('tr', { hasText: ADMIN.email })).not.toContainText('Plan owner');
	});
});
