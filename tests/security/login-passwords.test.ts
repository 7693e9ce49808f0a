/**
 * Weak passwords are refused wherever one is set, staff change their own (other sessions end), and an
 * admin's reset link works once and ends the person's sessions.
 */
import { describe, expect, it } from 'vitest';
import en from '../../messages/security-login/en.json';
import { DEMO, useServer } from './server';
import { loginAs, send, session } from './login-http';

const own = useServer('login-passwords');
const STRONG = 'tram drie naar sint-kruis';
const STRONGER = 'de zwanen op het minnewater';

async function admin() {
	return session(await loginAs(own.url, DEMO.admin))!;
}

async function invite(cookie: string, email: string, name: string): Promise<string> {
	const res = await send(own.url, '/staff/admin?/create', { cookie, form: { name, email, roles: 'moderator', access: 'invite' } });
	expect(res.status).toBe(200);
	return new URL(/https?:\/\/[^"\s]+\/invite\/[a-z0-9]+/.exec(res.body)![0]).pathname;
}

/** Whether a page (or the staff home behind it) opens with this session. */
async function loggedIn(cookie: string): Promise<boolean> {
	return (await send(own.url, '/staff', { cookie })).status === 200;
}

describe('passwords', () => {
	it('an invitation refuses common and personal passwords with a sentence, then accepts a good one once', async () => {
		const link = await invite(await admin(), 'ilse.peeters@example.org', 'Ilse Peeters');
		for (const weak of ['password2026', 'Welkom123!', 'meespraak2026', '1234567890', 'ilse.peeters-1']) {
			const res = await send(own.url, link, { form: { password: weak, passwordAgain: weak } });
			expect(res.status, weak).toBe(400);
			expect(res.body, weak).toMatch(new RegExp(`${en.secl_password_common.slice(0, 30)}|${en.secl_password_personal.slice(0, 30)}`));
			expect(session(res)).toBeNull();
		}
		expect((await send(own.url, link, { form: { password: 'short', passwordAgain: 'short' } })).status).toBe(400);
		const ok = await send(own.url, link, { form: { password: STRONG, passwordAgain: STRONG } });
		expect(ok.status).toBe(303);
		expect(session(ok)).toBeTruthy();
		expect((await send(own.url, link, { form: { password: STRONGER, passwordAgain: STRONGER } })).status).toBe(410);
		expect((await loginAs(own.url, { email: 'ilse.peeters@example.org', password: STRONG })).status).toBe(303);
	});

	it('an admin cannot give a new account a common first password; what was typed stays in the form', async () => {
		const res = await send(own.url, '/staff/admin?/create', {
			cookie: await admin(),
			form: { name: 'Jan Janssens', email: 'jan@example.org', roles: 'moderator', access: 'password', password: 'azertyuiop1' }
		});
		expect(res.status).toBe(400);
		expect(res.body).toContain(en.secl_password_common.slice(0, 30));
		expect(res.body).toContain('value="Jan Janssens"');
		expect((await loginAs(own.url, { email: 'jan@example.org', password: 'azertyuiop1' })).status).toBe(400);
	});

	it('staff change their own password: the current one is asked, weak ones are refused, other sessions end', async () => {
		const link = await invite(await admin(), 'noor@example.org', 'Noor');
		const here = session(await send(own.url, link, { form: { password: STRONG, passwordAgain: STRONG } }))!;
		const there = session(await loginAs(own.url, { email: 'noor@example.org', password: STRONG }, { from: '127.0.0.9' }))!;
		const change = (form: Record<string, string>) => send(own.url, '/staff/account?/password', { cookie: here, form });
		expect((await change({ current: 'not my password', password: STRONGER, passwordAgain: STRONGER })).body).toContain(en.secl_current_wrong);
		const weak = await change({ current: STRONG, password: 'qwerty123456', passwordAgain: 'qwerty123456' });
		expect(weak.status).toBe(400);
		expect(weak.body).toContain(en.secl_password_common.slice(0, 30));
		expect(await loggedIn(there)).toBe(true);
		const done = await change({ current: STRONG, password: STRONGER, passwordAgain: STRONGER });
		expect(done.status).toBe(200);
		expect(done.body).toContain(en.secl_change_done);
		expect(await loggedIn(here)).toBe(true);
		expect(await loggedIn(there)).toBe(false);
		expect((await loginAs(own.url, { email: 'noor@example.org', password: STRONG }, { from: '127.0.0.10' })).status).toBe(400);
		expect((await loginAs(own.url, { email: 'noor@example.org', password: STRONGER }, { from: '127.0.0.10' })).status).toBe(303);
	});

	it("an admin's reset link works once and ends the person's sessions", async () => {
		const cookie = await admin();
		const link = await invite(cookie, 'pieter@example.org', 'Pieter');
		const old = session(await send(own.url, link, { form: { password: STRONG, passwordAgain: STRONG } }))!;
		const page = (await send(own.url, '/staff/admin', { cookie })).body;
		const id = /data-email="pieter@example.org"[\s\S]*?name="id" value="(\d+)"/.exec(page)![1];
		const issued = await send(own.url, '/staff/admin?/reset', { cookie, form: { id } });
		expect(issued.status).toBe(200);
		const reset = new URL(/https?:\/\/[^"\s]+\/invite\/[a-z0-9]+/.exec(issued.body)![0]).pathname;
		expect((await send(own.url, reset)).body).toContain(en.secl_reset_title);
		// Until it is used the old password still works (an admin's mistake locks nobody out).
		expect(await loggedIn(old)).toBe(true);
		const weak = await send(own.url, reset, { form: { password: 'pieter2026!!', passwordAgain: 'pieter2026!!' } });
		expect(weak.status).toBe(400);
		const used = await send(own.url, reset, { form: { password: STRONGER, passwordAgain: STRONGER } });
		expect(used.status).toBe(303);
		expect(await loggedIn(session(used)!)).toBe(true);
		expect(await loggedIn(old)).toBe(false);
		expect((await send(own.url, reset, { form: { password: 'nog een andere lange zin', passwordAgain: 'nog een andere lange zin' } })).status).toBe(410);
		expect((await loginAs(own.url, { email: 'pieter@example.org', password: STRONG }, { from: '127.0.0.11' })).status).toBe(400);
		expect((await loginAs(own.url, { email: 'pieter@example.org', password: STRONGER }, { from: '127.0.0.11' })).status).toBe(303);
		expect(await own.alive()).toBe(true);
	});
});
