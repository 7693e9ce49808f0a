/**
 * How failed logins are throttled without letting a stranger lock a colleague out.
 *
 * Three counters, each a fixed window in the rate-limit table (keys stored as HMACs):
 * - per account and address (LOGIN_RATE_LIMIT, 5/15m): the same device guessing one account. Past it,
 *   that device is refused for that account, even with the right password, until the window ends. The
 *   owner at another address is not affected.
 * - per address (LOGIN_ADDRESS_RATE_LIMIT, 20/15m): one device trying many accounts.
 * - per account across addresses (LOGIN_ACCOUNT_RATE_LIMIT, 20/15m): guessing from many machines.
 *   Past it, only devices that have logged in to that account before are let through (a signed
 *   'known device' cookie set at each successful login); new devices wait for the window. A stranger
 *   can therefore never lock the owner out of the device they usually use.
 * A successful login clears only its own account-and-address counter; the others run out with their
 * window, so logging in to one's own account does not buy fresh guesses at others'.
 * Unknown emails are counted exactly like known ones: the answers never tell which accounts exist.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { hit, parseRateLimit, peek, reset, type RateLimit } from '../ratelimit';
import { secret } from '../feedback/unsubscribe';

const WINDOW = 15 * 60_000;
export const LOGIN_LIMIT = () => parseRateLimit(process.env.LOGIN_RATE_LIMIT, { max: 5, windowMs: WINDOW });
export const LOGIN_ADDRESS_LIMIT = () => parseRateLimit(process.env.LOGIN_ADDRESS_RATE_LIMIT, { max: 20, windowMs: WINDOW });
export const LOGIN_ACCOUNT_LIMIT = () => parseRateLimit(process.env.LOGIN_ACCOUNT_RATE_LIMIT, { max: 20, windowMs: WINDOW });

type Counter = { key: string; limit: RateLimit | null; skip?: boolean };

function counters(email: string, clientKey: string, knownDevice: boolean): Counter[] {
	return [
		{ key: `login:pair:${email}\n${clientKey}`, limit: LOGIN_LIMIT() },
		{ key: `login:address:${clientKey}`, limit: LOGIN_ADDRESS_LIMIT() },
		{ key: `login:account:${email}`, limit: LOGIN_ACCOUNT_LIMIT(), skip: knownDevice }
	];
}

/** Null when this attempt may be checked; otherwise how long to wait. */
export async function loginBlocked(email: string, clientKey: string, knownDevice: boolean): Promise<number | null> {
	for (const c of counters(email, clientKey, knownDevice)) {
		if (!c.limit || c.skip) continue;
		const state = await peek(c.key, c.limit);
		if (!state.allowed) return state.retryAfterMs;
	}
	return null;
}

export async function loginFailed(email: string, clientKey: string): Promise<void> {
	for (const c of counters(email, clientKey, false)) if (c.limit) await hit(c.key, c.limit);
}

export async function loginSucceeded(email: string, clientKey: string): Promise<void> {
	await reset(counters(email, clientKey, false)[0].key);
}

// ---------------------------------------------------------------- known devices

export const KNOWN_DEVICE_COOKIE = 'meespraak_known';
export const KNOWN_DEVICE_DAYS = 365;
const MAX_MARKS = 8;

function mark(email: string): string {
	return createHmac('sha256', secret()).update(`meespraak:known-device:v1:${email}`).digest('base64url').slice(0, 22);
}

/** Whether the cookie's value says this device has logged in to `email` before. */
export function isKnownDevice(cookie: string | undefined, email: string): boolean {
	if (!cookie) return false;
	const want = Buffer.from(mark(email));
	return cookie.split('.').some((m) => m.length === want.length && timingSafeEqual(Buffer.from(m), want));
}

/** The cookie's value after a successful login to `email` (the most recent accounts first). */
export function rememberDevice(cookie: string | undefined, email: string): string {
	const own = mark(email);
	const others = (cookie ?? '').split('.').filter((m) => /^[A-Za-z0-9_-]{22}$/.test(m) && m !== own);
	return [own, ...others].slice(0, MAX_MARKS).join('.');
}
