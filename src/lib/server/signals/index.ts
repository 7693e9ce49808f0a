/**
 * Signals: a recurring concern, need, barrier, gap or proposal, backed by evidence from people
 * (capteren → onderbouwen → delen). Evidence points at a source by (sourceType, sourceId); each source
 * type registers how to check and show its items in EVIDENCE, so adding dialogue-table contributions or
 * board notes means adding to EVIDENCE_SOURCES and one entry here, nothing else.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { getDb, schema, transaction } from '../db';
import { EVIDENCE_SOURCES, SIGNAL_TYPES, type EvidenceSource, type SignalType, type TagKind } from '../db/schema';
import { label } from '../../i18n';
import { isTagKind, tagsFor, type Tag } from './tags';
import { unknownPlanIds } from '../plan';
import { existingContributions, loadContributionEvidence, type EvidenceOrigin } from '../tables/evidence';
import { existingBoardNotes, loadBoardNoteEvidence } from '../boards/evidence';
import { existingChallenges, existingResponses, loadChallengeEvidence, loadResponseEvidence } from '../personas/evidence';
import { hasRole, type StaffUser } from '../auth';
import { withdrawnText } from '../feedback/withdrawn';

export const MAX_TITLE = 200;
export const MAX_SUMMARY = 4000;

export type Signal = typeof schema.signals.$inferSelect;

/**
 * Who works on signals: moderators (from postcards) and facilitators (from their tables' recommendations,
 * as the dialogue-table method asks: the facilitator walks out with the recommendations as signals).
 */
export const SIGNAL_ROLES = ['moderator', 'facilitator'] as const;

/** Whether someone may make signals and add evidence to them (from postcards, tables, boards). */
export function canMakeSignals(user: StaffUser | null | undefined): boolean {
	return hasRole(user, ...SIGNAL_ROLES);
}
export type EvidenceRef = { sourceType: EvidenceSource; sourceId: number };

/** One piece of evidence as people see it, whatever its source. */
export type EvidenceItem = EvidenceRef & {
	text: string;
	/** Short reference a person can quote (a postcard's code). */
	reference: string;
	channel: string | null;
	/** Where it came from (a campaign's title), and a staff link to that context. */
	context: string;
	contextHref: string | null;
	/** Where within that context: for table input the phase and the world café sub-table. */
	origin?: EvidenceOrigin[];
	date: Date;
	addedAt: Date;
	addedBy: string | null;
};

type EvidenceSourceDef = {
	/** Which of these ids exist. */
	existing(ids: number[]): Promise<number[]>;
	/** The items to show, by id. */
	load(ids: number[], locale: string): Promise<Map<number, Omit<EvidenceItem, 'sourceType' | 'sourceId' | 'addedAt' | 'addedBy'>>>;
};

const EVIDENCE: Record<EvidenceSource, EvidenceSourceDef> = {
	postcard: {
		async existing(ids) {
			if (!ids.length) return [];
			const rows = await getDb().select({ id: schema.postcards.id }).from(schema.postcards).where(inArray(schema.postcards.id, ids));
			return rows.map((r) => r.id);
		},
		async load(ids, locale) {
			const out = new Map();
			if (!ids.length) return out;
			const rows = await getDb()
				.select({
					id: schema.postcards.id,
					text: schema.postcards.text,
					textWithdrawnAt: schema.postcards.textWithdrawnAt,
					code: schema.postcards.code,
					channel: schema.postcards.channel,
					createdAt: schema.postcards.createdAt,
					campaignId: schema.campaigns.id,
					titles: schema.campaigns.titles
				})
				.from(schema.postcards)
				.innerJoin(schema.campaigns, eq(schema.campaigns.id, schema.postcards.campaignId))
				.where(inArray(schema.postcards.id, ids));
			for (const r of rows)
				out.set(r.id, {
					text: r.textWithdrawnAt ? withdrawnText(locale) : r.text,
					reference: r.code,
					channel: r.channel,
					context: label(r.titles, locale),
					contextHref: `/staff/campaigns/${r.campaignId}/postcards`,
					date: r.createdAt
				});
			return out;
		}
	},
	table_contribution: {
		existing: existingContributions,
		load: (ids) => loadContributionEvidence(ids)
	},
	board_note: {
		existing: existingBoardNotes,
		load: (ids) => loadBoardNoteEvidence(ids)
	},
	challenge: {
		existing: existingChallenges,
		load: (ids) => loadChallengeEvidence(ids)
	},
	enrichment_response: {
		existing: existingResponses,
		load: (ids) => loadResponseEvidence(ids)
	}
};

export function isEvidenceSource(value: unknown): value is EvidenceSource {
	return typeof value === 'string' && (EVIDENCE_SOURCES as readonly string[]).includes(value);
}

