// A facilitator runs a new persona workshop with two phones and a projector: the steps are the
// table's phases, the challenges are written with the sentence builder, phones speak as a persona,
// the room votes and the vote sets the challenges' order.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { login, open, unique } from './staff-helpers';
import { FACILITATOR } from './boards-helpers';

const NL = { locale: 'nl-BE' };
const PHONE = { ...NL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PROJECTOR = { ...NL, viewport: { width: 1920, height: 1080 } };
const shots = process.env.E2E_SHOTS;
const LIVE = { timeout: 20_000 };

async function phone(browser: Browser, code: string) {
	const context = await browser.newContext(PHONE);
	const page = await context.newPage();
	await open(page, `/t/${code}`);
	await page.getByRole('button', { name: 'Meedoen' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible(LIVE);
	return page;
}

async function send(page: Page, text: string) {
	await page.locator('#text').fill(text);
	await page.getByRole('button', { name: 'Versturen' }).click();
	await expect(page.locator('.mine-list')).toContainText(text, LIVE);
}

/** Moves the projector (a facilitator's session) one phase on, and waits until the next step shows. */
async function nextPhase(projector: Page) {
	const before = await projector.locator('.step').innerText();
	await projector.keyboard.press('ArrowRight');
	await expect(projector.locator('.step')).not.toHaveText(before, LIVE);
}

async function writeChallenge(page: Page, bundle: RegExp, group: string, support: string, effect: string) {
	const form = page.locator('form.builder').last();
	await form.getByLabel('Voor welke persona-bundel?').selectOption({ label: (await form.getByLabel('Voor welke persona-bundel?').locator('option').allInnerTexts()).find((t) => bundle.test(t))! });
	await form.getByLabel('Over wie gaat het?').fill(group);
	await form.getByLabel('Wat houdt hen tegen?').fill('Ze vinden de weg niet');
	await form.getByLabel('Vraag 1: Hoe kunnen we …').fill(support);
	await form.getByLabel('… zodat (niet verplicht)').first().fill(effect);
	await expect(form.locator('.preview')).toContainText(`Hoe kunnen we ${support}, zodat ${effect}?`);
	await form.getByRole('button', { name: 'Uitdaging toevoegen' }).click();
	await expect(page.locator('.challenge h3', { hasText: group })).toBeVisible(LIVE);
}

test('a facilitator runs the workshop steps with two phones', async ({ browser }) => {
	test.setTimeout(180_000);
	const title = unique('Persona-workshop test');
	const staff = await (await browser.newContext({ ...NL, viewport: { width: 1280, height: 900 } })).newPage();
	await login(staff, '/staff/workshops', FACILITATOR);
	await staff.getByLabel('Titel').fill(title);
	await staff.getByLabel('Regio of stad').selectOption('daw-plus');
	await staff.getByLabel('Werk op maat').check();
	await staff.getByRole('button', { name: 'Workshop maken' }).click();
	await expect(staff).toHaveURL(/\/staff\/workshops\/\d+\?created=1$/);
	const code = (await staff.locator('p.meta').innerText()).match(/code ([A-Z2-9]{3}-[A-Z2-9]{3})/)![1];
	const workshopUrl = staff.url().replace(/\?.*$/, '');

	// The persona canvas for step 1, before the start.
	await staff.getByRole('button', { name: 'Personabord openen' }).click();
	await expect(staff.getByRole('link', { name: /Naar het bord/ }).first()).toBeVisible();

	// The projector, with the facilitator's session: the arrow keys run the phases.
	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await login(projector, `/present/${code}`, FACILITATOR);
	const a = await phone(browser, code);
	const b = await phone(browser, code);
	await projector.keyboard.press('ArrowRight'); // start: step 1, choose or make personas
	await expect(projector.getByTestId('prompt')).toContainText('persona', LIVE);
	await expect(a.getByRole('link', { name: 'Open het bord' })).toBeVisible(LIVE); // the persona canvas
	await send(a, 'Nassim herken ik uit ons buurthuis.');

	// Four needs → services steps (one per DAW+ bundle), then writing the challenge.
	for (let i = 0; i < 5; i++) await nextPhase(projector);
	await expect(projector.locator('.step')).toContainText('De uitdaging schrijven');
	await send(b, 'Hoe kunnen we taalles op de werkvloer geven?');
	await staff.goto(workshopUrl);
	await expect(staff.getByText('Ideeën uit de zaal: 1')).toBeVisible();
	await writeChallenge(staff, /^1\. anderstaligen/, 'anderstaligen met een migratieachtergrond', 'hen taalondersteuning op de werkvloer bieden', 'ze sneller aan de slag kunnen');
	await writeChallenge(staff, /^2\. mensen met medische klachten/, 'mensen met medische klachten', 'hen inzicht geven in hun mogelijkheden', 'ze zich nuttig voelen');
	await expect(projector.getByTestId('screen-challenge')).toHaveCount(2, LIVE);
	await expect(projector.getByTestId('screen-challenge').first()).toContainText('In de regio DAW+ zijn er heel wat anderstaligen met een migratieachtergrond');
	if (shots) await projector.screenshot({ path: `${shots}/workshop-projector-challenges.png` });

	// Speaking as a persona: the phone picks Marc; the projector shows whom it was said as.
	await nextPhase(projector);
	await expect(b.getByRole('group', { name: 'Ik spreek als' })).toBeVisible();
	await b.getByRole('radio', { name: 'Marc' }).check();
	await send(b, 'Ik wil eerst iemand die naast me staat.');
	await send(a, 'Gewoon mijn eigen mening.');
	await expect(projector.getByTestId('wall')).toContainText('als Marc', LIVE);
	await expect(projector.getByTestId('wall').locator('li', { hasText: 'Gewoon mijn eigen mening.' })).not.toContainText('als ');
	if (shots) {
		await b.screenshot({ path: `${shots}/workshop-phone-speak-as.png` });
		await projector.screenshot({ path: `${shots}/workshop-projector-lens.png` });
	}

	// The vote: both phones choose the second challenge, one also the first.
	await nextPhase(projector);
	for (const [p, picks] of [
		[a, ['2. mensen met medische klachten']],
		[b, ['1. anderstaligen met een migratieachtergrond', '2. mensen met medische klachten']]
	] as const) {
		await expect(p.getByText('Lees de uitdagingen (2)')).toBeVisible(LIVE);
		for (const pick of picks) await p.getByRole('checkbox', { name: pick }).check();
		await p.getByRole('button', { name: 'Antwoord geven' }).click();
		await expect(p.getByTestId('notice')).toHaveText('Je antwoord is bewaard. Je mag het nog veranderen.', LIVE);
	}
	if (shots) await a.screenshot({ path: `${shots}/workshop-phone-vote.png` });

	await staff.reload(); // a fresh look at the workshop page after the vote
	await expect(staff.getByText('Deelnemers die stemden: 2')).toBeVisible();
	await staff.getByRole('button', { name: 'Volgorde van de stemming overnemen' }).click();
	await expect(staff.getByRole('status').filter({ hasText: 'volgorde van de stemming' })).toBeVisible();
	await expect(staff.locator('.challenge h3').first()).toHaveText('Uitdaging 1: mensen met medische klachten');
	await expect(staff.locator('.challenge').first()).toContainText('stemmen: 2');
	// What was said as Marc is listed under Marc.
	await expect(staff.locator('#lens')).toContainText('Als Marc: 1');
	await expect(staff.locator('#lens')).toContainText('Ik wil eerst iemand die naast me staat.');
});
