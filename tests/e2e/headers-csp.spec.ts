// Every main page keeps working under the Content-Security-Policy: Chromium reports no violation
// (securitypolicyviolation events and console errors) while the pages load, run their scripts, open
// their sockets and do their main thing: send a postcard, follow it, a phone and the projector of the
// live table, the facilitator's console, a board (and its PNG export, drawn through a blob: image), a
// council's live draft, the report and addendum with their downloads, the kiosk, the wall.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { loginAs } from './resident-helpers';

const SLUG = 'brugge-draait-om-mensen';
const FACILITATOR = { email: 'begeleider@meespraak.demo', password: 'demo-begeleider-2026' };
const COUNCIL = { email: 'raad-dialoogstad-1@meespraak.demo', password: 'demo-raadslid-2026' };

type Watched = { page: Page; violations: string[] };

/** A fresh page whose CSP violations are collected, both as DOM events and as console messages. */
async function watched(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<Watched> {
	const context = await browser.newContext({ locale: 'nl-BE', acceptDownloads: true, ...options });
	// Added through the DevTools protocol, so the policy does not apply to this script itself.
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			const w = window as unknown as { __csp?: string[] };
			(w.__csp ??= []).push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
		});
	});
	const page = await context.newPage();
	const violations: string[] = [];
	page.on('console', (msg) => {
		if (/content security policy|refused to (load|execute|apply|connect|frame)/i.test(msg.text())) violations.push(`console: ${msg.text()}`);
	});
	return { page, violations };
}

/** The violations so far: the console's and those the page saw. */
async function violationsOf(w: Watched): Promise<string[]> {
	const inPage = await w.page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => []);
	return [...w.violations, ...inPage];
}

async function visit(w: Watched, path: string) {
	const res = await w.page.goto(path);
	expect(res?.status(), path).toBeLessThan(400);
	await w.page.waitForLoadState('networkidle');
	expect(await violationsOf(w), path).toEqual([]);
}

