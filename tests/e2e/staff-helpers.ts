import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const SLUG = 'brugge-draait-om-mensen';
export const MODERATOR = { email: 'moderator@meespraak.demo', password: 'demo-moderator-2026' };

/**
 * Opens a page and waits until its scripts have taken over (hydration), so that what the test types
 * is not reset by the page starting up; a person is never that fast.
 */
export async function open(page: Page, path: string) {
	const res = await page.goto(path);
	await page.waitForLoadState('networkidle');
	return res;
}

/** Logs in through the real login form; lands on `next` (or /staff). */
export async function login(page: Page, next = '/staff', who = MODERATOR) {
	await open(page, `/login?next=${encodeURIComponent(next)}`);
	await page.locator('#email').fill(who.email);
	await page.locator('#password').fill(who.password);
	await page.locator('form button.big').click();
	await expect(page).toHaveURL(new RegExp(`${next.replace(/[?]/g, '\\?')}$`));
	await page.waitForLoadState('networkidle');
}

/** The staff id of the demo campaign, read from the campaign list. */
export async function demoCampaignId(page: Page): Promise<number> {
	await page.goto('/staff/campaigns');
	const href = await page.locator('tr', { hasText: `/p/${SLUG}` }).locator('a').first().getAttribute('href');
	const id = Number(href?.split('/').pop());
	expect(id).toBeGreaterThan(0);
	return id;
}

/** Sends a postcard the way a resident's app would: the public API. */
export async function sendPostcard(request: APIRequestContext, text: string, consentPublish = true): Promise<string> {
	const res = await request.post(`/api/v1/campaigns/${SLUG}/postcards`, { data: { text, consentPublish } });
	expect(res.status(), await res.text()).toBe(201);
	const body = await res.json();
	expect(body.code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}$/);
	return body.code as string;
}

export const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
