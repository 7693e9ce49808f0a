// A board survives a server crash while people edit it: what the server acknowledged ('Alles bewaard')
// is on the board after the restart even when the device that wrote it is gone, and what was written
// while the server was down arrives once the page reconnects by itself (no reload), once.
// This spec starts its OWN production server (node server.js from build/, demo data, a temporary
// database, at most 4 notes per board) so it can kill it with SIGKILL and start it again.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { useOwnServer } from './own-server';
import { makeLink, newBoard, writeNote } from './boards-helpers';
import { unique } from './staff-helpers';

const NL = { locale: 'nl-BE' };
const RECONNECT = { timeout: 30_000 };
const LIVE = { timeout: 20_000 };

test.describe.configure({ mode: 'serial' });

const own = useOwnServer('boards-restart', { BOARD_MAX_NOTES: '4' });
const base = own.base;

async function guest(browser: Browser, link: string): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ ...NL, baseURL: base(), viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	await page.goto(link);
	await expect(page.locator('[data-board-ready="true"]')).toBeVisible(LIVE);
	await page.getByRole('button', { name: 'Anoniem meedoen' }).click();
	return { context, page };
}

test('a server killed while people edit loses nothing acknowledged; offline notes arrive once after the restart', async ({ browser }) => {
	test.setTimeout(150_000);
	const staff = await newBoard(browser, unique('Herstart'), 'empty', base());
	const link = await makeLink(staff);
	const other = await guest(browser, link);

	const acknowledgedByGone = unique('Geschreven op een toestel dat weg is');
	const acknowledged = unique('Bewaard voor de crash');
	await writeNote(other.page, acknowledgedByGone);
	await writeNote(staff, acknowledged);
	await expect(other.page.locator('.save')).toHaveText('Alles bewaard', LIVE);
	await expect(staff.locator('.save')).toHaveText('Alles bewaard', LIVE);
	await expect(staff.locator('.note', { hasText: acknowledgedByGone })).toBeVisible(LIVE);

	own.server.child.kill('SIGKILL');
	await own.server.exited;
	// The device that wrote one acknowledged note leaves for good.
	await other.context.close();

	// Written while the server is down: kept on the page, said to be waiting.
	const offline = unique('Geschreven tijdens de onderbreking');
	await writeNote(staff, offline);
	await expect(staff.locator('.save')).toContainText('Geen verbinding', RECONNECT);

	await own.start();
	// The page reconnects by itself and sends what it kept.
	await expect(staff.locator('.save')).toHaveText('Alles bewaard', RECONNECT);

	// A newcomer loads the board from the server: all three notes, each once.
	const fresh = await guest(browser, link);
	for (const text of [acknowledgedByGone, acknowledged, offline]) await expect(fresh.page.locator('.note', { hasText: text })).toHaveCount(1, LIVE);
	await expect(fresh.page.locator('.note')).toHaveCount(3);
	await fresh.context.close();
	await staff.context().close();
});

test('a full board says so in words and keeps the text that did not fit', async ({ browser }) => {
	const staff = await newBoard(browser, unique('Vol bord'), 'empty', base());
	for (let i = 1; i <= 4; i++) await writeNote(staff, `Briefje ${i}`);
	await staff.getByRole('button', { name: '+ Briefje' }).click();
	const editor = staff.getByLabel('Tekst van het briefje');
	await editor.fill('Dit past er niet meer bij');
	await editor.press('Enter');
	await expect(staff.getByRole('alert')).toContainText('Het bord is vol');
	// Nothing typed is lost: the text stays in the editor.
	await expect(editor).toHaveValue('Dit past er niet meer bij');
	await expect(staff.locator('.note')).toHaveCount(4);
	await staff.context().close();
});
