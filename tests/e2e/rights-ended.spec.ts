// A right that ends while the page is open is said in words, and what was on the screen stays: a
// participant's board whose link the facilitator revokes says 'Je toegang tot dit bord is beëindigd',
// keeps the notes in view and offers no more editing.
import { expect, test } from '@playwright/test';
import { open, unique } from './staff-helpers';
import { makeLink, newBoard, writeNote } from './boards-helpers';

const PHONE = { locale: 'nl-BE', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const LIVE = { timeout: 20_000 };

test('a revoked link ends the open board with a message, and the notes stay in view', async ({ browser }) => {
	const staff = await newBoard(browser, unique('Link intrekken'));
	const link = await makeLink(staff);
	const phone = await (await browser.newContext(PHONE)).newPage();
	await open(phone, link);
	await expect(phone.locator('[data-board-ready="true"]')).toBeVisible(LIVE);
	await phone.getByRole('button', { name: 'Anoniem meedoen' }).click();
	const mine = unique('Meer bankjes langs de Reie');
	await writeNote(phone, mine);
	await expect(staff.locator('.note', { hasText: mine })).toBeVisible(LIVE);

	await staff.getByRole('button', { name: 'Intrekken' }).first().click();
	const ended = phone.getByTestId('board-access-ended');
	await expect(ended).toContainText('Je toegang tot dit bord is beëindigd', { timeout: 5000 });
	await expect(phone.locator('.note', { hasText: mine })).toBeVisible();
	await expect(phone.getByRole('button', { name: '+ Briefje' })).toHaveCount(0);
});
