// The facilitator's side of a live dialogue table: list, create (form without JS), console driven live.
// The first test uses the real phone page (/t/<code>) in a phone-sized context; the second drives the
// phone over the same socket protocol from the test process (table:join, table:contribute) to check acks.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { login, open, unique } from './staff-helpers';

// Dutch, as a facilitator in Bruges would see it (the browser's own language would pick English).
test.use({ locale: 'nl-BE' });

const FACILITATOR = { email: 'begeleider@meespraak.demo', password: 'demo-begeleider-2026' };
const COUNCIL = { email: 'adviesraad@meespraak.demo', password: 'demo-adviesraad-2026' };

// The table socket is rate-limited per connection (20 messages / 10 s); after a burst of clicks the console
// may need a few seconds to fetch the new state again.
const LIVE = { timeout: 20_000 };

type Reply = { ok: boolean; error?: string; [k: string]: unknown };
const send = (s: Socket, event: string, payload: unknown) =>
	new Promise<Reply>((resolve) => s.timeout(10_000).emit(event, payload, (err: unknown, r: Reply) => resolve(err ? { ok: false, error: 'timeout' } : r)));

test('a facilitator creates a table, runs it from the console while a phone contributes', async ({ page, browser }) => {
	test.setTimeout(120_000);
	await login(page, '/staff/tables', FACILITATOR);
	await page.getByRole('link', { name: /nieuwe tafel/i }).click();
	await page.waitForLoadState('networkidle');
	const title = unique('Dialoogtafel onderwijs');
	await page.locator('#title').fill(title);
	await page.locator('#place').fill('Buurtcentrum De Zandberg');
	// Agenda buttons are submit buttons: what was typed survives the round trip.
	await expect(page.locator('ol.phases > li')).toHaveCount(5);
	await page.getByRole('button', { name: 'Fase toevoegen' }).click();
	await expect(page.locator('ol.phases > li')).toHaveCount(6);
	await expect(page.locator('#title')).toHaveValue(title);
	await page.locator('#timer_5').fill('abc');
	await page.locator('#title').press('Enter'); // Enter creates (and here fails on the timer), it never edits the agenda
	await expect(page.locator('.field-error')).toContainText('heel aantal minuten');
	await expect(page.locator('#title')).toHaveValue(title);
	await page.locator('ol.phases > li').nth(5).getByRole('button', { name: 'Fase verwijderen' }).click();
	await expect(page.locator('ol.phases > li')).toHaveCount(5);
	await page.getByRole('button', { name: 'Tafel aanmaken' }).click();

	await expect(page).toHaveURL(/\/staff\/tables\/\d+\?created=1$/);
	await page.waitForLoadState('networkidle');
	const code = (await page.getByTestId('join-code').textContent())!.trim();
	expect(code).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}$/);
	await expect(page.getByText('Live verbonden')).toBeVisible();

	await page.getByRole('button', { name: 'Tafel starten' }).click();
	await expect(page.getByTestId('current-phase')).toHaveText('Getuigenis', LIVE);
	await page.getByRole('button', { name: 'Volgende fase' }).click();
	await expect(page.getByTestId('current-phase')).toHaveText('Problemen in kaart', LIVE);

	// The phone: the real /t/<code> page in a phone-sized context without the staff session.
	const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'nl-BE' });
	const phone = await phoneContext.newPage();
	try {
		await open(phone, `/t/${code}`);
		await phone.locator('#name').fill('Fatima');
		await phone.getByRole('button', { name: 'Meedoen' }).click();
		await expect(phone.getByRole('heading', { name: 'Problemen in kaart' })).toBeVisible(LIVE);
		await expect(page.getByText('Deelnemers: 1')).toBeVisible(LIVE);
		const text = 'De schoolfactuur komt te laat en is niet te lezen';
		await phone.locator('#text').fill(text);
		await phone.getByRole('button', { name: 'Versturen' }).click();

		const item = page.getByTestId('contribution').filter({ hasText: text });
		await expect(item).toBeVisible(LIVE);
		await expect(item.getByText('Fatima')).toBeVisible();
		await item.getByRole('button', { name: 'Uitlichten' }).click();
		await expect(item.getByText('uitgelicht')).toBeVisible(LIVE);

		// Typed on behalf of someone without a phone: marked as entered by the facilitator.
		await page.locator('#behalf').fill('Meer uitleg in klare taal aan de schoolpoort');
		await page.getByRole('button', { name: 'Toevoegen' }).click();
		const typed = page.getByTestId('contribution').filter({ hasText: 'klare taal' });
		await expect(typed.getByText('ingetypt door begeleiding')).toBeVisible(LIVE);

		// An action the server refuses shows its reason.
		await page.getByRole('button', { name: 'Vorige fase' }).click();
		await page.getByRole('button', { name: 'Vorige fase' }).click();
		await expect(page.getByTestId('console-message')).toHaveText('Er is geen vorige fase.');
		await page.getByRole('button', { name: /Toon deze fase: Problemen in kaart/ }).click();
		await expect(page.getByTestId('console-message')).toHaveText('Gedaan.');
		await expect(page.getByTestId('current-phase')).toHaveText('Problemen in kaart', LIVE);

		await page.getByRole('button', { name: 'Volgende fase' }).click();
		await expect(page.getByTestId('current-phase')).toHaveText('Samen naar antwoorden', LIVE);
		await expect(phone.getByRole('heading', { name: 'Samen naar antwoorden' })).toBeVisible(LIVE);
	} finally {
		await phoneContext.close();
	}

	const axe = await new AxeBuilder({ page }).analyze();
	const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path: test.info().outputPath('console-1280.png'), fullPage: false });

	await page.goto('/staff/tables');
	const row = page.locator('tr', { hasText: title });
	await expect(row).toContainText(code);
	await expect(row.getByRole('link', { name: 'Projectie' })).toHaveAttribute('href', `/present/${code}`);
	await expect(row.getByRole('link', { name: 'Telefoonlink' })).toHaveAttribute('href', `/t/${code}`);
});

