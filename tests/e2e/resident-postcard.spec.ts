// A resident sends a postcard: on a phone, with and without JavaScript, in Dutch and in Arabic,
// gets a code, and follows the card with it.
import { expect, test } from '@playwright/test';
import { PHONE, SLUG, shownCode, uniqueText, openForm } from './resident-helpers';

test.use({ viewport: PHONE, hasTouch: true, isMobile: true, locale: 'nl-BE' });

test('a resident sends a postcard in Dutch on a phone and follows it by code', async ({ page }) => {
	await openForm(page, `/p/${SLUG}`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Brugge draait om mensen');

	const text = uniqueText('Meer zitbanken in het Astridpark, 😀 voor ouderen.');
	const box = page.getByLabel('Je postkaartje');
	await box.fill(text);
	// The counter counts what people see: the emoji is one character.
	await expect(page.locator('#pc-counter')).toContainText(`${[...text].length} / 1000`);
	await expect(page.getByTestId('counter-live')).toHaveAttribute('aria-live', 'polite');

	const theme = page.locator('label.chip', { hasText: 'Zorg voor elkaar' });
	await theme.click();
	await expect(theme.locator('input')).toBeChecked();
	await page.getByLabel('Je buurt').selectOption({ label: 'Sint-Pieters' });
	await page.locator('label.chip', { hasText: '65 tot 79' }).click();
	await page.getByLabel(/mijn tekst mag op de openbare muur/).check();

	// Large touch targets on a phone.
	const send = page.getByRole('button', { name: 'Verstuur mijn postkaartje' });
	for (const el of [send, theme, page.getByLabel('Je buurt')]) {
		const b = await el.boundingBox();
		expect(b!.height).toBeGreaterThanOrEqual(48);
	}
	// Nothing sticks out sideways on a 390 px screen.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

	await send.click();
	await page.waitForURL(/\/p\/brugge-draait-om-mensen\/sent\?code=/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Bedankt');
	const code = await shownCode(page);
	await expect(page.getByText('Schrijf deze code op of neem er een foto van')).toBeVisible();
	// No help lines for an ordinary card.
	await expect(page.getByRole('heading', { name: 'Je hoeft het niet alleen te doen' })).toHaveCount(0);

	await page.getByRole('link', { name: 'Volg mijn postkaartje' }).click();
	await page.waitForURL(`**/k/${code}`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(code);
	await expect(page.locator('blockquote')).toHaveText(text);
	await expect(page.getByText('Verstuurd via')).toBeVisible();
	await expect(page.getByText('de website')).toBeVisible();
	const steps = page.locator('ol.steps > li');
	await expect(steps).toHaveCount(5);
	await expect(steps.nth(0)).toHaveClass(/done/);
	await expect(steps.nth(1)).toHaveAttribute('aria-current', 'step');
	await expect(steps.nth(2)).toHaveClass(/future/);
});

test('the same works without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, locale: 'nl-BE' });
	const page = await context.newPage();
	await page.goto(`/p/${SLUG}`);
	// No counter without JavaScript (it could not count); the limit is in the hint instead.
	await expect(page.locator('#pc-counter')).toHaveCount(0);
	await expect(page.getByText('Maximaal 1000 tekens')).toBeVisible();
	const text = uniqueText('Zonder JavaScript: betere verlichting op het fietspad.');
	await page.getByLabel('Je postkaartje').fill(text);
	await page.locator('label.chip', { hasText: 'Iedereen mee' }).click();
	await page.getByLabel('Je e-mailadres').fill('inwoner@example.be');
	await page.getByRole('button', { name: 'Verstuur mijn postkaartje' }).click();
	await page.waitForURL(/\/sent\?code=/);
	const code = await shownCode(page);

	await page.goto(`/k/${code.toLowerCase().replace('-', ' ')}`);
	await expect(page.locator('blockquote')).toHaveText(text);
	// The resident can remove the email address (a plain form POST).
	await page.getByText('Wis mijn e-mailadres', { exact: true }).click();
	// With the address itself as the second factor (the code alone is not enough).
	await page.locator('#email-factor').fill('inwoner@example.be');
	await page.getByRole('button', { name: 'Ja, wis mijn e-mailadres' }).click();
	await expect(page.getByText('Je e-mailadres is gewist')).toBeVisible();
	await page.goto(`/k/${code}`);
	await expect(page.getByRole('button', { name: 'Wis mijn e-mailadres' })).toHaveCount(0);
	await context.close();
});

test('in Arabic the page is right-to-left and the labels are Arabic', async ({ page, context, baseURL }) => {
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'ar', url: baseURL! }]);
	await openForm(page, `/p/${SLUG}`);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('بروج تدور حول الناس');
	await expect(page.getByLabel('بطاقتك البريدية')).toBeVisible();
	await expect(page.locator('label.chip', { hasText: 'سقف فوق رأسك' })).toBeVisible();
	// Logical properties: in RTL the question's accent bar is on the right.
	const border = await page.locator('.question').evaluate((el) => getComputedStyle(el).borderRightWidth);
	expect(border).toBe('6px');

	await page.getByLabel('بطاقتك البريدية').fill(uniqueText('نحتاج إلى مزيد من دروس اللغة الهولندية في الحي.'));
	await page.getByRole('button', { name: 'أرسل بطاقتي' }).click();
	await page.waitForURL(/\/sent\?code=/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('شكرًا! وصلت بطاقتك البريدية.');
	await shownCode(page);
});

