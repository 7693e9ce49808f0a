/**
 * Moderation: a person decides what happens to each postcard. Every decision changes the card's status
 * and writes a moderation_log row (who, when, what, why) in the same transaction; the wall and the
 * other moderators are told only after the commit.
 */
import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { getDb, schema, transaction } from '../db';
import type { ModerationAction, PostcardStatus } from '../db/schema';
import { MODERATION_ACTIONS } from '../db/schema';
import { notify } from '../realtime';
import { postcardTextColumn } from '../feedback/withdrawn';

export const MAX_REASON = 500;

/** The status each action leads to. */
export const ACTION_STATUS: Record<ModerationAction, PostcardStatus> = {
	publish: 'published',
	keep_private: 'private',
	reject: 'rejected',
	reopen: 'received'
};

export type ModerationProblem = 'not_found' | 'action_unknown' | 'reason_required' | 'reason_too_long' | 'no_change' | 'stale';

export type ModerationResult =
	| { ok: true; status: PostcardStatus; campaignId: number }
	| { ok: false; problem: ModerationProblem };

export function isModerationAction(value: unknown): value is ModerationAction {
	return typeof value === 'string' && (MODERATION_ACTIONS as readonly string[]).includes(value);
}

/**
 * Applies one moderation decision. `reject` needs a reason. `expectedStatus`, when given, is the status
 * the moderator saw: if someone else changed the card meanwhile the decision is refused ('stale')
 * instead of silently overriding theirs.
 */
export async function moderate(
	postcardId: number,
	action: ModerationAction,
	userId: number,
	reason?: string | null,
	expectedStatus?: PostcardStatus | null
): Promise<ModerationResult> {
	if (!isModerationAction(action)) return { ok: false, problem: 'action_unknown' };
	const why = reason?.trim() || null;
	if (action === 'reject' && !why) return { ok: false, problem: 'reason_required' };
	if (why && [...why].length > MAX_REASON) return { ok: false, problem: 'reason_too_long' };
	const next = ACTION_STATUS[action];
	const now = new Date();

	const outcome = await transaction((tx) => {
		const card = tx
			.select({ id: schema.postcards.id, status: schema.postcards.status, campaignId: schema.postcards.campaignId, consent: schema.postcards.consentPublish })
			.from(schema.postcards)
			.where(eq(schema.postcards.id, postcardId))
			.get();
		if (!card) return { ok: false as const, problem: 'not_found' as const };
		if (expectedStatus && card.status !== expectedStatus) return { ok: false as const, problem: 'stale' as const };
		if (card.status === next) return { ok: false as const, problem: 'no_change' as const };
		tx.update(schema.postcards)
			.set({
				status: next,
				publishedAt: next === 'published' ? now : null,
				rejectionReason: next === 'rejected' ? why : null
			})
			.where(eq(schema.postcards.id, postcardId))
			.run();
		tx.insert(schema.moderationLog).values({ postcardId, userId, action, reason: why, createdAt: now }).run();
		return { ok: true as const, previous: card.status, campaignId: card.campaignId, consent: card.consent };
	});
	if (!outcome.ok) return outcome;

	// Only cards whose writer agreed to publication ever reach the public wall.
	if (outcome.consent) {
		if (next === 'published') notify(`wall:${outcome.campaignId}`, 'postcard:published', { id: postcardId });
		else if (outcome.previous === 'published') notify(`wall:${outcome.campaignId}`, 'postcard:withdrawn', { id: postcardId });
	}
	notify(`moderation:${outcome.campaignId}`, 'postcard:moderated', { id: postcardId, status: next });
	return { ok: true, status: next, campaignId: outcome.campaignId };
}

export type LogEntry = {
	id: number;
	postcardId: number;
	action: ModerationAction;
	reason: string | null;
	createdAt: Date;
	userId: number;
	userName: string;
};

/** The moderation history of some postcards, oldest first, grouped by postcard id. */
export async function moderationLogFor(postcardIds: number[]): Promise<Map<number, LogEntry[]>> {
	const out = new Map<number, LogEntry[]>();
	if (postcardIds.length === 0) return out;
	const rows = await getDb()
		.select({
			id: schema.moderationLog.id,
			postcardId: schema.moderationLog.postcardId,
			action: schema.moderationLog.action,
			reason: schema.moderationLog.reason,
			createdAt: schema.moderationLog.createdAt,
			userId: schema.moderationLog.userId,
			userName: schema.users.name
		})
		.from(schema.moderationLog)
		.innerJoin(schema.users, eq(schema.users.id, schema.moderationLog.userId))
		.where(inArray(schema.moderationLog.postcardId, postcardIds))
		.orderBy(asc(schema.moderationLog.createdAt), asc(schema.moderationLog.id));
	for (const r of rows) {
		const list = out.get(r.postcardId) ?? [];
		list.push(r);
		out.set(r.postcardId, list);
	}
	return out;
}

