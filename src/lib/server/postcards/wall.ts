/**
 * The public wall of a campaign: postcards a moderator published AND whose writer agreed to publication,
 * newest on the wall first, filterable by theme and neighbourhood. Shows only the text, its theme and
 * neighbourhood tags and the date: never the code, age band, target groups or anything about the writer.
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, schema } from '../db';

export const WALL_PAGE_SIZE = 30;

export type WallCard = { id: number; text: string; writtenAt: Date; themeIds: string[]; neighbourhoodId: string | null };

export type WallQuery = { themeId?: string | null; neighbourhoodId?: string | null; page?: number };

function tagged(kind: 'theme' | 'neighbourhood', refId: string) {
	return sql`exists (select 1 from ${schema.taggings} where ${schema.taggings.subjectType} = 'postcard'
		and ${schema.taggings.subjectId} = ${schema.postcards.id} and ${schema.taggings.kind} = ${kind}
		and ${schema.taggings.refId} = ${refId})`;
}

export async function listWall(campaignId: number, q: WallQuery = {}): Promise<{ cards: WallCard[]; total: number; page: number; pages: number }> {
	const db = getDb();
	const where = and(
		eq(schema.postcards.campaignId, campaignId),
		eq(schema.postcards.status, 'published'),
		eq(schema.postcards.consentPublish, true),
		// A withdrawn text leaves the wall (the card still counts in the campaign's figures).
		isNull(schema.postcards.textWithdrawnAt),
		q.themeId ? tagged('theme', q.themeId) : undefined,
		q.neighbourhoodId ? tagged('neighbourhood', q.neighbourhoodId) : undefined
	);
	const total = (await db.select({ n: sql<number>`count(*)` }).from(schema.postcards).where(where).get())?.n ?? 0;
	const pages = Math.max(1, Math.ceil(total / WALL_PAGE_SIZE));
	const page = Math.min(Math.max(1, Math.floor(q.page ?? 1) || 1), pages);
	const rows = await db
		.select({ id: schema.postcards.id, text: schema.postcards.text, writtenAt: schema.postcards.createdAt })
		.from(schema.postcards)
		.where(where)
		.orderBy(desc(sql`coalesce(${schema.postcards.publishedAt}, ${schema.postcards.createdAt})`), desc(schema.postcards.id))
		.limit(WALL_PAGE_SIZE)
		.offset((page - 1) * WALL_PAGE_SIZE);
	const ids = rows.map((r) => r.id);
	const tags = ids.length
		? await db
				.select({ id: schema.taggings.subjectId, kind: schema.taggings.kind, refId: schema.taggings.refId })
				.from(schema.taggings)
				.where(
					and(
						eq(schema.taggings.subjectType, 'postcard'),
						inArray(schema.taggings.subjectId, ids),
						inArray(schema.taggings.kind, ['theme', 'neighbourhood'])
					)
				)
		: [];
	const cards = rows.map((r) => {
		const mine = tags.filter((t) => t.id === r.id);
		return {
			...r,
			themeIds: mine.filter((t) => t.kind === 'theme').map((t) => t.refId).sort((a, b) => Number(a) - Number(b)),
			neighbourhoodId: mine.find((t) => t.kind === 'neighbourhood')?.refId ?? null
		};
	});
	return { cards, total, page, pages };
}
