/**
 * Failed logins are throttled, but a stranger's failures must not lock the real owner out: each
 * 127.0.0.x address is another device to the server.
 */
import { describe, expect, it } from 'vitest';
import { DEMO, useServer } from './server';
import { loginAs, session } from './login-http';

const own = useServer('login-throttle');

describe('failed logins', () => {
	it("a stranger's wrong passwords do not lock the owner out", async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 10; i++) statuses.push((await loginAs(own.url, { email: DEMO.facilitator.email, password: `guess ${i}` }, { from: '127.0.0.2' })).status);
		// The stranger is held back after five tries...
		expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
		expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
		expect((await loginAs(own.url, DEMO.facilitator, { from: '127.0.0.2' })).status).toBe(429);
		// ...while the owner, at their own desk, logs in as usual.
		const owner = await loginAs(own.url, DEMO.facilitator, { from: '127.0.0.3' });
		expect(owner.status).toBe(303);
		expect(session(owner)).toBeTruthy();
	});

	it('a device trying many accounts is held back; others are not', async () => {
		for (let i = 0; i < 20; i++) await loginAs(own.url, { email: `guess${i}@example.org`, password: 'whatever it is' }, { from: '127.0.0.4' });
		const res = await loginAs(own.url, DEMO.moderator, { from: '127.0.0.4' });
		expect(res.status).toBe(429);
		expect(res.body).toContain('Too many failed attempts');
		expect((await loginAs(own.url, DEMO.moderator, { from: '127.0.0.5' })).status).toBe(303);
	});

	it('guessing from many addresses holds back new devices, never a device the owner used before', async () => {
		// The owner logged in before from their own laptop: it carries a 'known device' cookie.
		const before = await loginAs(own.url, DEMO.planOwner, { from: '127.0.0.6' });
		const known = before.cookies.find((c) => c.startsWith('meespraak_known='))!;
		expect(known).toBeTruthy();
		// Guesses from five addresses, five each (every one under its own address's limits): after twenty
		// failures for the account, new devices are held back.
		const statuses: number[] = [];
		for (let a = 10; a < 15; a++)
			for (let i = 0; i < 5; i++) statuses.push((await loginAs(own.url, { email: DEMO.planOwner.email, password: `guess ${a}.${i}` }, { from: `127.0.0.${a}` })).status);
		expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
		expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
		// A new device must wait, even with the right password...
		expect((await loginAs(own.url, DEMO.planOwner, { from: '127.0.0.20' })).status).toBe(429);
		// ...the owner's laptop, at home on another address, gets in.
		const owner = await loginAs(own.url, DEMO.planOwner, { from: '127.0.0.21', cookie: known });
		expect(owner.status).toBe(303);
		expect(session(owner)).toBeTruthy();
		expect(await own.alive()).toBe(true);
	});
});
