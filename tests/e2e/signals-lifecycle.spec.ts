// A signal's life on its page: a moderator takes it into triage, the plan owner decides (a decision
// without a reason is refused and nothing is lost), publishes the feedback, and the timeline says who
// did what and why. A merged signal's old link leads to the one it went into.
import { expect, test } from '@playwright/test';
import { login, open } from './staff-helpers';

const NL = { locale: 'nl-BE' };
const OWNER = { email: 'regisseur@meespraak.demo', password: 'demo-regisseur-2026' };
const MODERATOR = { email: 'moderator@meespraak.demo', password: 'demo-moderator-2026' };

test('triage, a decision with its reason, feedback, and the timeline', async ({ browser }) => {
	const mod = await (await browser.newContext({ ...NL, viewport: { width: 1280, height: 900 } })).newPage();
	await login(mod, '/staff/signals', MODERATOR);
	// The demo signal 'Werk op maat …' is new: the moderator takes it in.
	await mod.getByRole('link', { name: 'Werk op maat voor mensen met een chronische ziekte' }).click();
	await expect(mod).toHaveURL(/\/staff\/signals\/\d+$/);
	const url = mod.url();
	await expect(mod.getByTestId('signal-status')).toHaveText('Nieuw');
	await mod.getByRole('button', { name: 'Signaal in behandeling nemen' }).click();
	await expect(mod.getByTestId('signal-status')).toHaveText('In behandeling');
	await expect(mod.getByText('Beslissen', { exact: true })).toHaveCount(0); // a moderator does not decide

	const owner = await (await browser.newContext({ ...NL, viewport: { width: 1280, height: 900 } })).newPage();
	await login(owner, '/staff/signals', OWNER);
	await open(owner, new URL(url).pathname);
	await owner.getByText('Beslissen', { exact: true }).click();
	await owner.getByLabel('Niet opgenomen').check();
	await owner.getByRole('button', { name: 'Beslissing bewaren' }).click();
	await expect(owner.getByRole('alert')).toContainText('Schrijf waarom');
	await expect(owner.getByTestId('signal-status')).toHaveText('In behandeling');
	const reason = 'Werk op maat staat al in actie 2.2; we bekijken met de VDAB hoe we meer mensen met een chronische ziekte bereiken.';
	await owner.getByLabel('Niet opgenomen').check();
	await owner.getByLabel(/Waarom niet\?/).fill(reason);
	await owner.getByRole('button', { name: 'Beslissing bewaren' }).click();
	await expect(owner.getByTestId('signal-status')).toHaveText('Niet opgenomen');
	await expect(owner.locator('.decision')).toContainText(reason);

	await owner.getByLabel(/Bericht aan de inwoners/).fill('We nemen jullie vraag mee naar het overleg met de VDAB in maart.');
	await owner.getByRole('button', { name: 'Terugkoppeling publiceren' }).click();
	await expect(owner.getByTestId('signal-status')).toHaveText('Terugkoppeling gepubliceerd');
	const timeline = owner.getByTestId('timeline');
	await expect(timeline).toContainText('Nieuw → In behandeling');
	await expect(timeline).toContainText('door Mo Moderator');
	await expect(timeline).toContainText('In behandeling → Niet opgenomen');
	await expect(timeline).toContainText(reason);
	await expect(timeline).toContainText('door Pieter Regisseur');
	// Nothing more can be decided.
	await expect(owner.getByText('Beslissen', { exact: true })).toHaveCount(0);
});

test('an organisation registers a signal for a group; a merged signal’s old link leads on', async ({ browser }) => {
	const page = await (await browser.newContext({ ...NL, viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
	await login(page, '/staff/signals', MODERATOR);
	await page.getByRole('link', { name: /Signaal registreren voor een groep/ }).click();
	await page.getByRole('button', { name: 'Signaal registreren' }).click();
	await expect(page.getByRole('alert')).toContainText('organisatie');
	await page.getByLabel('Organisatie', { exact: true }).fill('Straathoekwerk Brugge');
	await page.getByLabel('Voor wie?').fill('jongeren die op straat hangen in Kuurne');
	await page.getByLabel('Wat zag de organisatie?').fill('Er is geen plek waar ze na tien uur binnen kunnen.');
	await page.getByLabel('Titel').fill('Een plek voor jongeren na tien uur');
	await page.getByRole('button', { name: 'Signaal registreren' }).click();
	await expect(page).toHaveURL(/\/staff\/signals\/\d+\?registered=1$/);
	await expect(page.getByText('Geregistreerd door Straathoekwerk Brugge, voor jongeren die op straat hangen in Kuurne.')).toBeVisible();

	// The demo duplicate was merged into 'Eenzaamheid bij ouderen …': its old link leads there.
	await open(page, '/staff/signals');
	const keep = await page.getByRole('link', { name: 'Eenzaamheid bij ouderen die slecht te been zijn' }).getAttribute('href');
	await page.goto(keep!);
	const from = await page.getByTestId('timeline').getByText(/werd hierin opgenomen/).innerText();
	const oldId = from.match(/#(\d+)/)![1];
	await page.goto(`/staff/signals/${oldId}`);
	await expect(page).toHaveURL(new RegExp(`${keep}\\?from=${oldId}$`));
});
