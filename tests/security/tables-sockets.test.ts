/**
 * One address cannot hold the server's sockets: beyond SOCKET_ADDRESS_LIMIT (default 400) open
 * connections from one client address, a new one is refused with a reason the page can show, and the
 * address gets its turn back as soon as some close.
 */
import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { useServer } from './server';
import { connect, send, LIVE } from './tables-socket';

const own = useServer('tables-sockets');

describe('sockets per address', () => {
	it('refuses the sockets beyond the limit when one address opens 1,000, and keeps serving', async () => {
		const opened: Socket[] = [];
		const refused: string[] = [];
		try {
			for (let batch = 0; batch < 10; batch++) {
				const results = await Promise.all(Array.from({ length: 100 }, () => connect(own.url)));
				for (const r of results) {
					if (r.error) {
						refused.push(r.error);
						r.socket.close();
					} else opened.push(r.socket);
				}
			}
			expect(opened.length).toBe(400);
			expect(refused.length).toBe(600);
			expect(new Set(refused)).toEqual(new Set(['too_many_connections']));
			expect(await own.alive()).toBe(true);
			// The sockets that got in work as usual.
			expect(await send(opened[0], 'table:watch', { code: LIVE })).toMatchObject({ ok: true });
			// Once some close, the address may connect again.
			for (const s of opened.splice(0, 10)) s.close();
			await new Promise((r) => setTimeout(r, 500));
			const again = await connect(own.url);
			expect(again.error).toBeNull();
			opened.push(again.socket);
		} finally {
			for (const s of opened) s.close();
		}
	});

	it('counts the address a reverse proxy names only when ADDRESS_HEADER says so', async () => {
		// Without ADDRESS_HEADER a forged X-Forwarded-For changes nothing: the peer address counts.
		await new Promise((r) => setTimeout(r, 500)); // the first test's sockets are closed
		const opened: Socket[] = [];
		try {
			for (let i = 0; i < 4; i++) {
				const results = await Promise.all(Array.from({ length: 100 }, (_, j) => connect(own.url, { 'x-forwarded-for': `10.0.${i}.${j}` })));
				for (const r of results) opened.push(r.socket);
			}
			const extra = await connect(own.url, { 'x-forwarded-for': '10.9.9.9' });
			opened.push(extra.socket);
			expect(extra.error).toBe('too_many_connections');
		} finally {
			for (const s of opened) s.close();
		}
	});
});
