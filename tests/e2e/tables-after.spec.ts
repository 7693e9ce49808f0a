// After and around a live table: a phone leaves (and removes) an email address at the end, world café
// phones choose their sub-table, and the facilitator changes the agenda mid-meeting from the console.
// Every test makes its own table through the staff UI, so the demo table TAF-234 is left alone.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { login, open, unique } from './staff-helpers';

test.use({ locale: 'nl-BE', viewport: { width: 1280, height: 800 } });

const FACILITATOR = { email: 'begeleider@meespraak.demo', password: 'demo-begeleider-2026' };
const PHONE = { locale: 'nl-BE', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
// The table socket is rate-limited per connection; after a burst the console may need a few seconds.
const LIVE = { timeout: 20_000 };
const shots = process.env.E2E_SHOTS; // a folder: save screenshots to look at

async function noSeriousAxe(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Creates a table from a template through the new-table form; lands on its console. */
async function newTable(page: Page, template: RegExp, title: string): Promise<{ code: string; id: number }> {
	await open(page, '/staff/tables/new');
	await page.locator('#title').fill(title);
	await page.getByRole('radio', { name: template }).check();
	await page.getByRole('button', { name: 'Agenda van deze werkvorm gebruiken' }).click();
	await expect(page.locator('#title')).toHaveValue(title);
	await page.getByRole('button', { name: 'Tafel aanmaken' }).click();
	await expect(page).toHaveURL(/\/staff\/tables\/\d+\?created=1$/);
	await page.waitForLoadState('networkidle');
	await expect(page.getByText('Live verbonden')).toBeVisible();
	const code = (await page.getByTestId('join-code').textContent())!.trim();
	const id = Number(new URL(page.url()).pathname.split('/').pop());
	return { code, id };
}

async function joinPhone(browser: Browser, code: string, name?: string) {
	const context = await browser.newContext(PHONE);
	const page = await context.newPage();
	await open(page, `/t/${code}`);
	if (name) await page.locator('#name').fill(name);
	await page.getByRole('button', { name: 'Meedoen' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible(LIVE);
	return { context, page };
}

test('a phone leaves an email after the table ends and removes it again; staff see a count and a CSV', async ({ page, browser, baseURL }) => {
	test.setTimeout(150_000);
	await login(page, '/staff/tables', FACILITATOR);
	const { code, id } = await newTable(page, /^Praatcafé/, unique('Praatcafé Kristus-Koning'));
	await page.getByRole('button', { name: 'Tafel starten' }).click();
	await expect(page.getByTestId('current-phase')).toHaveText('Open ronde', LIVE);

	const phone = await joinPhone(browser, code, 'Fatima');
	try {
		await expect(phone.page.getByTestId('prompt')).toHaveText('Wat houdt je bezig in de buurt?', LIVE);
		await expect(phone.page.getByTestId('contact')).toHaveCount(0); // not yet: first phase
		await phone.page.locator('#text').fill('Te weinig bankjes in het park');
		await phone.page.getByRole('button', { name: 'Versturen' }).click();
		await expect(phone.page.getByTestId('notice')).toContainText('Verstuurd');

		// The last phase already offers it.
		await page.getByRole('button', { name: 'Volgende fase' }).click();
		await expect(page.getByTestId('current-phase')).toHaveText('Stemmen', LIVE);
		await expect(phone.page.getByTestId('contact')).toBeVisible(LIVE);

		page.once('dialog', (d) => d.accept());
		await page.getByRole('button', { name: 'Tafel beëindigen' }).click();
		await expect(page.locator('.meta .status')).toHaveText('Afgelopen', LIVE);

		const p = phone.page;
		await expect(p.getByTestId('ended')).toContainText('afgelopen', LIVE);
		const contact = p.getByTestId('contact');
		await expect(contact.getByRole('heading', { name: 'Horen wat er met de aanbevelingen gebeurt?' })).toBeVisible();
		await expect(contact).toContainText('apart van wat je zei');
		await noSeriousAxe(p);
		if (shots) await p.screenshot({ path: `${shots}/phone-ended-form-nl.png`, fullPage: true });

		// A mistake is said beside the field, and what was typed stays.
		await p.getByLabel('Je e-mailadres').fill('fatima@voorbeeld');
		await p.getByRole('button', { name: 'E-mailadres bewaren' }).click();
		await expect(p.locator('#contact-error')).toHaveText(/klopt niet/);
		await expect(p.getByLabel('Je e-mailadres')).toHaveValue('fatima@voorbeeld');
		if (shots) await p.screenshot({ path: `${shots}/phone-ended-error-nl.png`, fullPage: true });
		await expect(p.getByLabel('Je e-mailadres')).toHaveAttribute('aria-invalid', 'true');
		await p.getByLabel('Je e-mailadres').fill('fatima@voorbeeld.be');
		await p.getByRole('button', { name: 'E-mailadres bewaren' }).click();
		await expect(p.getByTestId('saved-email')).toHaveText('fatima@voorbeeld.be');
		await noSeriousAxe(p);
		if (shots) await p.screenshot({ path: `${shots}/phone-ended-nl.png`, fullPage: true });

		// The server knows it on the next visit (the token rides along in a cookie for this page).
		await p.reload();
		await expect(p.getByTestId('saved-email')).toHaveText('fatima@voorbeeld.be');

		// Staff on the table: a count and a CSV with the address only.
		await page.reload();
		await expect(page.getByTestId('contacts-link')).toHaveText('E-mailadressen (1)');
		await expect(page.getByRole('link', { name: 'Verslag van de tafel' })).toHaveAttribute('href', `/staff/tables/${id}/report`);
		await page.getByTestId('contacts-link').click();
		await expect(page.getByTestId('contact-count')).toHaveText('Aantal e-mailadressen: 1');
		await noSeriousAxe(page);
		const csv = await page.request.get(`/staff/tables/${id}/contacts/export.csv`);
		expect(csv.status()).toBe(200);
		expect(csv.headers()['content-type']).toContain('text/csv');
		const body = await csv.text();
		expect(body).toContain('fatima@voorbeeld.be');
		expect(body).not.toContain('bankjes');
		expect(body).not.toContain('Fatima\r');

		// In Arabic, right to left.
		await phone.context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'ar', url: baseURL! }]);
		await p.reload();
		await expect(p.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(p.getByTestId('saved-email')).toHaveText('fatima@voorbeeld.be');
		await noSeriousAxe(p);
		if (shots) await p.screenshot({ path: `${shots}/phone-ended-ar.png`, fullPage: true });
		await phone.context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'nl', url: baseURL! }]);
		await p.reload();

		// Removing it really removes it.
		await p.getByRole('button', { name: 'Mijn e-mailadres wissen' }).click();
		await expect(p.getByRole('status').filter({ hasText: 'gewist' })).toBeVisible();
		await expect(p.getByTestId('saved-email')).toHaveCount(0);
		await expect(p.getByLabel('Je e-mailadres')).toBeVisible();
		await page.reload();
		await expect(page.getByTestId('contact-count')).toHaveText('Aantal e-mailadressen: 0');
		expect(await (await page.request.get(`/staff/tables/${id}/contacts/export.csv`)).text()).not.toContain('fatima');

		// Without JavaScript: the same form posts and answers as a page (the cookie says who this phone is).
		const cookies = (await phone.context.cookies()).filter((c) => c.name === 'meespraak_table_token');
		expect(cookies).toHaveLength(1);
		const bare = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
		try {
			await bare.addCookies(cookies);
			const nojs = await bare.newPage();
			await nojs.goto(`/t/${code}`);
			await nojs.getByLabel('Je e-mailadres').fill('geen-adres');
			await nojs.getByRole('button', { name: 'E-mailadres bewaren' }).click();
			await expect(nojs.locator('#contact-error')).toHaveText(/klopt niet/);
			await expect(nojs.getByLabel('Je e-mailadres')).toHaveValue('geen-adres');
			await nojs.getByLabel('Je e-mailadres').fill('fatima@voorbeeld.be');
			await nojs.getByRole('button', { name: 'E-mailadres bewaren' }).click();
			await expect(nojs.getByTestId('saved-email')).toHaveText('fatima@voorbeeld.be');
			await nojs.getByRole('button', { name: 'Mijn e-mailadres wissen' }).click();
			await expect(nojs.getByText('Je e-mailadres is gewist.')).toBeVisible();
		} finally {
			await bare.close();
		}
		// A phone that never took part gets no form.
		const stranger = await browser.newContext(PHONE);
		const s = await stranger.newPage();
		await open(s, `/t/${code}`);
		await expect(s.getByRole('alert')).toContainText('afgelopen');
		await expect(s.getByTestId('contact')).toHaveCount(0);
		await stranger.close();
	} finally {
		await phone.context.close();
	}
});

