import { expect, test } from '@playwright/test';
import { demoCampaignId, login, open, unique } from './staff-helpers';

test('group postcards into a signal and see them as evidence on the signal page', async ({ page }) => {
	await login(page);
	const id = await demoCampaignId(page);
	await open(page, `/staff/campaigns/${id}/postcards?q=DEM-`);
	const a = page.locator('li.postcard[data-code="DEM-ABA"]');
	const b = page.locator('li.postcard[data-code="DEM-ACA"]');
	const textA = (await a.locator('p.text').textContent())!.trim();
	const textB = (await b.locator('p.text').textContent())!.trim();

	await a.getByRole('checkbox', { name: 'Select card DEM-ABA' }).check();
	await b.getByRole('checkbox', { name: 'Select card DEM-ACA' }).check();
	await expect(page.locator('.bulk')).toContainText('Selected: 2');

	// without a title nothing is made, the selection and typed summary stay
	await page.locator('.bulk summary', { hasText: 'Group into a new signal' }).click();
	await page.getByLabel('Summary').fill('Mensen vinden de weg niet naar hulp.');
	await page.getByRole('button', { name: 'Make a signal of the selected cards' }).click();
	await expect(page.locator('.bulk .field-error')).toContainText('Give the signal a title.');
	await expect(page.getByLabel('Summary')).toHaveValue('Mensen vinden de weg niet naar hulp.');
	await expect(page.locator('.bulk')).toContainText('Selected: 2');

	const title = unique('Hulp is moeilijk te vinden');
	await page.getByLabel('Title', { exact: true }).fill(title);
	// Enter in a field of the bulk form does not start some other bulk action
	await page.getByLabel('Title', { exact: true }).press('Enter');
	await page.waitForTimeout(700);
	await expect(page.locator('.bulk .alert.ok')).toHaveCount(0);
	await expect(page.locator('.bulk .field-error')).toContainText('Give the signal a title.');
	await page.locator('#s-type').selectOption('barrier');
	await page.getByRole('button', { name: 'Make a signal of the selected cards' }).click();
	const made = page.locator('.bulk .alert.ok');
	await expect(made).toContainText('Signal made with 2 cards as evidence');
	await expect(page.locator('.bulk')).toContainText('Selected: 0');
	await expect(a.locator('.backs')).toContainText(title);

	await made.getByRole('link', { name: title }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(page.locator('.meta .type')).toHaveText('Barrier');
	const evidence = page.locator('ul.evidence > li');
	await expect(evidence).toHaveCount(2);
	await expect(page.locator('li[data-code="DEM-ABA"]')).toContainText(textA);
	await expect(page.locator('li[data-code="DEM-ACA"]')).toContainText(textB);
	await expect(page.locator('li[data-code="DEM-ABA"]')).toContainText('Mo Moderator');

	// tag the signal with a goal picked from the grouped list
	await page.locator('.tag-editor summary', { hasText: 'Add tag' }).click();
	await page.locator('.tag-editor select').first().selectOption('goal');
	await page.locator('.tag-editor input[type="search"]').fill('1.2');
	await page.locator('.tag-editor select[name="tag"]').selectOption('goal:1.2');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.locator('.tag-editor .chips')).toContainText('1.2');

	// removing one piece of evidence keeps the other
	await page.locator('li[data-code="DEM-ACA"]').getByRole('button', { name: 'Remove as evidence' }).click();
	await expect(evidence).toHaveCount(1);
	await expect(page.locator('li[data-code="DEM-ABA"]')).toBeVisible();

	// the signal list shows it with its count
	await open(page, '/staff/signals?type=barrier');
	await expect(page.locator('li.card', { hasText: title })).toContainText('Evidence: 1');
});

test('bulk tagging adds a goal to every selected card and removes it again', async ({ page }) => {
	await login(page);
	const id = await demoCampaignId(page);
	await open(page, `/staff/campaigns/${id}/postcards?q=DEM-`);
	const codes = ['DEM-ADA', 'DEM-AEA', 'DEM-AFA'];
	for (const c of codes) await page.getByRole('checkbox', { name: `Select card ${c}` }).check();
	const bulk = page.locator('.bulk');
	await bulk.locator('summary', { hasText: 'Tag the selected cards' }).click();
	await bulk.locator('#bulk-kind').selectOption('action');
	await bulk.locator('#bulk-q').fill('7.1.1');
	await expect(bulk.locator('#bulk-item')).toHaveValue('action:7.1.1');
	await bulk.getByRole('button', { name: 'Add to selected' }).click();
	await expect(bulk.locator('.alert.ok')).toContainText('Tag added to the 3 selected cards');
	for (const c of codes) await expect(page.locator(`li.postcard[data-code="${c}"] .tag-editor`)).toContainText('7.1.1');
	await expect(page.locator('li.postcard[data-code="DEM-ABA"] .tag-editor')).not.toContainText('7.1.1');
	// selection stays for the next bulk step
	await expect(bulk).toContainText('Selected: 3');
	await bulk.getByRole('button', { name: 'Remove from selected' }).click();
	await expect(bulk.locator('.alert.ok')).toContainText('Tag removed from the 3 selected cards');
	for (const c of codes) await expect(page.locator(`li.postcard[data-code="${c}"] .tag-editor`)).not.toContainText('7.1.1');
});
