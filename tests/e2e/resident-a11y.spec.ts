// axe on the resident pages, on a phone, in Dutch and Arabic: no serious or critical violations.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { PHONE, SLUG, openForm } from './resident-helpers';

test.use({ viewport: PHONE, locale: 'nl-BE' });

async function seriousViolations(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}

const PAGES = ['/', `/p/${SLUG}`, `/p/${SLUG}/wall`, '/k/DEM-AAA', '/k/ZZZ-999', '/p/bestaat-niet'];

for (const path of PAGES) {
	test(`no serious axe violations on ${path}`, async ({ page }) => {
		await page.goto(path);
		expect(await seriousViolations(page)).toEqual([]);
	});
}

test('no serious axe violations on the campaign page in Arabic', async ({ page, context, baseURL }) => {
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'ar', url: baseURL! }]);
	await openForm(page, `/p/${SLUG}`);
	expect(await seriousViolations(page)).toEqual([]);
});

test('no serious axe violations on the form showing problems, nor on the thank-you page', async ({ page }) => {
	await openForm(page, `/p/${SLUG}`);
	await page.getByLabel('Je e-mailadres').fill('fout');
	await page.getByRole('button', { name: 'Verstuur mijn postkaartje' }).click();
	await expect(page.locator('#pc-problems')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	await page.getByLabel('Je postkaartje').fill('Een goede kaart voor de toegankelijkheidstest.');
	await page.getByLabel('Je e-mailadres').fill('');
	await page.getByRole('button', { name: 'Verstuur mijn postkaartje' }).click();
	await page.waitForURL(/\/sent\?code=/);
	expect(await seriousViolations(page)).toEqual([]);
});
