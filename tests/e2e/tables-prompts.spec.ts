// A phone shows the current phase's title and prompt in the participant's chosen language when the facilitator
// kept the agenda template's text (the issue: "the current phase's prompt in the participant's chosen UI language").
// The demo table TAF-234 is seeded on the template round 'Problemen in kaart' ('Welke problemen herken je?').
// This spec only joins it with phones: it does not move the table to another phase.
import { test, expect, type Browser, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const CODE = 'TAF-234';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const shots = process.env.E2E_SHOTS; // a folder: save screenshots to look at

async function phoneIn(browser: Browser, baseURL: string, locale: 'nl' | 'fr' | 'ar', join: string): Promise<Page> {
	const context = await browser.newContext({ ...PHONE, locale: locale === 'nl' ? 'nl-BE' : locale === 'fr' ? 'fr-BE' : 'ar' });
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: baseURL }]);
	const page = await context.newPage();
	await page.goto(`/t/${CODE}`);
	await page.waitForLoadState('networkidle');
	await page.getByRole('button', { name: join }).click();
	await expect(page.getByTestId('prompt')).toBeVisible();
	return page;
}

async function noSeriousAxe(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a phone in French or Arabic reads the template round in its own language', async ({ browser, baseURL }) => {
	// Dutch: the template's own text.
	const nl = await phoneIn(browser, baseURL!, 'nl', 'Meedoen');
	await expect(nl.locator('#phase-title')).toHaveText('Problemen in kaart');
	await expect(nl.getByTestId('prompt')).toHaveText('Welke problemen herken je?');

	const fr = await phoneIn(browser, baseURL!, 'fr', 'Participer');
	await expect(fr.locator('html')).toHaveAttribute('lang', 'fr');
	await expect(fr.locator('#phase-title')).toHaveText('Les problèmes');
	await expect(fr.getByTestId('prompt')).toHaveText('Quels problèmes connais-tu dans ta vie ?');
	// Translated text is in the page's language: no lang of its own (the table's title keeps the table's).
	await expect(fr.getByTestId('prompt')).not.toHaveAttribute('lang');
	await expect(fr.locator('h1')).toHaveAttribute('lang', 'nl');
	await noSeriousAxe(fr);
	if (shots) await fr.screenshot({ path: `${shots}/phone-prompt-fr.png`, fullPage: true });

	const ar = await phoneIn(browser, baseURL!, 'ar', 'انضم');
	await expect(ar.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(ar.locator('#phase-title')).toHaveText('المشاكل');
	await expect(ar.getByTestId('prompt')).toHaveText('ما هي المشاكل التي تعرفها من حياتك؟');
	await noSeriousAxe(ar);
	if (shots) await ar.screenshot({ path: `${shots}/phone-prompt-ar.png`, fullPage: true });

	for (const page of [nl, fr, ar]) await page.context().close();
});
