/**
 * A live table under attack from its own room: a contribution flood is capped per participant
 * (TABLE_CONTRIBUTION_LIMIT, default 6 per 30 s) and per table (TABLE_CONTRIBUTION_TABLE_LIMIT, 300 a
 * minute) with nothing acknowledged lost; the facilitator locks joining (new phones refused, those in keep
 * working) and removes a participant with their contributions (gone from every screen at once, their
 * token dead, their phone told). Windows of an hour so that a burst cannot straddle two fixed windows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { DEMO, useServer } from './server';
import { LIVE, next, send, useSockets, type Reply } from './tables-socket';

const own = useServer('tables-room', { TABLE_CONTRIBUTION_LIMIT: '6/1h', TABLE_CONTRIBUTION_TABLE_LIMIT: '300/1h' });
const open = useSockets(() => own.url);

type Snap = { participantCount: number; contributions: { id: number; text: string }[] };
let fac: Socket;
let projector: Socket;
beforeAll(async () => {
	fac = await open({ cookie: await own.login(DEMO.facilitator) });
	expect(await send(fac, 'table:facilitate', { code: LIVE })).toMatchObject({ ok: true });
	projector = await open();
	expect(await send(projector, 'table:watch', { code: LIVE })).toMatchObject({ ok: true });
});
const projected = async () => (await send(projector, 'table:snapshot')).snapshot as Snap;

describe('a live table under attack from its room', () => {
	it('caps a flood of 25 scripted phones at 6 contributions each, keeping every acknowledged one', async () => {
		const phones = await Promise.all(Array.from({ length: 25 }, () => open()));
		for (const [i, p] of phones.entries()) expect(await send(p, 'table:join', { code: LIVE, name: `bot ${i}` })).toMatchObject({ ok: true });
		const replies: Reply[] = (
			await Promise.all(phones.map((p, i) => Promise.all(Array.from({ length: 8 }, (_, k) => send(p, 'table:contribute', { clientId: `flood-${i}-${k}`, text: `spam ${i}.${k}` })))))
		).flat();
		const ok = replies.filter((r) => r.ok);
		expect(ok.length).toBe(150);
		expect(new Set(replies.filter((r) => !r.ok).map((r) => r.error))).toEqual(new Set(['too_many_contributions']));
		// What was acknowledged is on the projector; what was refused is not.
		const texts = new Set((await projected()).contributions.map((c) => c.text));
		for (const r of ok) expect(texts.has((r.contribution as { text: string }).text)).toBe(true);
		expect([...texts].filter((t) => t.startsWith('spam ')).length).toBe(150);
		// A re-send of an acknowledged contribution is answered as before, not counted as new.
		expect(await send(phones[0], 'table:contribute', { clientId: 'flood-0-0', text: 'spam 0.0' })).toMatchObject({ ok: true });
		expect(await own.alive()).toBe(true);
	});

	it('refuses new phones on a locked table while those in keep working and come back', async () => {
		const inside = await open();
		const joined = await send(inside, 'table:join', { code: LIVE, name: 'Binnen' });
		expect(joined).toMatchObject({ ok: true });
		expect(await send(fac, 'table:action', { type: 'lock' })).toMatchObject({ ok: true });
		try {
			const newcomer = await open();
			expect(await send(newcomer, 'table:join', { code: LIVE, name: 'Te laat' })).toMatchObject({ ok: false, error: 'table_locked' });
			expect(await send(inside, 'table:contribute', { clientId: 'in-1', text: 'Nog een idee' })).toMatchObject({ ok: true });
			inside.close();
			const back = await open();
			expect(await send(back, 'table:join', { code: LIVE, token: joined.participantToken })).toMatchObject({ ok: true, snapshot: { table: { status: 'locked' } } });
			expect(await send(back, 'table:contribute', { clientId: 'in-2', text: 'En nog een' })).toMatchObject({ ok: true });
		} finally {
			expect(await send(fac, 'table:action', { type: 'unlock' })).toMatchObject({ ok: true });
		}
	});

	it('removes a participant with their contributions: off every screen at once, token dead, phone told', async () => {
		const troll = await open();
		const joined = await send(troll, 'table:join', { code: LIVE, name: 'Trol' });
		expect(joined).toMatchObject({ ok: true });
		const a = await send(troll, 'table:contribute', { clientId: 't-1', text: 'Iets kwetsends' });
		const b = await send(troll, 'table:contribute', { clientId: 't-2', text: 'Nog iets kwetsends' });
		expect(a.ok && b.ok).toBe(true);
		const other = await open();
		expect(await send(other, 'table:join', { code: LIVE, name: 'Buur' })).toMatchObject({ ok: true });
		const count = (await projected()).participantCount;

		const removedOnProjector = next<{ ids: number[] }>(projector, 'table:removed');
		const removedOnPhone = next<{ ids: number[] }>(other, 'table:removed');
		const told = next<{ tableId: number }>(troll, 'table:expelled');
		expect(await send(fac, 'table:action', { type: 'remove_participant', contributionId: a.contributionId })).toMatchObject({ ok: true });
		const ids = [a.contributionId, b.contributionId];
		expect((await removedOnProjector)?.ids.sort()).toEqual(ids.sort());
		expect((await removedOnPhone)?.ids.sort()).toEqual(ids.sort());
		expect(await told).not.toBeNull();

		const snap = await projected();
		expect(snap.contributions.map((c) => c.text)).not.toContain('Iets kwetsends');
		expect(snap.participantCount).toBe(count - 1);
		// The token works nowhere any more: not on this socket, not on a new one.
		expect(await send(troll, 'table:contribute', { clientId: 't-3', text: 'Toch nog' })).toMatchObject({ ok: false, error: 'participant_removed' });
		const back = await open();
		expect(await send(back, 'table:join', { code: LIVE, token: joined.participantToken })).toMatchObject({ ok: false, error: 'participant_removed' });
		// Everyone else goes on.
		expect(await send(other, 'table:contribute', { clientId: 'o-1', text: 'Gewoon verder' })).toMatchObject({ ok: true });
	});
});
