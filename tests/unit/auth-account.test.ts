import { describe, expect, it } from 'vitest';
import { getDb, schema } from '../../src/lib/server/db';
import { acceptInvite, createSession, createStaff, findInvite, login, validateSession, type StaffUser } from '../../src/lib/server/auth';
import { changePassword, issueResetLink } from '../../src/lib/server/auth/account';
import { safeNext } from '../../src/lib/server/auth/redirect';
import { hit, storedKey, sweepRateLimits } from '../../src/lib/server/ratelimit';

const OLD = 'the old long password';
const NEW = 'een nieuwe lange zin';

async function ada(): Promise<StaffUser> {
	const { id } = await createStaff({ email: 'ada@example.org', name: 'Ada Peeters', roles: ['moderator'], councilIds: [], password: OLD });
	return { id, email: 'ada@example.org', name: 'Ada Peeters', roles: ['moderator'], councilIds: [] };
}

describe('changing one’s own password', () => {
	it('needs the current password, refuses weak new ones, and ends every other session', async () => {
		const me = await ada();
		const here = await createSession(me.id);
		const there = await createSession(me.id);
		const ctx = { keepToken: here.token, clientKey: '10.0.0.1' };
		expect(await changePassword(me, { current: 'not it at all', next: NEW, again: NEW }, ctx)).toEqual({ ok: false, error: 'current_wrong' });
		expect(await changePassword(me, { current: OLD, next: 'password2026', again: 'password2026' }, ctx)).toEqual({ ok: false, error: 'common' });
		expect(await changePassword(me, { current: OLD, next: 'peeters-ada-1', again: 'peeters-ada-1' }, ctx)).toEqual({ ok: false, error: 'personal' });
		expect(await changePassword(me, { current: OLD, next: NEW, again: NEW + 'x' }, ctx)).toEqual({ ok: false, error: 'mismatch' });
		expect(await changePassword(me, { current: OLD, next: NEW, again: NEW }, ctx)).toEqual({ ok: true });
		expect(await validateSession(here.token)).not.toBeNull();
		expect(await validateSession(there.token)).toBeNull();
		expect((await login('ada@example.org', OLD, '10.0.0.2')).ok).toBe(false);
		expect((await login('ada@example.org', NEW, '10.0.0.3')).ok).toBe(true);
	});

	it('counts wrong current passwords like failed logins', async () => {
		const me = await ada();
		const here = await createSession(me.id);
		const ctx = { keepToken: here.token, clientKey: '10.0.0.1' };
		for (let i = 0; i < 5; i++) await changePassword(me, { current: `guess ${i}`, next: NEW, again: NEW }, ctx);
		expect(await changePassword(me, { current: OLD, next: NEW, again: NEW }, ctx)).toMatchObject({ ok: false, error: 'rate_limited' });
	});
});

describe('reset links', () => {
	it('work once, set the new password and end every session; the old password works until then', async () => {
		const me = await ada();
		const session = await createSession(me.id);
		const token = (await issueResetLink(me.id))!;
		expect(token).toBeTruthy();
		expect((await login('ada@example.org', OLD, '10.0.0.1')).ok).toBe(true);
		expect((await findInvite(token))?.passwordHash).toBeTruthy();
		expect((await acceptInvite(token, NEW))?.email).toBe('ada@example.org');
		expect(await validateSession(session.token)).toBeNull();
		expect(await acceptInvite(token, 'yet another long one')).toBeNull();
		expect((await login('ada@example.org', OLD, '10.0.0.2')).ok).toBe(false);
		expect((await login('ada@example.org', NEW, '10.0.0.3')).ok).toBe(true);
	});

	it('are not issued for an invited or deactivated account', async () => {
		const { id } = await createStaff({ email: 'new@example.org', name: 'Nieuw', roles: ['moderator'], councilIds: [] });
		expect(await issueResetLink(id)).toBeNull();
		const me = await ada();
		await getDb().update(schema.users).set({ active: false });
		expect(await issueResetLink(me.id)).toBeNull();
	});
});

describe('after login', () => {
	const origin = 'https://meespraak.example.org';
	it('goes only to a path on this site', () => {
		expect(safeNext('/staff/admin?x=1#a', origin)).toBe('/staff/admin?x=1#a');
		for (const bad of ['//evil.example', '/\\evil.example', '/\\\\evil.example', '\\\\evil.example', 'https:evil.example', 'https://evil.example', '/\t/evil.example', '/\n/evil.example', ' //evil.example', '/%0a', 'javascript:alert(1)', '', null, '%2F%2Fevil.example', '/' + 'a'.repeat(3000)])
			expect(safeNext(bad as string, origin), String(bad)).toBe(bad === '/%0a' ? '/%0a' : '/staff');
	});
});

describe('the rate-limit table', () => {
	it('stores keys as HMACs and deletes rows whose window has passed', async () => {
		const now = Math.floor(Date.now() / 60_000) * 60_000 + 1000; // early in a one-minute window
		await hit('login:pair:ada@example.org\n10.0.0.1', { max: 5, windowMs: 60_000 }, now);
		const rows = await getDb().select().from(schema.rateLimits);
		expect(rows).toHaveLength(1);
		expect(rows[0].key).toBe(storedKey('login:pair:ada@example.org\n10.0.0.1'));
		expect(JSON.stringify(rows)).not.toMatch(/ada|10\.0\.0\.1/);
		expect(sweepRateLimits(now + 30_000)).toBe(0);
		expect(sweepRateLimits(now + 61_000)).toBe(1);
		expect(await getDb().select().from(schema.rateLimits)).toHaveLength(0);
	});
});
