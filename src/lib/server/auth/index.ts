/**
 * Staff accounts and sessions, as in the Lucia guide: a random token in an httpOnly cookie, its SHA-256
 * as the session id in the database, sliding expiry. Residents never have an account.
 */
import { hash, verify } from '@node-rs/argon2';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { getDb, schema } from '../db';
import type { Role } from '../db/schema';
import { demoLoginRefused } from './demo';
import { passwordProblem, passwordProblemSentence } from './passwords';
import { isKnownDevice, loginBlocked, loginFailed, loginSucceeded } from './throttle';
import { emit } from '../events';

export const SESSION_COOKIE = 'meespraak_session';
const DAY = 86_400_000;
const SESSION_DAYS = 30;

export type StaffUser = {
	id: number;
	email: string;
	name: string;
	roles: Role[];
	councilIds: string[];
};

export function generateToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

const ARGON = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export async function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

export { passwordProblem, type PasswordProblem } from './passwords';

let dummyHash: Promise<string> | undefined;
/** A hash of nothing anyone knows, verified for unknown and inactive accounts so they answer as slowly as known ones. */
function dummy(): Promise<string> {
	return (dummyHash ??= hashPassword(encodeHexLowerCase(crypto.getRandomValues(new Uint8Array(24)))));
}

export async function createSession(userId: number): Promise<{ token: string; expiresAt: Date }> {
	const token = generateToken();
	const expiresAt = new Date(Date.now() + SESSION_DAYS * DAY);
	await getDb().insert(schema.sessions).values({ id: hashToken(token), userId, expiresAt });
	return { token, expiresAt };
}

/** Looks a cookie token up; renews sessions past half their life; null for unknown, expired or inactive. */
export async function validateSession(
	token: string
): Promise<{ user: StaffUser; expiresAt: Date } | null> {
	const db = getDb();
	const id = hashToken(token);
	const row = await db
		.select({ session: schema.sessions, user: schema.users })
		.from(schema.sessions)
		.innerJoin(schema.users, eq(schema.sessions.userId, schema.users.id))
		.where(eq(schema.sessions.id, id))
		.get();
	if (!row) return null;
	const now = Date.now();
	if (row.session.expiresAt.getTime() <= now || !row.user.active || demoLoginRefused(row.user.email)) {
		await db.delete(schema.sessions).where(eq(schema.sessions.id, id));
		emit({ type: 'session.ended', sessionId: id, userId: row.user.id });
		return null;
	}
	let expiresAt = row.session.expiresAt;
	if (expiresAt.getTime() - now < (SESSION_DAYS / 2) * DAY) {
		expiresAt = new Date(now + SESSION_DAYS * DAY);
		await db.update(schema.sessions).set({ expiresAt }).where(eq(schema.sessions.id, id));
	}
	return { user: toStaffUser(row.user), expiresAt };
}

export async function invalidateSession(token: string): Promise<void> {
	const id = hashToken(token);
	const gone = await getDb().delete(schema.sessions).where(eq(schema.sessions.id, id)).returning({ userId: schema.sessions.userId });
	emit({ type: 'session.ended', sessionId: id, userId: gone[0]?.userId ?? null });
}

/**
 * The user of a session, read only (no renewal): how an open socket checks that its session still
 * holds without keeping it alive by itself. Null for unknown, expired or inactive.
 */
export async function peekSession(token: string): Promise<{ user: StaffUser; expiresAt: Date } | null> {
	const row = await getDb()
		.select({ session: schema.sessions, user: schema.users })
		.from(schema.sessions)
		.innerJoin(schema.users, eq(schema.sessions.userId, schema.users.id))
		.where(eq(schema.sessions.id, hashToken(token)))
		.get();
	if (!row || row.session.expiresAt.getTime() <= Date.now() || !row.user.active) return null;
	return { user: toStaffUser(row.user), expiresAt: row.session.expiresAt };
}

function toStaffUser(u: typeof schema.users.$inferSelect): StaffUser {
	return { id: u.id, email: u.email, name: u.name, roles: u.roles, councilIds: u.councilIds };
}

export { LOGIN_LIMIT } from './throttle';

export type LoginResult =
	| { ok: true; user: StaffUser }
	| { ok: false; reason: 'invalid' | 'rate_limited'; retryAfterMs?: number };

/**
 * Checks an email and password; `knownDevice` is the device's 'known device' cookie (throttle.ts says
 * how failures are counted). Unknown, inactive and (outside the demo) demo accounts verify a dummy hash,
 * so every refusal takes as long as a wrong password for a real account.
 */
export async function login(email: string, password: string, clientKey: string, knownDevice?: string): Promise<LoginResult> {
	const normalized = email.trim().toLowerCase();
	const wait = await loginBlocked(normalized, clientKey, isKnownDevice(knownDevice, normalized));
	if (wait !== null) return { ok: false, reason: 'rate_limited', retryAfterMs: wait };
	const user = await getDb().query.users.findFirst({ where: (u, { eq }) => eq(u.email, normalized) });
	const usable = user?.passwordHash && user.active && !demoLoginRefused(normalized) ? user : null;
	const good = await verifyPassword(usable?.passwordHash ?? (await dummy()), password);
	if (!usable || !good) {
		await loginFailed(normalized, clientKey);
		return { ok: false, reason: 'invalid' };
	}
	await loginSucceeded(normalized, clientKey);
	return { ok: true, user: toStaffUser(usable) };
}

