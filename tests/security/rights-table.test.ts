/**
 * A facilitator's console socket leaves the table's staff room when the session ends: after logout
 * it no longer hears what only staff hear (refetch hints, pending contributions, unrevealed results)
 * and no longer gets the staff snapshot. Before, the socket kept its staff view until it closed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { DEMO, useServer } from './server';
import { ask, connect, wait } from './rights-helpers';

const own = useServer('rights-table');
const CODE = 'TAF-234';
const sockets: Socket[] = [];
const open = async (cookie?: string) => {
	const s = await connect(own.url, cookie);
	sockets.push(s);
	return s;
};

afterEach(() => {
	for (const s of sockets.splice(0)) s.close();
});

describe('a table console loses its staff view at once', () => {
	it('after logout the console hears nothing meant for staff and gets no staff snapshot', async () => {
		const mine = await own.login(DEMO.facilitator);
		const console_ = await open(mine);
		expect((await ask(console_, 'table:facilitate', { code: CODE })).ok).toBe(true);
		const admin = await open(await own.login(DEMO.admin));
		expect((await ask(admin, 'table:facilitate', { code: CODE })).ok).toBe(true);
		let heard = 0;
		console_.on('table:changed', () => heard++);
		const told = new Promise<unknown>((resolve) => console_.on('table:access', resolve));

		const out = await fetch(`${own.url}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: mine, origin: own.url } });
		expect(out.status).toBe(303);
		await wait(1000);
		expect((await ask(admin, 'table:action', { type: 'lock' })).ok).toBe(true);
		expect((await ask(admin, 'table:action', { type: 'unlock' })).ok).toBe(true);
		await wait(300);
		expect(heard).toBe(0);
		const snap = await ask(console_, 'table:snapshot');
		expect(snap.ok ? (snap.snapshot as { staffRole?: unknown }).staffRole ?? null : null).toBeNull();
		expect((await ask(console_, 'table:action', { type: 'lock' })).ok).toBe(false);
		expect(await Promise.race([told, wait(100).then(() => null)])).toMatchObject({ error: 'signed_out' });
	});
});
