import { expect, test } from '@playwright/test';
import { login } from './staff-helpers';

const ADMIN = { email: 'admin@meespraak.demo', password: 'demo-admin-2026' };

test.describe('staff login', () => {
	test('an admin logs in, reaches the staff pages and logs out again', async ({ page }) => {
		await login(page, '/staff', ADMIN);
		await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
		await page.getByRole('button', { name: 'Log out' }).click();
		await expect(page).toHaveURL(/\/login$/);
		// The session is gone: staff pages send us back to the login page.
		await page.goto('/staff/admin');
		await expect(page).toHaveURL(/\/login\?next=%2Fstaff%2Fadmin$/);
		await expect(page.getByRole('button', { name: 'Log out' })).toHaveCount(0);
	});

	test('a wrong password says so and keeps the email address', async ({ page }) => {
		// One failure only: failed logins from this machine count towards the shared login limit.
		await page.goto('/login');
		await page.locator('#email').fill(ADMIN.email);
		await page.locator('#password').fill('not the password');
		await page.locator('form button.big').click();
		await expect(page.getByRole('alert')).toHaveText('That email address or password is not right.');
		await expect(page.locator('#email')).toHaveValue(ADMIN.email);
		await expect(page).toHaveURL(/\/login/);
		// The right password still works afterwards.
		await page.locator('#password').fill(ADMIN.password);
		await page.locator('form button.big').click();
		await expect(page).toHaveURL(/\/staff$/);
	});
});
