/**
 * A finished table is not public: its join code (once on /wij-deden) lets no anonymous socket read its
 * contributions, names or board; only its participants (their phone's token) and staff read it, and the
 * public pages show what was published and never the code.
 */
import { describe, expect, it } from 'vitest';
import { DEMO, useServer } from './server';
import { FINISHED, LIVE, send, useSockets } from './tables-socket';

const own = useServer('tables-ended');
const open = useSockets(() => own.url);

// The demo's people at SCH-258 who gave a name.
const NAMES = ['Nadia', 'Jan', 'Karim', 'Sofie'];

describe('a finished table refuses anonymous reads', () => {
	it('refuses to watch or join SCH-258 by its code, and gives no snapshot', async () => {
		const s = await open();
		const watched = await send(s, 'table:watch', { code: FINISHED });
		expect(watched).toMatchObject({ ok: false, error: 'table_ended' });
		expect(watched.snapshot).toBeUndefined();
		expect(await send(s, 'table:join', { code: FINISHED, name: 'Nieuwsgierig' })).toMatchObject({ ok: false, error: 'table_ended' });
		expect(await send(s, 'table:join', { code: FINISHED, token: 'a'.repeat(32) })).toMatchObject({ ok: false, error: 'table_ended' });
		const snap = await send(s, 'table:snapshot');
		expect(snap.ok).toBe(false);
		expect(JSON.stringify(snap)).not.toMatch(/Nadia|Karim|Sofie/);
	});

	it('refuses its boards to a socket that only knows the code', async () => {
		const s = await open();
		const opened: number[] = [];
		for (let board = 1; board <= 40; board++) {
			const r = await send(s, 'board:open', { watch: FINISHED, board });
			if (r.ok) opened.push(board);
		}
		expect(opened).toEqual([]);
	});

	it('shows only that it has ended on the projector page', async () => {
		const html = await (await fetch(`${own.url}/present/${FINISHED}`)).text();
		expect(html).toContain('Deze tafel is afgelopen');
		expect(html).not.toContain('data-testid="joincode"');
		expect(html).not.toContain('<svg');
	});

	it('keeps the code and names off the public pages, with old links leading to the new address', async () => {
		const plan = await (await fetch(`${own.url}/wij-deden`)).text();
		expect(plan).not.toContain(FINISHED);
		const link = /href="(\/wij-deden\/tafel\/[^"]+)"/.exec(plan);
		expect(link, 'the finished table is listed').not.toBeNull();
		expect(link![1]).toMatch(/^\/wij-deden\/tafel\/\d+$/);
		const page = await (await fetch(`${own.url}${link![1]}`)).text();
		expect(page).not.toContain(FINISHED);
		for (const name of NAMES) expect(page).not.toMatch(new RegExp(`\\b${name}\\b`));
		// A link by code (in messages sent before) leads to the same page.
		const old = await fetch(`${own.url}/wij-deden/tafel/${FINISHED}`, { redirect: 'manual' });
		expect(old.status).toBe(301);
		expect(old.headers.get('location')).toBe(link![1]);
		// The live table has no public page: its code learns nothing there.
		expect((await fetch(`${own.url}/wij-deden/tafel/${LIVE}`, { redirect: 'manual' })).status).toBe(404);
	});

	it('lets a participant of a table back in after it ended, and nobody else', async () => {
		const cookie = await own.login(DEMO.facilitator);
		const fac = await open({ cookie });
		expect(await send(fac, 'table:facilitate', { code: LIVE })).toMatchObject({ ok: true });
		const phone = await open();
		const joined = await send(phone, 'table:join', { code: LIVE, name: 'Deelnemer' });
		expect(joined).toMatchObject({ ok: true });
		expect(await send(phone, 'table:contribute', { clientId: 'e-1', text: 'Meer groen op het plein' })).toMatchObject({ ok: true });
		const projector = await open();
		expect(await send(projector, 'table:watch', { code: LIVE })).toMatchObject({ ok: true });
		expect(await send(fac, 'table:action', { type: 'end' })).toMatchObject({ ok: true });

		// The projector that watched gets nothing more by asking; a new one is refused.
		expect(await send(projector, 'table:snapshot')).toMatchObject({ ok: false, error: 'table_ended' });
		const late = await open();
		expect(await send(late, 'table:watch', { code: LIVE })).toMatchObject({ ok: false, error: 'table_ended' });
		// The participant's phone, reconnecting with its token, reads its table as before.
		const back = await open();
		const again = await send(back, 'table:join', { code: LIVE, token: joined.participantToken });
		expect(again).toMatchObject({ ok: true, snapshot: { viewer: 'participant', table: { status: 'ended' } } });
		expect(JSON.stringify(again.snapshot)).toContain('Meer groen op het plein');
		// Staff still read it.
		expect(await send(fac, 'table:snapshot')).toMatchObject({ ok: true, snapshot: { viewer: 'staff' } });
		expect(await own.alive()).toBe(true);
	});
});
