// "After the meeting": the report of the finished demo table (SCH-258, seeded with the demo data), its
// downloads, and recommendations turned into signals that say where they came from.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { login, MODERATOR, open, unique } from './staff-helpers';

// Dutch, as staff in Bruges would see it (the browser's own language would pick English).
test.use({ locale: 'nl-BE' });

const REPORT = '/staff/tables/SCH-258/report';
const TITLE = 'Schoolkosten en gelijke kansen in het secundair';
const FACILITATOR = { email: 'begeleider@meespraak.demo', password: 'demo-begeleider-2026' };
const COUNCIL = { email: 'adviesraad@meespraak.demo', password: 'demo-adviesraad-2026' };

async function noSeriousAxe(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function download(page: Page, name: string | RegExp) {
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
	return { name: file.suggestedFilename(), text: fs.readFileSync((await file.path())!, 'utf8') };
}

test('the facilitator finds the report of the finished table, reads it, prints it and downloads it', async ({ page }) => {
	await login(page, '/staff/tables', FACILITATOR);
	const row = page.locator('tr', { hasText: TITLE });
	await expect(row).toContainText('Afgelopen');
	// the link says whose report it is (the title is there for screen readers)
	await row.getByRole('link', { name: new RegExp(`^Verslag\\s?: ${TITLE}$`) }).click();
	await expect(page).toHaveURL(/\/staff\/tables\/\d+\/report$/);
	await page.waitForLoadState('networkidle');

	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Verslag: ${TITLE}`);
	const facts = page.locator('dl.facts');
	await expect(facts).toContainText('Dialoogtafel');
	await expect(facts).toContainText('Buurtcentrum Christus-Koning');
	await expect(facts).toContainText('Fien Begeleider (begeleider)');
	await expect(facts).toContainText('Pieter Regisseur (notulist)');
	await expect(facts).toContainText('11 aangemeld, van wie 4 met een zelfgekozen naam');

	// recommendations, most dots first; the one typed for someone without a phone says so
	const recos = page.locator('ol.ranked > li');
	await expect(recos).toHaveCount(6);
	await expect(recos.first()).toContainText('Vraag de Vlaamse overheid een maximumfactuur');
	await expect(recos.first()).toContainText('Nadia');
	const dots = await recos.locator('.mark.dots').allTextContents();
	expect(dots.map((d) => Number(d.replace(/\D/g, '')))).toEqual([9, 7, 6, 4, 2, 2]);
	await expect(recos.nth(1)).toContainText('anoniem');
	await expect(recos.last()).toContainText('voor iemand zonder telefoon, ingetypt door Pieter Regisseur');
	// the signal made from one of them is shown and linked; the facilitator can turn the others into signals
	await expect(recos.nth(2)).toContainText('Onderbouwt: #1 Neutrale infoavond over de studiekeuze in het secundair');
	await expect(recos.nth(2).getByRole('link', { name: /Neutrale infoavond/ })).toHaveAttribute('href', /\/staff\/signals\/1$/);
	await expect(recos.first().getByText('Nieuw signaal hiervan maken')).toBeVisible();

	// what the room did not see is kept, marked, apart from what it saw
	const problems = page.locator('section.phase', { has: page.getByRole('heading', { name: '2. Problemen in kaart' }) });
	const apart = problems.locator('.not-shown');
	await expect(apart.getByRole('heading', { name: 'Niet getoond in de zaal' })).toBeVisible();
	await expect(apart.locator('li', { hasText: 'Die ene directeur in Sint-Andries' })).toContainText('verborgen');
	await expect(apart.locator('li', { hasText: 'Geen maximumfactuur in het middelbaar' })).toContainText(/samengevoegd met #\d+/);
	await expect(problems.locator(':scope > ul.contributions')).not.toContainText('Die ene directeur');
	await expect(problems.locator('li.highlighted').first()).toContainText('Uitgelicht');
	await expect(page.locator('section.phase', { hasText: '1. Getuigenis' })).toContainText('getuigenis, ingetypt door Fien Begeleider');
	const poll = page.locator('table.poll');
	await expect(poll.locator('tr', { hasText: 'Ja, helemaal' })).toContainText('70%');
	await expect(page.locator('section.phase', { hasText: '6. Hoe was het?' })).toContainText('Deelnemers die antwoordden: 10');

	await noSeriousAxe(page);

	// printed: no site header, no buttons, the report itself
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('header.top')).toBeHidden();
	await expect(page.locator('.toolbar')).toBeHidden();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await page.screenshot({ path: test.info().outputPath('report-print.png'), fullPage: true });
	await page.emulateMedia({ media: 'screen' });

	const csv = await download(page, 'Download als CSV (rekenblad)');
	expect(csv.name).toMatch(/^tafel-SCH-258-\d{4}-\d{2}-\d{2}\.csv$/);
	expect(csv.text.charCodeAt(0)).toBe(0xfeff);
	const lines = csv.text.slice(1).split('\r\n');
	expect(lines[0]).toBe('table_code,table_title,phase_number,phase_title,phase_kind,sub_table,row_type,contribution_id,text,author,entered_by_staff,state,merged_into,highlighted,recommendation,dots,votes,voters,signal_ids,created_at');
	expect(lines.find((l) => l.includes('Vraag de Vlaamse overheid'))).toMatch(/,Nadia,,shown,,false,true,9,,,,/);
	expect(lines.find((l) => l.includes('Die ene directeur'))).toMatch(/,,,hidden,,false,false,0,/);
	expect(lines).toContain(`SCH-258,${TITLE},6,Hoe was het?,poll_single,,poll_option,,"Ja, helemaal",,,,,,,,7,10,,`);

	const md = await download(page, 'Download als Markdown (tekst)');
	expect(md.name).toMatch(/^tafel-SCH-258-\d{4}-\d{2}-\d{2}\.md$/);
	expect(md.text).toContain(`# Verslag: ${TITLE}`);
	expect(md.text).toContain('- **Begeleiding:** Fien Begeleider (begeleider), Pieter Regisseur (notulist)');
	const recoPart = md.text.slice(md.text.indexOf('## Aanbevelingen'), md.text.indexOf('## Verloop'));
	expect(recoPart).toMatch(/^1\. Vraag de Vlaamse overheid/m);
	expect(recoPart).toContain('*Nadia · stippen: 9*');
	expect(md.text).toContain('### Niet getoond in de zaal');
	expect(md.text).toMatch(/Die ene directeur in Sint-Andries .*\s+\*anoniem · verborgen\*/);
	expect(md.text).toContain('| Ja, helemaal | 7 |');
});

test('the facilitator turns a recommendation into a signal with a tag and sees on the signal where it came from', async ({ page }) => {
	await login(page, REPORT, FACILITATOR);
	const id = (await page.locator('ol.ranked > li', { hasText: 'Geef elke school een vertrouwenspersoon' }).getAttribute('id'))!.replace('c-', '');
	const reco = page.locator(`#c-${id}`);

	// no title: nothing is made, the error stands beside the field and what was typed and picked stays
	await reco.getByText('Nieuw signaal hiervan maken').click();
	const title = reco.getByLabel('Titel', { exact: true });
	await expect(title).toHaveValue(/^Geef elke school een vertrouwenspersoon/);
	await title.fill('');
	await reco.getByLabel('Samenvatting').fill('Ouders durven geen afbetaling te vragen.');
	await expect(reco.getByLabel('Type', { exact: true })).toHaveValue('proposal');
	await expect(reco.getByRole('checkbox', { name: /Kansen voor kinderen en jongeren/ })).toBeChecked();
	await reco.getByRole('checkbox', { name: /Iedereen mee/ }).uncheck();
	// a goal from the plan, picked the way postcards are tagged; picking ticks 'also add this tag'
	await reco.locator(`#s${id}-tag-kind`).selectOption('goal');
	await reco.locator(`#s${id}-tag-q`).fill('1.4');
	await reco.locator(`#s${id}-tag-item`).selectOption('goal:1.4');
	await expect(reco.getByRole('checkbox', { name: 'Ook deze tag toevoegen:' })).toBeChecked();
	await reco.getByRole('button', { name: 'Signaal maken' }).click();
	await expect(reco.locator('.field-error')).toHaveText('Geef het signaal een titel.');
	await expect(title).toHaveAttribute('aria-invalid', 'true');
	await expect(reco.getByLabel('Samenvatting')).toHaveValue('Ouders durven geen afbetaling te vragen.');
	await expect(reco.getByRole('checkbox', { name: /Doel: 1\.4 Bruggen slaan/ })).toBeChecked();
	await expect(reco.getByRole('checkbox', { name: /Iedereen mee/ })).not.toBeChecked();
	await expect(reco.getByRole('checkbox', { name: 'Ook deze tag toevoegen:' })).not.toBeChecked();
	await expect(reco.locator('.backs')).toHaveCount(0);

	const name = unique('Vertrouwenspersoon voor schoolkosten');
	await title.fill(name);
	await reco.getByRole('button', { name: 'Signaal maken' }).click();
	const made = reco.locator('.alert.ok');
	await expect(made).toContainText('Signaal gemaakt met deze bijdrage als onderbouwing');
	await expect(reco.locator('.backs')).toContainText(name);

	await made.getByRole('link', { name: new RegExp(name) }).click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	await expect(page.locator('.meta .type')).toHaveText('Voorstel');
	await expect(page.locator('.tag-editor .chips')).toContainText('Kansen voor kinderen en jongeren');
	await expect(page.locator('.tag-editor .chips')).toContainText('1.4');
	await expect(page.locator('.tag-editor .chips')).not.toContainText('Iedereen mee');
	const evidence = page.locator('ul.evidence > li');
	await expect(evidence).toHaveCount(1);
	await expect(evidence).toContainText('Geef elke school een vertrouwenspersoon voor schoolkosten');
	await expect(evidence).toContainText('Telefoon aan tafel');
	await expect(evidence).toContainText('Fase: Aanbevelingen');
	await expect(evidence).toContainText('toegevoegd door Fien Begeleider');
	const back = evidence.getByRole('link', { name: TITLE });
	await expect(back).toHaveAttribute('href', new RegExp(`/staff/tables/\\d+/report#c-${id}$`));
	await noSeriousAxe(page);

	// and back to the report, at that recommendation, which now backs the signal
	await back.click();
	await expect(page.locator(`#c-${id}`)).toBeInViewport();
	await expect(page.locator(`#c-${id} .backs`)).toContainText(name);
});

test('a contribution is added to an existing signal, also without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'nl-BE', javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(`/login?next=${encodeURIComponent(REPORT)}`);
	await page.locator('#email').fill(MODERATOR.email);
	await page.locator('#password').fill(MODERATOR.password);
	await page.locator('form button.big').click();
	await expect(page).toHaveURL(new RegExp(`${REPORT}$`));

	const problem = page.locator('li.contribution', { hasText: 'Kinderen schamen zich als ze niet mee kunnen op uitstap' });
	const id = (await problem.getAttribute('id'))!.replace('c-', '');
	await problem.getByText('Toevoegen aan een bestaand signaal').click();
	const seeded = await problem.locator('select[name="signal"] option', { hasText: 'Neutrale infoavond' }).getAttribute('value');
	await problem.getByLabel('Signaal').selectOption(seeded!);
	await problem.getByRole('button', { name: 'Toevoegen als onderbouwing' }).click();
	await expect(page).toHaveURL(new RegExp(`#c-${id}$`));
	const again = page.locator(`#c-${id}`);
	await expect(again.locator('.alert.ok')).toContainText('Toegevoegd als onderbouwing.');
	await expect(again.locator('.backs')).toContainText('Neutrale infoavond over de studiekeuze in het secundair');

	// a new signal without a title, without scripts: the error beside the field, the typed text kept
	await again.getByText('Nieuw signaal hiervan maken').click();
	await again.getByLabel('Titel', { exact: true }).fill('  ');
	await again.getByLabel('Samenvatting').fill('Schaamte houdt kinderen thuis.');
	await again.getByRole('button', { name: 'Signaal maken' }).click();
	const after = page.locator(`#c-${id}`);
	await expect(after.locator('.field-error')).toHaveText('Geef het signaal een titel.');
	await expect(after.getByLabel('Samenvatting')).toHaveValue('Schaamte houdt kinderen thuis.');
	await after.getByLabel('Titel', { exact: true }).fill('Schaamte over schoolkosten');
	await after.getByLabel('Type', { exact: true }).selectOption('barrier');
	await after.getByRole('button', { name: 'Signaal maken' }).click();
	await expect(page.locator(`#c-${id} .alert.ok`)).toContainText('Signaal gemaakt');
	await expect(page.locator(`#c-${id} .backs`)).toContainText('Schaamte over schoolkosten');
	await context.close();
});

test('the report in Arabic reads right to left with translated labels', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ locale: 'ar', viewport: { width: 1280, height: 900 } });
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'ar', url: baseURL! }]);
	const page = await context.newPage();
	await login(page, REPORT, MODERATOR);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`تقرير: ${TITLE}`);
	await expect(page.getByRole('heading', { name: 'التوصيات' })).toBeVisible();
	await expect(page.locator('ol.ranked > li').first()).toContainText('النقاط: 9');
	await noSeriousAxe(page);
	await page.screenshot({ path: test.info().outputPath('report-ar.png') });
	await context.close();
});

test('council members and strangers cannot read a table report or its downloads', async ({ page }) => {
	await login(page, '/staff', COUNCIL);
	for (const path of [REPORT, `${REPORT}/report.csv`, `${REPORT}/report.md`]) {
		const res = await open(page, path);
		expect(res?.status(), path).toBe(403);
	}
	const missing = await open(page, '/staff/tables/ZZZ-999/report');
	expect(missing?.status()).toBe(404);
});