test('switching to Arabic with the language buttons', async ({ page }) => {
	await openForm(page, `/p/${SLUG}`);
	await page.getByRole('button', { name: 'العربية' }).click();
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('button', { name: 'أرسل بطاقتي' })).toBeVisible();
});

test('a problem is explained next to its field and nothing typed is lost (with JavaScript)', async ({ page }) => {
	await openForm(page, `/p/${SLUG}`);
	const long = 'Te lang. '.repeat(120); // 1080 characters
	await page.getByLabel('Je postkaartje').fill(long);
	await expect(page.locator('#pc-counter')).toHaveClass(/over/);
	await page.getByLabel('Je e-mailadres').fill('niet-goed@');
	await page.locator('label.chip', { hasText: 'Werk op maat' }).click();
	await page.getByRole('button', { name: 'Verstuur mijn postkaartje' }).click();

	const summary = page.locator('#pc-problems');
	await expect(summary).toHaveAttribute('role', 'alert');
	await expect(summary).toBeFocused();
	await expect(summary).toContainText('Je tekst is te lang');
	await expect(summary).toContainText('Dit e-mailadres klopt niet');
	await expect(page.locator('#pc-text-error')).toHaveText(/maximaal 1000 tekens/);
	await expect(page.locator('#pc-email-error')).toBeVisible();
	await expect(page.getByLabel('Je postkaartje')).toHaveAttribute('aria-invalid', 'true');
	await expect(page).toHaveURL(new RegExp(`/p/${SLUG}$`));
	// Everything is still there.
	await expect(page.getByLabel('Je postkaartje')).toHaveValue(long);
	await expect(page.getByLabel('Je e-mailadres')).toHaveValue('niet-goed@');
	await expect(page.locator('label.chip', { hasText: 'Werk op maat' }).locator('input')).toBeChecked();

	// Fix it and send: one card is stored.
	await page.getByLabel('Je postkaartje').fill(uniqueText('Nu kort genoeg.'));
	await page.getByLabel('Je e-mailadres').fill('');
	await page.getByRole('button', { name: 'Verstuur mijn postkaartje' }).click();
	await page.waitForURL(/\/sent\?code=/);
});

