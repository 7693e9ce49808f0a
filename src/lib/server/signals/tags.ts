/**
 * Tagging input (postcards, later other sources) and signals with items of the plan. Every tag is
 * validated against the live plan. Tags a resident chose when writing keep source 'resident': staff
 * can add their own beside them but never overwrite or remove what the resident said.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { getDb, schema, transaction } from '../db';
import { TAG_KINDS, TAG_SUBJECTS, type TagKind, type TagSubject } from '../db/schema';
import { getPlan, unknownPlanIds, type Plan } from '../plan';
import { label } from '../../i18n';
import { labelTagValue } from '$lib/tags';

export type Tag = { kind: TagKind; refId: string; source: 'resident' | 'staff' };
export type TagProblem = 'kind_unknown' | 'subject_unknown' | 'ref_unknown' | 'nothing_selected';
export type TagResult = { ok: true; changed: number } | { ok: false; problem: TagProblem; unknown?: string[] };

export function isTagKind(value: unknown): value is TagKind {
	return typeof value === 'string' && (TAG_KINDS as readonly string[]).includes(value);
}

function isSubject(value: unknown): value is TagSubject {
	return typeof value === 'string' && (TAG_SUBJECTS as readonly string[]).includes(value);
}

const SUBJECT_TABLE = { postcard: schema.postcards, signal: schema.signals } as const;

/** Which of `ids` do not exist as subjects of that type. */
async function missingSubjects(subject: TagSubject, ids: number[]): Promise<number[]> {
	const table = SUBJECT_TABLE[subject];
	const found = await getDb().select({ id: table.id }).from(table).where(inArray(table.id, ids));
	const have = new Set(found.map((r) => r.id));
	return ids.filter((id) => !have.has(id));
}

async function check(subject: TagSubject, ids: number[], kind: TagKind, refIds: string[]): Promise<TagResult | null> {
	if (!isSubject(subject) || !isTagKind(kind)) return { ok: false, problem: 'kind_unknown' };
	if (ids.length === 0) return { ok: false, problem: 'nothing_selected' };
	if ((await missingSubjects(subject, ids)).length) return { ok: false, problem: 'subject_unknown' };
	const unknown = await unknownPlanIds(kind, refIds);
	if (unknown.length) return { ok: false, problem: 'ref_unknown', unknown };
	return null;
}

const uniqueIds = (ids: number | number[]) => [...new Set((Array.isArray(ids) ? ids : [ids]).filter((n) => Number.isInteger(n) && n > 0))];

/** Adds one staff tag to one or many subjects (bulk tagging). Subjects that already carry it are left as they are. */
export async function addTag(subject: TagSubject, subjectIds: number | number[], kind: TagKind, refId: string): Promise<TagResult> {
	const ids = uniqueIds(subjectIds);
	const problem = await check(subject, ids, kind, [refId]);
	if (problem) return problem;
	const now = new Date();
	const res = await getDb()
		.insert(schema.taggings)
		.values(ids.map((subjectId) => ({ subjectType: subject, subjectId, kind, refId, source: 'staff' as const, createdAt: now })))
		.onConflictDoNothing()
		.run();
	return { ok: true, changed: res.changes };
}

/** Removes one staff tag from one or many subjects. A tag the resident chose stays. */
export async function removeTag(subject: TagSubject, subjectIds: number | number[], kind: TagKind, refId: string): Promise<TagResult> {
	const ids = uniqueIds(subjectIds);
	if (!isSubject(subject) || !isTagKind(kind)) return { ok: false, problem: 'kind_unknown' };
	if (ids.length === 0) return { ok: false, problem: 'nothing_selected' };
	const res = await getDb()
		.delete(schema.taggings)
		.where(
			and(
				eq(schema.taggings.subjectType, subject),
				inArray(schema.taggings.subjectId, ids),
				eq(schema.taggings.kind, kind),
				eq(schema.taggings.refId, refId),
				eq(schema.taggings.source, 'staff')
			)
		)
		.run();
	return { ok: true, changed: res.changes };
}

/**
 * Makes the staff tags of one kind on one subject exactly `refIds` (resident tags of that kind stay
 * and are not duplicated). All or nothing: one unknown id and nothing changes.
 */
