/**
 * 'Jullie zeiden, wij deden': the public pages that show what the city did with what residents said,
 * for the whole plan, one postcard campaign or one dialogue table. Only signals that reached a decision
 * (or the feedback after it) are shown, with their advice, the decision and why, and the city's message.
 *
 * Nothing personal: no codes, no email addresses, no names of staff or residents, no breakdowns. How
 * many contributions back a signal is one pooled number (withdrawn postcards count: they still count
 * in figures). Quotes come only from postcards whose writers agreed to publication and that a
 * moderator published, never from withdrawn ones, and never from table contributions (no consent was
 * asked there). A fixed handful of queries, whatever the number of signals.
 */
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, schema } from '../db';
import { label } from '../../i18n';
import { formatDate } from '../../postcards/format';
import { normalizeCode } from '../postcards/codes';
import { signalFacts, signalIdsOfTable, viewSignal, type SignalView } from './chain';

/** The statuses a signal shows publicly in: decided, and the feedback after it. */
export const PUBLIC_STATUSES = ['taken_up', 'not_taken_up', 'passed_on', 'feedback_published'] as const;
export const QUOTES_PER_SIGNAL = 3;
export const MAX_PUBLIC_SIGNALS = 300;

export type PublicSignal = SignalView & { backing: number; quotes: string[] };
type Link = { href: string; title: string; signals: number };

const s = schema.signals;
const e = schema.signalEvidence;
const p = schema.postcards;

/** Decided signals among `ids` (or all), newest decision first. */
async function decidedSignals(ids: number[] | null): Promise<number[]> {
	if (ids && !ids.length) return [];
	const rows = await getDb()
		.select({ id: s.id })
		.from(s)
		.leftJoin(schema.signalDecisions, eq(schema.signalDecisions.signalId, s.id))
		.where(and(isNull(s.mergedInto), inArray(s.status, [...PUBLIC_STATUSES]), ids ? inArray(s.id, ids) : undefined))
		.orderBy(desc(sql`coalesce(${schema.signalDecisions.decidedAt}, ${s.updatedAt})`), desc(s.id))
		.limit(MAX_PUBLIC_SIGNALS);
	return rows.map((r) => r.id);
}

/**
 * The signals as shown: views in `locale`, the pooled number of contributions, and up to three quotes
 * from consenting, published, not withdrawn postcards (of one campaign when `campaignId` is given).
 */
async function present(ids: number[], locale: string, campaignId: number | null = null): Promise<PublicSignal[]> {
	if (!ids.length) return [];
	const db = getDb();
	const [facts, backing, registrations, quotes] = await Promise.all([
		signalFacts(ids),
		db.select({ signalId: e.signalId, n: count() }).from(e).where(inArray(e.signalId, ids)).groupBy(e.signalId),
		db.select({ signalId: schema.signalRegistrations.signalId }).from(schema.signalRegistrations).where(inArray(schema.signalRegistrations.signalId, ids)),
		db.all<{ signalId: number; text: string }>(sql`
			select signal_id as signalId, text from (
				select ${e.signalId} as signal_id, ${p.text} as text,
					row_number() over (partition by ${e.signalId} order by coalesce(${p.publishedAt}, ${p.createdAt}) desc, ${p.id} desc) as n
				from ${e} join ${p} on ${p.id} = ${e.sourceId}
				where ${e.sourceType} = 'postcard' and ${inArray(e.signalId, ids)}
					and ${p.status} = 'published' and ${p.consentPublish} = 1 and ${p.textWithdrawnAt} is null and ${p.text} <> ''
					${campaignId !== null ? sql`and ${p.campaignId} = ${campaignId}` : sql``}
			) where n <= ${QUOTES_PER_SIGNAL}
			order by signal_id, n`)
	]);
	const backed = new Map(backing.map((b) => [b.signalId, Number(b.n)]));
	for (const r of registrations) backed.set(r.signalId, (backed.get(r.signalId) ?? 0) + 1);
	const quoted = new Map<number, string[]>();
	for (const q of quotes) quoted.set(q.signalId, [...(quoted.get(q.signalId) ?? []), q.text]);
	return facts.map((f) => ({ ...viewSignal(f, locale), backing: backed.get(f.id) ?? 0, quotes: quoted.get(f.id) ?? [] }));
}