test('world café: a phone chooses and switches its sub-table, the console counts per sub-table', async ({ page, browser, baseURL }) => {
	test.setTimeout(150_000);
	await login(page, '/staff/tables', FACILITATOR);
	const { code } = await newTable(page, /^Wereldcafé/, unique('Wereldcafé Sint-Andries'));
	const groups = page.getByTestId('groups');
	await expect(groups.getByRole('row')).toHaveCount(6); // header, Tafel 1-4, not at a table yet
	await page.getByLabel('Naam van de tafel').fill('Tafel 5');
	await page.getByLabel('Gastvrouw of gastheer (mag leeg blijven)').fill('Jan Peeters');
	await page.getByRole('button', { name: 'Tafel bijzetten' }).click();
	await expect(groups.getByRole('row', { name: /Tafel 5/ })).toContainText('Jan Peeters', LIVE);
	await page.getByRole('button', { name: 'Tafel starten' }).click();
	await expect(page.getByTestId('current-phase')).toHaveText('Ronde 1', LIVE);

	const phone = await joinPhone(browser, code);
	try {
		const p = phone.page;
		await expect(p.getByRole('heading', { name: 'Aan welke tafel zit je?' })).toBeVisible(LIVE);
		await expect(p.getByRole('button', { name: /Tafel 5/ })).toContainText('Gastvrouw of gastheer: Jan Peeters');
		await noSeriousAxe(p);
		if (shots) await p.screenshot({ path: `${shots}/phone-groups-nl.png`, fullPage: true });
		await p.getByRole('button', { name: /^Tafel 2/ }).click();
		await expect(p.getByTestId('my-group')).toHaveText('Je zit aan: Tafel 2', LIVE);
		await expect(p.getByTestId('my-group')).toBeFocused();
		await expect(groups.getByRole('row', { name: /Tafel 2/ }).getByRole('cell').nth(1)).toHaveText('1', LIVE);

		await p.locator('#text').fill('Een buddy voor nieuwe ouders op school');
		await p.getByRole('button', { name: 'Versturen' }).click();
		await expect(p.getByTestId('notice')).toContainText('Verstuurd');
		const item = page.getByTestId('contribution').filter({ hasText: 'buddy voor nieuwe ouders' });
		await expect(item.locator('.tags')).toContainText('Tafel 2', LIVE);
		await expect(groups.getByRole('row', { name: /Tafel 2/ }).getByRole('cell').nth(2)).toHaveText('1', LIVE);

		// Moving on to the next round at another table, by keyboard.
		await p.getByRole('button', { name: 'Naar een andere tafel' }).click();
		await expect(p.getByRole('button', { name: /^Tafel 2/ })).toHaveAttribute('aria-pressed', 'true');
		await p.getByRole('button', { name: /Tafel 5/ }).focus();
		await p.keyboard.press('Enter');
		await expect(p.getByTestId('my-group')).toHaveText('Je zit aan: Tafel 5', LIVE);
		await expect(p.getByText('Gastvrouw of gastheer: Jan Peeters')).toBeVisible();
		await expect(groups.getByRole('row', { name: /Tafel 5/ }).getByRole('cell').nth(1)).toHaveText('1', LIVE);
		await expect(groups.getByRole('row', { name: /Tafel 2/ }).getByRole('cell').nth(1)).toHaveText('0', LIVE);
		await p.locator('#text').fill('Huiswerkklas in de bib');
		await p.getByRole('button', { name: 'Versturen' }).click();
		await expect(page.getByTestId('contribution').filter({ hasText: 'Huiswerkklas' }).locator('.tags')).toContainText('Tafel 5', LIVE);
		// What was said at table 2 stays with table 2, on the console and on the projector.
		await expect(item.locator('.tags')).toContainText('Tafel 2');
		const projector = await (await browser.newContext({ locale: 'nl-BE', viewport: { width: 1280, height: 720 } })).newPage();
		await projector.goto(`/present/${code}`);
		await expect(projector.getByTestId('wall').locator('li', { hasText: 'buddy voor nieuwe ouders' })).toContainText('Tafel 2', LIVE);
		await expect(projector.getByTestId('wall').locator('li', { hasText: 'Huiswerkklas' })).toContainText('Tafel 5');
		await projector.context().close();
		if (shots) await page.screenshot({ path: `${shots}/console-groups-1280.png`, fullPage: true });
		if (shots) {
			await p.screenshot({ path: `${shots}/phone-group-chosen-nl.png`, fullPage: true });
			await phone.context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'ar', url: baseURL! }]);
			await p.reload();
			await p.getByRole('button', { name: 'الانتقال إلى طاولة أخرى' }).click();
			await p.screenshot({ path: `${shots}/phone-groups-ar.png`, fullPage: true });
		}
	} finally {
		await phone.context.close();
	}
});

