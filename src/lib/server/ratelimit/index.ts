/**
 * Fixed-window counters kept in the database, so that every node sees the same counts.
 * Used for failed logins and for anonymous postcards per device.
 *
 * What is counted is often personal (a typed email, a client address): the stored key is an HMAC of
 * the caller's key under the installation's secret, and a row is deleted once its window has passed
 * (on write, at most once a minute, and every ten minutes on a timer), so the table never keeps who
 * tried what for longer than the limit needs.
 */
import { createHmac } from 'node:crypto';
import { and, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { getDb, schema, type Db } from '../db';
import { secret } from '../feedback/unsubscribe';

export type RateLimit = { max: number; windowMs: number };

/** Parses `10/10m`, `5/30s`, `100/1h`; `off` (or empty) means no limit. */
export function parseRateLimit(spec: string | undefined, fallback: RateLimit | null): RateLimit | null {
	if (spec === undefined || spec.trim() === '') return fallback;
	const s = spec.trim().toLowerCase();
	if (s === 'off' || s === 'none' || s === '0') return null;
	const m = /^(\d+)\s*\/\s*(\d+)?\s*(ms|s|m|h|d)$/.exec(s);
	if (!m) throw new Error(`Cannot read rate limit "${spec}": use a form like 10/10m, 5/30s or off.`);
	const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[3] as 'ms' | 's' | 'm' | 'h' | 'd'];
	return { max: Number(m[1]), windowMs: Number(m[2] ?? 1) * unit };
}

export type Hit = { allowed: boolean; count: number; retryAfterMs: number };

/** The key as stored: an HMAC, so emails and addresses never sit in the table as themselves. */
export function storedKey(key: string): string {
	return createHmac('sha256', secret()).update(`meespraak:ratelimit:v1:${key}`).digest('base64url');
}

const SWEEP_EVERY_MS = 60_000;
let lastSweep = 0;
let timer: ReturnType<typeof setInterval> | null = null;

/** Deletes the rows whose window has passed (rows from before `expires_at` existed: after a day). */
export function sweepRateLimits(now = Date.now()): number {
	lastSweep = now;
	const t = schema.rateLimits;
	return getDb()
		.delete(t)
		.where(or(lte(t.expiresAt, now), and(isNull(t.expiresAt), lt(t.windowStart, now - 86_400_000))))
		.run().changes;
}

function sweepNowAndThen(now: number): void {
	if (now - lastSweep >= SWEEP_EVERY_MS) sweepRateLimits(now);
	if (!timer) {
		timer = setInterval(() => {
			try {
				sweepRateLimits();
			} catch {
				/* the database was closed (tests, shutdown): the next write sweeps */
			}
		}, 10 * SWEEP_EVERY_MS);
		timer.unref?.();
	}
}

/** Counts one hit for `key` and says whether it is still within the limit. */
export async function hit(key: string, limit: RateLimit, now = Date.now()): Promise<Hit> {
	return countIn(getDb(), key, limit, now);
}

/**
 * Counts one hit for `key` through `tx` (a transaction that also stores what is counted, so that a
 * refusal rolls the count back with it, or the database itself). The key is stored as its HMAC, with
 * the end of its window.
 */
export function countIn(tx: Db, key: string, limit: RateLimit, now = Date.now()): Hit {
	const windowStart = now - (now % limit.windowMs);
	const expiresAt = windowStart + limit.windowMs;
	sweepNowAndThen(now);
	const t = schema.rateLimits;
	const row = tx
		.insert(t)
		.values({ key: storedKey(key), windowStart, count: 1, expiresAt })
		.onConflictDoUpdate({
			target: t.key,
			set: { count: sql`case when ${t.windowStart} = ${windowStart} then ${t.count} + 1 else 1 end`, windowStart, expiresAt }
		})
		.returning({ count: t.count })
		.get();
	const count = row?.count ?? 1;
	return { allowed: count <= limit.max, count, retryAfterMs: expiresAt - now };
}

/** Takes back one hit counted in the current window (what was counted did not happen after all). */
export async function release(key: string, limit: RateLimit, now = Date.now()): Promise<void> {
	const windowStart = now - (now % limit.windowMs);
	const t = schema.rateLimits;
	await getDb()
		.update(t)
		.set({ count: sql`max(${t.count} - 1, 0)` })
		.where(and(eq(t.key, storedKey(key)), eq(t.windowStart, windowStart)));
}

/** Reads the current count without adding to it. */
export async function peek(key: string, limit: RateLimit, now = Date.now()): Promise<Hit> {
	const windowStart = now - (now % limit.windowMs);
	const stored = storedKey(key);
	const row = await getDb().query.rateLimits.findFirst({ where: (r, { eq }) => eq(r.key, stored) });
	const count = row && row.windowStart === windowStart ? row.count : 0;
	return { allowed: count < limit.max, count, retryAfterMs: windowStart + limit.windowMs - now };
}

export async function reset(key: string): Promise<void> {
	await getDb().delete(schema.rateLimits).where(sql`${schema.rateLimits.key} = ${storedKey(key)}`);
}

const fromEnv = new Map<string, { spec: string | undefined; limit: RateLimit | null }>();

/**
 * The limit in environment variable `name` (rate-limit notation), or `fallback` when it is unset. A
 * value that cannot be read is logged once and the fallback used: a typo in the configuration must not
 * take a page down, nor switch a limit off.
 */
export function limitFromEnv(name: string, fallback: RateLimit | null, env: Record<string, string | undefined> = process.env): RateLimit | null {
	const spec = env[name];
	const seen = fromEnv.get(name);
	if (seen && seen.spec === spec) return seen.limit;
	let limit: RateLimit | null;
	try {
		limit = parseRateLimit(spec, fallback);
	} catch (e) {
		console.error(`${name}: ${(e as Error).message} Using the default.`);
		limit = fallback;
	}
	fromEnv.set(name, { spec, limit });
	return limit;
}

/** Minutes to tell a person to wait (at least one). */
export function minutesOf(ms: number): number {
	return Math.max(1, Math.ceil(ms / 60_000));
}