test('pre-moderation, merging duplicates, revealing results and ending from the console', async ({ page, baseURL }) => {
	test.setTimeout(120_000);
	await login(page, '/staff/tables/new', FACILITATOR);
	const axe = await new AxeBuilder({ page }).analyze();
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
	const title = unique('Praatcafé Sint-Pieters');
	await page.locator('#title').fill(title);
	await page.getByRole('radio', { name: /^Praatcafé/ }).check();
	await page.getByRole('button', { name: 'Agenda van deze werkvorm gebruiken' }).click();
	await expect(page.locator('ol.phases > li')).toHaveCount(2);
	await expect(page.locator('#title')).toHaveValue(title);
	await page.getByRole('button', { name: 'Tafel aanmaken' }).click();
	await expect(page).toHaveURL(/\/staff\/tables\/\d+\?created=1$/);
	await page.waitForLoadState('networkidle');
	const code = (await page.getByTestId('join-code').textContent())!.trim();
	await expect(page.getByText('Live verbonden')).toBeVisible();
	await page.getByRole('button', { name: 'Tafel starten' }).click();
	await expect(page.getByTestId('current-phase')).toHaveText('Open ronde', LIVE);
	await page.getByRole('button', { name: 'Voormoderatie aanzetten' }).click();
	await expect(page.getByRole('button', { name: 'Voormoderatie uitzetten' })).toBeVisible(LIVE);

	const phone = io(baseURL!, { path: '/socket.io', transports: ['websocket'], forceNew: true });
	try {
		expect((await send(phone, 'table:join', { code })).ok).toBe(true);
		for (const [i, text] of ['Meer zitbanken op het plein', 'meer zitbanken op het plein!'].entries()) {
			const r = await send(phone, 'table:contribute', { clientId: `e2e-${Date.now()}-${i}`, text });
			expect(r.ok, JSON.stringify(r)).toBe(true);
			expect(r.status).toBe('pending');
		}
		await expect(page.getByRole('heading', { name: 'Wacht op nakijken (2)' })).toBeVisible(LIVE);
		await page.getByRole('button', { name: 'Tonen', exact: true }).first().click();
		await expect(page.getByRole('heading', { name: 'Wacht op nakijken (1)' })).toBeVisible(LIVE);
		await page.getByRole('button', { name: 'Tonen', exact: true }).first().click();
		await expect(page.getByRole('heading', { name: 'Wacht op nakijken (0)' })).toBeVisible(LIVE);

		const items = page.getByTestId('contribution');
		await expect(items).toHaveCount(2, LIVE);
		await items.nth(0).getByRole('checkbox').check();
		await items.nth(1).getByRole('checkbox').check();
		await page.getByRole('button', { name: 'Samenvoegen (2)' }).click();
		await expect(items.nth(1).getByText('samengevoegd')).toBeVisible(LIVE);

		await page.getByRole('button', { name: 'Volgende fase' }).click();
		await expect(page.getByTestId('current-phase')).toHaveText('Stemmen', LIVE);
		await page.getByRole('button', { name: 'Resultaten tonen' }).click();
		await expect(page.getByRole('button', { name: 'Resultaten verbergen' })).toBeVisible(LIVE);

		page.once('dialog', (d) => d.accept());
		await page.getByRole('button', { name: 'Tafel beëindigen' }).click();
		await expect(page.locator('.meta .status')).toHaveText('Afgelopen', LIVE);
		const late = await send(phone, 'table:contribute', { clientId: `e2e-${Date.now()}-late`, text: 'Te laat' });
		expect(late.ok).toBe(false);
	} finally {
		phone.close();
	}
});

test('a council member may not open the tables', async ({ page }) => {
	await login(page, '/staff', COUNCIL);
	const res = await open(page, '/staff/tables');
	expect(res?.status()).toBe(403);
	const res2 = await open(page, '/staff/tables/new');
	expect(res2?.status()).toBe(403);
});
