import { expect, test } from '@playwright/test';
import { login } from './staff-helpers';

test.describe('staff pages need a staff session', () => {
	for (const path of ['/staff/moderation', '/staff/campaigns', '/staff/signals', '/staff/campaigns/1/transcribe']) {
		test(`a resident opening ${path} gets the login page`, async ({ page }) => {
			const res = await page.goto(path);
			expect(res?.ok()).toBe(true);
			await expect(page).toHaveURL(new RegExp(`/login\\?next=${encodeURIComponent(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
			await expect(page.locator('#email')).toBeVisible();
			await expect(page.locator('#password')).toBeVisible();
			await expect(page.getByRole('heading', { name: 'Moderation' })).toHaveCount(0);
		});
	}

	test('exports are refused without a session', async ({ request }) => {
		const res = await request.get('/staff/campaigns/1/export.csv', { maxRedirects: 0 });
		expect(res.status()).toBe(303);
		expect(res.headers()['location']).toContain('/login');
	});

	test('after logging in, the moderator lands where they wanted to go', async ({ page }) => {
		await page.goto('/staff/moderation');
		await expect(page).toHaveURL(/\/login/);
		await page.waitForLoadState('networkidle');
		await page.locator('#email').fill('moderator@meespraak.demo');
		await page.locator('#password').fill('demo-moderator-2026');
		await page.locator('form button.big').click();
		await expect(page).toHaveURL(/\/staff\/moderation$/);
		await expect(page.getByRole('heading', { level: 1, name: 'Moderation' })).toBeVisible();
	});

	test('a council member without the moderator role is refused moderation', async ({ page }) => {
		await login(page, '/staff', { email: 'adviesraad@meespraak.demo', password: 'demo-adviesraad-2026' });
		await expect(page.getByRole('link', { name: 'Moderation' })).toHaveCount(0);
		const res = await page.goto('/staff/moderation');
		expect(res?.status()).toBe(403);
	});
});
