import { expect, test } from '@playwright/test';
import { login, open, sendPostcard, SLUG, unique } from './staff-helpers';

test('a new postcard appears in the queue live; publishing it updates the open public wall without reload', async ({ browser, page, request }) => {
	await login(page, '/staff/moderation');
	await expect(page.locator('.live.on')).toBeVisible();
	await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

	// a resident looks at the wall in another browser (no staff session)
	const resident = await browser.newContext();
	const wall = await resident.newPage();
	await open(wall, `/p/${SLUG}/wall`);
	await expect(wall.locator('.live:not(.off)')).toBeVisible();
	await wall.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

	const text = unique('Meer zitbanken langs de Reie, e2e');
	const code = await sendPostcard(request, text, true);

	// the queue shows it without reload, marked new
	const card = page.locator(`li.postcard[data-code="${code}"]`);
	await expect(card).toBeVisible();
	await expect(card).toContainText(text);
	await expect(card.locator('.badge.new')).toBeVisible();
	await expect(wall.getByText(text)).toHaveCount(0);

	await card.getByRole('button', { name: 'Publish' }).click();
	await expect(page.locator(`li.postcard[data-code="${code}"]`).filter({ hasText: 'Published' })).toBeVisible();
	await expect(page.locator('ul.cards').first().locator(`li[data-code="${code}"]`)).toHaveCount(0);

	// the wall got it live
	await expect(wall.getByText(text)).toBeVisible();
	expect(await wall.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

	// the log says who did it
	const done = page.locator(`li.postcard.done[data-code="${code}"]`);
	await done.locator('summary', { hasText: 'History' }).click();
	await expect(done.locator('.log li')).toContainText(['Mo Moderator · published']);

	// undo: back in the queue, and off the wall again
	await done.getByRole('button', { name: /Undo/ }).click();
	await expect(page.locator(`li.postcard:not(.done)[data-code="${code}"]`)).toBeVisible();
	await expect(wall.getByText(text)).toHaveCount(0);
	expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
	await resident.close();
});

test('rejecting needs a reason; the reason is kept in the history', async ({ page, request }) => {
	const text = unique('Een kaartje om te weigeren, e2e');
	const code = await sendPostcard(request, text, false);
	await login(page, '/staff/moderation');
	const card = page.locator(`li.postcard:not(.done)[data-code="${code}"]`);
	await expect(card).toContainText('No consent: never on the wall');
	await card.locator('summary', { hasText: 'Reject' }).click();
	const reason = card.getByLabel('Reason (kept in the history)');
	await expect(reason).toBeVisible();
	// the browser refuses an empty reason; nothing is sent
	await card.getByRole('button', { name: 'Reject card' }).click();
	await expect(card).toBeVisible();
	expect(await reason.evaluate((el: HTMLTextAreaElement) => el.validity.valueMissing)).toBe(true);

	await reason.fill('Bevat een naam van een buur');
	// another card arriving meanwhile refreshes the queue, but not what this moderator is typing
	const other = await sendPostcard(request, unique('Nog een kaartje tussendoor, e2e'));
	await expect(page.locator(`li.postcard[data-code="${other}"]`)).toBeVisible();
	await expect(reason).toHaveValue('Bevat een naam van een buur');
	await expect(reason).toBeVisible();
	await card.getByRole('button', { name: 'Reject card' }).click();
	const done = page.locator(`li.postcard.done[data-code="${code}"]`);
	await expect(done).toContainText('Rejected');
	await expect(done).toContainText('Bevat een naam van een buur');
	await done.locator('summary', { hasText: 'History' }).click();
	await expect(done.locator('.log li').last()).toContainText('Mo Moderator · rejected: “Bevat een naam van een buur”');
});

test('a card that needs care is listed first and marked', async ({ page, request }) => {
	await sendPostcard(request, unique('Gewoon kaartje, e2e'));
	const careCode = await sendPostcard(request, unique('Ik slaap buiten, ik ben dakloos sinds de winter, e2e'));
	await login(page, '/staff/moderation');
	const first = page.locator('ul.cards').first().locator('li.postcard').first();
	await expect(first).toHaveClass(/care/);
	await expect(page.locator(`li.postcard.care[data-code="${careCode}"] .care-banner`)).toContainText('homelessness');
});
