// Shared bits of the resident browser tests (not a spec file itself).
import { expect, type Page } from '@playwright/test';

export const SLUG = 'brugge-draait-om-mensen';
export const PHONE = { width: 390, height: 844 };
/** A new postcard's tracking code: three groups of five (old cards keep their ABC-234). */
export const CODE_RE = /^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/;
export const KEY_RE = /^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/;

/** A text no other test writes, so that the card can be found again. */
export function uniqueText(prefix: string): string {
	return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

/** The withdrawal key shown once on the thank-you page. */
export async function shownKey(page: Page): Promise<string> {
	const key = (await page.getByTestId('withdraw-key').textContent())?.trim() ?? '';
	expect(key).toMatch(KEY_RE);
	return key;
}

/** The code shown on the thank-you page. */
export async function shownCode(page: Page): Promise<string> {
	const code = (await page.getByTestId('tracking-code').textContent())?.trim() ?? '';
	expect(code).toMatch(CODE_RE);
	return code;
}

export async function loginAs(page: Page, email: string, password: string, next = '/staff'): Promise<void> {
	await page.goto(`/login?next=${encodeURIComponent(next)}`);
	await page.locator('input[name=email]').fill(email);
	await page.locator('input[name=password]').fill(password);
	await page.locator('main form button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
	await page.waitForLoadState('networkidle');
}

export const MODERATOR = { email: 'moderator@meespraak.demo', password: 'demo-moderator-2026' };

/**
 * Opens a page with the postcard form and waits until its script runs (the counter only exists then):
 * a tap during hydration can be lost in the dev server, whose hydration is slow.
 */
export async function openForm(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await expect(page.locator('#pc-counter')).toBeVisible();
}
