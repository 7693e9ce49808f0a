// 'Zeggen wat we doen en doen wat we zeggen': a resident follows their postcard from input to the city's
// decision, gets an email about it, and stops the emails with one click; the public 'you said, we did'
// pages; withdrawing a text. This spec starts its OWN production server (so it can point the mail at an
// SMTP catcher that this spec starts on free ports on 127.0.0.1: nothing leaves the machine) and reads
// the catcher's messages.json, as a developer would.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useOwnServer } from './own-server';
import { login, demoCampaignId, open, MODERATOR } from './staff-helpers';
import { openForm, shownCode, shownKey, uniqueText, PHONE, SLUG } from './resident-helpers';
import { startCatcher } from '../../scripts/smtp-catcher.js';

const OWNER = { email: 'regisseur@meespraak.demo', password: 'demo-regisseur-2026' };
const NL_PHONE = { locale: 'nl-BE', viewport: PHONE, isMobile: true, hasTouch: true };

type Caught = { envelope: { to: string[] }; subject: string; text: string; headers: Record<string, string> };
type Catcher = { smtpPort: number; httpPort: number; close(): Promise<void> };

test.describe.configure({ mode: 'serial' });

// Registered before the server's hooks, so the catcher listens (and its port is known) when the server starts.
const mailEnv: Record<string, string | undefined> = { MAIL_WORKER_INTERVAL_MS: '500' };
let catcher: Catcher;
let mailDir = '';
test.beforeAll(async () => {
	mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meespraak-e2e-mail-'));
	catcher = await startCatcher({ smtpPort: 0, httpPort: 0, dir: mailDir });
	mailEnv.SMTP_URL = `smtp://127.0.0.1:${catcher.smtpPort}`;
	mailEnv.MAIL_FROM = 'Meespraak <meespraak@localhost>';
});
test.afterAll(async () => {
	await catcher?.close();
	if (mailDir) fs.rmSync(mailDir, { recursive: true, force: true });
});

const own = useOwnServer('feedback', mailEnv);

async function messages(): Promise<Caught[]> {
	return (await fetch(`http://127.0.0.1:${catcher.httpPort}/messages.json`)).json();
}

async function newPage(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
	return (await browser.newContext({ baseURL: own.base(), ...options })).newPage();
}

