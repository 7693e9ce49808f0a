/**
 * After login the page sends people on to `next`; a crafted `next` must never lead off the site
 * (a phishing page that looks like the login's continuation).
 */
import { describe, expect, it } from 'vitest';
import { DEMO, useServer } from './server';
import { loginAs, send, session } from './login-http';

const own = useServer('login-redirect');

// Raw query values, as an attacker would put them in a link (so both plain and encoded forms).
const CRAFTED = [
	'/%5Cevil.example',
	'/\\evil.example',
	'%2F%2Fevil.example',
	'//evil.example',
	'///evil.example',
	'/%5C%5Cevil.example',
	'%5C%5Cevil.example',
	'https:evil.example',
	'https%3Aevil.example',
	'https://evil.example',
	'http:%2F%2Fevil.example',
	'%2F%09%2Fevil.example',
	'%2F%0A%2Fevil.example',
	'%2F%0D%2Fevil.example',
	'%09%2F%2Fevil.example',
	'%20%2F%2Fevil.example',
	'%2F%E3%80%80%2Fevil.example',
	'%2F%00%2Fevil.example',
	'%2F%5C%09evil.example',
	'javascript:alert(1)',
	'%252F%252Fevil.example',
	'/.%5Cevil.example',
	'%2F%2F%2F%2Fevil.example%2F%2E%2E',
	'//evil.example@127.0.0.1',
	'/%2F%2Fevil.example'
];

function stays(location: string | null): boolean {
	if (!location) return false;
	// Read the way a browser reads a Location header: relative to the page that answered.
	return new URL(location, `${own.url}/login`).origin === own.url;
}

describe('after login, only this site', () => {
	it('never redirects off-site, whatever `next` says', async () => {
		const offsite: string[] = [];
		for (const next of CRAFTED) {
			const res = await loginAs(own.url, DEMO.moderator, { next });
			expect(session(res), next).toBeTruthy();
			expect(res.status, next).toBe(303);
			if (!stays(res.location)) offsite.push(`${next} → ${res.location}`);
		}
		expect(offsite).toEqual([]);
	});

	it('also not when someone already logged in opens such a link', async () => {
		const cookie = session(await loginAs(own.url, DEMO.moderator))!;
		const offsite: string[] = [];
		for (const next of CRAFTED) {
			const res = await send(own.url, `/login?next=${next}`, { cookie });
			if (res.status >= 300 && res.status < 400 && !stays(res.location)) offsite.push(`${next} → ${res.location}`);
		}
		expect(offsite).toEqual([]);
	});

	it('still goes where the person wanted on this site', async () => {
		const res = await loginAs(own.url, DEMO.moderator, { next: encodeURIComponent('/staff/moderation?status=new') });
		expect(res.location).toBe('/staff/moderation?status=new');
		expect((await loginAs(own.url, DEMO.moderator)).location).toBe('/staff');
		expect(await own.alive()).toBe(true);
	});
});
