// Two people on one board: a facilitator (staff, laptop) makes a board and an edit link, a participant
// opens the link on a phone; each sees the other's notes and the other's cursor, live. Then what a view
// link, an expired link and an unknown board say, and axe on the board pages.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { login, open, unique } from './staff-helpers';
import { FACILITATOR, makeLink, newBoard, writeNote } from './boards-helpers';

const NL = { locale: 'nl-BE' };
const PHONE = { ...NL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const LIVE = { timeout: 20_000 };

async function noSeriousAxe(page: Page, what: string) {
	const results = await new AxeBuilder({ page }).analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${what}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('two editors see each other’s notes and cursors live', async ({ browser }) => {
	const title = unique('Samen schrijven');
	const staff = await newBoard(browser, title);
	const link = await makeLink(staff);

	const phone = await (await browser.newContext(PHONE)).newPage();
	await open(phone, link);
	await expect(phone.locator('[data-board-ready="true"]')).toBeVisible(LIVE);
	await expect(phone.getByRole('heading', { name: title })).toBeVisible();
	await phone.getByLabel('Je naam (mag leeg blijven)').fill('Anna');
	await phone.getByRole('button', { name: 'Zo heet ik' }).click();

	const fromPhone = unique('Te weinig banken in het park');
	const fromStaff = unique('Meer schaduw op het speelplein');
	await writeNote(phone, fromPhone);
	await writeNote(staff, fromStaff);
	await expect(staff.locator('.note', { hasText: fromPhone })).toBeVisible(LIVE);
	await expect(phone.locator('.note', { hasText: fromStaff })).toBeVisible(LIVE);
	// The author's name is on the note, for everyone.
	await expect(staff.locator('.note', { hasText: fromPhone }).locator('.author')).toHaveText('Anna');

	// Who else is here, and where their cursor is.
	await expect(staff.locator('.peers li', { hasText: 'Anna' })).toBeVisible(LIVE);
	const surface = staff.locator('.viewport');
	const box = (await surface.boundingBox())!;
	await staff.mouse.move(box.x + 200, box.y + 150);
	await staff.mouse.move(box.x + 260, box.y + 190, { steps: 5 });
	await expect(phone.locator('.cursor .cursor-name', { hasText: 'Fien Begeleider' })).toBeVisible(LIVE);

	// A change on one device is saved and shown as saved.
	await expect(staff.locator('.save')).toHaveText('Alles bewaard', LIVE);
	await expect(phone.locator('.save')).toHaveText('Alles bewaard', LIVE);

	await noSeriousAxe(staff, 'staff board');
	await noSeriousAxe(phone, 'phone board');
	await staff.context().close();
	await phone.context().close();
});

test('a view link shows the board and offers no editing; a note deleted by the editor goes for the viewer too', async ({ browser }) => {
	const staff = await newBoard(browser, unique('Alleen kijken'));
	const text = unique('Wachtlijst kinderopvang');
	await writeNote(staff, text);
	const link = await makeLink(staff, 'view');
	const viewer = await (await browser.newContext({ ...NL, viewport: { width: 1280, height: 800 } })).newPage();
	await open(viewer, link);
	await expect(viewer.locator('.note', { hasText: text })).toBeVisible(LIVE);
	await expect(viewer.getByText('Alleen bekijken')).toBeVisible();
	await expect(viewer.getByRole('button', { name: '+ Briefje' })).toHaveCount(0);
	await expect(viewer.getByLabel('Je naam (mag leeg blijven)')).toHaveCount(0);
	// Double-clicking the surface writes nothing for a viewer.
	await viewer.locator('.viewport').dblclick({ position: { x: 500, y: 300 } });
	await expect(viewer.getByLabel('Tekst van het briefje')).toHaveCount(0);
	// The editor deletes the note with the keyboard; the viewer sees it go.
	await staff.locator('.note', { hasText: text }).click();
	await staff.keyboard.press('Delete');
	await expect(viewer.locator('.note', { hasText: text })).toHaveCount(0, LIVE);
	await staff.keyboard.press('Control+z');
	await expect(viewer.locator('.note', { hasText: text })).toBeVisible(LIVE);
	await staff.context().close();
	await viewer.context().close();
});

test('an unknown link and an unknown board are explained in the reader’s language', async ({ browser, baseURL }) => {
	const nl = await (await browser.newContext(NL)).newPage();
	await open(nl, '/b/abcdefghijklmnopqrstuvwxyz234567');
	await expect(nl.getByRole('alert')).toContainText('Deze link werkt niet');
	await noSeriousAxe(nl, 'unknown link');

	const en = await (await browser.newContext({ locale: 'en-GB' })).newPage();
	await en.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: baseURL! }]);
	await open(en, '/b/abcdefghijklmnopqrstuvwxyz234567');
	await expect(en.getByRole('alert')).not.toContainText('Deze link werkt niet');
	await expect(en.getByRole('alert')).toContainText(/link/i);

	const staff = await (await browser.newContext(NL)).newPage();
	await login(staff, '/staff/boards', FACILITATOR);
	const res = await staff.goto('/staff/boards/999999');
	expect(res?.status()).toBe(404);
	await nl.context().close();
	await en.context().close();
	await staff.context().close();
});