/** The whole plan: every decided signal, and links to the campaigns and tables that have some. */
export async function publicPlan(locale: string): Promise<{ signals: PublicSignal[]; campaigns: Link[]; tables: Link[] }> {
	const db = getDb();
	const ids = await decidedSignals(null);
	if (!ids.length) return { signals: [], campaigns: [], tables: [] };
	const [signals, campaigns, tables] = await Promise.all([
		present(ids, locale),
		db
			.select({ slug: schema.campaigns.slug, titles: schema.campaigns.titles, n: sql<number>`count(distinct ${e.signalId})` })
			.from(e)
			.innerJoin(p, eq(p.id, e.sourceId))
			.innerJoin(schema.campaigns, eq(schema.campaigns.id, p.campaignId))
			.where(and(eq(e.sourceType, 'postcard'), inArray(e.signalId, ids), isNull(schema.campaigns.archivedAt)))
			.groupBy(schema.campaigns.id)
			.orderBy(desc(schema.campaigns.createdAt)),
		db
			.select({ id: schema.dialogueTables.id, title: schema.dialogueTables.title, n: sql<number>`count(distinct ${e.signalId})` })
			.from(e)
			.innerJoin(schema.tableContributions, eq(schema.tableContributions.id, e.sourceId))
			.innerJoin(schema.dialogueTables, eq(schema.dialogueTables.id, schema.tableContributions.tableId))
			.where(and(eq(e.sourceType, 'table_contribution'), inArray(e.signalId, ids)))
			.groupBy(schema.dialogueTables.id)
			.orderBy(desc(schema.dialogueTables.createdAt))
	]);
	return {
		signals,
		campaigns: campaigns.map((c) => ({ href: `/wij-deden/campagne/${c.slug}`, title: label(c.titles, locale), signals: Number(c.n) })),
		tables: tables.map((t) => ({ href: publicTableHref(t.id), title: t.title, signals: Number(t.n) }))
	};
}

/** One campaign: its decided signals (quotes from its own cards), and how many cards it got. Null when unknown. */
export async function publicCampaign(slug: string, locale: string) {
	const db = getDb();
	const campaign = await db.select({ id: schema.campaigns.id, slug: schema.campaigns.slug, titles: schema.campaigns.titles }).from(schema.campaigns).where(eq(schema.campaigns.slug, slug)).get();
	if (!campaign) return null;
	const [cards, backing] = await Promise.all([
		db.select({ n: count() }).from(p).where(eq(p.campaignId, campaign.id)).get(),
		db.selectDistinct({ signalId: e.signalId }).from(e).innerJoin(p, eq(p.id, e.sourceId)).where(and(eq(e.sourceType, 'postcard'), eq(p.campaignId, campaign.id)))
	]);
	const ids = await decidedSignals(backing.map((b) => b.signalId));
	return {
		campaign: { slug: campaign.slug, title: label(campaign.titles, locale) },
		cards: Number(cards?.n ?? 0),
		signals: await present(ids, locale, campaign.id)
	};
}

/**
 * A table's public page is addressed by its number, never by its join code (the code lets people into a
 * running table, and a finished one's participants back to their phone view).
 */
export const publicTableHref = (tableId: number) => `/wij-deden/tafel/${tableId}`;

/**
 * One dialogue table, by its number (or, for old links, its code): its decided signals. Null when unknown,
 * and for a table that has neither ended nor any decided signal (it has no public page yet: nothing to
 * show, and a code guessed at would otherwise learn the title of a running table). No code in the answer.
 */
export async function publicTable(key: string, locale: string) {
	const byId = /^[1-9]\d{0,9}$/.test(key) ? Number(key) : null;
	const code = byId === null ? normalizeCode(key) : null;
	if (byId === null && !code) return null;
	const t = schema.dialogueTables;
	const table = await getDb()
		.select({ id: t.id, title: t.title, status: t.status, scheduledAt: t.scheduledAt, endedAt: t.endedAt, createdAt: t.createdAt })
		.from(t)
		.where(byId !== null ? eq(t.id, byId) : eq(t.code, code!))
		.get();
	if (!table) return null;
	const ids = await decidedSignals([...new Set(await signalIdsOfTable(table.id))]);
	if (!ids.length && table.status !== 'ended') return null;
	const held = table.scheduledAt ?? table.endedAt ?? table.createdAt;
	return {
		table: { id: table.id, href: publicTableHref(table.id), title: table.title, date: formatDate(held, locale) },
		signals: await present(ids, locale)
	};
}
