/**
 * A campaign's postcards for analysis elsewhere, as CSV (for spreadsheets) or JSON. Contact e-mail
 * addresses never leave the application this way: they live in another table and are not read here.
 */
import { asc, eq } from 'drizzle-orm';
import { getDb, schema } from '../db';
import { TAG_KINDS, type TagKind } from '../db/schema';
import { signalsBackedBy } from '../signals';
import { tagOptions, tagsFor } from '../signals/tags';
import { toCsv } from '$lib/csv';
import { postcardTextColumn } from '../feedback/withdrawn';

export type ExportTag = { id: string; label: string; source: 'resident' | 'staff' };
export type ExportRow = {
	code: string;
	createdAt: string;
	channel: string;
	collectionPlace: string | null;
	locale: string;
	ageBand: string | null;
	status: string;
	publishedAt: string | null;
	needsCare: boolean;
	careCategories: string[];
	consentPublish: boolean;
	text: string;
	tags: Record<TagKind, ExportTag[]>;
	signalIds: number[];
};

/** Every postcard of a campaign, oldest first, with its tags (Dutch labels) and the signals it backs. */
export async function exportRows(campaignId: number): Promise<ExportRow[]> {
	const cards = await getDb()
		.select({
			id: schema.postcards.id,
			code: schema.postcards.code,
			createdAt: schema.postcards.createdAt,
			channel: schema.postcards.channel,
			collectionPlace: schema.postcards.collectionPlace,
			locale: schema.postcards.locale,
			ageBand: schema.postcards.ageBand,
			status: schema.postcards.status,
			publishedAt: schema.postcards.publishedAt,
			needsCare: schema.postcards.needsCare,
			careCategories: schema.postcards.careCategories,
			consentPublish: schema.postcards.consentPublish,
			text: postcardTextColumn('nl')
		})
		.from(schema.postcards)
		.where(eq(schema.postcards.campaignId, campaignId))
		.orderBy(asc(schema.postcards.createdAt), asc(schema.postcards.id));
	const ids = cards.map((c) => c.id);
	const [tags, signals, options] = await Promise.all([tagsFor('postcard', ids), signalsBackedBy('postcard', ids), tagOptions('nl')]);
	const labels = new Map<string, string>();
	for (const kind of TAG_KINDS) for (const o of options[kind]) labels.set(`${kind}:${o.id}`, o.label);
	return cards.map(({ id, createdAt, publishedAt, ...c }) => {
		const byKind = Object.fromEntries(TAG_KINDS.map((k) => [k, [] as ExportTag[]])) as Record<TagKind, ExportTag[]>;
		for (const t of tags.get(id) ?? []) byKind[t.kind].push({ id: t.refId, label: labels.get(`${t.kind}:${t.refId}`) ?? t.refId, source: t.source });
		return {
			...c,
			createdAt: createdAt.toISOString(),
			publishedAt: publishedAt?.toISOString() ?? null,
			tags: byKind,
			signalIds: (signals.get(id) ?? []).map((s) => s.id)
		};
	});
}

// ---------------------------------------------------------------- CSV (RFC 4180, for spreadsheets)

export { csvCell, toCsv, type Cell } from '$lib/csv';

export const CSV_HEADER = [
	'code',
	'created_at',
	'channel',
	'collection_place',
	'locale',
	'age_band',
	'status',
	'published_at',
	'needs_care',
	'care_categories',
	'consent_publish',
	'text',
	'themes',
	'attention_points',
	'goals',
	'actions',
	'target_groups',
	'neighbourhood',
	'signal_ids'
];

/** Goals and actions carry their plan number; a tag the writer chose is marked '(inwoner)'. */
function tagCell(kind: TagKind, tags: ExportTag[]): string {
	return tags
		.map((t) => `${kind === 'goal' || kind === 'action' ? `${t.id} ` : ''}${t.label}${t.source === 'resident' ? ' (inwoner)' : ''}`)
		.join('; ');
}

export function rowsToCsv(rows: ExportRow[]): string {
	return toCsv(
		CSV_HEADER,
		rows.map((r) => [
			r.code,
			r.createdAt,
			r.channel,
			r.collectionPlace,
			r.locale,
			r.ageBand,
			r.status,
			r.publishedAt,
			r.needsCare,
			r.careCategories.join('; '),
			r.consentPublish,
			r.text,
			...TAG_KINDS.map((k) => tagCell(k, r.tags[k])),
			r.signalIds.join('; ')
		])
	);
}

/** A file name for the download: the campaign's slug and today's date. */
export function exportFileName(slug: string, ext: 'csv' | 'json', now = new Date()): string {
	return `${slug}-postkaartjes-${now.toISOString().slice(0, 10)}.${ext}`;
}