export function isSignalType(value: unknown): value is SignalType {
	return typeof value === 'string' && (SIGNAL_TYPES as readonly string[]).includes(value);
}

export type SignalProblem = 'title_missing' | 'title_too_long' | 'summary_too_long' | 'type_unknown' | 'evidence_unknown' | 'tag_unknown' | 'not_found';
export type SignalInput = { title: string; summary: string; type: string };

/** What is wrong with a signal's title, summary and type (empty: nothing). */
export function signalProblems(input: SignalInput): SignalProblem[] {
	const problems: SignalProblem[] = [];
	const title = input.title?.trim() ?? '';
	if (!title) problems.push('title_missing');
	else if ([...title].length > MAX_TITLE) problems.push('title_too_long');
	if ([...(input.summary ?? '')].length > MAX_SUMMARY) problems.push('summary_too_long');
	if (!isSignalType(input.type)) problems.push('type_unknown');
	return problems;
}

async function unknownEvidence(refs: EvidenceRef[]): Promise<boolean> {
	for (const source of EVIDENCE_SOURCES) {
		const ids = [...new Set(refs.filter((r) => r.sourceType === source).map((r) => r.sourceId))];
		if ((await EVIDENCE[source].existing(ids)).length !== ids.length) return true;
	}
	return refs.some((r) => !isEvidenceSource(r.sourceType));
}

export type SignalResult = { ok: true; id: number } | { ok: false; problems: SignalProblem[] };

/** Creates a signal with its first evidence and tags, in one transaction. */
export async function createSignal(
	input: SignalInput & { evidence?: EvidenceRef[]; tags?: { kind: TagKind; refId: string }[] },
	userId: number | null
): Promise<SignalResult> {
	const problems = signalProblems(input);
	const evidence = input.evidence ?? [];
	const tags = input.tags ?? [];
	if (await unknownEvidence(evidence)) problems.push('evidence_unknown');
	for (const t of tags) {
		if (!isTagKind(t.kind) || (await unknownPlanIds(t.kind, [t.refId])).length) {
			problems.push('tag_unknown');
			break;
		}
	}
	if (problems.length) return { ok: false, problems };
	const now = new Date();
	const id = await transaction((tx) => {
		const row = tx
			.insert(schema.signals)
			.values({ title: input.title.trim(), summary: (input.summary ?? '').trim(), type: input.type as SignalType, createdBy: userId, createdAt: now, updatedAt: now })
			.returning({ id: schema.signals.id })
			.get();
		if (evidence.length)
			tx.insert(schema.signalEvidence)
				.values(evidence.map((e) => ({ signalId: row.id, sourceType: e.sourceType, sourceId: e.sourceId, addedBy: userId, addedAt: now })))
				.onConflictDoNothing()
				.run();
		if (tags.length)
			tx.insert(schema.taggings)
				.values(tags.map((t) => ({ subjectType: 'signal' as const, subjectId: row.id, kind: t.kind, refId: t.refId, source: 'staff' as const, createdAt: now })))
				.onConflictDoNothing()
				.run();
		return row.id;
	});
	return { ok: true, id };
}

/** Changes a signal's title, summary and type. */
export async function updateSignal(id: number, input: SignalInput): Promise<SignalResult> {
	const problems = signalProblems(input);
	if (problems.length) return { ok: false, problems };
	const res = await getDb()
		.update(schema.signals)
		.set({ title: input.title.trim(), summary: (input.summary ?? '').trim(), type: input.type as SignalType, updatedAt: new Date() })
		.where(eq(schema.signals.id, id))
		.run();
	return res.changes ? { ok: true, id } : { ok: false, problems: ['not_found'] };
}

/** Adds evidence to a signal; evidence it already has is left alone. Returns how many were new. */
export async function addEvidence(
	signalId: number,
	refs: EvidenceRef[],
	userId: number | null
): Promise<{ ok: true; added: number } | { ok: false; problems: SignalProblem[] }> {
	const signal = await getDb().select({ id: schema.signals.id }).from(schema.signals).where(eq(schema.signals.id, signalId)).get();
	if (!signal) return { ok: false, problems: ['not_found'] };
	if (refs.length === 0 || (await unknownEvidence(refs))) return { ok: false, problems: ['evidence_unknown'] };
	const now = new Date();
	const added = await transaction((tx) => {
		const res = tx
			.insert(schema.signalEvidence)
			.values(refs.map((e) => ({ signalId, sourceType: e.sourceType, sourceId: e.sourceId, addedBy: userId, addedAt: now })))
			.onConflictDoNothing()
			.run();
		if (res.changes) tx.update(schema.signals).set({ updatedAt: now }).where(eq(schema.signals.id, signalId)).run();
		return res.changes;
	});
	return { ok: true, added };
}

