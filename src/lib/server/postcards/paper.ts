/**
 * Paper postcards: codes are issued when cards are printed (one batch per print run, all codes of a
 * batch share their printedAt), and a code becomes a postcard when staff type the card in with
 * submitPostcard({ channel: 'paper', paperCode }).
 */
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { getDb, schema, transaction } from '../db';
import { newTrackingCode } from './codes';
import { postcardTextColumn } from '../feedback/withdrawn';

export const MAX_PRINT = 400;
export const PRINT_FORMATS = ['a4', 'a6'] as const;
export type PrintFormat = (typeof PRINT_FORMATS)[number];

/** Clamps what was asked for to a sensible number of cards (1…MAX_PRINT), or null when it is not a number. */
export function printCount(value: unknown): number | null {
	const n = typeof value === 'number' ? value : Number(String(value ?? '').trim());
	if (!Number.isInteger(n) || n < 1 || n > MAX_PRINT) return null;
	return n;
}

export type PaperBatch = { campaignId: number; printedAt: Date; codes: string[] };

/**
 * Issues `count` new codes for a campaign, all in one transaction. A code never repeats one already
 * printed or used by a postcard of any channel.
 */
export async function issuePaperCodes(campaignId: number, count: number): Promise<PaperBatch> {
	const n = printCount(count);
	if (!n) throw new RangeError(`count must be 1…${MAX_PRINT}`);
	const printedAt = new Date();
	const codes = await transaction((tx) => {
		const out: string[] = [];
		const taken = new Set<string>();
		let attempts = 0;
		while (out.length < n) {
			if (attempts++ > n * 50) throw new Error('could not find free codes');
			const code = newTrackingCode();
			if (taken.has(code)) continue;
			const printed = tx.select({ code: schema.paperCodes.code }).from(schema.paperCodes).where(eq(schema.paperCodes.code, code)).get();
			const used = tx.select({ id: schema.postcards.id }).from(schema.postcards).where(eq(schema.postcards.code, code)).get();
			if (printed || used) continue;
			taken.add(code);
			out.push(code);
		}
		tx.insert(schema.paperCodes)
			.values(out.map((code) => ({ code, campaignId, printedAt })))
			.run();
		return out;
	});
	return { campaignId, printedAt, codes };
}

/** The codes of one print run (identified by its printedAt in milliseconds), in the order they were issued. */
export async function paperBatch(campaignId: number, printedAtMs: number): Promise<string[]> {
	const rows = await getDb()
		.select({ code: schema.paperCodes.code, rowid: sql<number>`rowid` })
		.from(schema.paperCodes)
		.where(and(eq(schema.paperCodes.campaignId, campaignId), eq(schema.paperCodes.printedAt, new Date(printedAtMs))))
		.orderBy(asc(sql`rowid`));
	return rows.map((r) => r.code);
}

/** Print runs of a campaign, newest first, with how many of their cards have been typed in. */
export async function paperBatches(campaignId: number): Promise<{ printedAt: Date; printed: number; transcribed: number }[]> {
	const rows = await getDb()
		.select({
			printedAt: schema.paperCodes.printedAt,
			printed: sql<number>`count(*)`,
			transcribed: sql<number>`count(${schema.paperCodes.postcardId})`
		})
		.from(schema.paperCodes)
		.where(eq(schema.paperCodes.campaignId, campaignId))
		.groupBy(schema.paperCodes.printedAt)
		.orderBy(desc(schema.paperCodes.printedAt));
	return rows.map((r) => ({ printedAt: r.printedAt, printed: Number(r.printed), transcribed: Number(r.transcribed) }));
}

/** When and by whom a used code was typed in (to explain a refusal), or null. */
export async function paperCodeUse(code: string): Promise<{ postcardId: number; createdAt: Date; enteredBy: string | null } | null> {
	const row = await getDb()
		.select({ postcardId: schema.postcards.id, createdAt: schema.postcards.createdAt, enteredBy: schema.users.name })
		.from(schema.paperCodes)
		.innerJoin(schema.postcards, eq(schema.postcards.id, schema.paperCodes.postcardId))
		.leftJoin(schema.users, eq(schema.users.id, schema.postcards.enteredBy))
		.where(and(eq(schema.paperCodes.code, code), isNotNull(schema.paperCodes.postcardId)))
		.get();
	return row ?? null;
}

/** The paper cards one person typed in for a campaign, newest first (the transcriber's 'done' list). */
export async function recentTranscriptions(campaignId: number, userId: number, limit = 10) {
	return getDb()
		.select({ id: schema.postcards.id, code: schema.postcards.code, text: postcardTextColumn(), createdAt: schema.postcards.createdAt, collectionPlace: schema.postcards.collectionPlace })
		.from(schema.postcards)
		.where(and(eq(schema.postcards.campaignId, campaignId), eq(schema.postcards.channel, 'paper'), eq(schema.postcards.enteredBy, userId)))
		.orderBy(desc(schema.postcards.createdAt), desc(schema.postcards.id))
		.limit(limit);
}

/** Places where this campaign's cards were collected so far, most used first (suggestions while typing). */
export async function knownCollectionPlaces(campaignId: number): Promise<string[]> {
	const rows = await getDb()
		.select({ place: schema.postcards.collectionPlace, n: sql<number>`count(*)` })
		.from(schema.postcards)
		.where(and(eq(schema.postcards.campaignId, campaignId), isNotNull(schema.postcards.collectionPlace)))
		.groupBy(schema.postcards.collectionPlace)
		.orderBy(desc(sql`count(*)`))
		.limit(30);
	return rows.map((r) => r.place!).filter(Boolean);
}
