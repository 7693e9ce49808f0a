import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb, schema } from '../../src/lib/server/db';
import {
	acceptInvite,
	bootstrapAdmin,
	createStaff,
	findInvite,
	hashPassword,
	hasRole,
	login,
	passwordProblem,
	reissueInvite,
	verifyPassword,
	type StaffUser
} from '../../src/lib/server/auth';
import { rememberDevice } from '../../src/lib/server/auth/throttle';

const PASSWORD = 'correct horse battery';

beforeEach(() => {
	vi.stubEnv('LOGIN_RATE_LIMIT', '5/15m');
	return () => vi.unstubAllEnvs();
});

describe('passwords', () => {
	it('are hashed with argon2id and verified', async () => {
		const hash = await hashPassword(PASSWORD);
		expect(hash).toMatch(/^\$argon2id\$/);
		expect(hash).not.toContain(PASSWORD);
		expect(await verifyPassword(hash, PASSWORD)).toBe(true);
		expect(await verifyPassword(hash, 'correct horse battery!')).toBe(false);
		expect(await verifyPassword('not a hash', PASSWORD)).toBe(false);
	});

	it('must be 10 to 200 characters', () => {
		expect(passwordProblem('short')).toBe('too_short');
		expect(passwordProblem('x'.repeat(201))).toBe('too_long');
		expect(passwordProblem('ten chars!')).toBeNull();
	});

	it('may not be a common one, also with digits, signs or letter swaps around it', () => {
		for (const p of ['1234567890', 'qwertyuiop', 'azertyuiop', 'password123', 'Password2026!', 'P@ssw0rd2026', 'Wachtwoord123', 'welkom123456', 'motdepasse1', 'meespraak2026', 'Meespraak!!', 'aaaaaaaaaaaa', '1212121212', 'abcdefghijk', '0987654321', 'iloveyou12', 'welkombrugge', 'brugge-2026!!', 'bonjour-bonjour'])
			expect(passwordProblem(p), p).toBe('common');
		for (const p of ['correct horse battery', 'Tram 3 naar Sint-Kruis!', 'mijn fiets staat in de gang'])
			expect(passwordProblem(p), p).toBeNull();
	});

	it("may not be made of the person's own email or name", () => {
		const who = { email: 'ada.peeters@stad.brugge.be', name: 'Ada Peeters' };
		for (const p of ['ada.peeters@stad.brugge.be', 'adapeeters2026', 'Peeters-Ada!!', 'p33t3rs-ada-99', 'peeters2026!'])
			expect(passwordProblem(p, who), p).toBe('personal');
		expect(passwordProblem('een lange zin om te onthouden', who)).toBeNull();
		// A sentence that happens to hold the name is not the name.
		expect(passwordProblem('moderator password 1', { email: 'mod-1@example.org', name: 'Mila Moderator' })).toBeNull();
	});
});

