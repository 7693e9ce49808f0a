/**
 * Persona library: regions (or cities), their fictional personas and the bundles of personas that one
 * challenge is written for. Plain functions over the database, no HTTP; each answers `{ ok: true, … }`
 * or `{ ok: false, error }` (or, for forms, the problems per field) and changes nothing when it says no.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { hasRole, type StaffUser } from '../auth';
import { getDb, schema, type Db } from '../db';
import { AGE_BANDS, type AgeBand } from '../db/schema';
import { attempt, Refusal, refuse, type Answer } from '../refusal';
import { isAvatar } from '$lib/personas/avatars';
import { realDataInForm } from '$lib/personas/real-data';
import { orderByRank } from '$lib/personas/ranking';

export type PersonaError =
	| 'forbidden'
	| 'region_not_found'
	| 'persona_not_found'
	| 'bundle_not_found'
	| 'bad_title'
	| 'bad_personas'
	| 'bad_rank';
export type Result<T extends object = object> = Answer<PersonaError, T>;
const run = <T extends object>(fn: (tx: Db) => T): Promise<Result<T>> => attempt<PersonaError, T>(fn);

const r = schema.regions;
const p = schema.personas;
const pb = schema.personaBundles;

export const NAME_MAX = 60;
export const FIELD_MAX = 600;
export const ITEM_MAX = 160;
export const MAX_ITEMS = 12;
export const BUNDLE_TITLE_MAX = 160;
/** More target groups than any plan has: the rest of such a form is not read. */
export const MAX_TARGET_GROUPS = 100;

/** Who keeps the persona library and runs workshops. */
export const canEditPersonas = (user: StaffUser | null | undefined) => hasRole(user, 'facilitator');
/** Who may read it (analysts use the personas as lenses too). */
export const canReadPersonas = (user: StaffUser | null | undefined) => hasRole(user, 'facilitator', 'moderator', 'plan_owner');

// ---------------------------------------------------------------- regions

export type Region = typeof r.$inferSelect;

export async function listRegions(): Promise<(Region & { personaCount: number })[]> {
	const db = getDb();
	const regions = await db.select().from(r).orderBy(asc(r.name));
	const personas = await db.select({ regionId: p.regionId }).from(p).where(isNull(p.archivedAt));
	return regions.map((x) => ({ ...x, personaCount: personas.filter((y) => y.regionId === x.id).length }));
}

export async function getRegion(id: unknown): Promise<Region | null> {
	if (typeof id !== 'string' || !id) return null;
	return (await getDb().select().from(r).where(eq(r.id, id)).get()) ?? null;
}

/** Adds a region (or city) by slug; an existing one is left as it is. */
export async function ensureRegion(input: { id: string; name: string; municipalities: string[] }): Promise<Region> {
	const db = getDb();
	await db
		.insert(r)
		.values({ id: input.id, name: input.name, municipalities: input.municipalities, createdAt: new Date() })
		.onConflictDoNothing();
	return (await db.select().from(r).where(eq(r.id, input.id)).get())!;
}

// ---------------------------------------------------------------- personas

export type Persona = typeof p.$inferSelect;

/** What a persona form holds, as typed (lists one item per line). */
export type PersonaInput = {
	name: string;
	ageBand: string;
	household: string;
	background: string;
	situation: string;
	drive: string;
	strengths: string[];
	needs: string[];
	barriers: string[];
	quote: string;
	targetGroupIds: string[];
	languages: string[];
	avatar: string;
};

export type PersonaField = keyof PersonaInput;
export type PersonaProblem =
	| { field: PersonaField; problem: 'missing' | 'too_long' | 'too_many' | 'unknown' }
	| { field: PersonaField; problem: 'real_data'; kind: 'email' | 'phone' | 'national_number'; match: string };

/** Splits a textarea into list items (one per line), trimmed, empty lines dropped. */
export function lines(text: string): string[] {
	return text
		.split(/\r?\n/)
		.map((x) => x.trim())
		.filter(Boolean);
}

const TEXT_FIELDS = ['household', 'background', 'situation', 'drive', 'quote'] as const;
const LIST_FIELDS = ['strengths', 'needs', 'barriers', 'languages'] as const;

