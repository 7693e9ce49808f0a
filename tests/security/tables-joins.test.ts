/**
 * Scripted joins cannot fill a table: one address gets TABLE_JOIN_ADDRESS_LIMIT new participants per
 * window (default 100 a minute; a room behind one Wi-Fi address waits its turn), a table
 * TABLE_JOIN_LIMIT (200 a minute) and TABLE_MAX_PARTICIPANTS in all. A refused phone hears why; phones
 * already in come back with their token whatever the limits. Windows of an hour here, so that a burst
 * cannot straddle two fixed windows.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { useServer } from './server';
import { connected, LIVE, send } from './tables-socket';

const own = useServer('tables-joins', { TABLE_JOIN_ADDRESS_LIMIT: '100/1h', TABLE_JOIN_LIMIT: '200/1h' });
const sockets: Socket[] = [];
afterAll(() => sockets.forEach((s) => s.close()));

describe('joins per address and per table', () => {
	it('lets 300 scripted joins from one address raise the head count by at most 100', async () => {
		const projector = await connected(own.url);
		sockets.push(projector);
		const before = await send(projector, 'table:watch', { code: LIVE });
		expect(before).toMatchObject({ ok: true });
		const startCount = (before.snapshot as { participantCount: number }).participantCount;

		// 60 sockets, 5 joins each (each join without a token makes a new participant).
		const phones = await Promise.all(Array.from({ length: 60 }, () => connected(own.url)));
		sockets.push(...phones);
		const replies = (
			await Promise.all(phones.map(async (s, i) => {
				const out = [];
				for (let k = 0; k < 5; k++) out.push(await send(s, 'table:join', { code: LIVE, name: `bot ${i}.${k}` }));
				return out;
			}))
		).flat();
		const ok = replies.filter((r) => r.ok);
		const refused = replies.filter((r) => !r.ok);
		expect(ok.length).toBe(100);
		expect(new Set(refused.map((r) => r.error))).toEqual(new Set(['too_many_joins']));

		const after = await send(projector, 'table:snapshot');
		expect((after.snapshot as { participantCount: number }).participantCount).toBe(startCount + 100);

		// A phone that joined earlier comes back with its token: not a new join, never refused.
		const back = await connected(own.url);
		sockets.push(back);
		expect(await send(back, 'table:join', { code: LIVE, token: ok[0].participantToken })).toMatchObject({ ok: true, snapshot: { viewer: 'participant' } });
		expect(await own.alive()).toBe(true);
	});
});
