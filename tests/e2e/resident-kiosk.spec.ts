// A library kiosk: staff register the device, residents write one after the other, and nothing of one
// resident is left on screen for the next.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { loginAs, MODERATOR, SLUG, shownCode, shownKey, uniqueText } from './resident-helpers';

const TABLET = { width: 800, height: 1280 };
test.use({ viewport: TABLET, locale: 'nl-BE' });

/** Registers the context's device as a kiosk for the demo campaign (campaign id 1 in the demo data). */
async function registerKiosk(page: Page, place = 'Bibliotheek Biekorf'): Promise<void> {
	await loginAs(page, MODERATOR.email, MODERATOR.password, '/staff/campaigns/1/kiosk');
	await page.getByLabel('Plaats').fill(place);
	await page.getByRole('button', { name: 'Aanmelden en de zuil openen' }).click();
	await page.waitForURL(`**/p/${SLUG}/kiosk`);
	await expect(page.locator('#pc-counter')).toBeVisible();
}

async function kioskCookie(context: BrowserContext) {
	return (await context.cookies()).filter((c) => c.name === 'meespraak_kiosk');
}

test('a device that is not registered says so and points staff to the login', async ({ page }) => {
	await page.goto(`/p/${SLUG}/kiosk`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze zuil is niet aangemeld');
	await expect(page.locator('#pc-text')).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Aanmelden als medewerker' })).toHaveAttribute('href', /\/login\?next=.*kiosk/);
});

test('register, send, show the code, reset after 20 s, and leave nothing behind', async ({ page, context }) => {
	await page.clock.install();
	await registerKiosk(page);
	// Registering logs staff out on the public device; the kiosk cookie is httpOnly.
	expect((await context.cookies()).some((c) => c.name === 'meespraak_session')).toBe(false);
	expect((await kioskCookie(context))[0].httpOnly).toBe(true);

	// Bare page: no site header, own language buttons.
	await expect(page.locator('header.top')).toHaveCount(0);
	await expect(page.locator('.kioskbar').getByRole('button', { name: 'العربية' })).toBeVisible();
	await expect(page.getByText('Bibliotheek Biekorf')).toBeVisible();

	const text = uniqueText('Meer computerlessen in de bibliotheek.');
	await page.getByLabel('Je postkaartje').fill(text);
	await page.locator('label.chip', { hasText: 'Iedereen mee' }).click();
	await page.getByRole('button', { name: 'Verstuur mijn postkaartje' }).click();
	await page.waitForURL(/\/kiosk\/sent\?code=/);
	const code = await shownCode(page);
	// The withdrawal key is shown beside the code, and goes with it.
	const key = await shownKey(page);
	await expect(page.getByText(/Over 20 seconden begint het scherm opnieuw/)).toBeVisible();

	await page.clock.runFor(21_000);
	await page.waitForURL(new RegExp(`/p/${SLUG}/kiosk$`));
	await expect(page.locator('#pc-counter')).toBeVisible();
	await expect(page.getByTestId('tracking-code')).toHaveCount(0);
	await expect(page.getByLabel('Je postkaartje')).toHaveValue('');
	await expect(page.locator('label.chip', { hasText: 'Iedereen mee' }).locator('input')).not.toBeChecked();
	// The way back does not lead to the previous resident's code.
	await page.goBack();
	await expect(page.getByText(code)).toHaveCount(0);
	await expect(page.getByText(key)).toHaveCount(0);

	// The card records the kiosk's place.
	await page.goto(`/k/${code}`);
	await expect(page.getByText('een zuil in Bibliotheek Biekorf')).toBeVisible();
});

test('after 90 s without a touch the half-written card is cleared, with a warning first', async ({ page }) => {
	await page.clock.install();
	await registerKiosk(page);
	await page.getByLabel('Je postkaartje').fill('Half geschreven en dan weggelopen');
	await page.getByLabel('Je e-mailadres').fill('weg@example.be');
	await page.clock.runFor(60_000);
	await expect(page.getByRole('button', { name: 'Ik ben nog aan het schrijven' })).toHaveCount(0);
	await page.clock.runFor(17_000);
	await expect(page.getByRole('button', { name: 'Ik ben nog aan het schrijven' })).toBeVisible();
	// 'Still writing' restarts the wait.
	await page.getByRole('button', { name: 'Ik ben nog aan het schrijven' }).click();
	await page.clock.runFor(30_000);
	await expect(page.getByLabel('Je postkaartje')).toHaveValue('Half geschreven en dan weggelopen');
	await page.clock.runFor(65_000);
	await expect(page.getByLabel('Je postkaartje')).toHaveValue('');
	await expect(page.getByLabel('Je e-mailadres')).toHaveValue('');
	// A reload does not bring the draft back either.
	await page.reload();
	await expect(page.getByLabel('Je postkaartje')).toHaveValue('');
});

test('a problem on the kiosk is cleared by the reset too', async ({ page }) => {
	await page.clock.install();
	await registerKiosk(page);
	await page.getByLabel('Je e-mailadres').fill('fout@');
	await page.getByRole('button', { name: 'Verstuur mijn postkaartje' }).click();
	await expect(page.locator('#pc-problems')).toBeVisible();
	await page.clock.runFor(92_000);
	await expect(page.locator('#pc-problems')).toHaveCount(0);
	await expect(page.getByLabel('Je e-mailadres')).toHaveValue('');
});

test('without JavaScript the thank-you screen goes back to an empty form by itself', async ({ page, context, browser }) => {
	await registerKiosk(page);
	const bare = await browser.newContext({ javaScriptEnabled: false, viewport: TABLET, locale: 'nl-BE' });
	await bare.addCookies(await kioskCookie(context));
	const kiosk = await bare.newPage();
	await kiosk.goto(`/p/${SLUG}/kiosk`);
	await kiosk.getByLabel('Je postkaartje').fill(uniqueText('Zuil zonder JavaScript.'));
	await kiosk.getByRole('button', { name: 'Verstuur mijn postkaartje' }).click();
	await kiosk.waitForURL(/\/kiosk\/sent\?code=/);
	await shownCode(kiosk);
	await kiosk.waitForURL(new RegExp(`/p/${SLUG}/kiosk$`), { timeout: 30_000 });
	await expect(kiosk.getByLabel('Je postkaartje')).toHaveValue('');
	await bare.close();
});

test('staff without the moderator role cannot register a kiosk', async ({ page }) => {
	await loginAs(page, 'adviesraad@meespraak.demo', 'demo-adviesraad-2026', '/staff');
	const response = await page.goto('/staff/campaigns/1/kiosk');
	expect(response!.status()).toBe(403);
});