/**
 * What is wrong with a persona. Text that looks like a real person's data (an email address, a phone
 * number, a national register number) is a problem unless `confirmedFictional`: the form warns, the
 * author removes it or confirms that it is made up.
 */
export async function personaProblems(input: PersonaInput, confirmedFictional = false): Promise<PersonaProblem[]> {
	const out: PersonaProblem[] = [];
	const name = input.name.trim();
	if (!name) out.push({ field: 'name', problem: 'missing' });
	else if ([...name].length > NAME_MAX) out.push({ field: 'name', problem: 'too_long' });
	for (const f of TEXT_FIELDS) if ([...input[f]].length > FIELD_MAX) out.push({ field: f, problem: 'too_long' });
	for (const f of LIST_FIELDS) {
		if (input[f].length > MAX_ITEMS) out.push({ field: f, problem: 'too_many' });
		else if (input[f].some((x) => [...x].length > ITEM_MAX)) out.push({ field: f, problem: 'too_long' });
	}
	if (input.ageBand && !(AGE_BANDS as readonly string[]).includes(input.ageBand)) out.push({ field: 'ageBand', problem: 'unknown' });
	if (!isAvatar(input.avatar)) out.push({ field: 'avatar', problem: 'unknown' });
	if (input.targetGroupIds.length > MAX_TARGET_GROUPS) out.push({ field: 'targetGroupIds', problem: 'unknown' });
	else if (input.targetGroupIds.length) {
		const known = await getDb().select({ id: schema.targetGroups.id }).from(schema.targetGroups).where(inArray(schema.targetGroups.id, input.targetGroupIds));
		if (known.length !== new Set(input.targetGroupIds).size) out.push({ field: 'targetGroupIds', problem: 'unknown' });
	}
	if (!confirmedFictional) {
		// Only fields within their caps are read for real data: an over-long field is refused anyway, and
		// the check must never see more than the caps allow (it is linear, but 500 kB is still 500 kB).
		const refused = new Set(out.map((x) => x.field));
		const fields: Record<string, string | string[]> = {};
		if (!refused.has('name')) fields.name = input.name;
		for (const f of TEXT_FIELDS) if (!refused.has(f)) fields[f] = input[f];
		for (const f of LIST_FIELDS) if (!refused.has(f)) fields[f] = input[f];
		for (const w of realDataInForm(fields)) out.push({ field: w.field as PersonaField, problem: 'real_data', kind: w.kind, match: w.match });
	}
	return out;
}

function values(input: PersonaInput) {
	return {
		name: input.name.trim(),
		ageBand: (input.ageBand || null) as AgeBand | null,
		household: input.household.trim(),
		background: input.background.trim(),
		situation: input.situation.trim(),
		drive: input.drive.trim(),
		strengths: input.strengths,
		needs: input.needs,
		barriers: input.barriers,
		quote: input.quote.trim(),
		targetGroupIds: [...new Set(input.targetGroupIds)],
		languages: input.languages,
		avatar: input.avatar
	};
}

export type PersonaSaved = { ok: true; id: number } | { ok: false; error: PersonaError } | { ok: false; error: 'invalid'; problems: PersonaProblem[] };

export async function createPersona(user: StaffUser | null, regionId: unknown, input: PersonaInput, confirmedFictional = false): Promise<PersonaSaved> {
	if (!canEditPersonas(user)) return refuse('forbidden');
	if (!(await getRegion(regionId))) return refuse('region_not_found');
	const problems = await personaProblems(input, confirmedFictional);
	if (problems.length) return { ok: false, error: 'invalid', problems };
	const now = new Date();
	const row = await getDb()
		.insert(p)
		.values({ ...values(input), regionId: regionId as string, createdBy: user!.id, createdAt: now, updatedAt: now })
		.returning({ id: p.id })
		.get();
	return { ok: true, id: row.id };
}

export async function updatePersona(user: StaffUser | null, personaId: number, input: PersonaInput, confirmedFictional = false): Promise<PersonaSaved> {
	if (!canEditPersonas(user)) return refuse('forbidden');
	const problems = await personaProblems(input, confirmedFictional);
	if (problems.length) return { ok: false, error: 'invalid', problems };
	const res = await getDb()
		.update(p)
		.set({ ...values(input), updatedAt: new Date() })
		.where(eq(p.id, personaId))
		.run();
	return res.changes ? { ok: true, id: personaId } : refuse('persona_not_found');
}