test('the facilitator adds, edits, moves and removes phases mid-meeting; the phone follows', async ({ page, browser }) => {
	test.setTimeout(150_000);
	await login(page, '/staff/tables', FACILITATOR);
	const { code } = await newTable(page, /^Praatcafé/, unique('Praatcafé Assebroek'));
	await page.getByRole('button', { name: 'Tafel starten' }).click();
	await expect(page.getByTestId('current-phase')).toHaveText('Open ronde', LIVE);
	const agenda = page.getByTestId('agenda-item');
	const names = () => agenda.locator('.agenda-row strong');

	const phone = await joinPhone(browser, code);
	try {
		const p = phone.page;
		await expect(p.getByText('Stap 1 van 2')).toBeVisible(LIVE);
		await p.locator('#text').fill('Meer licht in de straten');
		await p.getByRole('button', { name: 'Versturen' }).click();
		await expect(p.getByTestId('notice')).toContainText('Verstuurd');

		// Add a poll after the current phase; a poll with one answer is refused beside the field, nothing lost.
		await page.getByRole('button', { name: 'Nieuwe fase' }).click();
		const form = page.getByTestId('phase-form');
		await expect(page.locator('#pf-kind')).toBeFocused();
		await page.locator('#pf-kind').selectOption('poll_single');
		await page.locator('#pf-title').fill('Tevredenheid');
		await page.locator('#pf-prompt').fill('Hoe tevreden ben je over je buurt?');
		await page.locator('#pf-timer').fill('3');
		await page.locator('#pf-options').fill('Tevreden');
		await expect(page.locator('#pf-position')).toHaveValue('1'); // after the phase on screen
		await form.getByRole('button', { name: 'Fase bewaren' }).click();
		await expect(page.locator('#pf-options-error')).toContainText('2 tot 12 antwoorden');
		await expect(page.locator('#pf-title')).toHaveValue('Tevredenheid');
		await page.locator('#pf-options').fill('Tevreden\nGaat wel\nNiet tevreden');
		await form.getByRole('button', { name: 'Fase bewaren' }).click();
		await expect(names()).toHaveText(['Open ronde', 'Tevredenheid', 'Stemmen'], LIVE);
		await expect(page.getByTestId('console-message')).toHaveText('De fase is toegevoegd.');
		await expect(p.getByText('Stap 1 van 3')).toBeVisible(LIVE);

		// Edit it: new name and question.
		await page.getByRole('button', { name: 'Bewerken: Tevredenheid' }).click();
		await expect(page.locator('#pf-title')).toBeFocused();
		await expect(page.locator('#pf-options')).toHaveValue('Tevreden\nGaat wel\nNiet tevreden');
		await page.locator('#pf-title').fill('Hoe was het?');
		await page.locator('#pf-prompt').fill('Hoe tevreden ben je vandaag?');
		await page.locator('#pf-title').press('Enter'); // Enter in a field saves the form
		await expect(names()).toHaveText(['Open ronde', 'Hoe was het?', 'Stemmen'], LIVE);
		await expect(page.getByRole('button', { name: 'Bewerken: Hoe was het?' })).toBeFocused();
		// Escape closes the form without saving and gives focus back.
		await page.getByRole('button', { name: 'Bewerken: Stemmen' }).click();
		await page.locator('#pf-title').fill('Niet bewaren');
		await page.keyboard.press('Escape');
		await expect(page.getByTestId('phase-form')).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Bewerken: Stemmen' })).toBeFocused();

		// Move 'Stemmen' up by keyboard: focus stays on its button.
		await page.getByRole('button', { name: 'Omhoog: Stemmen' }).focus();
		await page.keyboard.press('Enter');
		await expect(names()).toHaveText(['Open ronde', 'Stemmen', 'Hoe was het?'], LIVE);
		await expect(page.getByRole('button', { name: 'Omhoog: Stemmen' })).toBeFocused();
		await expect(page.getByTestId('console-message')).toHaveText('De volgorde is aangepast.');

		// Removing: refused with a reason when the phase is on screen or has input.
		await page.getByRole('button', { name: 'Fase verwijderen: Open ronde' }).click();
		await expect(agenda.filter({ hasText: 'Open ronde' }).getByTestId('agenda-error')).toContainText('staat nu op het scherm');
		await page.getByRole('button', { name: 'Toon deze fase: Hoe was het?' }).click();
		await expect(page.getByTestId('current-phase')).toHaveText('Hoe was het?', LIVE);
		await expect(p.getByRole('heading', { name: 'Hoe was het?' })).toBeVisible(LIVE);
		await expect(p.getByTestId('prompt')).toHaveText('Hoe tevreden ben je vandaag?');
		await expect(p.getByText('Stap 3 van 3')).toBeVisible();
		await expect(p.getByRole('radio', { name: 'Gaat wel' })).toBeVisible();
		await expect(p.getByTestId('contact')).toBeVisible(); // the last phase offers the contact form
		await page.getByRole('button', { name: 'Fase verwijderen: Open ronde' }).click();
		await expect(agenda.filter({ hasText: 'Open ronde' }).getByTestId('agenda-error')).toContainText('heeft al bijdragen of stemmen');
		// ... and its kind is fixed once it has input.
		await page.getByRole('button', { name: 'Bewerken: Open ronde' }).click();
		await expect(page.locator('#pf-kind')).toBeDisabled();
		await page.getByRole('button', { name: 'Annuleren' }).click();

		page.once('dialog', (d) => d.accept());
		await page.getByRole('button', { name: 'Fase verwijderen: Stemmen' }).click();
		await expect(names()).toHaveText(['Open ronde', 'Hoe was het?'], LIVE);
		await expect(p.getByText('Stap 2 van 2')).toBeVisible(LIVE);
		await expect(page.getByTestId('console-message')).toHaveText('De fase is verwijderd.');

		await noSeriousAxe(page);
		await page.getByRole('button', { name: 'Bewerken: Hoe was het?' }).click();
		await page.evaluate(() => window.scrollTo(0, 0));
		if (shots) await page.screenshot({ path: `${shots}/console-agenda-1280.png`, fullPage: true });
		await noSeriousAxe(page);
	} finally {
		await phone.context.close();
	}
});
