// After the workshop: a partner organisation confirms the challenges through its own link (one of
// them on condition of additions), the facilitator merges the addition, and the local addendum is
// downloaded as a PDF that holds the challenges. Plus the persona library's pages: bad input, a
// real-data warning, and axe.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { login, open, unique } from './staff-helpers';
import { FACILITATOR } from './boards-helpers';
import { pdfText } from '../unit/pdf-text';

const NL = { locale: 'nl-BE' };
const PHONE = { ...NL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const FINISHED = 'DAW-245';
const shots = process.env.E2E_SHOTS;

async function noSeriousAxe(page: Page, what: string) {
	const results = await new AxeBuilder({ page }).analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${what}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The finished DAW+ workshop's page, for the demo facilitator. */
async function finishedWorkshop(page: Page): Promise<string> {
	await login(page, '/staff/workshops', FACILITATOR);
	await page.locator('li', { hasText: `code ${FINISHED}` }).getByRole('link').click();
	await expect(page).toHaveURL(/\/staff\/workshops\/\d+$/);
	return page.url();
}

test('a partner confirms with additions through its link, once; the facilitator merges the addition', async ({ browser }) => {
	const organisation = unique('Buurtwerk Wemmel');
	const staff = await (await browser.newContext({ ...NL, viewport: { width: 1280, height: 900 } })).newPage();
	const url = await finishedWorkshop(staff);
	const form = staff.locator('#enrichment form', { has: staff.getByRole('button', { name: 'Link maken' }) });
	await form.getByLabel('Organisatie').fill(organisation);
	await form.getByRole('button', { name: 'Link maken' }).click();
	const link = await staff.getByLabel('Link voor de partner').inputValue();
	expect(link).toMatch(/\/partner\/[A-Za-z0-9_-]{20,}$/);

	const partner = await (await browser.newContext(PHONE)).newPage();
	await open(partner, new URL(link).pathname);
	await expect(partner.getByText(organisation)).toBeVisible();
	await expect(partner.getByRole('heading', { name: 'Uitdaging 1' })).toBeVisible();
	await noSeriousAxe(partner, 'partner page');
	const challenges = await partner.locator('fieldset').count();
	expect(challenges).toBe(4);

	// Asking for additions without writing them is refused at that challenge, and nothing chosen is lost.
	await partner.getByRole('radiogroup', { name: 'Wat vindt jullie organisatie van uitdaging 1?' }).getByLabel(/als er iets bij komt/).check();
	for (let i = 2; i <= challenges; i++) await partner.getByRole('radiogroup', { name: `Wat vindt jullie organisatie van uitdaging ${i}?` }).getByLabel('We bevestigen deze uitdaging.').check();
	await partner.getByRole('button', { name: 'Verstuur onze reactie' }).click();
	await expect(partner.getByText('Uitdaging 1: schrijf jullie aanvullingen of voorstel.').first()).toBeVisible();
	await expect(partner.getByRole('radiogroup', { name: 'Wat vindt jullie organisatie van uitdaging 2?' }).getByLabel('We bevestigen deze uitdaging.')).toBeChecked();
	await expect(partner.getByRole('radiogroup', { name: 'Wat vindt jullie organisatie van uitdaging 1?' }).getByLabel(/als er iets bij komt/)).toBeChecked();

	const addition = 'Werk samen met de sociale kruidenier: daar komen veel nieuwkomers.';
	await partner.getByLabel('Jullie aanvullingen of voorstel bij uitdaging 1').fill(addition);
	await partner.getByRole('button', { name: 'Verstuur onze reactie' }).click();
	await expect(partner.getByText('Bedankt! We hebben jullie reactie goed ontvangen.')).toBeVisible();
	await expect(partner.getByText(addition)).toBeVisible();
	if (shots) await partner.screenshot({ path: `${shots}/partner-sent.png`, fullPage: true });

	// The link was used: opening it again shows what was sent, and no form.
	await open(partner, new URL(link).pathname);
	await expect(partner.getByText(/Jullie organisatie reageerde al via deze link/)).toBeVisible();
	await expect(partner.getByRole('button', { name: 'Verstuur onze reactie' })).toHaveCount(0);
	await noSeriousAxe(partner, 'partner page, sent');

	// The facilitator sees the response with its organisation and merges the addition into challenge 1.
	await staff.goto(url);
	const row = staff.locator('#enrichment tr', { hasText: organisation }).filter({ hasText: addition });
	await expect(row).toContainText('bevestigd mits aanvullingen');
	await row.getByRole('button', { name: 'Opnemen bij deze uitdaging' }).click();
	await expect(staff.locator('.challenge').first()).toContainText(addition);
	await expect(staff.locator('#enrichment tr', { hasText: organisation }).filter({ hasText: addition })).toContainText('opgenomen');
});

test('the local addendum is downloaded as a PDF and as Markdown, holding the challenges', async ({ browser }) => {
	const staff = await (await browser.newContext({ ...NL, viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
	const url = await finishedWorkshop(staff);
	await staff.goto(`${url}/addendum`);
	await expect(staff.getByRole('heading', { level: 1 })).toContainText('DAW+');
	await noSeriousAxe(staff, 'addendum');
	if (shots) await staff.screenshot({ path: `${shots}/addendum.png`, fullPage: true });

	const [pdf] = await Promise.all([staff.waitForEvent('download'), staff.getByRole('link', { name: /PDF/ }).click()]);
	expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
	const buf = await (await import('node:fs/promises')).readFile((await pdf.path())!);
	expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
	const { text } = await pdfText(buf);
	for (const group of ['anderstaligen met een migratieachtergrond', 'mensen met medische klachten', '(alleenstaande) ouders', 'mensen met een verslaving'])
		expect(text).toContain(group);
	expect(text).toContain('Hoe kunnen we de bereikbaarheid en toegankelijkheid van de bestaande kinderopvang verhogen');
	expect(text).toContain('Nassim');

	const [md] = await Promise.all([staff.waitForEvent('download'), staff.getByRole('link', { name: /Markdown/ }).click()]);
	expect(md.suggestedFilename()).toMatch(/\.md$/);
	const markdown = await (await import('node:fs/promises')).readFile((await md.path())!, 'utf8');
	expect(markdown).toContain('mensen met een verslaving');
	expect(markdown).toContain('23 juni 2023'); // the launch, from the timeline
});

test('persona pages: a persona without a name or with real contact data is not saved, nothing typed is lost; axe', async ({ browser }) => {
	const page = await (await browser.newContext({ ...NL, viewport: { width: 1280, height: 900 } })).newPage();
	await login(page, '/staff/personas', FACILITATOR);
	await noSeriousAxe(page, 'regions');
	await page.getByRole('link', { name: /DAW\+/ }).first().click();
	await expect(page.getByText('Nassim').first()).toBeVisible();
	await noSeriousAxe(page, 'library');
	await page.getByRole('link', { name: 'Nieuwe persona' }).click();
	await noSeriousAxe(page, 'persona form');

	const quote = 'Bel me gerust op 0470 12 34 56.';
	await page.getByLabel('Gezin', { exact: true }).fill('Woont alleen in Asse.');
	await page.getByLabel('Citaat', { exact: true }).fill(quote);
	// The live warning, before sending.
	await expect(page.getByText('Dit lijkt een echt telefoonnummer:').first()).toBeVisible();
	await page.getByRole('button', { name: /bewaren|Bewaren|opslaan/ }).first().click();
	await expect(page.locator('[role=alert]').first()).toBeVisible();
	await expect(page.getByLabel('Citaat', { exact: true })).toHaveValue(quote);
	await expect(page.getByLabel('Gezin', { exact: true })).toHaveValue('Woont alleen in Asse.');
	await noSeriousAxe(page, 'persona form with problems');

	const name = unique('Yasmina');
	await page.getByRole('textbox', { name: /^Naam/ }).fill(name);
	await page.getByLabel('Citaat', { exact: true }).fill('Ik wil graag meedoen, als iemand me de weg wijst.');
	await page.getByRole('button', { name: /bewaren|Bewaren|opslaan/ }).first().click();
	await expect(page).toHaveURL(/\/staff\/personas\/daw-plus\?saved=\d+$/);
	await expect(page.getByRole('heading', { name })).toBeVisible();
	if (shots) await page.screenshot({ path: `${shots}/persona-library.png`, fullPage: true });
});