export async function setPersonaArchived(user: StaffUser | null, personaId: number, archived: boolean): Promise<Result> {
	if (!canEditPersonas(user)) return refuse('forbidden');
	const res = await getDb()
		.update(p)
		.set({ archivedAt: archived ? new Date() : null })
		.where(eq(p.id, personaId))
		.run();
	return res.changes ? { ok: true } : refuse('persona_not_found');
}

export async function getPersona(id: number): Promise<Persona | null> {
	return (await getDb().select().from(p).where(eq(p.id, id)).get()) ?? null;
}

export async function listPersonas(regionId: string, opts: { archived?: boolean } = {}): Promise<Persona[]> {
	return getDb()
		.select()
		.from(p)
		.where(and(eq(p.regionId, regionId), opts.archived ? undefined : isNull(p.archivedAt)))
		.orderBy(asc(p.name), asc(p.id));
}

export async function personasByIds(ids: number[]): Promise<Persona[]> {
	if (!ids.length) return [];
	return getDb().select().from(p).where(inArray(p.id, ids));
}

// ---------------------------------------------------------------- bundles

export type Bundle = typeof pb.$inferSelect;
export type BundleView = Bundle & { personas: Pick<Persona, 'id' | 'name' | 'avatar' | 'targetGroupIds'>[] };

function renumber(tx: Db, ids: number[]): void {
	ids.forEach((id, i) => tx.update(pb).set({ rank: i + 1 }).where(eq(pb.id, id)).run());
}

function regionBundleIds(tx: Db, regionId: string): number[] {
	return orderByRank(tx.select({ id: pb.id, rank: pb.rank }).from(pb).where(eq(pb.regionId, regionId)).all()).map((b) => b.id);
}

function checkBundle(tx: Db, regionId: string, title: unknown, personaIds: unknown): { title: string; personaIds: number[] } {
	const t = typeof title === 'string' ? title.trim() : '';
	if (!t || [...t].length > BUNDLE_TITLE_MAX) throw new Refusal('bad_title');
	if (!Array.isArray(personaIds) || personaIds.length === 0 || personaIds.length > MAX_ITEMS) throw new Refusal('bad_personas');
	const ids = [...new Set(personaIds as number[])];
	if (!ids.every((x) => Number.isSafeInteger(x) && x > 0)) throw new Refusal('bad_personas');
	const found = tx
		.select({ id: p.id })
		.from(p)
		.where(and(inArray(p.id, ids), eq(p.regionId, regionId)))
		.all();
	if (found.length !== ids.length) throw new Refusal('bad_personas');
	return { title: t, personaIds: ids };
}

/**
 * A bundle of one or more of the region's personas. `rank` is its place by how often its personas occur
 * in the region (1 = most often); the others move down. Left out: last.
 */
export async function createBundle(user: StaffUser | null, regionId: unknown, input: { title: unknown; personaIds: unknown; rank?: number }): Promise<Result<{ id: number }>> {
	if (!canEditPersonas(user)) return refuse('forbidden');
	if (!(await getRegion(regionId))) return refuse('region_not_found');
	const region = regionId as string;
	return run((tx) => {
		const clean = checkBundle(tx, region, input.title, input.personaIds);
		const order = regionBundleIds(tx, region);
		const row = tx
			.insert(pb)
			.values({ regionId: region, title: clean.title, personaIds: clean.personaIds, rank: order.length + 1, createdAt: new Date() })
			.returning({ id: pb.id })
			.get();
		const at = input.rank && Number.isInteger(input.rank) ? Math.min(Math.max(input.rank, 1), order.length + 1) : order.length + 1;
		order.splice(at - 1, 0, row.id);
		renumber(tx, order);
		return { id: row.id };
	});
}

export async function updateBundle(user: StaffUser | null, bundleId: number, input: { title: unknown; personaIds: unknown }): Promise<Result> {
	if (!canEditPersonas(user)) return refuse('forbidden');
	return run((tx) => {
		const row = tx.select().from(pb).where(eq(pb.id, bundleId)).get();
		if (!row) throw new Refusal('bundle_not_found');
		const clean = checkBundle(tx, row.regionId, input.title, input.personaIds);
		tx.update(pb).set(clean).where(eq(pb.id, bundleId)).run();
		return {};
	});
}

