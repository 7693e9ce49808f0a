import { expect, test } from '@playwright/test';
import { demoCampaignId, login, MODERATOR, open } from './staff-helpers';

test('a moderator adds a suggested tag to a postcard with one click and sees it among its tags', async ({ page }) => {
	await login(page);
	const id = await demoCampaignId(page);
	await open(page, `/staff/campaigns/${id}/postcards?q=DEM-`);
	// 'Zeer veel mensen hebben geen computer en internet…': the plan's goal on the digital divide is suggested
	const card = page.locator('li.postcard[data-code="DEM-A3A"]');
	const suggested = card.locator('.suggested');
	await expect(suggested).toContainText('Suggested from the plan');
	const goal = suggested.getByRole('button', { name: 'Add suggested tag: Goal: 6.4 We pakken de digitale kloof aan' });
	await expect(goal).toBeVisible();
	// suggestions come in the engine's order: themes, then goals, then actions
	const kinds = (await suggested.locator('button .kind').allTextContents()).map((k) => ['Theme:', 'Goal:', 'Action:'].indexOf(k));
	expect(kinds.length).toBeGreaterThan(1);
	expect(kinds).not.toContain(-1);
	expect(kinds).toEqual([...kinds].sort((a, b) => a - b));
	// what the card already has is not suggested
	const tagged = (await card.locator('.tag-editor > ul.chips > li.tag').allTextContents()).join(' ');
	expect(tagged).toContain('Access to help and services');
	await expect(suggested).not.toContainText('Access to help and services');

	await goal.click();
	await expect(card.locator('.tag-editor > ul.chips > li.tag', { hasText: '6.4 We pakken de digitale kloof aan' })).toBeVisible();
	await expect(card.locator('.tag-editor > ul.chips')).toContainText('Goal:');
	await expect(goal).toHaveCount(0);
	// it is a staff tag: it can be removed again like any other
	await expect(card.getByRole('button', { name: 'Remove tag 6.4 We pakken de digitale kloof aan' })).toBeVisible();

	// the same without JavaScript: the button posts the form, the page comes back with the tag
	const plain = await page.context().browser()!.newContext({ javaScriptEnabled: false });
	const p2 = await plain.newPage();
	await p2.goto(`/login?next=${encodeURIComponent(`/staff/campaigns/${id}/postcards?q=DEM-A3A`)}`);
	await p2.locator('#email').fill(MODERATOR.email);
	await p2.locator('#password').fill(MODERATOR.password);
	await p2.locator('form button.big').click();
	const again = p2.locator('li.postcard[data-code="DEM-A3A"]');
	const action = again.locator('.suggested button', { hasText: 'Action:' }).first();
	const name = (await action.locator('.label').textContent())!.trim();
	await action.click();
	await expect(p2.locator('li.postcard[data-code="DEM-A3A"] .tag-editor > ul.chips > li.tag', { hasText: name })).toBeVisible();
	await expect(p2.locator('li.postcard[data-code="DEM-A3A"] .suggested button', { hasText: name })).toHaveCount(0);
	await plain.close();
});

test('a signal made from a board cluster lists its notes with the board, the cluster and the author, linked to the board', async ({ page }) => {
	await login(page, '/staff/signals');
	await page.getByRole('link', { name: 'Een laptop en internet voor schoolwerk in elk gezin' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Een laptop en internet voor schoolwerk in elk gezin' })).toBeVisible();
	const notes = page.locator('ul.evidence > li[data-source="board_note"]');
	expect(await notes.count()).toBeGreaterThanOrEqual(5);
	for (const note of await notes.all()) {
		await expect(note.locator('.source')).toHaveText('Note on a board:');
		await expect(note.locator('.context a')).toHaveText('Schoolkosten — samen naar antwoorden');
		await expect(note.locator('.context a')).toHaveAttribute('href', /^\/staff\/boards\/\d+\?note=[\w-]+/);
		await expect(note.locator('.meta')).toContainText('Board');
		await expect(note.locator('.origin-cluster')).toHaveText('In the group ‘Digitale toestellen’');
		await expect(note).not.toContainText('Postcard');
	}
	const karim = notes.filter({ hasText: 'Eén laptop thuis voor vier kinderen' });
	await expect(karim.locator('.origin-author')).toHaveText('Written by Karim');

	// the link opens the board at that note
	const link = karim.locator('.context a');
	const href = (await link.getAttribute('href'))!;
	await link.click();
	await expect(page).toHaveURL(new RegExp(`${href.replace(/[?]/g, '\\?')}$`));
	await expect(page.getByRole('heading', { level: 1, name: 'Schoolkosten — samen naar antwoorden' })).toBeVisible();
});
