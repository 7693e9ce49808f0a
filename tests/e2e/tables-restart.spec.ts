// A live dialogue table survives a server crash in the middle of a meeting (the issue: "a server restart in
// the middle of a meeting loses nothing that was acknowledged, and screens and phones reconnect on their own").
// This spec starts its OWN production server (node server.js from build/, demo data, a temporary database),
// so it can kill it with SIGKILL (no graceful shutdown) and start it again on the same port and database.
// One projector, one facilitator console and three phones, each in its own browser context; no page is
// reloaded after the crash. Before it, one phone's answer is lost while the server hangs (SIGSTOP), so that
// phone sends the same contribution again on the live connection, and the server keeps one copy.
// Afterwards the phones put dots on the ideas and the projector and console count them.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { useOwnServer } from './own-server';
import { login } from './staff-helpers';

const CODE = 'TAF-234'; // the demo table, seeded on 'Problemen in kaart' (an open question)
const FACILITATOR = { email: 'begeleider@meespraak.demo', password: 'demo-begeleider-2026' };
const NL = { locale: 'nl-BE' };
const PHONE = { ...NL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
// socket.io reconnects with a backoff of up to 5 s (± 50 %), and CI is a slow 2-core machine.
const RECONNECT = { timeout: 30_000 };
const LIVE = { timeout: 20_000 };

async function noSeriousAxe(page: Page, what: string) {
	const results = await new AxeBuilder({ page }).analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${what}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

// One server for this file: the first test kills and restarts it, the second reads what the first left.
test.describe.configure({ mode: 'serial' });

const own = useOwnServer('tables-restart');
const base = own.base;
const start = () => own.start();
/** Reads the server's own database (read-only, and only while the server runs, so crash recovery is the server's). */
const db = <T>(sql: string, ...params: unknown[]): T => {
	const conn = new Database(own.temp.file, { readonly: true, fileMustExist: true });
	try {
		return conn.prepare(sql).get(...params) as T;
	} finally {
		conn.close();
	}
};
const stored = (text: string) => db<{ n: number }>('select count(*) as n from table_contributions where text = ?', text).n;
const TABLE_ID = 'select id from dialogue_tables where code = ?';

async function openConsole(browser: Browser): Promise<Page> {
	const page = await (await browser.newContext({ ...NL, baseURL: base(), viewport: { width: 1280, height: 900 } })).newPage();
	await login(page, '/staff/tables', FACILITATOR);
	await page.locator('tr', { hasText: CODE }).getByRole('link', { name: 'Console', exact: true }).click();
	await expect(page).toHaveURL(/\/staff\/tables\/\d+$/);
	await page.waitForLoadState('networkidle');
	await expect(page.getByText('Live verbonden')).toBeVisible(LIVE);
	return page;
}

// What the phones send; the second test looks for them again.
const stamp = Date.now().toString(36);
const acknowledged = [
	`Te weinig plaatsen in de kinderopvang ${stamp}`,
	`Het zwembad is te duur voor grote gezinnen ${stamp}`,
	`Geen veilige fietsroute naar school ${stamp}`
];
const unanswered = `Te weinig speelpleinen in de wijk ${stamp}`; // stored, but the phone never heard so
const queued = `Wachtlijsten bij de jeugdhulp zijn te lang ${stamp}`; // written while the server is down

test('a server killed mid-meeting loses nothing acknowledged; every page reconnects by itself', async ({ browser }) => {
	test.setTimeout(150_000);
	const contexts: BrowserContext[] = [];
	const context = async (o: Parameters<Browser['newContext']>[0]) => {
		const c = await browser.newContext({ ...o, baseURL: base() });
		contexts.push(c);
		return c;
	};
	try {
		// The projector: public, no login.
		const projector = await (await context({ ...NL, viewport: { width: 1280, height: 720 } })).newPage();
		await projector.goto(`/present/${CODE}`);
		await expect(projector.getByTestId('prompt')).toHaveText('Welke problemen herken je?', LIVE);
		const wall = projector.getByTestId('wall');

		// The facilitator's console for the demo table.
		const facilitator = await openConsole(browser);
		contexts.push(facilitator.context());
		await expect(facilitator.getByTestId('current-phase')).toHaveText('Problemen in kaart');

		// Three phones join by code, each in its own context.
		const phones: Page[] = [];
		for (const name of ['Amina', 'Bram', 'Chloé']) {
			const page = await (await context(PHONE)).newPage();
			await page.goto(`/t/${CODE}`);
			await page.waitForLoadState('networkidle');
			await page.locator('#name').fill(name);
			await page.getByRole('button', { name: 'Meedoen' }).click();
			await expect(page.getByTestId('prompt')).toHaveText('Welke problemen herken je?', LIVE);
			await expect(page.locator('.top [role=status]')).toHaveText('Verbonden', LIVE);
			phones.push(page);
		}
		const [amina, bram, chloe] = phones;
		await expect(projector.getByTestId('participants')).toHaveText('Deelnemers: 3', LIVE);
		await expect(facilitator.getByText('Deelnemers: 3')).toBeVisible(LIVE);

		// Each phone contributes; each is acknowledged ('Verstuurd') and appears on the projector and the console.
		for (const [i, page] of phones.entries()) {
			await page.locator('#text').fill(acknowledged[i]);
			await page.getByRole('button', { name: 'Versturen' }).click();
			await expect(page.getByTestId('notice')).toHaveText('Verstuurd. Dank je!', LIVE);
		}
		for (const text of acknowledged) {
			await expect(wall.getByText(text)).toHaveCount(1, LIVE);
			await expect(facilitator.getByTestId('contribution').filter({ hasText: text })).toHaveCount(1, LIVE);
		}
		// The facilitator highlights one: an acknowledged change of state, not only a new row.
		const first = facilitator.getByTestId('contribution').filter({ hasText: acknowledged[0] });
		await first.getByRole('button', { name: 'Uitlichten' }).click();
		await expect(facilitator.getByTestId('console-message')).toHaveText('Gedaan.', LIVE);
		await expect(first.getByText('uitgelicht')).toBeVisible(LIVE);
		await expect(wall.locator('li.hl')).toHaveText(new RegExp(acknowledged[0]), LIVE);

		// The server hangs (SIGSTOP) while Chloé sends: no answer within the phone's 10 s, so the phone keeps it
		// in its outbox. Then the server wakes up and stores it, and its answer goes nowhere. After the crash
		// below the phone sends it again (same client id): the server must keep it once.
		const pid = own.server.child.pid!;
		process.kill(pid, 'SIGSTOP');
		try {
			await chloe.locator('#text').fill(unanswered);
			await chloe.getByRole('button', { name: 'Versturen' }).click();
			// ACK_TIMEOUT in src/lib/tables/client.svelte.ts is 10 s; socket.io only drops a silent server after 45 s.
			await expect(chloe.getByTestId('notice')).toHaveText('Bewaard. We sturen het zodra er weer verbinding is.', { timeout: 25_000 });
			await expect(chloe.getByTestId('queued')).toHaveText('Wacht om verstuurd te worden: 1');
		} finally {
			process.kill(pid, 'SIGCONT');
		}
		await expect(wall.getByText(unanswered)).toHaveCount(1, LIVE);
		expect(stored(unanswered)).toBe(1);
		// The connection never dropped, so no reconnect sends it again: the phone retries on its own, the server
		// answers the re-send with the stored contribution, and the phone stops waiting. Still one copy.
		await expect(chloe.getByTestId('queued')).toHaveCount(0, RECONNECT);
		await expect(chloe.getByTestId('notice')).toHaveText('Verstuurd. Dank je!');
		await expect(chloe.locator('.mine-list .pending')).toHaveCount(0);
		await expect(wall.getByText(unanswered)).toHaveCount(1);
		expect(stored(unanswered)).toBe(1);

		// kill -9: no graceful shutdown, no chance to flush anything that was not already on disk.
		const crashed = own.server;
		crashed.child.kill('SIGKILL');
		expect((await crashed.exited).signal).toBe('SIGKILL');

		// Every page notices by itself.
		for (const page of phones) await expect(page.locator('.top [role=status]')).toHaveText(/Geen verbinding/, RECONNECT);
		await expect(projector.locator('header.bar [role=status]')).toBeVisible(RECONNECT);
		await expect(facilitator.getByText('Verbinding verbroken')).toBeVisible(RECONNECT);

		// While the server is down, Bram writes and sends: it waits in the outbox, and the phone says so.
		await bram.locator('#text').fill(queued);
		await bram.getByRole('button', { name: 'Versturen' }).click();
		await expect(bram.getByTestId('notice')).toHaveText('Bewaard. We sturen het zodra er weer verbinding is.');
		await expect(bram.getByTestId('queued')).toHaveText('Wacht om verstuurd te worden: 1');
		await expect(bram.locator('.mine-list .pending')).toContainText(queued);
		expect(await bram.evaluate((k) => localStorage.getItem(k), `meespraak:table:${CODE}:outbox`)).toContain(queued);
		await noSeriousAxe(bram, 'phone, offline with a queued contribution');
		await noSeriousAxe(projector, 'projector, offline');

		// Start again on the same port and database. No page is reloaded from here on.
		await start();

		for (const page of phones) await expect(page.locator('.top [role=status]')).toHaveText('Verbonden', RECONNECT);
		await expect(projector.locator('header.bar [role=status]')).toHaveCount(0, RECONNECT);
		await expect(facilitator.getByText('Live verbonden')).toBeVisible(RECONNECT);

		// The queued contributions are sent by themselves: each arrives once.
		for (const page of [bram, chloe]) {
			await expect(page.getByTestId('queued')).toHaveCount(0, RECONNECT);
			await expect(page.getByTestId('notice')).toHaveText('Verstuurd. Dank je!');
		}
		await expect(wall.getByText(queued)).toHaveCount(1, RECONNECT);
		await expect(facilitator.getByTestId('contribution').filter({ hasText: queued })).toHaveCount(1, RECONNECT);

		// Nothing acknowledged is lost, nothing is doubled: on the projector, the console and in the database.
		// (A late re-send would show up after a moment, so look again after one.)
		await projector.waitForTimeout(1500);
		for (const text of [...acknowledged, unanswered, queued]) {
			await expect(wall.getByText(text)).toHaveCount(1);
			await expect(facilitator.getByTestId('contribution').filter({ hasText: text })).toHaveCount(1);
			expect(stored(text), text).toBe(1);
		}
		await expect(wall.locator('li')).toHaveCount(5);
		await expect(facilitator.getByTestId('contribution')).toHaveCount(5);
		await expect(wall.locator('li.hl')).toHaveText(new RegExp(acknowledged[0]));
		await expect(first.getByText('uitgelicht')).toBeVisible();
		// The phones came back as the same participants (their token), not as new ones.
		await expect(projector.getByTestId('participants')).toHaveText('Deelnemers: 3');
		await expect(facilitator.getByText('Deelnemers: 3')).toBeVisible();
		expect(db<{ n: number }>(`select count(*) as n from table_participants where table_id = (${TABLE_ID})`, CODE).n).toBe(3);
		for (const page of [bram, chloe]) await expect(page.locator('.mine-list li')).toHaveCount(2); // no ⏳ left, nothing twice
		await noSeriousAxe(projector, 'projector with live contributions');

		// The facilitator advances the phase: the projector and all phones follow.
		const advance = async (title: string, prompt: string) => {
			await facilitator.getByRole('button', { name: 'Volgende fase' }).click();
			await expect(facilitator.getByTestId('current-phase')).toHaveText(title, LIVE);
			await expect(projector.getByTestId('prompt')).toHaveText(prompt, LIVE);
			for (const page of phones) await expect(page.getByRole('heading', { name: title })).toBeVisible(LIVE);
		};
		await advance('Samen naar antwoorden', 'Wat zou helpen? Wie kan wat doen?');
		await advance('Aanbevelingen', 'Welke aanbeveling geven we aan het beleid of aan organisaties?');
		await advance('Stemmen', 'Welke aanbevelingen zijn voor jou het belangrijkst?');

		// Dot voting after the restart: 3 dots each; every idea from before the crash is on every phone.
		const dot = async (page: Page, text: string, left: number) => {
			await page.getByRole('button', { name: `Stip erbij: ${text}` }).click();
			await expect(page.getByTestId('budget')).toHaveText(`Stippen over: ${left} van 3`, LIVE);
		};
		for (const page of phones) {
			await expect(page.getByTestId('budget')).toHaveText('Stippen over: 3 van 3', LIVE);
			await expect(page.locator('.idea')).toHaveCount(5);
		}
		await dot(amina, acknowledged[0], 2);
		await dot(amina, acknowledged[0], 1);
		await dot(bram, acknowledged[0], 2);
		await dot(bram, queued, 1);
		await dot(chloe, queued, 2);
		await dot(chloe, acknowledged[2], 1);
		await facilitator.getByRole('button', { name: 'Resultaten tonen' }).click();
		await expect(facilitator.getByRole('button', { name: 'Resultaten verbergen' })).toBeVisible(LIVE);
		const bar = (text: string) => projector.locator('ol.bars li').filter({ hasText: text }).locator('.num');
		await expect(bar(acknowledged[0])).toHaveText('3', LIVE);
		await expect(bar(queued)).toHaveText('2');
		await expect(bar(acknowledged[2])).toHaveText('1');
		await expect(bar(acknowledged[1])).toHaveCount(0); // no dots, no bar
		await expect(bar(unanswered)).toHaveCount(0);
		expect(db<{ n: number }>(`select coalesce(sum(count), 0) as n from table_votes where phase_id in (select id from table_phases where table_id = (${TABLE_ID}))`, CODE).n).toBe(6);
		await noSeriousAxe(projector, 'projector with dot results');
		await noSeriousAxe(amina, 'phone voting');
	} finally {
		for (const c of contexts) await c.close().catch(() => {});
	}
});

// The console shows the dots each idea got in the voting phase (ideas are written in an earlier phase).
test('the console shows the dots each idea got', async ({ browser }) => {
	const page = await openConsole(browser);
	try {
		await expect(page.getByTestId('current-phase')).toHaveText('Stemmen');
		await expect(page.getByTestId('contribution').filter({ hasText: acknowledged[0] })).toContainText('3 stemmen', { timeout: 2_000 });
		await expect(page.getByTestId('contribution').filter({ hasText: queued })).toContainText('2 stemmen', { timeout: 1_000 });
	} finally {
		await page.context().close();
	}
});