describe('login', () => {
	beforeEach(async () => {
		await createStaff({ email: 'Ada@Example.org', name: 'Ada', roles: ['admin'], councilIds: [], password: PASSWORD });
	});

	it('accepts the right password, whatever the case of the address', async () => {
		const r = await login(' ada@EXAMPLE.org ', PASSWORD, '10.0.0.1');
		expect(r.ok).toBe(true);
		if (r.ok) expect(r.user.email).toBe('ada@example.org');
	});

	it('refuses a wrong password or an unknown address with the same answer', async () => {
		expect(await login('ada@example.org', 'wrong password', '10.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
		expect(await login('nobody@example.org', PASSWORD, '10.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
	});

	it('locks one device out of one account after 5 failures, and never the owner at another address', async () => {
		for (let i = 0; i < 5; i++) expect((await login('ada@example.org', `wrong ${i}`, '10.0.0.1')).ok).toBe(false);
		const r = await login('ada@example.org', PASSWORD, '10.0.0.1');
		expect(r).toMatchObject({ ok: false, reason: 'rate_limited' });
		if (!r.ok) expect(r.retryAfterMs).toBeGreaterThan(0);
		// The stranger's failures do not lock the owner out.
		expect((await login('ada@example.org', PASSWORD, '10.9.9.9')).ok).toBe(true);
	});

	it('past 20 failures from many addresses, only devices that logged in before may try the account', async () => {
		const first = await login('ada@example.org', PASSWORD, '10.1.0.1');
		expect(first.ok).toBe(true);
		const cookie = rememberDevice(undefined, 'ada@example.org');
		for (let i = 0; i < 20; i++) await login('ada@example.org', 'wrong', `10.2.0.${i}`);
		expect(await login('ada@example.org', PASSWORD, '10.3.0.1')).toMatchObject({ ok: false, reason: 'rate_limited' });
		expect((await login('ada@example.org', PASSWORD, '10.3.0.1', cookie)).ok).toBe(true);
		// A known-device cookie of another account does not count.
		expect(await login('ada@example.org', PASSWORD, '10.3.0.2', rememberDevice(undefined, 'bob@example.org'))).toMatchObject({ ok: false, reason: 'rate_limited' });
	}, 60_000);

	it('locks a client address that tries many accounts (20 failures)', async () => {
		for (let i = 0; i < 20; i++) await login(`guess${i}@example.org`, 'whatever', '10.0.0.7');
		expect(await login('ada@example.org', PASSWORD, '10.0.0.7')).toMatchObject({ ok: false, reason: 'rate_limited' });
		expect((await login('ada@example.org', PASSWORD, '10.0.0.8')).ok).toBe(true);
	}, 60_000);

	it('refuses the demo accounts outside the demo', async () => {
		await createStaff({ email: 'admin@meespraak.demo', name: 'Ada Admin', roles: ['admin'], councilIds: [], password: PASSWORD });
		vi.stubEnv('MEESPRAAK_DEMO', '1');
		expect((await login('admin@meespraak.demo', PASSWORD, '10.0.0.1')).ok).toBe(true);
		vi.stubEnv('MEESPRAAK_DEMO', '');
		expect(await login('admin@meespraak.demo', PASSWORD, '10.0.0.2')).toEqual({ ok: false, reason: 'invalid' });
	});

	it('a success before the limit clears the account counter', async () => {
		for (let i = 0; i < 4; i++) await login('ada@example.org', 'wrong', `10.0.1.${i}`);
		expect((await login('ada@example.org', PASSWORD, '10.0.2.1')).ok).toBe(true);
		for (let i = 0; i < 4; i++) await login('ada@example.org', 'wrong', `10.0.3.${i}`);
		expect((await login('ada@example.org', PASSWORD, '10.0.2.2')).ok).toBe(true);
	});

	it('colleagues behind one address each keep their own account-and-address count', async () => {
		await createStaff({ email: 'bob@example.org', name: 'Bob', roles: ['moderator'], councilIds: [], password: PASSWORD });
		for (let i = 0; i < 4; i++) await login('ada@example.org', 'typo', '10.0.5.5');
		for (let i = 0; i < 4; i++) await login('bob@example.org', 'wrong', '10.0.5.5');
		expect((await login('bob@example.org', PASSWORD, '10.0.5.5')).ok).toBe(true);
		expect((await login('ada@example.org', PASSWORD, '10.0.5.5')).ok).toBe(true);
	});

	it('can be switched off with LOGIN_RATE_LIMIT=off', async () => {
		vi.stubEnv('LOGIN_RATE_LIMIT', 'off');
		vi.stubEnv('LOGIN_ADDRESS_RATE_LIMIT', 'off');
		vi.stubEnv('LOGIN_ACCOUNT_RATE_LIMIT', 'off');
		for (let i = 0; i < 8; i++) await login('ada@example.org', 'wrong', '10.0.0.1');
		expect((await login('ada@example.org', PASSWORD, '10.0.0.1')).ok).toBe(true);
	});

	it('refuses a deactivated account', async () => {
		await getDb().update(schema.users).set({ active: false });
		expect(await login('ada@example.org', PASSWORD, '10.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
	});
});

describe('invitations', () => {
	it('can be accepted once, then the link stops working', async () => {
		const { inviteToken } = await createStaff({ email: 'new@example.org', name: 'Nieuw', roles: ['moderator'], councilIds: [] });
		expect(inviteToken).toBeTruthy();
		expect(await login('new@example.org', PASSWORD, 'c')).toMatchObject({ ok: false });
		expect((await findInvite(inviteToken!))?.email).toBe('new@example.org');

		const user = await acceptInvite(inviteToken!, PASSWORD);
		expect(user?.email).toBe('new@example.org');
		expect((await login('new@example.org', PASSWORD, 'c')).ok).toBe(true);

		expect(await findInvite(inviteToken!)).toBeUndefined();
		expect(await acceptInvite(inviteToken!, 'another password here')).toBeNull();
		expect((await login('new@example.org', PASSWORD, 'c')).ok).toBe(true);
	});

	it('expire after their time', async () => {
		const { id, inviteToken } = await createStaff({ email: 'late@example.org', name: 'Laat', roles: ['moderator'], councilIds: [] });
		await getDb().update(schema.users).set({ inviteExpiresAt: new Date(Date.now() - 1000) }).where(eq(schema.users.id, id));
		expect(await findInvite(inviteToken!)).toBeUndefined();
		expect(await acceptInvite(inviteToken!, PASSWORD)).toBeNull();
	});

	it('let only one of two simultaneous submits of the same link set the password', async () => {
		const { inviteToken } = await createStaff({ email: 'twice@example.org', name: 'Twee', roles: ['moderator'], councilIds: [] });
		const results = await Promise.all([acceptInvite(inviteToken!, PASSWORD), acceptInvite(inviteToken!, 'the other password')]);
		expect(results.filter((r) => r !== null)).toHaveLength(1);
	});

	it('can be issued again after expiry; the old link stops working', async () => {
		const { id, inviteToken } = await createStaff({ email: 'again@example.org', name: 'Opnieuw', roles: ['moderator'], councilIds: [] });
		await getDb().update(schema.users).set({ inviteExpiresAt: new Date(Date.now() - 1000) }).where(eq(schema.users.id, id));
		const fresh = await reissueInvite(id);
		expect(fresh).toBeTruthy();
		expect(await acceptInvite(inviteToken!, PASSWORD)).toBeNull();
		expect((await acceptInvite(fresh!, PASSWORD))?.email).toBe('again@example.org');
		// Once a password is set there is nothing to invite to.
		expect(await reissueInvite(id)).toBeNull();
	});

	it('are not created when the admin sets a first password', async () => {
		const { inviteToken } = await createStaff({ email: 'pw@example.org', name: 'Pw', roles: ['moderator'], councilIds: [], password: PASSWORD });
		expect(inviteToken).toBeNull();
		expect((await login('pw@example.org', PASSWORD, 'c')).ok).toBe(true);
	});
});

describe('roles', () => {
	const user = (roles: StaffUser['roles']): StaffUser => ({ id: 1, email: 'x@example.org', name: 'X', roles, councilIds: [] });

	it('grant what they name; admin grants everything; nobody is no one', () => {
		expect(hasRole(user(['moderator']), 'moderator')).toBe(true);
		expect(hasRole(user(['moderator']), 'admin')).toBe(false);
		expect(hasRole(user(['moderator']), 'plan_owner', 'moderator')).toBe(true);
		expect(hasRole(user(['plan_owner']), 'moderator')).toBe(false);
		expect(hasRole(user(['admin']), 'plan_owner')).toBe(true);
		expect(hasRole(user(['council_member']), 'facilitator')).toBe(false);
		expect(hasRole(null, 'moderator')).toBe(false);
		expect(hasRole(undefined, 'moderator')).toBe(false);
	});
});

describe('the first admin of an empty installation', () => {
	it('is created from the environment once, and never over existing accounts', async () => {
		const env = { MEESPRAAK_ADMIN_EMAIL: 'Boss@Example.org', MEESPRAAK_ADMIN_PASSWORD: PASSWORD };
		expect(await bootstrapAdmin(env)).toBe('created');
		expect((await login('boss@example.org', PASSWORD, 'c')).ok).toBe(true);
		expect(await bootstrapAdmin({ ...env, MEESPRAAK_ADMIN_EMAIL: 'other@example.org' })).toBe('skipped');
		expect((await login('other@example.org', PASSWORD, 'c')).ok).toBe(false);
	});

	it('refuses a short password with a sentence saying so', async () => {
		await expect(bootstrapAdmin({ MEESPRAAK_ADMIN_EMAIL: 'a@example.org', MEESPRAAK_ADMIN_PASSWORD: 'short' })).rejects.toThrow(/10 characters/);
	});
});
