/**
 * A staff member's own password, and the reset link an admin can issue for someone who forgot theirs.
 * The reset link is the invitation link's mechanism (one token hash and expiry on the account, one use,
 * acceptInvite() sets the password and ends every session); it lives RESET_HOURS.
 */
import { emit } from '../events';
import { and, eq, isNotNull, ne } from 'drizzle-orm';
import { getDb, schema } from '../db';
import { generateToken, hashPassword, hashToken, verifyPassword, type StaffUser } from '.';
import { passwordProblem, type PasswordProblem } from './passwords';
import { loginBlocked, loginFailed } from './throttle';

export const RESET_HOURS = 24;

export type ChangeError = 'current_wrong' | 'rate_limited' | 'mismatch' | PasswordProblem;
export type ChangeResult = { ok: true } | { ok: false; error: ChangeError; retryAfterMs?: number };

/**
 * Changes one's own password. The current one is asked (and wrong guesses count like failed logins);
 * every other session of the account ends, the one it was changed from (`keepToken`) stays.
 */
export async function changePassword(
	user: StaffUser,
	input: { current: string; next: string; again: string },
	ctx: { keepToken: string; clientKey: string }
): Promise<ChangeResult> {
	const wait = await loginBlocked(user.email, ctx.clientKey, true);
	if (wait !== null) return { ok: false, error: 'rate_limited', retryAfterMs: wait };
	const db = getDb();
	const row = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, user.id) });
	if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, input.current))) {
		await loginFailed(user.email, ctx.clientKey);
		return { ok: false, error: 'current_wrong' };
	}
	const problem = passwordProblem(input.next, { email: row.email, name: row.name });
	if (problem) return { ok: false, error: problem };
	if (input.next !== input.again) return { ok: false, error: 'mismatch' };
	const passwordHash = await hashPassword(input.next);
	// A reset link still open would set the password again: it stops working too.
	await db.update(schema.users).set({ passwordHash, inviteTokenHash: null, inviteExpiresAt: null }).where(eq(schema.users.id, user.id));
	await db.delete(schema.sessions).where(and(eq(schema.sessions.userId, user.id), ne(schema.sessions.id, hashToken(ctx.keepToken))));
	emit({ type: 'user.changed', userId: user.id, change: 'password' });
	return { ok: true };
}

/**
 * A one-time link to choose a new password, for an active account that has one. The old password keeps
 * working until the link is used (an admin's mistake locks nobody out); a newer link replaces an older one.
 */
export async function issueResetLink(userId: number): Promise<string | null> {
	const token = generateToken();
	const changed = await getDb()
		.update(schema.users)
		.set({ inviteTokenHash: hashToken(token), inviteExpiresAt: new Date(Date.now() + RESET_HOURS * 3_600_000) })
		.where(and(eq(schema.users.id, userId), isNotNull(schema.users.passwordHash), eq(schema.users.active, true)))
		.returning({ id: schema.users.id });
	return changed.length === 1 ? token : null;
}