/** Moves a bundle to `rank` (1-based, clamped) in its region's frequency order. */
export async function rankBundle(user: StaffUser | null, bundleId: number, rank: unknown): Promise<Result> {
	if (!canEditPersonas(user)) return refuse('forbidden');
	if (typeof rank !== 'number' || !Number.isInteger(rank)) return refuse('bad_rank');
	return run((tx) => {
		const row = tx.select().from(pb).where(eq(pb.id, bundleId)).get();
		if (!row) throw new Refusal('bundle_not_found');
		const order = regionBundleIds(tx, row.regionId).filter((id) => id !== bundleId);
		order.splice(Math.min(Math.max(rank, 1), order.length + 1) - 1, 0, bundleId);
		renumber(tx, order);
		return {};
	});
}

/** The region's bundles in frequency order, with their personas. */
export async function listBundles(regionId: string): Promise<BundleView[]> {
	const db = getDb();
	const rows = orderByRank(await db.select().from(pb).where(eq(pb.regionId, regionId)));
	const people = await personasByIds([...new Set(rows.flatMap((b) => b.personaIds))]);
	const byId = new Map(people.map((x) => [x.id, x]));
	return rows.map((b) => ({
		...b,
		personas: b.personaIds.flatMap((id) => {
			const x = byId.get(id);
			return x ? [{ id: x.id, name: x.name, avatar: x.avatar, targetGroupIds: x.targetGroupIds }] : [];
		})
	}));
}

export async function getBundle(id: number): Promise<Bundle | null> {
	return (await getDb().select().from(pb).where(eq(pb.id, id)).get()) ?? null;
}

// ---------------------------------------------------------------- the persona form

/**
 * The persona form as it was typed: lists as the textarea held them (one item per line), target groups
 * as the ticked ids. A refused save sends this back whole, so nothing typed is lost.
 */
export type PersonaFormValues = {
	name: string;
	ageBand: string;
	household: string;
	background: string;
	situation: string;
	drive: string;
	strengths: string;
	needs: string;
	barriers: string;
	quote: string;
	targetGroupIds: string[];
	languages: string;
	avatar: string;
	confirmFictional: boolean;
};

/** Reads a posted persona form (the field names are the PersonaFormValues keys). */
export function personaFormValues(form: FormData): PersonaFormValues {
	const text = (k: string) => {
		const v = form.get(k);
		return typeof v === 'string' ? v : '';
	};
	return {
		name: text('name'),
		ageBand: text('ageBand'),
		household: text('household'),
		background: text('background'),
		situation: text('situation'),
		drive: text('drive'),
		strengths: text('strengths'),
		needs: text('needs'),
		barriers: text('barriers'),
		quote: text('quote'),
		targetGroupIds: form.getAll('targetGroupIds').filter((x): x is string => typeof x === 'string' && x !== ''),
		languages: text('languages'),
		avatar: text('avatar'),
		confirmFictional: form.get('confirmFictional') === 'on' || form.get('confirmFictional') === 'true'
	};
}

/** What createPersona/updatePersona take, from the form as typed. */
export function personaInputFrom(v: PersonaFormValues): PersonaInput {
	return {
		name: v.name,
		ageBand: v.ageBand,
		household: v.household,
		background: v.background,
		situation: v.situation,
		drive: v.drive,
		strengths: lines(v.strengths),
		needs: lines(v.needs),
		barriers: lines(v.barriers),
		quote: v.quote,
		targetGroupIds: v.targetGroupIds,
		languages: lines(v.languages),
		avatar: v.avatar
	};
}

/** A saved persona as the form shows it for editing. */
export function personaFormValuesOf(x: Persona): PersonaFormValues {
	return {
		name: x.name,
		ageBand: x.ageBand ?? '',
		household: x.household,
		background: x.background,
		situation: x.situation,
		drive: x.drive,
		strengths: x.strengths.join('\n'),
		needs: x.needs.join('\n'),
		barriers: x.barriers.join('\n'),
		quote: x.quote,
		targetGroupIds: [...x.targetGroupIds],
		languages: x.languages.join('\n'),
		avatar: x.avatar,
		confirmFictional: false
	};
}