export async function setTags(subject: TagSubject, subjectId: number, kind: TagKind, refIds: string[]): Promise<TagResult> {
	const wanted = [...new Set(refIds.map((r) => r.trim()).filter(Boolean))];
	const problem = await check(subject, uniqueIds(subjectId), kind, wanted);
	if (problem) return problem;
	const now = new Date();
	const changed = await transaction((tx) => {
		const current = tx
			.select()
			.from(schema.taggings)
			.where(and(eq(schema.taggings.subjectType, subject), eq(schema.taggings.subjectId, subjectId), eq(schema.taggings.kind, kind)))
			.all();
		let n = 0;
		for (const t of current) {
			if (t.source === 'staff' && !wanted.includes(t.refId)) {
				tx.delete(schema.taggings)
					.where(
						and(
							eq(schema.taggings.subjectType, subject),
							eq(schema.taggings.subjectId, subjectId),
							eq(schema.taggings.kind, kind),
							eq(schema.taggings.refId, t.refId)
						)
					)
					.run();
				n++;
			}
		}
		const have = new Set(current.map((t) => t.refId));
		const add = wanted.filter((r) => !have.has(r));
		if (add.length) {
			tx.insert(schema.taggings)
				.values(add.map((refId) => ({ subjectType: subject, subjectId, kind, refId, source: 'staff' as const, createdAt: now })))
				.run();
			n += add.length;
		}
		return n;
	});
	return { ok: true, changed };
}

/** The tags of many subjects, by subject id, in plan order of kinds. */
export async function tagsFor(subject: TagSubject, subjectIds: number[]): Promise<Map<number, Tag[]>> {
	const out = new Map<number, Tag[]>();
	if (subjectIds.length === 0) return out;
	const rows = await getDb()
		.select({ subjectId: schema.taggings.subjectId, kind: schema.taggings.kind, refId: schema.taggings.refId, source: schema.taggings.source })
		.from(schema.taggings)
		.where(and(eq(schema.taggings.subjectType, subject), inArray(schema.taggings.subjectId, subjectIds)));
	const order = (k: TagKind) => TAG_KINDS.indexOf(k);
	rows.sort((a, b) => order(a.kind) - order(b.kind) || a.refId.localeCompare(b.refId, 'nl', { numeric: true }));
	for (const r of rows) {
		const list = out.get(r.subjectId) ?? [];
		list.push({ kind: r.kind, refId: r.refId, source: r.source });
		out.set(r.subjectId, list);
	}
	return out;
}

// ---------------------------------------------------------------- the plan as a compact pick list

export type TagOption = { id: string; label: string; parentId?: string; pictogram?: string; fromResident?: boolean; archived?: boolean };
export type TagOptions = Record<TagKind, TagOption[]>;

/**
 * The plan reduced to what a tag picker needs (labels in `locale`, no descriptions), for sending to
 * the browser. Archived items are included (marked) so that old tags still get their name.
 */
export async function tagOptions(locale: string, plan?: Plan): Promise<TagOptions> {
	const p = plan ?? (await getPlan({ includeArchived: true }));
	const map = (items: Plan['themes']): TagOption[] =>
		items.map((i) => ({
			id: i.id,
			label: label(i.labels, locale),
			...(i.parentId ? { parentId: i.parentId } : {}),
			...(i.pictogram ? { pictogram: i.pictogram } : {}),
			...(i.fromResident ? { fromResident: true } : {}),
			...(i.archived ? { archived: true } : {})
		}));
	return {
		theme: map(p.themes),
		attention_point: map(p.attentionPoints),
		goal: map(p.goals),
		action: map(p.actions),
		target_group: map(p.targetGroups),
		neighbourhood: map(p.neighbourhoods)
	};
}

/** 'goal:1.2' → { kind: 'goal', refId: '1.2' }, for pickers that send one value. */
export function parseTagValue(value: unknown): { kind: TagKind; refId: string } | null {
	if (typeof value !== 'string') return null;
	const i = value.indexOf(':');
	if (i < 1) return null;
	const kind = value.slice(0, i);
	const refId = value.slice(i + 1).trim();
	return isTagKind(kind) && refId ? { kind, refId } : null;
}

export type LabelledTag = Tag & { label: string };

/** Gives tags their names from a pick list (an unknown id keeps its id as name). */
export function labelTags(tags: Tag[], options: TagOptions): LabelledTag[] {
	return tags.map((t) => ({ ...t, label: labelTagValue(`${t.kind}:${t.refId}`, options) }));
}
