/**
 * Limits that keep one hostile visitor from flooding a live table, and what a real event needs.
 * A whole room of 300 phones may share one address behind the venue's Wi-Fi, so the per-address limit is
 * generous and the per-table and per-participant limits do most of the work. Every setting comes from the
 * environment in the rate-limit notation (`100/1m`, `off`); counts live in the database (rate_limits),
 * so every node sees the same. They are counted inside the transaction that stores the join or the
 * contribution: a refusal rolls the count back with it, a re-send of something stored is never counted.
 *
 * TABLE_JOIN_ADDRESS_LIMIT       new participants per client address per window (default 100/1m)
 * TABLE_JOIN_LIMIT               new participants per table per window (default 200/1m)
 * TABLE_MAX_PARTICIPANTS         participants one table may have, a number (default 1000; `off`)
 * TABLE_CONTRIBUTION_LIMIT       contributions per participant per window (default 6/30s)
 * TABLE_CONTRIBUTION_TABLE_LIMIT contributions per table per window (default 300/1m)
 */
import type { Db } from '../db';
import { countIn, parseRateLimit, type RateLimit } from '../ratelimit';
import { Refusal } from '../refusal';

export type TableLimits = {
	joinsPerAddress: RateLimit | null;
	joinsPerTable: RateLimit | null;
	maxParticipants: number | null;
	contributionsPerParticipant: RateLimit | null;
	contributionsPerTable: RateLimit | null;
};

export const DEFAULT_LIMITS: TableLimits = {
	joinsPerAddress: { max: 100, windowMs: 60_000 },
	joinsPerTable: { max: 200, windowMs: 60_000 },
	maxParticipants: 1000,
	contributionsPerParticipant: { max: 6, windowMs: 30_000 },
	contributionsPerTable: { max: 300, windowMs: 60_000 }
};

function rate(name: string, fallback: RateLimit | null): RateLimit | null {
	try {
		return parseRateLimit(process.env[name], fallback);
	} catch (e) {
		console.error(`[tables] ${(e as Error).message} (${name}); using the default`);
		return fallback;
	}
}

/** A plain number (or `off`); a notation like `1000/…` is read as its number. */
export function parseCount(spec: string | undefined, fallback: number | null): number | null {
	if (spec === undefined || spec.trim() === '') return fallback;
	const s = spec.trim().toLowerCase();
	if (s === 'off' || s === 'none' || s === '0') return null;
	const m = /^(\d+)(\s*\/.*)?$/.exec(s);
	return m ? Number(m[1]) : fallback;
}

/** The limits now (read each time: cheap, and tests may change the environment). */
export function tableLimits(): TableLimits {
	return {
		joinsPerAddress: rate('TABLE_JOIN_ADDRESS_LIMIT', DEFAULT_LIMITS.joinsPerAddress),
		joinsPerTable: rate('TABLE_JOIN_LIMIT', DEFAULT_LIMITS.joinsPerTable),
		maxParticipants: parseCount(process.env.TABLE_MAX_PARTICIPANTS, DEFAULT_LIMITS.maxParticipants),
		contributionsPerParticipant: rate('TABLE_CONTRIBUTION_LIMIT', DEFAULT_LIMITS.contributionsPerParticipant),
		contributionsPerTable: rate('TABLE_CONTRIBUTION_TABLE_LIMIT', DEFAULT_LIMITS.contributionsPerTable)
	};
}

/** Counts one hit for `key` in the transaction; false once over the limit (true when there is none). */
function within(tx: Db, key: string, limit: RateLimit | null): boolean {
	return !limit || countIn(tx, key, limit).allowed;
}

/**
 * A new participant may join: within the address's and the table's joins per window and the table's
 * head room. `participants` is the table's current number (removed ones not counted).
 */
export function admitJoin(tx: Db, tableId: number, address: string | null, participants: number): void {
	const limits = tableLimits();
	if (limits.maxParticipants !== null && participants >= limits.maxParticipants) throw new Refusal('table_full');
	if (address && !within(tx, `table-join:addr:${address}`, limits.joinsPerAddress)) throw new Refusal('too_many_joins');
	if (!within(tx, `table-join:table:${tableId}`, limits.joinsPerTable)) throw new Refusal('too_many_joins');
}

/** A new contribution from a participant: within their own and the table's contributions per window. */
export function admitContribution(tx: Db, tableId: number, participantId: number): void {
	const limits = tableLimits();
	if (!within(tx, `table-contribution:participant:${participantId}`, limits.contributionsPerParticipant)) throw new Refusal('too_many_contributions');
	if (!within(tx, `table-contribution:table:${tableId}`, limits.contributionsPerTable)) throw new Refusal('too_many_contributions');
}
