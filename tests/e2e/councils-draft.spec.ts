// The live draft of an advice: two members of Brugge Dialoogstad open the same request (the one whose
// vote is under way, so not published), the live editor takes the place of the plain form, both type
// in the draft at once and each sees the other's words; after a reload the text is still there.
// Needs the demo councils (seedDemoCouncils): members raad-<council>-<n>@meespraak.demo.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { login, unique } from './staff-helpers';

const PASSWORD = 'demo-raadslid-2026';
const MEMBER_1 = { email: 'raad-dialoogstad-1@meespraak.demo', password: PASSWORD };
const MEMBER_2 = { email: 'raad-dialoogstad-2@meespraak.demo', password: PASSWORD };
const LIVE = { timeout: 20_000 };
const LABEL = 'Text of the advice, written together';

async function as(browser: Browser, who: { email: string; password: string }, next: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await login(page, next, who);
	return page;
}

/** The path of Dialoogstad's request whose vote is open (not published yet). */
async function requestUnderVote(page: Page): Promise<string> {
	const card = page.locator('li.request:not(.done)', { hasText: 'The vote is open.' }).first();
	await expect(card).toBeVisible();
	const href = await card.locator('h3 a').getAttribute('href');
	expect(href).toMatch(/^\/staff\/councils\/requests\/\d+$/);
	return href!;
}

/** Waits for the live editor, puts the caret at the end of the text. */
async function liveEditor(page: Page) {
	await expect(page.getByTestId('draft-live')).toBeVisible(LIVE);
	const box = page.getByLabel(LABEL);
	await expect(box).toBeEditable();
	// The live editor replaced the plain form.
	await expect(page.getByRole('button', { name: 'Save draft' })).toHaveCount(0);
	await box.click();
	await page.keyboard.press('Control+End');
	return box;
}

test('two members write the draft together, live', async ({ browser }) => {
	const a = await as(browser, MEMBER_1, '/staff/councils/dialoogstad');
	const path = await requestUnderVote(a);
	await a.goto(path);
	const b = await as(browser, MEMBER_2, path);

	const boxA = await liveEditor(a);
	const boxB = await liveEditor(b);
	await expect(boxB).toHaveValue(await boxA.inputValue());

	const fromA = unique('Samira voegt toe');
	const fromB = unique('Jef schrijft mee');
	// At the same time, each at the end of the text.
	await Promise.all([boxA.pressSequentially(` ${fromA}`, { delay: 30 }), boxB.pressSequentially(` ${fromB}`, { delay: 30 })]);

	for (const box of [boxA, boxB]) {
		await expect(box).toHaveValue(new RegExp(fromA), LIVE);
		await expect(box).toHaveValue(new RegExp(fromB), LIVE);
	}
	// Both end on the same text; each one's words stay whole (a remote insertion at the caret goes after it).
	await expect(boxB).toHaveValue(await boxA.inputValue(), LIVE);
	await expect(a.getByRole('status').filter({ hasText: 'All changes are saved.' })).toBeVisible(LIVE);
	await expect(b.getByRole('status').filter({ hasText: 'All changes are saved.' })).toBeVisible(LIVE);

	// The server stored it: a fresh page shows both.
	const text = await boxA.inputValue();
	await a.reload();
	const again = a.getByLabel(LABEL);
	await expect(again).toBeVisible(LIVE);
	await expect(again).toHaveValue(text);

	// What b types now reaches a at once, where it is typed (in the middle of the text: a's caret stays put).
	await again.click();
	await a.keyboard.press('Control+Home');
	const middle = unique('Nog een zin van Jef.');
	await boxB.click();
	await b.keyboard.press('Control+End');
	await boxB.pressSequentially(` ${middle}`, { delay: 10 });
	await expect(again).toHaveValue(new RegExp(middle), LIVE);
	expect(await again.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(0);

	await a.context().close();
	await b.context().close();
});
