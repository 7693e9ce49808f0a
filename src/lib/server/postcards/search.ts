/** Finding a campaign's postcards for analysis: filters staff combine freely, newest first, page by page. */
import { and, desc, eq, inArray, notExists, or, sql, type SQL } from 'drizzle-orm';
import { getDb, schema } from '../db';
import { POSTCARD_CHANNELS, POSTCARD_STATUSES, type PostcardChannel, type PostcardStatus } from '../db/schema';
import { withdrawnText } from '../feedback/withdrawn';

export const PAGE_SIZE = 50;

export type PostcardFilter = {
	status?: PostcardStatus | null;
	channel?: PostcardChannel | null;
	themeId?: string | null;
	neighbourhoodId?: string | null;
	needsCare?: boolean;
	/** Only cards staff have not tagged yet (tags the writer chose do not count). */
	untagged?: boolean;
	/** Words in the text, or (part of) the code. */
	q?: string | null;
	page?: number;
};

/** Reads a filter from a URL's query string, ignoring values that are not allowed. */
export function parseFilter(params: URLSearchParams): PostcardFilter {
	const status = params.get('status');
	const channel = params.get('channel');
	const page = Number(params.get('page') ?? '1');
	return {
		status: (POSTCARD_STATUSES as readonly string[]).includes(status ?? '') ? (status as PostcardStatus) : null,
		channel: (POSTCARD_CHANNELS as readonly string[]).includes(channel ?? '') ? (channel as PostcardChannel) : null,
		themeId: params.get('theme') || null,
		neighbourhoodId: params.get('neighbourhood') || null,
		needsCare: params.get('care') === '1',
		untagged: params.get('untagged') === '1',
		q: params.get('q')?.trim().slice(0, 200) || null,
		page: Number.isInteger(page) && page > 0 ? page : 1
	};
}

function hasTag(kind: 'theme' | 'neighbourhood', refId: string): SQL {
	return inArray(
		schema.postcards.id,
		getDb()
			.select({ id: schema.taggings.subjectId })
			.from(schema.taggings)
			.where(and(eq(schema.taggings.subjectType, 'postcard'), eq(schema.taggings.kind, kind), eq(schema.taggings.refId, refId)))
	);
}

export type PostcardRow = typeof schema.postcards.$inferSelect;

export async function searchPostcards(campaignId: number, filter: PostcardFilter = {}): Promise<{ total: number; page: number; pages: number; rows: PostcardRow[] }> {
	const db = getDb();
	const where: SQL[] = [eq(schema.postcards.campaignId, campaignId)];
	if (filter.status) where.push(eq(schema.postcards.status, filter.status));
	if (filter.channel) where.push(eq(schema.postcards.channel, filter.channel));
	if (filter.needsCare) where.push(eq(schema.postcards.needsCare, true));
	if (filter.themeId) where.push(hasTag('theme', filter.themeId));
	if (filter.neighbourhoodId) where.push(hasTag('neighbourhood', filter.neighbourhoodId));
	if (filter.untagged)
		where.push(
			notExists(
				db
					.select({ one: sql`1` })
					.from(schema.taggings)
					.where(and(eq(schema.taggings.subjectType, 'postcard'), eq(schema.taggings.subjectId, schema.postcards.id), eq(schema.taggings.source, 'staff')))
			)
		);
	if (filter.q) {
		const escaped = filter.q.replace(/[\\%_]/g, (c) => `\\${c}`);
		const pattern = `%${escaped}%`;
		where.push(or(sql`${schema.postcards.text} like ${pattern} escape '\\'`, sql`${schema.postcards.code} like ${pattern} escape '\\'`)!);
	}
	const condition = and(...where);
	const total = Number((await db.select({ n: sql<number>`count(*)` }).from(schema.postcards).where(condition).get())?.n ?? 0);
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const page = Math.min(filter.page ?? 1, pages);
	const rows = await db
		.select()
		.from(schema.postcards)
		.where(condition)
		.orderBy(desc(schema.postcards.createdAt), desc(schema.postcards.id))
		.limit(PAGE_SIZE)
		.offset((page - 1) * PAGE_SIZE);
	return { total, page, pages, rows: rows.map((r) => (r.textWithdrawnAt ? { ...r, text: withdrawnText() } : r)) };
}

/** Which of `ids` are postcards of this campaign (bulk actions act only on those). */
export async function postcardsOfCampaign(campaignId: number, ids: number[]): Promise<number[]> {
	if (!ids.length) return [];
	const rows = await getDb()
		.select({ id: schema.postcards.id })
		.from(schema.postcards)
		.where(and(eq(schema.postcards.campaignId, campaignId), inArray(schema.postcards.id, ids)));
	return rows.map((r) => r.id);
}

/** How many postcards each campaign has. */
export async function postcardCounts(): Promise<Map<number, number>> {
	const rows = await getDb()
		.select({ campaignId: schema.postcards.campaignId, n: sql<number>`count(*)` })
		.from(schema.postcards)
		.groupBy(schema.postcards.campaignId);
	return new Map(rows.map((r) => [r.campaignId, Number(r.n)]));
}
