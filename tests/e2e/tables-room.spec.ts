import { test, expect, type Browser, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// The demo seed has a live dialogue table with this code, run by the demo begeleider,
// opened on the round 'Problemen in kaart' (an open question).
const CODE = 'TAF-234';
// The texts checked below are Dutch (the base language): every context asks for it.
const NL = { locale: 'nl-BE' };
const PHONE = { ...NL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const FACILITATOR = { email: 'begeleider@meespraak.demo', password: 'demo-begeleider-2026' };
const shots = process.env.E2E_SHOTS; // a folder: save screenshots to look at

async function phone(browser: Browser, name?: string) {
	const context = await browser.newContext(PHONE);
	const page = await context.newPage();
	await page.goto(`/t/${CODE}`);
	await page.waitForLoadState('networkidle');
	if (name) await page.locator('#name').fill(name);
	await page.getByRole('button', { name: 'Meedoen' }).click();
	await expect(page.getByTestId('prompt')).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
	return { context, page };
}

async function send(page: Page, text: string) {
	await page.locator('#text').fill(text);
	await page.getByRole('button', { name: 'Versturen' }).click();
}

async function noSeriousAxe(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

// First: it also brings the demo table back to its seeded round if an earlier run stopped elsewhere.
test('the facilitator moves through the phases from the projector keyboard', async ({ browser }) => {
	const context = await browser.newContext({ ...NL, viewport: { width: 1280, height: 720 } });
	const page = await context.newPage();
	await page.goto(`/login?next=${encodeURIComponent(`/present/${CODE}`)}`);
	await page.locator('#email').fill(FACILITATOR.email);
	await page.locator('#password').fill(FACILITATOR.password);
	await page.locator('form button.big').click();
	await expect(page).toHaveURL(new RegExp(`/present/${CODE}$`));
	await expect(page.locator('footer.keys')).toBeVisible(); // staff session: shortcuts on
	const prompt = page.getByTestId('prompt');
	// Start from the seeded round (step 2), whatever an earlier run left behind.
	await expect(prompt).toBeVisible();
	for (let i = 0; i < 5; i++) {
		const step = Number((await page.locator('.step').innerText()).match(/\d+/)?.[0]);
		if (step === 2) break;
		const before = await prompt.innerText();
		await page.keyboard.press(step > 2 ? 'ArrowLeft' : 'ArrowRight');
		await expect(prompt).not.toHaveText(before);
	}
	const was = await prompt.innerText();
	expect(was).toBe('Welke problemen herken je?');

	const watcher = await (await browser.newContext(NL)).newPage();
	await watcher.goto(`/present/${CODE}`);
	await expect(watcher.getByTestId('prompt')).toHaveText(was);

	await page.keyboard.press('ArrowRight');
	await expect(prompt).not.toHaveText(was);
	const next = await prompt.innerText();
	await expect(watcher.getByTestId('prompt')).toHaveText(next); // a second screen follows
	await page.keyboard.press('ArrowLeft');
	await expect(prompt).toHaveText(was);
	await expect(watcher.getByTestId('prompt')).toHaveText(was);

	// Space starts and pauses the timer of the phase (every screen shows it).
	await expect(page.getByTestId('timer')).toContainText('gepauzeerd');
	await page.keyboard.press(' ');
	await expect(page.getByTestId('timer')).not.toContainText('gepauzeerd');
	await expect(watcher.getByTestId('timer')).not.toContainText('gepauzeerd');
	await page.keyboard.press(' ');
	await expect(page.getByTestId('timer')).toContainText('gepauzeerd');

	// Dot voting on a phone: three phases further is 'Stemmen' (dots on the earlier ideas).
	const voter = await phone(browser);
	try {
		await send(voter.page, `Een idee om op te stemmen ${Date.now().toString(36)}`); // so a fresh table has one
		await expect(voter.page.getByTestId('notice')).toContainText('Verstuurd');
		for (let i = 0; i < 3; i++) {
			const before = await prompt.innerText();
			await page.waitForTimeout(300);
			await page.keyboard.press('ArrowRight');
			await expect(prompt).not.toHaveText(before);
		}
		await expect(voter.page.getByTestId('budget')).toContainText('3 van 3');
		await voter.page.locator('.idea .add').first().click();
		await expect(voter.page.getByTestId('budget')).toContainText('2 van 3');
		await voter.page.locator('.idea .add').first().click();
		await expect(voter.page.getByTestId('budget')).toContainText('1 van 3');
		await voter.page.locator('.idea .minus').first().click();
		await expect(voter.page.getByTestId('budget')).toContainText('2 van 3');
		if (shots) await voter.page.screenshot({ path: `${shots}/phone-dots.png`, fullPage: true });
	} finally {
		// Leave the demo table where it was for the next run.
		for (let i = 0; i < 5 && (await prompt.innerText()) !== was; i++) {
			const before = await prompt.innerText();
			await page.waitForTimeout(300);
			await page.keyboard.press('ArrowLeft');
			await expect(prompt).not.toHaveText(before);
		}
		await voter.context.close();
	}
	await expect(prompt).toHaveText(was);

	await page.keyboard.press('c');
	await expect(page.getByTestId('joincode')).toHaveCount(0);
	await page.keyboard.press('c');
	await expect(page.getByTestId('joincode')).toBeVisible();
	await context.close();
	await watcher.context().close();
});

test('phones join by code, contributions appear on the projector, an offline one arrives exactly once', async ({ browser }) => {
	const projectorContext = await browser.newContext({ ...NL, viewport: { width: 1280, height: 720 } });
	const projector = await projectorContext.newPage();
	await projector.goto(`/present/${CODE}`);
	await expect(projector.getByTestId('joincode')).toHaveText(CODE);
	await expect(projector.locator('.qr svg')).toBeVisible();
	await expect(projector.getByTestId('prompt')).toBeVisible();
	await expect(projector.locator('header.top')).toHaveCount(0); // no site header on the projector
	const before = Number((await projector.getByTestId('participants').innerText()).replace(/\D/g, ''));

	const a = await phone(browser, 'Amina');
	const b = await phone(browser);
	const c = await phone(browser);
	await expect(projector.getByTestId('participants')).toContainText(String(before + 3));

	const stamp = Date.now().toString(36);
	const first = `Te weinig plaatsen in de opvang ${stamp}`;
	await send(a.page, first);
	await expect(a.page.getByTestId('notice')).toContainText('Verstuurd');
	await expect(projector.getByTestId('wall').getByText(first)).toBeVisible();

	// Phone b loses its connection, writes, sends: the item waits in the outbox.
	const offline = `Schoolkosten zijn te hoog ${stamp}`;
	await b.context.setOffline(true);
	await expect(b.page.getByRole('status').filter({ hasText: 'Geen verbinding' })).toBeVisible();
	await send(b.page, offline);
	await expect(b.page.getByTestId('notice')).toContainText('zodra er weer verbinding is');
	await expect(b.page.getByTestId('queued')).toContainText('1');
	await b.page.waitForTimeout(500);
	await expect(projector.getByTestId('wall').getByText(offline)).toHaveCount(0);
	// A reload while offline keeps it (the outbox lives in localStorage): go back online, it is sent once.
	await b.context.setOffline(false);
	await expect(b.page.getByTestId('queued')).toHaveCount(0);
	await expect(b.page.getByTestId('notice')).toContainText('Verstuurd');
	await expect(projector.getByTestId('wall').getByText(offline)).toHaveCount(1);
	await c.page.reload(); // another phone reloads and re-joins with its token: still one participant
	await expect(c.page.getByTestId('prompt')).toBeVisible();
	await projector.waitForTimeout(500);
	await expect(projector.getByTestId('wall').getByText(offline)).toHaveCount(1);
	await expect(projector.getByTestId('participants')).toContainText(String(before + 3));

	// A draft survives a reload.
	await c.page.locator('#text').fill('Half getypt');
	await c.page.reload();
	await expect(c.page.locator('#text')).toHaveValue('Half getypt');
	await c.page.locator('#text').fill('');

	if (shots) {
		await a.page.screenshot({ path: `${shots}/phone.png`, fullPage: true });
		await b.page.screenshot({ path: `${shots}/phone-b.png`, fullPage: true });
		await projector.screenshot({ path: `${shots}/projector-1280.png` });
		await projector.setViewportSize({ width: 1920, height: 1080 });
		await projector.screenshot({ path: `${shots}/projector-1920.png` });
	}
	for (const ctx of [a.context, b.context, c.context, projectorContext]) await ctx.close();
});

test('phone and projector pages have no serious accessibility problems; a wrong code says so', async ({ browser }) => {
	const { page, context } = await phone(browser);
	await noSeriousAxe(page);
	await page.goto('/t');
	await page.waitForLoadState('networkidle');
	await page.locator('#code').fill('xx');
	await page.getByRole('button', { name: 'Verder' }).click();
	await expect(page.getByRole('alert')).toContainText('6 tekens');
	await noSeriousAxe(page);
	await page.locator('#code').fill('taf 234');
	await page.getByRole('button', { name: 'Verder' }).click();
	await expect(page).toHaveURL(new RegExp(`/t/${CODE}$`));
	await page.goto('/t/ZZZ-999');
	await expect(page.getByRole('alert')).toContainText('geen tafel');
	await context.close();

	const projector = await (await browser.newContext({ ...NL, viewport: { width: 1920, height: 1080 } })).newPage();
	await projector.goto(`/present/${CODE}`);
	await expect(projector.getByTestId('prompt')).toBeVisible();
	await noSeriousAxe(projector);
	await projector.context().close();
});