export type QueueCard = {
	id: number;
	campaignId: number;
	code: string;
	text: string;
	channel: string;
	collectionPlace: string | null;
	locale: string;
	ageBand: string | null;
	consentPublish: boolean;
	status: PostcardStatus;
	rejectionReason: string | null;
	needsCare: boolean;
	careCategories: string[];
	createdAt: Date;
	publishedAt: Date | null;
};

const CARD_COLUMNS = {
	id: schema.postcards.id,
	campaignId: schema.postcards.campaignId,
	code: schema.postcards.code,
	text: schema.postcards.text,
	channel: schema.postcards.channel,
	collectionPlace: schema.postcards.collectionPlace,
	locale: schema.postcards.locale,
	ageBand: schema.postcards.ageBand,
	consentPublish: schema.postcards.consentPublish,
	status: schema.postcards.status,
	rejectionReason: schema.postcards.rejectionReason,
	needsCare: schema.postcards.needsCare,
	careCategories: schema.postcards.careCategories,
	createdAt: schema.postcards.createdAt,
	publishedAt: schema.postcards.publishedAt
};
/** A withdrawn text reads as the neutral line, in the moderator's language. */
const cardColumns = () => ({ ...CARD_COLUMNS, text: postcardTextColumn() });

/**
 * Cards waiting for a decision (status 'received'): those flagged as needing care first, then the
 * oldest first, so nobody waits longest. `campaignIds` empty means every campaign that is not archived.
 */
export async function moderationQueue(campaignIds: number[] = [], limit = 100): Promise<QueueCard[]> {
	const db = getDb();
	const ids = campaignIds.length ? campaignIds : await liveCampaignIds();
	if (ids.length === 0) return [];
	return db
		.select(cardColumns())
		.from(schema.postcards)
		.where(and(eq(schema.postcards.status, 'received'), inArray(schema.postcards.campaignId, ids)))
		.orderBy(desc(schema.postcards.needsCare), asc(schema.postcards.createdAt), asc(schema.postcards.id))
		.limit(limit);
}

/** Cards decided most recently (so a moderator can look back and undo), newest decision first. */
export async function recentlyModerated(campaignIds: number[] = [], limit = 20): Promise<(QueueCard & { decidedAt: Date })[]> {
	const db = getDb();
	const ids = campaignIds.length ? campaignIds : await liveCampaignIds();
	if (ids.length === 0) return [];
	const last = sql<number>`max(${schema.moderationLog.createdAt})`;
	const order = (
		await db
			.select({ postcardId: schema.moderationLog.postcardId, decidedAt: last })
			.from(schema.moderationLog)
			.innerJoin(schema.postcards, eq(schema.postcards.id, schema.moderationLog.postcardId))
			.where(and(inArray(schema.postcards.campaignId, ids), ne(schema.postcards.status, 'received')))
			.groupBy(schema.moderationLog.postcardId)
			.orderBy(desc(last), desc(schema.moderationLog.postcardId))
			.limit(limit)
	).map((r) => ({ postcardId: r.postcardId, decidedAt: new Date(Number(r.decidedAt)) }));
	if (order.length === 0) return [];
	const cards = await db.select(cardColumns()).from(schema.postcards).where(inArray(schema.postcards.id, order.map((o) => o.postcardId)));
	const byId = new Map(cards.map((c) => [c.id, c]));
	return order.flatMap((o) => {
		const c = byId.get(o.postcardId);
		return c ? [{ ...c, decidedAt: o.decidedAt }] : [];
	});
}

/** How many cards wait per campaign, and how many of them need care. */
export async function queueCounts(): Promise<Map<number, { waiting: number; care: number }>> {
	const rows = await getDb()
		.select({
			campaignId: schema.postcards.campaignId,
			waiting: sql<number>`count(*)`,
			care: sql<number>`sum(${schema.postcards.needsCare})`
		})
		.from(schema.postcards)
		.where(eq(schema.postcards.status, 'received'))
		.groupBy(schema.postcards.campaignId);
	return new Map(rows.map((r) => [r.campaignId, { waiting: Number(r.waiting), care: Number(r.care ?? 0) }]));
}

async function liveCampaignIds(): Promise<number[]> {
	const rows = await getDb().select({ id: schema.campaigns.id }).from(schema.campaigns).where(isNull(schema.campaigns.archivedAt));
	return rows.map((r) => r.id);
}