export function hasRole(user: StaffUser | null | undefined, ...roles: Role[]): boolean {
	if (!user) return false;
	return user.roles.includes('admin') || roles.some((r) => user.roles.includes(r));
}

// ---------------------------------------------------------------- account administration

export async function listUsers() {
	return getDb().query.users.findMany({ orderBy: (u, { asc }) => asc(u.name) });
}

export type NewStaff = { email: string; name: string; roles: Role[]; councilIds: string[]; password?: string };

/** Creates a staff account. Without a password it gets an invitation link valid for 7 days. */
export async function createStaff(input: NewStaff): Promise<{ id: number; inviteToken: string | null }> {
	const email = input.email.trim().toLowerCase();
	const inviteToken = input.password ? null : generateToken();
	const row = await getDb()
		.insert(schema.users)
		.values({
			email,
			name: input.name.trim(),
			roles: input.roles,
			councilIds: input.councilIds,
			passwordHash: input.password ? await hashPassword(input.password) : null,
			inviteTokenHash: inviteToken ? hashToken(inviteToken) : null,
			inviteExpiresAt: inviteToken ? new Date(Date.now() + 7 * DAY) : null,
			createdAt: new Date()
		})
		.returning({ id: schema.users.id })
		.get();
	return { id: row.id, inviteToken };
}

export async function findUserByEmail(email: string) {
	const normalized = email.trim().toLowerCase();
	return getDb().query.users.findFirst({ where: (u, { eq }) => eq(u.email, normalized) });
}

export async function updateStaff(
	id: number,
	patch: { roles?: Role[]; councilIds?: string[]; active?: boolean; name?: string }
): Promise<void> {
	const db = getDb();
	await db.update(schema.users).set(patch).where(eq(schema.users.id, id));
	if (patch.active === false) await db.delete(schema.sessions).where(eq(schema.sessions.userId, id));
	// Open sockets of this account check again what it may still do (councils are part of its roles).
	if (patch.active !== undefined) emit({ type: 'user.changed', userId: id, change: patch.active ? 'activated' : 'deactivated' });
	if (patch.roles !== undefined || patch.councilIds !== undefined) emit({ type: 'user.changed', userId: id, change: 'roles' });
}

export async function findInvite(token: string) {
	return getDb().query.users.findFirst({
		where: (u, { eq, and, gt }) =>
			and(eq(u.inviteTokenHash, hashToken(token)), gt(u.inviteExpiresAt, new Date()))
	});
}

/**
 * Sets the password through a one-time link: an invitation (no password yet) or a reset an admin issued
 * (account.ts). The link stops working, and every session the account had ends (whoever may have been
 * using the old password is out). Only the first of two simultaneous submits of one link succeeds.
 */
export async function acceptInvite(token: string, password: string): Promise<StaffUser | null> {
	const user = await findInvite(token);
	if (!user) return null;
	const passwordHash = await hashPassword(password);
	const db = getDb();
	const changed = await db
		.update(schema.users)
		.set({ passwordHash, inviteTokenHash: null, inviteExpiresAt: null })
		.where(and(eq(schema.users.id, user.id), eq(schema.users.inviteTokenHash, hashToken(token)), gt(schema.users.inviteExpiresAt, new Date())))
		.returning({ id: schema.users.id });
	if (changed.length !== 1) return null;
	await db.delete(schema.sessions).where(eq(schema.sessions.userId, user.id));
	emit({ type: 'user.changed', userId: user.id, change: 'password' });
	return toStaffUser(user);
}

/** A new invitation link for an account that has not set a password yet (the old link stops working). */
export async function reissueInvite(userId: number): Promise<string | null> {
	const token = generateToken();
	const changed = await getDb()
		.update(schema.users)
		.set({ inviteTokenHash: hashToken(token), inviteExpiresAt: new Date(Date.now() + 7 * DAY) })
		.where(and(eq(schema.users.id, userId), isNull(schema.users.passwordHash)))
		.returning({ id: schema.users.id });
	return changed.length === 1 ? token : null;
}

/**
 * The first administrator of an empty installation, from MEESPRAAK_ADMIN_EMAIL and
 * MEESPRAAK_ADMIN_PASSWORD at start-up. Does nothing once any account exists.
 */
export async function bootstrapAdmin(env: Record<string, string | undefined> = process.env): Promise<'created' | 'skipped'> {
	const email = env.MEESPRAAK_ADMIN_EMAIL?.trim();
	const password = env.MEESPRAAK_ADMIN_PASSWORD ?? '';
	if (!email) return 'skipped';
	const any = await getDb().select({ id: schema.users.id }).from(schema.users).limit(1);
	if (any.length) return 'skipped';
	const name = env.MEESPRAAK_ADMIN_NAME?.trim() || 'Admin';
	const problem = passwordProblem(password, { email, name });
	if (problem) throw new Error(`MEESPRAAK_ADMIN_PASSWORD is ${passwordProblemSentence(problem)}; the first admin was not created. Choose a longer, less guessable one (at least 10 characters).`);
	await createStaff({ email, name, roles: ['admin'], councilIds: [], password });
	return 'created';
}
