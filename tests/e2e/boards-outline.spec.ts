// The outline view as a full way to work on a board with the keyboard only (and what a screen reader
// hears): write a note in a cluster, edit it, give a dot, move it to another cluster, make a cluster,
// delete, undo; another person's note on the surface is announced politely. No mouse in the outline.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { open, unique } from './staff-helpers';
import { makeLink, newBoard, writeNote } from './boards-helpers';

const NL = { locale: 'nl-BE' };
const LIVE = { timeout: 20_000 };

/** Presses Tab until `target` has focus (a keyboard user walking through the page). */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 60) {
	for (let i = 0; i < max; i++) {
		if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error('could not reach the element with Tab');
}

test('the outline works with the keyboard only and announces others’ changes', async ({ browser }) => {
	test.setTimeout(90_000);
	const staff = await newBoard(browser, unique('Lijst met toetsenbord'), 'more_less');
	const link = await makeLink(staff);
	const page = await (await browser.newContext({ ...NL, viewport: { width: 1280, height: 900 } })).newPage();
	await open(page, `${link}?view=outline`);
	await expect(page.getByRole('heading', { name: /Meer van/ })).toBeVisible(LIVE);
	await page.getByRole('button', { name: 'Anoniem meedoen' }).press('Enter');

	// Write a note in 'Meer van': Tab to its field, type, Tab to the button, Enter.
	const text = unique('Meer bankjes langs de Reie');
	const field = page.getByLabel('Nieuw briefje in ‘Meer van’');
	await tabTo(page, field);
	await page.keyboard.type(text);
	await page.keyboard.press('Tab');
	await page.keyboard.press('Enter');
	const meer = page.locator('section.cluster', { has: page.getByRole('heading', { name: /Meer van/ }) });
	await expect(meer.getByText(text, { exact: true })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Briefje toegevoegd' })).toHaveCount(1);
	// The facilitator sees it on the surface, inside the cluster.
	await expect(staff.locator('.note', { hasText: text })).toBeVisible(LIVE);

	// Edit it: Tab to 'Aanpassen', Enter, change the text, Tab to 'Bewaren', Enter.
	await tabTo(page, meer.getByRole('button', { name: `Aanpassen: ${text}` }));
	await page.keyboard.press('Enter');
	await expect(page.getByLabel('Tekst van het briefje')).toBeFocused();
	await page.keyboard.press('End');
	await page.keyboard.type(' en de Dijver');
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Bewaren' })).toBeFocused();
	await page.keyboard.press('Enter');
	const edited = `${text} en de Dijver`;
	await expect(meer.getByText(edited, { exact: true })).toBeVisible();
	await expect(staff.locator('.note', { hasText: edited })).toBeVisible(LIVE);

	// A dot.
	await tabTo(page, meer.getByRole('button', { name: `Stip geven aan: ${edited}` }));
	await page.keyboard.press('Enter');
	await expect(meer.getByText('Stippen: 1')).toBeVisible();

	// Move it to 'Minder van' with the select, by keyboard.
	const select = meer.getByLabel(`Verplaatsen naar een groep: ${edited}`);
	await tabTo(page, select);
	await select.selectOption({ label: 'Minder van' });
	const minder = page.locator('section.cluster', { has: page.getByRole('heading', { name: /Minder van/ }) });
	await expect(minder.getByText(edited, { exact: true })).toBeVisible();
	await expect(meer.getByText(edited, { exact: true })).toHaveCount(0);

	// A new cluster, then delete the note and undo.
	await tabTo(page, page.getByLabel('Nieuwe groep (naam)'));
	await page.keyboard.type('Groen in de stad');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: /Groen in de stad/ })).toBeFocused();
	await tabTo(page, minder.getByRole('button', { name: `Verwijderen: ${edited}` }));
	await page.keyboard.press('Enter');
	await expect(page.getByText(edited, { exact: true })).toHaveCount(0);
	await expect(staff.locator('.note', { hasText: edited })).toHaveCount(0, LIVE);
	await tabTo(page, page.getByRole('button', { name: 'Ongedaan maken' }));
	await page.keyboard.press('Enter');
	await expect(minder.getByText(edited, { exact: true })).toBeVisible();

	// Someone else writes on the surface: the outline shows it and says so politely.
	const other = unique('Een drinkfontein aan het station');
	await writeNote(staff, other);
	await expect(page.getByText(other, { exact: true })).toBeVisible(LIVE);
	await expect(page.locator('[aria-live="polite"]')).toContainText(`Iemand anders schreef: ${other}`, LIVE);

	const results = await new AxeBuilder({ page }).analyze();
	expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
	await staff.context().close();
	await page.context().close();
});
