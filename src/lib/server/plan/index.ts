/**
 * The plan as data: themes, cross-cutting attention points, goals, actions, target groups,
 * neighbourhoods and councils. Nothing that may be referenced is ever deleted: it is archived.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { getDb, schema } from '../db';
import type { Labels } from '../db/schema';

export const PLAN_KINDS = [
	'theme',
	'attention_point',
	'goal',
	'action',
	'target_group',
	'neighbourhood',
	'council'
] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

const TABLES = {
	theme: schema.themes,
	attention_point: schema.attentionPoints,
	goal: schema.goals,
	action: schema.actions,
	target_group: schema.targetGroups,
	neighbourhood: schema.neighbourhoods,
	council: schema.councils
} as const;

export type PlanItem = {
	kind: PlanKind;
	id: string;
	labels: Labels;
	parentId: string | null;
	archived: boolean;
	position: number;
	pictogram?: string;
	description?: string;
	fromResident?: boolean;
	priority?: boolean;
};

export type Plan = {
	themes: PlanItem[];
	attentionPoints: PlanItem[];
	goals: PlanItem[];
	actions: PlanItem[];
	targetGroups: PlanItem[];
	neighbourhoods: PlanItem[];
	councils: PlanItem[];
};

/** The whole plan; archived items only when asked (staff editing screens). */
export async function getPlan(opts: { includeArchived?: boolean } = {}): Promise<Plan> {
	const db = getDb();
	const keep = (r: { archivedAt: Date | null }) => opts.includeArchived || !r.archivedAt;
	const [th, ap, go, ac, tg, nb, co] = await Promise.all([
		db.select().from(schema.themes).orderBy(asc(schema.themes.position), asc(schema.themes.id)),
		db.select().from(schema.attentionPoints).orderBy(asc(schema.attentionPoints.position)),
		db.select().from(schema.goals).orderBy(asc(schema.goals.position)),
		db.select().from(schema.actions).orderBy(asc(schema.actions.position)),
		db.select().from(schema.targetGroups).orderBy(asc(schema.targetGroups.position)),
		db.select().from(schema.neighbourhoods).orderBy(asc(schema.neighbourhoods.position)),
		db.select().from(schema.councils).orderBy(asc(schema.councils.position))
	]);
	const base = (kind: PlanKind, r: { id: string | number; labels: Labels; archivedAt: Date | null; position: number }) => ({
		kind,
		id: String(r.id),
		labels: r.labels,
		archived: !!r.archivedAt,
		position: r.position
	});
	return {
		themes: th.filter(keep).map((r) => ({ ...base('theme', r), parentId: null, pictogram: r.pictogram })),
		attentionPoints: ap.filter(keep).map((r) => ({ ...base('attention_point', r), parentId: null })),
		goals: go.filter(keep).map((r) => ({ ...base('goal', r), parentId: String(r.themeId) })),
		actions: ac.filter(keep).map((r) => ({
			...base('action', r),
			parentId: r.goalId,
			description: r.description,
			fromResident: r.fromResident
		})),
		targetGroups: tg.filter(keep).map((r) => ({ ...base('target_group', r), parentId: null })),
		neighbourhoods: nb.filter(keep).map((r) => ({ ...base('neighbourhood', r), parentId: null, priority: r.priority })),
		councils: co.filter(keep).map((r) => ({ ...base('council', r), parentId: null }))
	};
}

/** True when `id` names a live (not archived) item of that kind. */
export async function planItemExists(kind: PlanKind, id: string): Promise<boolean> {
	const table = TABLES[kind];
	const key = kind === 'theme' ? Number(id) : id;
	if (kind === 'theme' && !Number.isInteger(key)) return false;
	const row = await getDb()
		.select({ id: table.id })
		.from(table)
		.where(and(eq(table.id, key as never), isNull(table.archivedAt)))
		.get();
	return !!row;
}

/** Which of `ids` are unknown or archived, for validating input. */
export async function unknownPlanIds(kind: PlanKind, ids: string[]): Promise<string[]> {
	const out: string[] = [];
	for (const id of new Set(ids)) if (!(await planItemExists(kind, id))) out.push(id);
	return out;
}

export class PlanEditError extends Error {
	constructor(public code: 'not_found' | 'duplicate_id' | 'bad_parent' | 'empty_label') {
		super(code);
	}
}

/** Adds an item; ids of goals and actions follow the plan's numbering (e.g. 3.2, 3.2.7) but any unique id works. */
export async function addPlanItem(
	kind: PlanKind,
	input: { id?: string; labels: Labels; parentId?: string; description?: string; fromResident?: boolean; pictogram?: string }
): Promise<string> {
	if (!input.labels.nl?.trim()) throw new PlanEditError('empty_label');
	const db = getDb();
	const table = TABLES[kind];
	const all = await db.select({ id: table.id, position: table.position }).from(table);
	const position = all.reduce((m, r) => Math.max(m, r.position), 0) + 1;
	if (kind === 'goal' || kind === 'action') {
		const parentKind: PlanKind = kind === 'goal' ? 'theme' : 'goal';
		if (!input.parentId || !(await planItemExists(parentKind, input.parentId))) throw new PlanEditError('bad_parent');
	}
	let id = input.id?.trim();
	if (kind === 'theme') id = String(all.reduce((m, r) => Math.max(m, Number(r.id)), 0) + 1);
	if (!id) {
		const prefix = kind === 'goal' || kind === 'action' ? `${input.parentId}.` : `${kind}-`;
		const siblings = all.map((r) => String(r.id)).filter((x) => x.startsWith(prefix));
		let n = siblings.length + 1;
		while (all.some((r) => String(r.id) === `${prefix}${n}`)) n++;
		id = `${prefix}${n}`;
	}
	if (all.some((r) => String(r.id) === id)) throw new PlanEditError('duplicate_id');
	const labels = { ...input.labels, nl: input.labels.nl.trim() };
	const values: Record<string, unknown> = { id: kind === 'theme' ? Number(id) : id, labels, position };
	if (kind === 'goal') values.themeId = Number(input.parentId);
	if (kind === 'action') {
		values.goalId = input.parentId;
		values.description = input.description ?? '';
		values.fromResident = !!input.fromResident;
	}
	if (kind === 'theme' && input.pictogram) values.pictogram = input.pictogram;
	await db.insert(table).values(values as never);
	return id;
}

export async function renamePlanItem(kind: PlanKind, id: string, labels: Labels): Promise<void> {
	if (!labels.nl?.trim()) throw new PlanEditError('empty_label');
	const table = TABLES[kind];
	const key = kind === 'theme' ? Number(id) : id;
	const res = await getDb()
		.update(table)
		.set({ labels: { ...labels, nl: labels.nl.trim() } } as never)
		.where(eq(table.id, key as never))
		.returning({ id: table.id });
	if (res.length === 0) throw new PlanEditError('not_found');
}

/** Archives (or restores) an item. Archived items stay linked from old input but are no longer offered. */
export async function setPlanItemArchived(kind: PlanKind, id: string, archived: boolean): Promise<void> {
	const table = TABLES[kind];
	const key = kind === 'theme' ? Number(id) : id;
	const res = await getDb()
		.update(table)
		.set({ archivedAt: archived ? new Date() : null } as never)
		.where(eq(table.id, key as never))
		.returning({ id: table.id });
	if (res.length === 0) throw new PlanEditError('not_found');
}
