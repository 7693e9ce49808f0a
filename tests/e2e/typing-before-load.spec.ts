// On a slow phone or a busy laptop people start typing before the page's JavaScript has loaded.
// Whatever they typed must still be there once it has.
import { expect, test, type Page } from '@playwright/test';

/** Opens `path` with the app's scripts held back until `release()` is called. */
async function openWithScriptsHeld(page: Page, path: string) {
	let release!: () => void;
	const gate = new Promise<void>((r) => (release = r));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await gate;
		await route.continue();
	});
	await page.goto(path, { waitUntil: 'domcontentloaded' });
	return async () => {
		release();
		await page.waitForLoadState('networkidle');
		// Hydration done: the enhanced form reacts (the live counter counts what was typed).
	};
}

test('a resident typing on the postcard form before it has loaded keeps the text', async ({ page }) => {
	const loaded = await openWithScriptsHeld(page, '/p/brugge-draait-om-mensen');
	await page.locator('textarea[name=text]').fill('Meer zitbanken langs de Reie, getypt voor het laden.');
	await page.locator('input[name=email]').fill('vroeg@example.be');
	await page.locator('input[name=consentPublish]').check();
	await loaded();
	await expect(page.locator('#pc-counter')).toContainText(String('Meer zitbanken langs de Reie, getypt voor het laden.'.length));
	await expect(page.locator('textarea[name=text]')).toHaveValue('Meer zitbanken langs de Reie, getypt voor het laden.');
	await expect(page.locator('input[name=email]')).toHaveValue('vroeg@example.be');
	await expect(page.locator('input[name=consentPublish]')).toBeChecked();
});

test('staff typing their email on the login page before it has loaded keep it', async ({ page }) => {
	const loaded = await openWithScriptsHeld(page, '/login');
	await page.locator('input[name=email]').fill('moderator@meespraak.demo');
	await loaded();
	await expect(page.locator('input[name=email]')).toHaveValue('moderator@meespraak.demo');
});
