// Advisory councils in the browser: the plan owner sets a council's quorum; two members of that council
// put a signal on its table, talk in the thread, write the draft, open the vote and vote, the second vote
// reaching the quorum, and publish; the advice downloads as a PDF that holds the verdict and the text; a
// member of another council gets the refusal page for that request and that council.
// Needs the demo councils (seedDemoCouncils): members raad-<council>-<n>@meespraak.demo.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { login, unique } from './staff-helpers';
import { pdfText } from '../unit/pdf-text';

const PASSWORD = 'demo-raadslid-2026';
const OWNER = { email: 'regisseur@meespraak.demo', password: 'demo-regisseur-2026' };
const LOKO_1 = { email: 'raad-loko-1@meespraak.demo', password: PASSWORD };
const LOKO_2 = { email: 'raad-loko-2@meespraak.demo', password: PASSWORD };
const SAR_1 = { email: 'raad-sar-1@meespraak.demo', password: PASSWORD };

const squeeze = (s: string) => s.replace(/\s+/g, '');

async function as(browser: Browser, who: { email: string; password: string }, next: string): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await login(page, next, who);
	return page;
}

async function setQuorum(browser: Browser, quorum: number) {
	const owner = await as(browser, OWNER, '/staff/councils');
	const card = owner.locator('li[data-council="loko"]');
	await card.getByLabel('Quorum: how many members must vote?').fill(String(quorum));
	await card.getByRole('button', { name: 'Save quorum' }).click();
	await expect(card.getByRole('status')).toHaveText(`Saved. ${quorum} votes are now needed.`);
	await owner.context().close();
}

test.describe.serial('advisory councils', () => {
	let requestPath = '';
	const adviceText = `${unique('Het LOKO geeft een voorwaardelijk gunstig advies.')} De opvang moet open zijn op de uren dat ouders werken.`;

	test('the plan owner sets the quorum of LOKO to 2', async ({ browser }) => {
		await setQuorum(browser, 2);
	});

	test('two members talk, write and vote; the second vote reaches the quorum; they publish', async ({ browser }) => {
		const a = await as(browser, LOKO_1, '/staff/councils/loko');
		await expect(a.getByRole('heading', { level: 1 })).toHaveText('Local childcare consultation');
		// Raise a signal on the council's own initiative.
		await a.getByLabel('Which signal?').selectOption({ index: 1 });
		await a.getByLabel('Why does the council want to discuss this?').fill('Ouders vragen ons hier vaak naar. De raad wil er advies over geven.');
		await a.getByRole('button', { name: 'Put the signal on the table' }).click();
		await expect(a).toHaveURL(/\/staff\/councils\/requests\/\d+$/);
		requestPath = new URL(a.url()).pathname;
		await a.waitForLoadState('networkidle');

		const first = unique('Ik ben voor, als de prijs volgens het inkomen blijft.');
		await a.getByLabel('Your message to the other members').fill(first);
		await a.getByRole('button', { name: 'Post message' }).click();
		await expect(a.locator('.thread')).toContainText(first);

		await a.getByLabel('Text of the advice').fill(adviceText);
		// The live editor saves as they type.
		await expect(a.getByText('All changes are saved.')).toBeVisible();

		await a.getByRole('button', { name: 'Open the vote' }).click();
		await expect(a.getByText('The other members can vote now.')).toBeVisible();
		await a.getByRole('radio', { name: /with conditions/ }).check();
		await a.getByRole('button', { name: 'Cast my vote' }).click();
		await expect(a.getByTestId('vote-total')).toContainText('1 of the 2 votes needed.');
		await expect(a.getByText('Your vote: Favourable with conditions')).toBeVisible();
		// Not enough votes yet: the page says why it cannot be published.
		await expect(a.getByRole('button', { name: 'Publish the advice' })).toHaveCount(0);
		await expect(a.getByText('Not enough members have voted yet (the quorum).')).toBeVisible();

		const b = await as(browser, LOKO_2, requestPath);
		await expect(b.locator('.thread')).toContainText(first);
		const second = unique('Akkoord, en graag na een jaar samen evalueren.');
		await b.getByLabel('Your message to the other members').fill(second);
		await b.getByRole('button', { name: 'Post message' }).click();
		await expect(b.locator('.thread')).toContainText(second);
		await expect(b.getByLabel('Text of the advice')).toHaveValue(adviceText);
		await b.getByRole('radio', { name: /with conditions/ }).check();
		await b.getByRole('button', { name: 'Cast my vote' }).click();
		await expect(b.getByTestId('vote-total')).toContainText('2 of the 2 votes needed.');
		await expect(b.getByText('Enough members have voted.')).toBeVisible();

		await b.getByRole('button', { name: 'Publish the advice' }).click();
		await expect(b.getByText('The plan owner sees it with the signal.')).toBeVisible();
		const published = b.getByTestId('published-advice');
		await expect(published).toContainText('Favourable with conditions');
		await expect(published).toContainText(adviceText);
		// Read-only now, for both.
		await expect(b.getByRole('button', { name: /Cast my vote|Change my vote/ })).toHaveCount(0);
		await a.reload();
		await expect(a.getByTestId('published-advice')).toContainText(adviceText);
		await expect(a.getByLabel('Your message to the other members')).toHaveCount(0);
		await a.context().close();
		await b.context().close();
	});

	test('the advice downloads as a PDF holding the verdict and the text', async ({ browser }) => {
		test.skip(!requestPath, 'needs the published advice of the test before');
		const page = await as(browser, LOKO_1, requestPath);
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the advice as a PDF' }).click()]);
		expect(download.suggestedFilename()).toMatch(/^advies-loko-signaal-\d+\.pdf$/);
		const buf = await readFile((await download.path())!);
		expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
		const { text, title } = await pdfText(buf);
		expect(title).toBe('Advice from Local childcare consultation');
		expect(squeeze(text)).toContain('Favourablewithconditions');
		expect(squeeze(text)).toContain(squeeze(adviceText));
		await page.context().close();
	});

	test('a member of another council gets the refusal page for that request and that council', async ({ browser }) => {
		test.skip(!requestPath, 'needs the request of the test before');
		const page = await as(browser, SAR_1, '/staff/councils');
		await expect(page.locator('li[data-council="loko"]')).toHaveCount(0);
		const res = await page.goto(requestPath);
		expect(res?.status()).toBe(403);
		await expect(page.getByRole('alert')).toHaveText("This request belongs to another advisory council. Only that council's members and the plan owner can open it.");
		const pdf = await page.request.get(`${requestPath}/advice.pdf`);
		expect(pdf.status()).toBe(403);
		const inbox = await page.goto('/staff/councils/loko');
		expect(inbox?.status()).toBe(403);
		await expect(page.getByRole('alert')).toHaveText('You are not a member of this advisory council. You only see the work of your own council.');
		await page.context().close();
	});

	test.afterAll(async ({ browser }) => {
		// The demo's quorum again, for whoever looks at the demo after the tests.
		await setQuorum(browser, 3);
	});
});
