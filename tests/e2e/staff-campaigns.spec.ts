import { expect, test } from '@playwright/test';
import { login, open } from './staff-helpers';

test('a campaign form with mistakes says what is wrong next to each field and keeps everything typed', async ({ page }) => {
	await login(page);
	await open(page, '/staff/campaigns/new');
	const slugPart = Date.now().toString(36);
	await page.locator('#title_nl').fill(`Zomer in de wijk ${slugPart}`);
	// the address follows the Dutch title until it is edited
	await expect(page.locator('#slug')).toHaveValue(`zomer-in-de-wijk-${slugPart}`);
	await page.locator('#slug').fill('Zomer in de wijk!');
	await page.locator('#title_ar').fill('الصيف في الحي');
	await page.locator('#question_fr').fill('Que feriez-vous cet été ?');
	await page.locator('#opens').fill('2026-07-10');
	await page.locator('#closes').fill('2026-07-01');
	await page.locator('input[name="theme"][value="3"]').check();
	await page.locator('input[name="pictogram_3"]').fill('🏡');
	await page.getByRole('button', { name: 'Create campaign' }).click();

	await expect(page.locator('.alert.error')).toContainText('The campaign has not been saved yet');
	await expect(page.locator('#slug-error')).toContainText('lower-case letters');
	await expect(page.locator('#question_nl-error')).toContainText('Fill in the question in Dutch');
	await expect(page.locator('#dates-error')).toContainText('the last day cannot come before the first day');
	await expect(page.locator('#slug')).toHaveAttribute('aria-invalid', 'true');
	// nothing typed is lost
	await expect(page.locator('#slug')).toHaveValue('Zomer in de wijk!');
	await expect(page.locator('#title_ar')).toHaveValue('الصيف في الحي');
	await expect(page.locator('#question_fr')).toHaveValue('Que feriez-vous cet été ?');
	await expect(page.locator('#closes')).toHaveValue('2026-07-01');
	await expect(page.locator('input[name="pictogram_3"]')).toHaveValue('🏡');
	await expect(page).toHaveURL(/\/staff\/campaigns\/new/);

	await page.locator('#slug').fill(`zomer-${slugPart}`);
	await page.locator('#question_nl').fill('Wat zou jouw zomer in de wijk beter maken?');
	await page.locator('#closes').fill('2026-08-31');
	await page.getByRole('button', { name: 'Create campaign' }).click();
	await expect(page).toHaveURL(/\/staff\/campaigns\/\d+\?created=1$/);
	await expect(page.locator('.alert.ok')).toContainText('The campaign has been created');
	await expect(page.locator('#closes')).toHaveValue('2026-08-31');
	await expect(page.locator('#opens')).toHaveValue('2026-07-10');
	await expect(page.locator('input[name="pictogram_3"]')).toHaveValue('🏡');
	const nav = page.locator('nav.campaign-nav');
	for (const name of ['Postcards and tags', 'Moderation', 'Type in paper cards', 'Print cards', 'Export CSV', 'Export JSON', 'Public page', 'Wall'])
		await expect(nav.getByRole('link', { name })).toBeVisible();
	await expect(nav.getByRole('link', { name: 'Public page' })).toHaveAttribute('href', `/p/zomer-${slugPart}`);

	// the same address for a second campaign is refused
	await open(page, '/staff/campaigns/new');
	await page.locator('#title_nl').fill('Dubbel');
	await page.locator('#slug').fill(`zomer-${slugPart}`);
	await page.locator('#question_nl').fill('Vraag');
	await page.getByRole('button', { name: 'Create campaign' }).click();
	await expect(page.locator('#slug-error')).toContainText('Another campaign already uses this address');
});

test('exports: CSV with BOM and defused formulas, JSON without e-mail addresses', async ({ page, request }) => {
	const text = `=HYPERLINK("http://evil.example") e2e ${Date.now()}`;
	const res = await request.post('/api/v1/campaigns/brugge-draait-om-mensen/postcards', { data: { text, email: 'iemand@example.org' } });
	expect(res.status()).toBe(201);
	await login(page);
	const href = await (async () => {
		await open(page, '/staff/campaigns');
		return page.locator('tr', { hasText: '/p/brugge-draait-om-mensen' }).getByRole('link', { name: 'Export CSV' }).getAttribute('href');
	})();
	const csv = await page.request.get(href!);
	expect(csv.headers()['content-type']).toContain('text/csv');
	expect(csv.headers()['content-disposition']).toMatch(/attachment; filename="brugge-draait-om-mensen-postkaartjes-\d{4}-\d{2}-\d{2}\.csv"/);
	const body = await csv.body();
	expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const content = body.toString('utf8');
	expect(content).toContain('\r\n');
	expect(content).toContain(`"'=HYPERLINK(""http://evil.example"") e2e`);
	expect(content).not.toContain('iemand@example.org');
	const json = await page.request.get(href!.replace('.csv', '.json'));
	const data = await json.json();
	const card = data.postcards.find((p: { text: string }) => p.text === text);
	expect(card).toBeTruthy();
	expect(JSON.stringify(data)).not.toContain('iemand@example.org');
});
