/**
 * A login with an unknown email must take as long as one with a known email and a wrong password, or
 * the answer time tells an attacker which staff accounts exist.
 */
import { describe, expect, it } from 'vitest';
import { DEMO, useServer } from './server';
import { loginAs } from './login-http';

// The limits are off here: the test makes many failures on purpose, from one address.
const own = useServer('login-timing', { LOGIN_RATE_LIMIT: 'off', LOGIN_ADDRESS_RATE_LIMIT: 'off', LOGIN_ACCOUNT_RATE_LIMIT: 'off' });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('login answer time', () => {
	it('is the same for unknown emails and known ones with a wrong password', async () => {
		const known: number[] = [];
		const unknown: number[] = [];
		for (let i = 0; i < 3; i++) {
			await loginAs(own.url, { email: DEMO.admin.email, password: `warm-up ${i}` });
			await loginAs(own.url, { email: `warm-up-${i}@example.org`, password: `warm-up ${i}` });
		}
		for (let i = 0; i < 15; i++) {
			const a = await loginAs(own.url, { email: DEMO.admin.email, password: `wrong password ${i}` });
			const b = await loginAs(own.url, { email: `nobody-${i}@example.org`, password: `wrong password ${i}` });
			expect(a.status).toBe(400);
			expect(b.status).toBe(400);
			known.push(a.ms);
			unknown.push(b.ms);
		}
		const k = median(known);
		const u = median(unknown);
		console.log(`login medians: known email ${k.toFixed(1)} ms, unknown email ${u.toFixed(1)} ms`);
		// argon2 takes tens of ms; without the dummy hash an unknown email answered in a few.
		expect(u).toBeGreaterThan(k * 0.5);
		expect(u).toBeLessThan(k * 2);
		expect(await own.alive()).toBe(true);
	});
});
