/**
 * The anonymous rate limit on postcards, and the one entry point every resident-facing channel
 * (online form, kiosk, JSON API) uses to hand a postcard to submitPostcard().
 *
 * Policy:
 * - POSTCARD_RATE_LIMIT (`10/10m` by default, `off` disables) caps the postcards stored per device
 *   in a window. The device is the client address SvelteKit reports (event.getClientAddress()); behind
 *   a reverse proxy adapter-node only uses X-Forwarded-For when ADDRESS_HEADER / XFF_DEPTH are set,
 *   otherwise every resident shares the proxy's address (see docs/api.md).
 * - Only stored postcards count: a card refused for a typo does not use up the resident's allowance.
 * - Registered kiosks and logged-in staff are exempt (one library tablet serves many residents).
 * - A retry of a postcard that was already stored (same submissionId) is never refused by the limit:
 *   the resident gets the code of the card they already sent.
 */
import { getDb } from '../db';
import { hit, parseRateLimit, release, type RateLimit } from '../ratelimit';
import { getCampaignBySlug } from './campaigns';
import { PROBLEM_STATUS, submitPostcard, type PostcardInput, type SubmitProblem } from './submit';
import type { CareCategory } from './care';

export const DEFAULT_POSTCARD_LIMIT: RateLimit = { max: 10, windowMs: 10 * 60_000 };

let cached: { spec: string | undefined; limit: RateLimit | null } | null = null;

/**
 * The limit from POSTCARD_RATE_LIMIT. A value that cannot be read is logged and the default is used:
 * a typo in the configuration must not stop residents from sending postcards.
 */
export function postcardLimit(spec: string | undefined = process.env.POSTCARD_RATE_LIMIT): RateLimit | null {
	if (cached && cached.spec === spec) return cached.limit;
	let limit: RateLimit | null;
	try {
		limit = parseRateLimit(spec, DEFAULT_POSTCARD_LIMIT);
	} catch (e) {
		console.error(`POSTCARD_RATE_LIMIT: ${(e as Error).message} Using the default of 10/10m.`);
		limit = DEFAULT_POSTCARD_LIMIT;
	}
	cached = { spec, limit };
	return limit;
}

/** Who is sending: the device's address and whether it is a registered kiosk or a staff session. */
export type Sender = { clientAddress: string; kiosk: boolean; staff: boolean };

export function isExempt(sender: Sender): boolean {
	return sender.kiosk || sender.staff;
}

export function deviceKey(clientAddress: string): string {
	return `postcard:device:${clientAddress}`;
}

/** Problems beyond submitPostcard's own: the limit, and a submissionId that cannot be used. */
export type ReceiveProblem = SubmitProblem | 'rate_limited' | 'submission_id_invalid' | 'submission_id_conflict';

export const RECEIVE_STATUS: Record<ReceiveProblem, number> = {
	...PROBLEM_STATUS,
	rate_limited: 429,
	submission_id_invalid: 400,
	submission_id_conflict: 409
};

export type ReceiveResult =
	| { ok: true; code: string; postcardId: number; care: CareCategory[]; duplicate: boolean; key: string | null }
	| { ok: false; problems: ReceiveProblem[]; retryAfterMs?: number };

/** A client-generated id: 16 to 100 letters, digits, '-' or '_' (a UUID fits), so it cannot be guessed. */
export function isSubmissionId(value: string): boolean {
	return /^[A-Za-z0-9_-]{16,100}$/.test(value);
}

function isUniqueViolation(e: unknown): boolean {
	for (let err = e as { code?: string; cause?: unknown } | undefined, i = 0; err && i < 3; err = err.cause as typeof err, i++) {
		if (err.code === 'SQLITE_CONSTRAINT_UNIQUE') return true;
	}
	return false;
}

/** The HTTP status for a refused postcard: that of its first problem. */
export function receiveStatus(problems: ReceiveProblem[]): number {
	return RECEIVE_STATUS[problems[0]] ?? 400;
}

/**
 * Checks the limit, stores the postcard through submitPostcard(), and counts it.
 * `limit` defaults to POSTCARD_RATE_LIMIT; tests pass their own.
 */
export async function receivePostcard(
	slug: string,
	input: PostcardInput,
	sender: Sender,
	opts: { limit?: RateLimit | null; now?: number } = {}
): Promise<ReceiveResult> {
	const limit = opts.limit === undefined ? postcardLimit() : opts.limit;
	const submissionId = input.submissionId?.trim() || null;
	if (submissionId && !isSubmissionId(submissionId)) return { ok: false, problems: ['submission_id_invalid'] };

	let retry = false;
	if (submissionId) {
		const earlier = await getDb().query.postcards.findFirst({
			columns: { campaignId: true },
			where: (p, { eq }) => eq(p.submissionId, submissionId)
		});
		if (earlier) {
			const campaign = await getCampaignBySlug(slug);
			if (campaign && campaign.id !== earlier.campaignId) return { ok: false, problems: ['submission_id_conflict'] };
			retry = true;
		}
	}

	const counted = !!limit && !isExempt(sender) && !retry;
	const key = deviceKey(sender.clientAddress);
	// The card is counted before it is stored (a check followed by a later count let every request of a
	// burst through the same check), and the count is taken back when nothing new was stored.
	if (counted) {
		const state = await hit(key, limit!, opts.now);
		if (!state.allowed) {
			await release(key, limit!, opts.now);
			return { ok: false, problems: ['rate_limited'], retryAfterMs: state.retryAfterMs };
		}
	}
	let result;
	try {
		result = await submitPostcard(slug, { ...input, submissionId });
	} catch (e) {
		// Two copies of one submission raced (several server processes on one database): the unique
		// submission_id kept the second out; answer it with the code of the first.
		if (!submissionId || !isUniqueViolation(e)) {
			if (counted) await release(key, limit!, opts.now);
			throw e;
		}
		result = await submitPostcard(slug, { ...input, submissionId });
	}
	if (counted && (!result.ok || result.duplicate)) await release(key, limit!, opts.now);
	return result;
}
