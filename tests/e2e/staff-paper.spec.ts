import { expect, test } from '@playwright/test';
import { demoCampaignId, login, open, unique } from './staff-helpers';

test('print cards with fresh codes, type one in, and the same code is refused the second time', async ({ page }) => {
	await login(page);
	const id = await demoCampaignId(page);

	// print: four A6 cards on one A4 sheet, each with its own code and the QR code
	await open(page, `/staff/campaigns/${id}/print`);
	await page.getByLabel('Number of cards').fill('4');
	await page.getByLabel('Second language on the card').selectOption('fr');
	await page.getByRole('button', { name: 'Make cards with new codes' }).click();
	await expect(page).toHaveURL(/batch=\d+/);
	const cards = page.locator('.sheet .postcard');
	await expect(cards).toHaveCount(4);
	await expect(page.locator('.sheet')).toHaveCount(1);
	await expect(cards.first().locator('.qr svg')).toBeVisible();
	await expect(cards.first().locator('.question.second')).toHaveAttribute('lang', 'fr');
	const codes = await cards.locator('.code').allTextContents();
	expect(new Set(codes).size).toBe(4);
	// reloading shows the same run, not new codes
	await page.reload();
	expect(await page.locator('.sheet .postcard .code').allTextContents()).toEqual(codes);

	// transcribe the second card, typed the way people type
	await open(page, `/staff/campaigns/${id}/transcribe`);
	const code = page.getByLabel('Code on the card');
	await expect(code).toBeFocused();
	await page.getByLabel('Where was the card collected?').fill('Buurtcentrum Sint-Andries');
	await code.fill(codes[1].toLowerCase().replace('-', ' '));
	await code.press('Enter');
	const text = page.getByLabel('Text of the card (as written)');
	await expect(text).toBeFocused();
	const written = unique('Op papier: de bus naar het ziekenhuis rijdt te weinig');
	await text.fill(written);
	await page.getByLabel('The writer ticked: may be shown in public').check();
	await text.press('Control+Enter');

	await expect(page.getByRole('status').filter({ hasText: `Saved: ${codes[1]}` })).toBeVisible();
	await expect(code).toHaveValue('');
	await expect(code).toBeFocused();
	await expect(text).toHaveValue('');
	await expect(page.getByLabel('Where was the card collected?')).toHaveValue('Buurtcentrum Sint-Andries');
	await expect(page.locator('aside.recent')).toContainText(codes[1]);

	// the same code again: refused, with who typed it in, and the new text stays
	await code.fill(codes[1]);
	await code.press('Enter');
	const again = 'Dit is een tweede poging met dezelfde code';
	await text.fill(again);
	await page.getByRole('button', { name: /Save and next/ }).click();
	await expect(page.locator('#code-error')).toContainText(`Card ${codes[1]} has already been typed in`);
	await expect(page.locator('#code-error')).toContainText('Mo Moderator');
	await expect(text).toHaveValue(again);
	await expect(code).toHaveValue(codes[1]);

	// a code that was never printed for this campaign
	await code.fill('ZZZ-ZZ2');
	await page.getByRole('button', { name: /Save and next/ }).click();
	await expect(page.locator('#code-error')).toContainText('This code was not printed for this campaign');
	await expect(text).toHaveValue(again);

	// the card is in the campaign as a paper card from that place, waiting for moderation
	await open(page, `/staff/campaigns/${id}/postcards?q=${encodeURIComponent(codes[1])}`);
	const row = page.locator(`li.postcard[data-code="${codes[1]}"]`);
	await expect(row).toContainText(written);
	await expect(row).toContainText('Paper · Buurtcentrum Sint-Andries');
	await expect(row).toContainText('Waiting');
});

test('the print form refuses a count it cannot make and keeps the other choices', async ({ page }) => {
	await login(page);
	const id = await demoCampaignId(page);
	await open(page, `/staff/campaigns/${id}/print`);
	await page.locator('#format').selectOption('a6');
	await page.locator('#lang').selectOption('ar');
	// The browser's own check (max) aside, the server refuses it too.
	await page.locator('#count').evaluate((el) => el.removeAttribute('max'));
	await page.locator('#count').fill('5000');
	await page.getByRole('button', { name: 'Make cards with new codes' }).click();
	await expect(page.locator('#count-error')).toContainText('from 1 to 400');
	await expect(page.locator('#count')).toHaveValue('5000');
	await expect(page.locator('#format')).toHaveValue('a6');
	await expect(page.locator('.sheet')).toHaveCount(0);
});