test('an expired link says so and tells what to do; the board itself is untouched', async ({ browser }) => {
	// The link is made through the page and then aged in the server's own database (the config's path).
	test.skip(!!process.env.E2E_BASE_URL, 'needs the database of the server this config starts');
	const staff = await newBoard(browser, unique('Verlopen link'));
	const text = unique('Blijft op het bord');
	await writeNote(staff, text);
	const link = await makeLink(staff, 'edit');
	const dbFile = `${process.env.E2E_DB_DIR || `/tmp/meespraak-e2e-${process.env.E2E_PORT || 4173}`}/e2e.db`;
	const db = new Database(dbFile, { fileMustExist: true });
	db.pragma('busy_timeout = 5000');
	db.prepare('update board_links set expires_at = ? where id = (select max(id) from board_links)').run(Date.now() - 60_000);
	db.close();
	const guest = await (await browser.newContext(NL)).newPage();
	await open(guest, link);
	await expect(guest.getByRole('alert')).toHaveText('Deze link is verlopen. Vraag de begeleider om een nieuwe link.');
	await expect(guest.locator('.note')).toHaveCount(0);
	await staff.reload();
	await expect(staff.locator('.note', { hasText: text })).toBeVisible(LIVE);
	await staff.context().close();
	await guest.context().close();
});

test('in Arabic the board reads right to left and a new note is on the screen', async ({ browser, baseURL }) => {
	const staff = await newBoard(browser, unique('لوحة'));
	const link = await makeLink(staff);
	const context = await browser.newContext({ locale: 'ar', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'ar', url: baseURL! }]);
	const phone = await context.newPage();
	await open(phone, link);
	await expect(phone.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(phone.locator('[data-board-ready="true"]')).toBeVisible({ timeout: 20_000 });
	await phone.locator('.name button.secondary').click();
	await phone.locator('.bar button').first().click();
	const text = unique('مزيد من المقاعد في الحديقة');
	await phone.locator('#board-note-editor').fill(text);
	await phone.locator('#board-note-editor').press('Enter');
	const note = phone.locator('.note', { hasText: text });
	await expect(note).toBeVisible();
	const box = (await note.boundingBox())!;
	const surface = (await phone.locator('.viewport').boundingBox())!;
	expect(box.x).toBeGreaterThanOrEqual(surface.x - 1);
	expect(box.x + box.width).toBeLessThanOrEqual(surface.x + surface.width + 1);
	await expect(staff.locator('.note', { hasText: text })).toBeVisible({ timeout: 20_000 });
	await noSeriousAxe(phone, 'Arabic board');
	await context.close();
	await staff.context().close();
});

test('the projector follows the facilitator’s view', async ({ browser }) => {
	const staff = await newBoard(browser, unique('Volgen'), 'more_less');
	const link = await makeLink(staff, 'view');
	const projector = await (await browser.newContext({ locale: 'nl-BE', viewport: { width: 1280, height: 720 } })).newPage();
	await open(projector, `${link}?present=1`);
	await expect(projector.locator('[data-board-ready="true"]')).toBeVisible({ timeout: 20_000 });
	const scale = async (page: Page) => Number(/scale\(([\d.]+)\)/.exec((await page.locator('.layer').getAttribute('style')) ?? '')?.[1]);
	// The facilitator zooms in on the 'Minder van' cluster; the projector shows the same part of the board.
	await staff.locator('.viewport').focus();
	for (let i = 0; i < 4; i++) await staff.keyboard.press('+');
	await expect.poll(async () => Math.abs((await scale(projector)) / (await scale(staff)) - 1280 / 918), { timeout: 20_000 }).toBeLessThan(0.35);
	await expect(projector.locator('.viewport')).toHaveClass(/following/);
	await projector.context().close();
	await staff.context().close();
});