test('an empty postcard without JavaScript gets a message and keeps the other answers', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, locale: 'nl-BE' });
	const page = await context.newPage();
	await page.goto(`/p/${SLUG}`);
	await page.getByLabel('Je buurt').selectOption({ label: 'Zeebrugge' });
	await page.getByLabel('Je e-mailadres').fill('iemand@example.be');
	const response = page.waitForResponse((r) => r.request().method() === 'POST');
	await page.getByRole('button', { name: 'Verstuur mijn postkaartje' }).click();
	expect((await response).status()).toBe(400);
	await expect(page.locator('#pc-problems')).toContainText('Je postkaartje is nog leeg');
	await expect(page.locator('#pc-text-error')).toBeVisible();
	await expect(page.getByLabel('Je buurt')).toHaveValue('zeebrugge');
	await expect(page.getByLabel('Je e-mailadres')).toHaveValue('iemand@example.be');
	await context.close();
});

test('a double submit is stored once', async ({ page, baseURL }) => {
	const submissionId = crypto.randomUUID();
	const form = { text: uniqueText('Twee keer op de knop gedrukt.'), submissionId };
	const post = () =>
		page.request.post(`/p/${SLUG}`, { form, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 });
	const [a, b] = await Promise.all([post(), post()]);
	expect(a.status()).toBe(303);
	expect(b.status()).toBe(303);
	expect(a.headers().location).toBe(b.headers().location);
});

test('a text that speaks of distress shows help lines after sending', async ({ page }) => {
	await openForm(page, `/p/${SLUG}`);
	await page.getByLabel('Je postkaartje').fill(uniqueText('Sinds de uithuiszetting ben ik dakloos en slaap ik buiten.'));
	await page.getByRole('button', { name: 'Verstuur mijn postkaartje' }).click();
	await page.waitForURL(/\/sent\?code=/);
	await expect(page.getByRole('heading', { name: 'Je hoeft het niet alleen te doen' })).toBeVisible();
	await expect(page.locator('a[href="tel:106"]')).toBeVisible();
	// The care category is not in the address (it stays in the browser history).
	expect(page.url()).not.toMatch(/care|homeless/);
});

test('HTML in a postcard is shown as text', async ({ page }) => {
	await openForm(page, `/p/${SLUG}`);
	const text = uniqueText('<img src=x onerror="window.__pwned=1"><b>vet</b>');
	await page.getByLabel('Je postkaartje').fill(text);
	await page.getByRole('button', { name: 'Verstuur mijn postkaartje' }).click();
	await page.waitForURL(/\/sent\?code=/);
	await page.getByRole('link', { name: 'Volg mijn postkaartje' }).click();
	await expect(page.locator('blockquote')).toHaveText(text);
	await expect(page.locator('blockquote b')).toHaveCount(0);
	expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('an unknown campaign is a friendly 404 page', async ({ page }) => {
	const response = await page.goto('/p/bestaat-niet');
	expect(response!.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Oproep niet gevonden');
	await expect(page.getByRole('link', { name: 'Andere oproepen' })).toBeVisible();
});

test('switching language while writing keeps what was typed', async ({ page }) => {
	await openForm(page, `/p/${SLUG}`);
	const text = uniqueText('Halverwege van taal veranderd.');
	await page.getByLabel('Je postkaartje').fill(text);
	await page.locator('label.chip', { hasText: 'Werk op maat' }).click();
	await page.getByRole('button', { name: 'Français' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	await expect(page.getByLabel('Votre carte postale')).toHaveValue(text);
	await expect(page.locator('label.chip', { hasText: 'Un travail sur mesure' }).locator('input')).toBeChecked();
	// Once sent, the draft is gone: the next card starts empty.
	await page.getByRole('button', { name: 'Envoyer ma carte postale' }).click();
	await page.waitForURL(/\/sent\?code=/);
	await openForm(page, `/p/${SLUG}`);
	await expect(page.getByLabel('Votre carte postale')).toHaveValue('');
});