export async function removeEvidence(signalId: number, ref: EvidenceRef): Promise<boolean> {
	const res = await getDb()
		.delete(schema.signalEvidence)
		.where(
			and(
				eq(schema.signalEvidence.signalId, signalId),
				eq(schema.signalEvidence.sourceType, ref.sourceType),
				eq(schema.signalEvidence.sourceId, ref.sourceId)
			)
		)
		.run();
	if (res.changes) await getDb().update(schema.signals).set({ updatedAt: new Date() }).where(eq(schema.signals.id, signalId));
	return res.changes > 0;
}

export type SignalDetail = Signal & { tags: Tag[]; evidence: EvidenceItem[]; createdByName: string | null };

/** A signal with its tags and its evidence (newest added first), labels in `locale`. */
export async function getSignal(id: number, locale = 'nl'): Promise<SignalDetail | null> {
	const db = getDb();
	const row = await db
		.select({ signal: schema.signals, createdByName: schema.users.name })
		.from(schema.signals)
		.leftJoin(schema.users, eq(schema.users.id, schema.signals.createdBy))
		.where(eq(schema.signals.id, id))
		.get();
	if (!row) return null;
	const refs = await db
		.select({ sourceType: schema.signalEvidence.sourceType, sourceId: schema.signalEvidence.sourceId, addedAt: schema.signalEvidence.addedAt, addedBy: schema.users.name })
		.from(schema.signalEvidence)
		.leftJoin(schema.users, eq(schema.users.id, schema.signalEvidence.addedBy))
		.where(eq(schema.signalEvidence.signalId, id))
		.orderBy(desc(schema.signalEvidence.addedAt));
	const evidence: EvidenceItem[] = [];
	for (const source of EVIDENCE_SOURCES) {
		const mine = refs.filter((r) => r.sourceType === source);
		const items = await EVIDENCE[source].load(mine.map((r) => r.sourceId), locale);
		for (const r of mine) {
			const item = items.get(r.sourceId);
			if (item) evidence.push({ ...item, sourceType: source, sourceId: r.sourceId, addedAt: r.addedAt, addedBy: r.addedBy });
		}
	}
	evidence.sort((a, b) => +b.addedAt - +a.addedAt);
	const tags = (await tagsFor('signal', [id])).get(id) ?? [];
	return { ...row.signal, createdByName: row.createdByName, tags, evidence };
}

export type SignalSummary = Signal & { evidenceCount: number; tags: Tag[] };

/** Signals, most recently changed first; filter by type and/or by a theme tag. */
export async function listSignals(filter: { type?: string | null; themeId?: string | null } = {}): Promise<SignalSummary[]> {
	const db = getDb();
	const where = [];
	if (filter.type && isSignalType(filter.type)) where.push(eq(schema.signals.type, filter.type));
	if (filter.themeId)
		where.push(
			inArray(
				schema.signals.id,
				db
					.select({ id: schema.taggings.subjectId })
					.from(schema.taggings)
					.where(and(eq(schema.taggings.subjectType, 'signal'), eq(schema.taggings.kind, 'theme'), eq(schema.taggings.refId, filter.themeId)))
			)
		);
	const rows = await db
		.select({ signal: schema.signals, evidenceCount: sql<number>`(select count(*) from signal_evidence e where e.signal_id = ${schema.signals.id})` })
		.from(schema.signals)
		.where(where.length ? and(...where) : undefined)
		.orderBy(desc(schema.signals.updatedAt), desc(schema.signals.id));
	const tags = await tagsFor('signal', rows.map((r) => r.signal.id));
	return rows.map((r) => ({ ...r.signal, evidenceCount: Number(r.evidenceCount), tags: tags.get(r.signal.id) ?? [] }));
}

/** For each piece of input, the signals it backs (a postcard can back several). */
export async function signalsBackedBy(sourceType: EvidenceSource, sourceIds: number[]): Promise<Map<number, { id: number; title: string }[]>> {
	const out = new Map<number, { id: number; title: string }[]>();
	if (!sourceIds.length) return out;
	const rows = await getDb()
		.select({ sourceId: schema.signalEvidence.sourceId, id: schema.signals.id, title: schema.signals.title })
		.from(schema.signalEvidence)
		.innerJoin(schema.signals, eq(schema.signals.id, schema.signalEvidence.signalId))
		.where(and(eq(schema.signalEvidence.sourceType, sourceType), inArray(schema.signalEvidence.sourceId, sourceIds)))
		.orderBy(schema.signals.id);
	for (const r of rows) {
		const list = out.get(r.sourceId) ?? [];
		list.push({ id: r.id, title: r.title });
		out.set(r.sourceId, list);
	}
	return out;
}

export async function signalExists(id: number): Promise<boolean> {
	return !!(await getDb().select({ id: schema.signals.id }).from(schema.signals).where(eq(schema.signals.id, id)).get());
}
