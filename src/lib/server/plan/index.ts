/**
 * The plan as data: themes, cross-cutting attention points, goals, actions, target groups,
 * neighbourhoods and councils. Nothing that may be referenced is ever deleted: it is archived.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { getDb, prepared, schema } from '../db';
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

/**
 * The whole plan; archived items only when asked (staff editing screens). Without them, goals under
 * an archived theme and actions under an archived goal are left out too.
 */
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
	const liveThemes = new Set(th.filter((r) => !r.archivedAt).map((r) => r.id));
	const liveGoals = new Set(go.filter((r) => !r.archivedAt && liveThemes.has(r.themeId)).map((r) => r.id));
	const keepGoal = (r: (typeof go)[number]) => opts.includeArchived || liveGoals.has(r.id);
	const keepAction = (r: (typeof ac)[number]) => opts.includeArchived || (!r.archivedAt && liveGoals.has(r.goalId));
	return {
		themes: th.filter(keep).map((r) => ({ ...base('theme', r), parentId: null, pictogram: r.pictogram })),
		attentionPoints: ap.filter(keep).map((r) => ({ ...base('attention_point', r), parentId: null })),
		goals: go.filter(keepGoal).map((r) => ({ ...base('goal', r), parentId: String(r.themeId) })),
		actions: ac.filter(keepAction).map((r) => ({
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

/**
 * True when `id` names a live item of that kind: not archived itself, and for goals and actions not
 * under an archived theme or goal either (archiving a theme withdraws what hangs under it).
 */
export async function planItemExists(kind: PlanKind, id: string): Promise<boolean> {
	const db = getDb();
	if (kind === 'goal') {
		const goal = await db
			.select({ themeId: schema.goals.themeId })
			.from(schema.goals)
			.where(and(eq(schema.goals.id, id), isNull(schema.goals.archivedAt)))
			.get();
		return !!goal && planItemExists('theme', String(goal.themeId));
	}
	if (kind === 'action') {
		const action = await db
			.select({ goalId: schema.actions.goalId })
			.from(schema.actions)
			.where(and(eq(schema.actions.id, id), isNull(schema.actions.archivedAt)))
			.get();
		return !!action && planItemExists('goal', action.goalId);
	}
	const table = TABLES[kind];
	const key = kind === 'theme' ? Number(id) : id;
	if (kind === 'theme' && !Number.isInteger(key)) return false;
	// Checked for every tag of every arriving postcard: one prepared statement per kind.
	const stmt = prepared(`planItemExists:${kind}`, (d) =>
		d
			.select({ id: table.id })
			.from(table)
			.where(and(eq(table.id, sql.placeholder('id') as never), isNull(table.archivedAt)))
			.limit(1)
			.prepare()
	);
	const row = await stmt.get({ id: key });
	return !!row;
}

/** Which of `ids` are unknown or archived, for validating input. */
export async function unknownPlanIds(kind: PlanKind, ids: string[]): Promise<string[]> {
	const out: string[] = [];
	for (const id of new Set(ids)) if (!(await planItemExists(kind, id))) out.push(id);
	return out;
}

export type PlanEditProblem = 'not_found' | 'duplicate_id' | 'bad_parent' | 'empty_label' | 'bad_id';

export class PlanEditError extends Error {
	constructor(public code: PlanEditProblem) {
		super(code);
	}
}

/** Codes chosen by hand: lower-case letters, digits, dots and hyphens (3.2.7, sint-pieters). */
export const PLAN_ID_PATTERN = /^[a-z0-9](?:[a-z0-9.-]{0,62}[a-z0-9])?$/;

function slugify(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '') // one dash at most: runs were collapsed just above
		.slice(0, 48)
		.replace(/-$/, '');
}

/** Trims every label and drops empty translations, so that they fall back to Dutch. */
export function cleanLabels(labels: Partial<Labels>): Labels {
	const nl = labels.nl?.trim() ?? '';
	if (!nl) throw new PlanEditError('empty_label');
	const out: Labels = { nl };
	for (const locale of ['fr', 'en', 'ar'] as const) {
		const value = labels[locale]?.trim();
		if (value) out[locale] = value;
	}
	return out;
}

/** Adds an item; ids of goals and actions follow the plan's numbering (e.g. 3.2, 3.2.7) but any unique id works. */
export async function addPlanItem(
	kind: PlanKind,
	input: { id?: string; labels: Labels; parentId?: string; description?: string; fromResident?: boolean; pictogram?: string }
): Promise<string> {
	const labels = cleanLabels(input.labels);
	const db = getDb();
	const table = TABLES[kind];
	const all = await db.select({ id: table.id, position: table.position }).from(table);
	const position = all.reduce((m, r) => Math.max(m, r.position), 0) + 1;
	if (kind === 'goal' || kind === 'action') {
		const parentKind: PlanKind = kind === 'goal' ? 'theme' : 'goal';
		if (!input.parentId || !(await planItemExists(parentKind, input.parentId))) throw new PlanEditError('bad_parent');
	}
	let id = input.id?.trim();
	if (id && kind !== 'theme' && !PLAN_ID_PATTERN.test(id)) throw new PlanEditError('bad_id');
	if (kind === 'theme') id = String(all.reduce((m, r) => Math.max(m, Number(r.id)), 0) + 1);
	if (!id && (kind === 'goal' || kind === 'action')) {
		// Next number under the parent: 3.2 → 3.2.1, 3.2.2, …
		const prefix = `${input.parentId}.`;
		const siblings = all.map((r) => String(r.id)).filter((x) => x.startsWith(prefix));
		let n = siblings.length + 1;
		while (all.some((r) => String(r.id) === `${prefix}${n}`)) n++;
		id = `${prefix}${n}`;
	} else if (!id) {
		// A readable code from the Dutch name: 'Sint-Kruis' → sint-kruis (sint-kruis-2 when taken).
		const slug = slugify(labels.nl) || kind.replace('_', '-');
		id = slug;
		for (let n = 2; all.some((r) => String(r.id) === id); n++) id = `${slug}-${n}`;
	}
	if (all.some((r) => String(r.id) === id)) throw new PlanEditError('duplicate_id');
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
	const clean = cleanLabels(labels);
	const table = TABLES[kind];
	const key = kind === 'theme' ? Number(id) : id;
	const res = await getDb()
		.update(table)
		.set({ labels: clean } as never)
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

/** Sets or clears the '(inwoner)' mark of an action: it came from a resident's proposal. */
export async function setActionFromResident(id: string, fromResident: boolean): Promise<void> {
	const res = await getDb()
		.update(schema.actions)
		.set({ fromResident })
		.where(eq(schema.actions.id, id))
		.returning({ id: schema.actions.id });
	if (res.length === 0) throw new PlanEditError('not_found');
}
