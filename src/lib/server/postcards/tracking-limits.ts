/**
 * Throttling of what a tracking code opens: the tracking page (/k/<code>), the postcard API
 * (/api/v1/postcards/<code>) and the withdraw and delete actions. Counters live in the database
 * (ratelimit), so every node shares them.
 *
 * - Lookups: only codes that find nothing count (a resident looking up their own card never uses up
 *   anything). Past TRACKING_LOOKUP_LIMIT misses per client address, that address gets 429 for every
 *   lookup until the window ends (a guesser learns nothing more, hit or miss). Misses of short codes
 *   (`ABC-234`, the guessable old form) also count site-wide: past TRACKING_LOOKUP_GLOBAL_LIMIT,
 *   short-code lookups wait for everyone (long codes are not guessable, so they are never held up
 *   by what others do).
 * - Changes (withdraw the text, delete the contact): every refused attempt (unknown code, missing or
 *   wrong second factor) counts per address (TRACKING_CHANGE_LIMIT) and site-wide
 *   (TRACKING_CHANGE_GLOBAL_LIMIT); past either, changes wait.
 */
import { hit, limitFromEnv, peek, type RateLimit } from '../ratelimit';
import { isShortCode, normalizeCode } from './codes';

const HOUR = 3_600_000;
export const DEFAULT_TRACKING_LIMITS = {
	lookup: { max: 30, windowMs: HOUR },
	lookupGlobal: { max: 300, windowMs: HOUR },
	change: { max: 10, windowMs: HOUR },
	changeGlobal: { max: 200, windowMs: HOUR }
} satisfies Record<string, RateLimit>;

export type TrackingLimits = { [K in keyof typeof DEFAULT_TRACKING_LIMITS]: RateLimit | null };

export function trackingLimits(env: Record<string, string | undefined> = process.env): TrackingLimits {
	const d = DEFAULT_TRACKING_LIMITS;
	return {
		lookup: limitFromEnv('TRACKING_LOOKUP_LIMIT', d.lookup, env),
		lookupGlobal: limitFromEnv('TRACKING_LOOKUP_GLOBAL_LIMIT', d.lookupGlobal, env),
		change: limitFromEnv('TRACKING_CHANGE_LIMIT', d.change, env),
		changeGlobal: limitFromEnv('TRACKING_CHANGE_GLOBAL_LIMIT', d.changeGlobal, env)
	};
}

export type Throttle = { ok: true } | { ok: false; retryAfterMs: number };

const KEY = {
	lookup: (address: string) => `track:lookup:${address}`,
	lookupGlobal: 'track:lookup:global',
	change: (address: string) => `track:change:${address}`,
	changeGlobal: 'track:change:global'
};

async function over(checks: [string, RateLimit | null][], now?: number): Promise<Throttle> {
	let wait = 0;
	for (const [key, limit] of checks) {
		if (!limit) continue;
		const state = await peek(key, limit, now);
		if (!state.allowed) wait = Math.max(wait, state.retryAfterMs);
	}
	return wait > 0 ? { ok: false, retryAfterMs: wait } : { ok: true };
}

/** Whether this address may look up this typed code now. */
export function lookupAllowed(address: string, typed: string, limits = trackingLimits(), now?: number): Promise<Throttle> {
	const code = normalizeCode(typed);
	const checks: [string, RateLimit | null][] = [[KEY.lookup(address), limits.lookup]];
	if (code && isShortCode(code)) checks.push([KEY.lookupGlobal, limits.lookupGlobal]);
	return over(checks, now);
}

/** Counts a lookup that found nothing. */
export async function countMiss(address: string, typed: string, limits = trackingLimits(), now?: number): Promise<void> {
	if (limits.lookup) await hit(KEY.lookup(address), limits.lookup, now);
	const code = normalizeCode(typed);
	if (code && isShortCode(code) && limits.lookupGlobal) await hit(KEY.lookupGlobal, limits.lookupGlobal, now);
}

/** Whether this address may try to withdraw a text or delete a contact now. */
export function changeAllowed(address: string, limits = trackingLimits(), now?: number): Promise<Throttle> {
	return over(
		[
			[KEY.change(address), limits.change],
			[KEY.changeGlobal, limits.changeGlobal]
		],
		now
	);
}

/** Counts a refused withdrawal or deletion. */
export async function countRefusal(address: string, limits = trackingLimits(), now?: number): Promise<void> {
	if (limits.change) await hit(KEY.change(address), limits.change, now);
	if (limits.changeGlobal) await hit(KEY.changeGlobal, limits.changeGlobal, now);
}