async function noSeriousAxe(page: Page, what: string) {
	const results = await new AxeBuilder({ page }).analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${what}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a demo postcard shows the chain to the decision, and the public page shows it without anything personal', async ({ browser }) => {
	const page = await newPage(browser, NL_PHONE);
	await page.goto('/k/DEM-ADA');
	const plan = page.locator('ol.steps > li[data-step="plan"]');
	await expect(plan).toHaveClass(/done/);
	await expect(plan).toContainText('De stad neemt dit op in haar plan.');
	await expect(plan).toContainText('Er komt een nieuwe actie in het plan: Jaarlijkse neutrale infoavond');
	await expect(plan).toContainText('Dit idee komt van inwoners.');
	await expect(plan).toContainText('De eerste infoavond is op 12 februari in het Stadhuis');
	await expect(page.locator('ol.steps > li[data-step="signal"] .chain')).toContainText('Neutrale infoavond over de studiekeuze in het secundair');
	// The five steps stay (the chain is inside them), phone-wide.
	await expect(page.locator('ol.steps > li')).toHaveCount(5);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
	await noSeriousAxe(page, '/k/DEM-ADA');

	await page.getByRole('link', { name: 'Wat deed de stad met alle postkaartjes van deze oproep?' }).click();
	await expect(page).toHaveURL(new RegExp(`/wij-deden/campagne/${SLUG}$`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Brugge draait om mensen');
	const card = page.locator('article.signal', { hasText: 'Neutrale infoavond over de studiekeuze in het secundair' });
	await expect(card).toContainText('Opgenomen in het plan');
	// The page as rendered (the inline start-up script still holds the tracking page this tab came from).
	const html = await page.locator('main').innerHTML();
	expect(html).not.toMatch(/DEM-[A-Z2-9]{3}/);
	expect(html).not.toMatch(/@meespraak\.demo|@example\./);
	await noSeriousAxe(page, '/wij-deden/campagne');

	await page.goto('/wij-deden');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jullie zeiden, wij deden');
	await expect(page.locator('article.signal').first()).toBeVisible();
	await expect(page.locator('article.signal[data-outcome="passed_on"]', { hasText: 'laptop' })).toContainText('de Vlaamse overheid');
});

test('a resident’s postcard with an email: staff make a signal, the plan owner decides, the tracking page shows it, the email arrives with a working stop link', async ({ browser }) => {
	// The resident, on a phone, through the public form.
	const resident = await newPage(browser, NL_PHONE);
	await openForm(resident, `/p/${SLUG}`);
	const text = uniqueText('Een speelplein zonder auto’s aan de school in Sint-Pieters.');
	const email = `inwoner-${Date.now().toString(36)}@example.org`;
	await resident.getByLabel('Je postkaartje').fill(text);
	await resident.getByLabel('Je e-mailadres').fill(email);
	await resident.getByLabel(/mijn tekst mag op de openbare muur/).check();
	await resident.getByRole('button', { name: 'Verstuur mijn postkaartje' }).click();
	await resident.waitForURL(/\/sent\?code=/);
	const code = await shownCode(resident);

	// The moderator groups it into a signal and starts handling it (staff pages, English).
	const mod = await newPage(browser, { locale: 'en-GB' });
	await login(mod, '/staff', MODERATOR);
	const campaignId = await demoCampaignId(mod);
	await open(mod, `/staff/campaigns/${campaignId}/postcards?q=${code}`);
	await mod.getByRole('checkbox', { name: `Select card ${code}` }).check();
	await mod.locator('.bulk summary', { hasText: 'Group into a new signal' }).click();
	const title = uniqueText('Autovrije schoolstraat');
	await mod.getByLabel('Title', { exact: true }).fill(title);
	await mod.locator('#s-type').selectOption('proposal');
	await mod.getByRole('button', { name: 'Make a signal of the selected cards' }).click();
	await mod.locator('.bulk .alert.ok').getByRole('link', { name: title }).click();
	await expect(mod.getByRole('heading', { level: 1, name: title })).toBeVisible();
	const signalUrl = new URL(mod.url()).pathname;
	await mod.getByRole('button', { name: 'Start handling this signal' }).click();
	await expect(mod.getByTestId('signal-status')).not.toHaveText(/new/i);

	// The tracking page already says it is part of a signal.
	await resident.goto(`/k/${code}`);
	await expect(resident.locator('ol.steps > li[data-step="signal"]')).toContainText(title);

	// The plan owner decides on the signal's page.
	const owner = await newPage(browser, { locale: 'en-GB' });
	await login(owner, signalUrl, OWNER);
	await owner.locator('summary', { hasText: 'Decide' }).click();
	await owner.getByLabel('Taken up in the plan').check();
	await owner.locator('#d-goal').selectOption('1.1');
	await owner.locator('#d-reason').fill('Een schoolstraat maakt de weg naar school veiliger.');
	await owner.getByRole('button', { name: 'Save decision' }).click();
	await expect(owner.locator('.decision')).toContainText('Een schoolstraat maakt de weg naar school veiliger.');

	// The resident reads the decision on the tracking page, in plain words.
	await resident.goto(`/k/${code}`);
	const plan = resident.locator('ol.steps > li[data-step="plan"]');
	await expect(plan).toHaveClass(/done/);
	await expect(plan).toContainText('De stad neemt dit op in haar plan.');
	await expect(plan).toContainText('In het plan bij doel 1.1');
	await expect(plan).toContainText('Een schoolstraat maakt de weg naar school veiliger.');
	await expect(resident.locator('ol.steps > li[data-step="advice"]')).toContainText('De stad besliste zonder advies van een adviesraad.');

	// The email arrives at the catcher, in Dutch, with the tracking link and the stop link.
	await expect.poll(async () => (await messages()).filter((m) => m.envelope.to.includes(email)).length, { timeout: 30_000 }).toBe(1);
	const mail = (await messages()).find((m) => m.envelope.to.includes(email))!;
	expect(mail.subject).toBe('Nieuws over wat je zei: de stad heeft beslist');
	expect(mail.text).toContain('De stad neemt dit op in haar plan.');
	expect(mail.text).toContain(`/k/${code}`);
	expect(mail.headers['list-unsubscribe']).toMatch(/\/stop\/p\.\d+\.[\w-]{43}>$/);
	expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
	const stop = new URL(/(https?:\/\/\S+\/stop\/\S+)/.exec(mail.text)![1]);

	// A changed link is refused and changes nothing.
	const forged = stop.pathname.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
	await resident.goto(forged);
	await expect(resident.getByRole('heading', { level: 1 })).toHaveText('Deze link werkt niet');
	await expect(resident.getByRole('alert')).toContainText('We hebben niets veranderd.');
	await resident.goto(`/k/${code}`);
	await expect(resident.getByRole('heading', { name: 'Je e-mailadres' })).toBeVisible();

	// Opening the real link changes nothing (mail scanners open links too): it asks.
	await resident.goto(stop.pathname);
	await expect(resident.getByRole('heading', { level: 1 })).toHaveText('Geen e-mails meer ontvangen?');
	await resident.goto(`/k/${code}`);
	await expect(resident.getByRole('heading', { name: 'Je e-mailadres' })).toBeVisible();
	// One click on its button: no more emails, the address is deleted.
	await resident.goto(stop.pathname);
	await resident.getByRole('button', { name: 'Stop de e-mails en wis mijn adres' }).click();
	await expect(resident.getByRole('heading', { level: 1 })).toHaveText('Geen e-mails meer');
	await expect(resident.getByRole('status')).toContainText('We hebben je e-mailadres gewist.');
	await resident.getByRole('link', { name: /Volg mijn postkaartje/ }).click();
	await expect(resident).toHaveURL(new RegExp(`/k/${code}$`));
	await expect(resident.getByRole('heading', { name: 'Je e-mailadres' })).toHaveCount(0);
	// The same link again: already done, still no error.
	await resident.goto(stop.pathname);
	await expect(resident.getByRole('status')).toContainText('Je e-mailadres was al gewist.');

	// The public page shows the decision and the consenting quote, never the address or the code.
	await resident.goto(`/wij-deden/campagne/${SLUG}`);
	const card = resident.locator('article.signal', { hasText: title });
	await expect(card).toContainText('Opgenomen in het plan');
	const html = await resident.content();
	expect(html).not.toContain(email);
	expect(html).not.toContain(code);
});

test('a resident withdraws their text after confirming: it is gone from the tracking page and the wall, the card still counts', async ({ browser }) => {
	const resident = await newPage(browser, NL_PHONE);
	await openForm(resident, `/p/${SLUG}`);
	const text = uniqueText('Dit wil ik later toch liever niet gezegd hebben.');
	await resident.getByLabel('Je postkaartje').fill(text);
	await resident.getByRole('button', { name: 'Verstuur mijn postkaartje' }).click();
	await resident.waitForURL(/\/sent\?code=/);
	const code = await shownCode(resident);
	const key = await shownKey(resident);
	// Shown once: a reload of the thank-you page keeps the code, not the key.
	await resident.reload();
	await expect(resident.getByTestId('tracking-code')).toHaveText(code);
	await expect(resident.getByTestId('withdraw-key')).toHaveCount(0);
	await resident.goto(`/k/${code}`);
	await expect(resident.locator('blockquote')).toHaveText(text);

	// The first tap only asks; 'No' changes nothing.
	await resident.getByText('Trek mijn tekst in', { exact: true }).click();
	await expect(resident.getByText('Weet je het zeker? Dit kun je niet ongedaan maken.')).toBeVisible();
	await resident.getByRole('link', { name: 'Nee, niets veranderen' }).click();
	await expect(resident.getByRole('button', { name: 'Ja, wis mijn tekst' })).toBeHidden();
	await expect(resident.locator('blockquote')).toHaveText(text);

	await resident.getByText('Trek mijn tekst in', { exact: true }).click();
	const yes = resident.getByRole('button', { name: 'Ja, wis mijn tekst' });
	expect((await yes.boundingBox())!.height).toBeGreaterThanOrEqual(48);
	// The code alone is not enough: a wrong key is refused in words, and the text stays.
	const factor = resident.getByLabel('Je intreksleutel (die je zag toen je de kaart verstuurde)');
	await factor.fill('AAAAA-BBBBB');
	await yes.click();
	await expect(resident.getByRole('alert')).toContainText('Dat is niet de intreksleutel of het e-mailadres van deze kaart. Er is niets veranderd.');
	await expect(resident.locator('blockquote')).toHaveText(text);
	await factor.fill(key.toLowerCase());
	await yes.click();
	await expect(resident.getByRole('status')).toContainText('Je tekst is gewist.');
	await expect(resident.locator('blockquote')).toHaveCount(0);
	await resident.reload();
	await expect(resident.getByText(/Je trok je tekst in op/)).toBeVisible();
	await expect(resident.getByText(text)).toHaveCount(0);
	await resident.goto(`/p/${SLUG}/wall`);
	await expect(resident.getByText(text)).toHaveCount(0);
});

test('the tracking page and the stop page read right to left in Arabic', async ({ browser, }) => {
	const context = await browser.newContext({ baseURL: own.base(), ...NL_PHONE });
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'ar', url: own.base() }]);
	const page = await context.newPage();
	await page.goto('/k/DEM-ADA');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.locator('ol.steps > li[data-step="plan"]')).toContainText('تضع المدينة هذا في خطتها.');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
	await page.goto('/stop/p.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('هذا الرابط لا يعمل');
	await noSeriousAxe(page, '/stop (forged, ar)');
	await context.close();
});
