/**
 * Fixed-window counters kept in the database, so that every node sees the same counts.
 * Used for failed logins and for anonymous postcards per device.
 */
import { sql } from 'drizzle-orm';
import { getDb, schema } from '../db';

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

/** Counts one hit for `key` and says whether it is still within the limit. */
export async function hit(key: string, limit: RateLimit, now = Date.now()): Promise<Hit> {
	const windowStart = now - (now % limit.windowMs);
	const db = getDb();
	const row = db
		.insert(schema.rateLimits)
		.values({ key, windowStart, count: 1 })
		.onConflictDoUpdate({
			target: schema.rateLimits.key,
			set: {
				count: sql`case when ${schema.rateLimits.windowStart} = ${windowStart} then ${schema.rateLimits.count} + 1 else 1 end`,
				windowStart
			}
		})
		.returning({ count: schema.rateLimits.count })
		.get();
	const count = row?.count ?? 1;
	return { allowed: count <= limit.max, count, retryAfterMs: windowStart + limit.windowMs - now };
}

/** Reads the current count without adding to it. */
export async function peek(key: string, limit: RateLimit, now = Date.now()): Promise<Hit> {
	const windowStart = now - (now % limit.windowMs);
	const row = await getDb().query.rateLimits.findFirst({ where: (r, { eq }) => eq(r.key, key) });
	const count = row && row.windowStart === windowStart ? row.count : 0;
	return { allowed: count < limit.max, count, retryAfterMs: windowStart + limit.windowMs - now };
}

export async function reset(key: string): Promise<void> {
	await getDb().delete(schema.rateLimits).where(sql`${schema.rateLimits.key} = ${key}`);
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