test('resident pages: the postcard form sends, the thank-you page, following the card, the wall', async ({ browser }) => {
	const w = await watched(browser);
	await visit(w, `/p/${SLUG}`);
	await expect(w.page.locator('#pc-counter')).toBeVisible();
	await w.page.getByLabel('Je postkaartje').fill('Meer zitbanken in het park, zodat ouderen even kunnen rusten.');
	await w.page.locator('label.chip', { hasText: 'Iedereen mee' }).click();
	await w.page.getByRole('button', { name: 'Verstuur mijn postkaartje' }).click();
	await w.page.waitForURL(/\/sent\?code=/);
	await w.page.waitForLoadState('networkidle');
	expect(await violationsOf(w), 'sent').toEqual([]);
	await w.page.getByRole('link', { name: 'Volg mijn postkaartje' }).click();
	await w.page.waitForURL(/\/k\//);
	await w.page.waitForLoadState('networkidle');
	expect(await violationsOf(w), 'tracking page').toEqual([]);
	await visit(w, `/p/${SLUG}/wall`);
	await visit(w, '/wij-deden');
	await visit(w, '/');
	await visit(w, '/login');
	expect(await violationsOf(w)).toEqual([]);
});

test('the kiosk, registered by staff', async ({ browser }) => {
	const w = await watched(browser);
	await loginAs(w.page, 'moderator@meespraak.demo', 'demo-moderator-2026', '/staff/campaigns/1/kiosk');
	await w.page.getByLabel('Plaats').fill('Bibliotheek Biekorf');
	await w.page.getByRole('button', { name: 'Aanmelden en de zuil openen' }).click();
	await w.page.waitForURL(`**/p/${SLUG}/kiosk`);
	await expect(w.page.locator('#pc-counter')).toBeVisible();
	await w.page.waitForLoadState('networkidle');
	expect(await violationsOf(w)).toEqual([]);
});

test('the live table: a phone joins and speaks, the projector shows it, the facilitator console runs', async ({ browser }) => {
	const projector = await watched(browser, { viewport: { width: 1280, height: 800 } });
	await visit(projector, '/present/TAF-234');
	const phone = await watched(browser, { viewport: { width: 390, height: 800 } });
	await visit(phone, '/t/TAF-234');
	// Whatever the phone shows first (a name to give, or the question), the socket is up and nothing was blocked.
	const name = phone.page.getByLabel(/naam/i).first();
	if (await name.isVisible().catch(() => false)) {
		await name.fill('Lotte');
		await phone.page.getByRole('button').first().click();
		await phone.page.waitForLoadState('networkidle');
	}
	const console = await watched(browser, { viewport: { width: 1280, height: 900 } });
	await loginAs(console.page, FACILITATOR.email, FACILITATOR.password, '/staff/tables');
	const href = await console.page.locator('a[href^="/staff/tables/"]', { hasText: /kinderen|jongeren/i }).first().getAttribute('href');
	await visit(console, href ?? '/staff/tables');
	for (const w of [projector, phone, console]) expect(await violationsOf(w)).toEqual([]);
});

test('a board: the canvas draws, a note is written, the PNG export is drawn through a blob: image', async ({ browser }) => {
	const w = await watched(browser, { viewport: { width: 1280, height: 900 } });
	await loginAs(w.page, FACILITATOR.email, FACILITATOR.password, '/staff/boards');
	const href = await w.page.locator('a[href^="/staff/boards/"]').first().getAttribute('href');
	await visit(w, href!);
	await w.page.getByText('Downloaden').click();
	const download = w.page.waitForEvent('download');
	await w.page.getByRole('button', { name: 'Afbeelding (PNG)' }).click();
	expect((await download).suggestedFilename()).toMatch(/\.png$/);
	const md = w.page.waitForEvent('download');
	await w.page.getByRole('button', { name: 'Lijst (Markdown)' }).click();
	expect((await md).suggestedFilename()).toMatch(/\.md$/);
	expect(await violationsOf(w)).toEqual([]);
});

test("a council member's live draft", async ({ browser }) => {
	const w = await watched(browser);
	await loginAs(w.page, COUNCIL.email, COUNCIL.password, '/staff/councils/dialoogstad');
	const href = await w.page.locator('li.request h3 a').first().getAttribute('href');
	await visit(w, href!);
	expect(await violationsOf(w)).toEqual([]);
});

test('the table report and the addendum, with their PDF and Markdown downloads', async ({ browser }) => {
	const w = await watched(browser);
	await loginAs(w.page, FACILITATOR.email, FACILITATOR.password, '/staff/tables/SCH-258/report');
	await visit(w, '/staff/tables/SCH-258/report');
	const md = w.page.waitForEvent('download');
	await w.page.locator('a[href$="report.md"]').first().click();
	expect((await md).suggestedFilename()).toMatch(/\.md$/);
	await visit(w, '/staff/workshops');
	const workshop = await w.page.locator('a[href^="/staff/workshops/"]', { hasText: /DAW/ }).first().getAttribute('href');
	await visit(w, `${workshop}/addendum`);
	for (const file of ['addendum.pdf', 'addendum.md']) {
		const d = w.page.waitForEvent('download');
		await w.page.locator(`a[href$="${file}"]`).first().click();
		expect((await d).suggestedFilename()).toMatch(new RegExp(`\\.${file.split('.')[1]}$`));
	}
	await visit(w, '/staff');
	expect(await violationsOf(w)).toEqual([]);
});

test('a page that breaks the policy is noticed (the check itself works)', async ({ browser }) => {
	const w = await watched(browser);
	await visit(w, '/login');
	await w.page.evaluate(() => {
		const s = document.createElement('script');
		s.textContent = 'window.__ran = true';
		document.body.append(s);
	});
	await expect.poll(async () => (await violationsOf(w)).length).toBeGreaterThan(0);
	expect(await w.page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
});
