/**
 * Persona workshops. A workshop runs as a dialogue table (join code, projector, phones, phases, timers)
 * whose phases are the method's steps, recorded in `workshop_steps`: choose or make personas, one
 * needs → services step per persona bundle, write the challenges, speak as a persona, vote. Around the
 * live session the workshop keeps its challenges, the merged enrichment additions, the arena analysis
 * and the call's timeline, from which the local addendum is made.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { hasRole, type StaffUser } from '../auth';
import { getDb, schema, type Db } from '../db';
import type { ChallengeQuestion, WorkshopStep } from '../db/schema';
import { attempt, Refusal, refuse, type Answer } from '../refusal';
import { canFacilitate, createTable, phaseResults, WORKSHOP_TEMPLATE } from '../tables';
import { createBoard } from '../boards';
import { append, rowsSince } from '../boards/log';
import { addFrame, addNote, NOTE_H, NOTE_W } from '$lib/boards/doc.js';
import { frameTitle } from '$lib/boards/labels';
import { challengeProblems, composeChallenge, MAX_QUESTIONS, type ChallengeProblem } from '$lib/personas/challenge';
import { orderByRank, voteOrder } from '$lib/personas/ranking';
import { isLocale, type Locale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { canReadPersonas, getRegion, listBundles } from './index';

export type WorkshopError =
	| 'forbidden'
	| 'region_not_found'
	| 'workshop_not_found'
	| 'challenge_not_found'
	| 'bundle_not_found'
	| 'phase_not_found'
	| 'bad_personas'
	| 'bad_payload'
	| 'bad_timeline'
	| 'text_too_long'
	| 'challenge_in_use'
	| 'vote_not_found'
	| 'vote_has_no_votes'
	| 'addition_not_found'
	| 'response_not_found'
	| 'empty_text'
	| string;
export type Result<T extends object = object> = Answer<WorkshopError, T>;
const run = <T extends object>(fn: (tx: Db) => T): Promise<Result<T>> => attempt<WorkshopError, T>(fn);

const w = schema.workshops;
const ws = schema.workshopSteps;
const wp = schema.workshopPersonas;
const ch = schema.challenges;
const pb = schema.personaBundles;
const ad = schema.workshopAdditions;
const ai = schema.arenaItems;

export const TIMELINE_MAX = 12;
export const OTHER_INPUT_MAX = 8000;
export const ADDITION_MAX = 1000;
export const ARENA_TEXT_MAX = 600;
export const MAX_ARENA_ITEMS = 30;
const OPTION_MAX = 120;

export type Workshop = typeof w.$inferSelect;
export type Challenge = typeof ch.$inferSelect;

// ---------------------------------------------------------------- access

export function loadWorkshop(tx: Db, workshopId: unknown): Workshop {
	if (typeof workshopId !== 'number' || !Number.isSafeInteger(workshopId) || workshopId <= 0) throw new Refusal('workshop_not_found');
	const row = tx.select().from(w).where(eq(w.id, workshopId)).get();
	if (!row) throw new Refusal('workshop_not_found');
	return row;
}

/** The table's facilitators, co-facilitators and admins run the workshop. */
export function requireRunner(tx: Db, workshop: Workshop, user: StaffUser | null | undefined): StaffUser {
	if (!user) throw new Refusal('forbidden');
	if (user.roles.includes('admin')) return user;
	const role = tx
		.select({ role: schema.tableStaff.role })
		.from(schema.tableStaff)
		.where(and(eq(schema.tableStaff.tableId, workshop.tableId), eq(schema.tableStaff.userId, user.id)))
		.get()?.role;
	if (role !== 'facilitator' && role !== 'co_facilitator') throw new Refusal('forbidden');
	return user;
}

export async function canRunWorkshop(workshop: Pick<Workshop, 'tableId'>, user: StaffUser | null | undefined): Promise<boolean> {
	return canFacilitate(workshop.tableId, user).then((ok) => ok && hasRole(user, 'facilitator'));
}

// ---------------------------------------------------------------- creating a workshop

export type NewWorkshop = {
	regionId: unknown;
	title: unknown;
	locale?: unknown;
	themeIds?: number[];
	scheduledAt?: Date | null;
	place?: string | null;
};

type StepSpec = { step: WorkshopStep; bundleId: number | null; phase: { kind: 'open' | 'poll_multi'; title: string; prompt: string; options?: string[]; timerSeconds?: number | null } };

/** The method's phases in the workshop's language: one needs → services step per bundle of the region. */
function stepSpecs(locale: Locale, bundles: { id: number; title: string }[]): StepSpec[] {
	const o = { locale };
	const needs: StepSpec[] = bundles.length
		? bundles.map((b) => ({
				step: 'needs',
				bundleId: b.id,
				phase: { kind: 'open', title: m.workshop_phase_needs({ bundle: b.title }, o).slice(0, 160), prompt: m.workshop_phase_needs_prompt({}, o), timerSeconds: 20 * 60 }
			}))
		: [{ step: 'needs', bundleId: null, phase: { kind: 'open', title: m.workshop_phase_needs_any({}, o), prompt: m.workshop_phase_needs_prompt({}, o), timerSeconds: 20 * 60 } }];
	return [
		{ step: 'personas', bundleId: null, phase: { kind: 'open', title: m.workshop_phase_personas({}, o), prompt: m.workshop_phase_personas_prompt({}, o), timerSeconds: 15 * 60 } },
		...needs,
		{ step: 'challenge', bundleId: null, phase: { kind: 'open', title: m.workshop_phase_challenge({}, o), prompt: m.workshop_phase_challenge_prompt({}, o), timerSeconds: 20 * 60 } },
		{ step: 'speak_as', bundleId: null, phase: { kind: 'open', title: m.workshop_phase_speak_as({}, o), prompt: m.workshop_phase_speak_as_prompt({}, o), timerSeconds: 15 * 60 } },
		{
			step: 'vote',
			bundleId: null,
			phase: {
				kind: 'poll_multi',
				title: m.workshop_phase_vote({}, o),
				prompt: m.workshop_phase_vote_prompt({}, o),
				// Filled from the challenges as they are written (a poll needs two options to start with).
				options: placeholderOptions(locale),
				timerSeconds: 5 * 60
			}
		}
	];
}

const placeholderOptions = (locale: Locale) => [1, 2].map((n) => m.workshop_vote_placeholder({ n }, { locale }));

/** The call's timeline as the DAW+ addendum had it, dates to be filled in. */
export function defaultTimeline(locale: Locale): { step: string; date: string }[] {
	const o = { locale };
	return [
		m.workshop_timeline_launch({}, o),
		m.workshop_timeline_deadline({}, o),
		m.workshop_timeline_review({}, o),
		m.workshop_timeline_pitches({}, o),
		m.workshop_timeline_decision({}, o),
		m.workshop_timeline_rebuttal({}, o)
	].map((step) => ({ step, date: '' }));
}

/**
 * A workshop for a region: its table (the join code), the steps as phases, the bundles' personas as
 * the workshop's personas. Only facilitators make workshops.
 */
export async function createWorkshop(user: StaffUser | null, input: NewWorkshop): Promise<Result<{ workshopId: number; tableId: number; code: string }>> {
	if (!hasRole(user, 'facilitator')) return refuse('forbidden');
	const region = await getRegion(input.regionId);
	if (!region) return refuse('region_not_found');
	const locale: Locale = isLocale(input.locale) ? input.locale : 'nl';
	const bundles = await listBundles(region.id);
	const specs = stepSpecs(locale, bundles);
	const table = await createTable(user, {
		title: typeof input.title === 'string' ? input.title : '',
		template: WORKSHOP_TEMPLATE,
		locale,
		themeIds: input.themeIds ?? [],
		scheduledAt: input.scheduledAt ?? null,
		place: input.place ?? null,
		phases: specs.map((s) => s.phase)
	});
	if (!table.ok) return table;
	return run((tx) => {
		const phases = tx
			.select({ id: schema.tablePhases.id })
			.from(schema.tablePhases)
			.where(eq(schema.tablePhases.tableId, table.tableId))
			.orderBy(asc(schema.tablePhases.position))
			.all();
		const row = tx
			.insert(w)
			.values({ regionId: region.id, tableId: table.tableId, timeline: defaultTimeline(locale), voteChallengeIds: [], createdBy: user!.id, createdAt: new Date() })
			.returning({ id: w.id })
			.get();
		specs.forEach((s, i) => tx.insert(ws).values({ phaseId: phases[i].id, workshopId: row.id, step: s.step, bundleId: s.bundleId }).run());
		const personaIds = [...new Set(bundles.flatMap((b) => b.personaIds))];
		for (const personaId of personaIds) tx.insert(wp).values({ workshopId: row.id, personaId }).onConflictDoNothing().run();
		return { workshopId: row.id, tableId: table.tableId, code: table.code };
	});
}

// ---------------------------------------------------------------- reading

export type WorkshopStepView = {
	phaseId: number;
	step: WorkshopStep;
	bundleId: number | null;
	title: string;
	position: number;
	board: { id: number; title: string } | null;
};

export type ChallengeView = Challenge & {
	bundle: { id: number; title: string; rank: number; personaIds: number[] };
	/** The full sentence and its questions in the workshop's language. */
	composed: ReturnType<typeof composeChallenge>;
};

export type WorkshopView = Workshop & {
	region: { id: string; name: string; municipalities: string[] };
	table: { id: number; code: string; title: string; status: string; locale: string; themeIds: number[]; scheduledAt: Date | null; place: string | null; currentPhaseId: number | null };
	personaIds: number[];
	steps: WorkshopStepView[];
	challenges: ChallengeView[];
	additions: (typeof ad.$inferSelect & { organisation: string | null })[];
};

export function challengeViews(tx: Db, workshopId: number, locale: string): ChallengeView[] {
	const rows = tx
		.select({ c: ch, b: { id: pb.id, title: pb.title, rank: pb.rank, personaIds: pb.personaIds } })
		.from(ch)
		.innerJoin(pb, eq(pb.id, ch.bundleId))
		.where(eq(ch.workshopId, workshopId))
		.orderBy(asc(ch.position), asc(ch.id))
		.all();
	return rows.map(({ c, b }) => ({ ...c, bundle: b, composed: composeChallenge(c, isLocale(locale) ? locale : 'nl') }));
}

function viewIn(tx: Db, row: Workshop): WorkshopView {
	const region = tx.select().from(schema.regions).where(eq(schema.regions.id, row.regionId)).get()!;
	const table = tx.select().from(schema.dialogueTables).where(eq(schema.dialogueTables.id, row.tableId)).get()!;
	const phases = tx
		.select({ id: schema.tablePhases.id, title: schema.tablePhases.title, position: schema.tablePhases.position })
		.from(schema.tablePhases)
		.where(eq(schema.tablePhases.tableId, row.tableId))
		.all();
	const boards = tx
		.select({ id: schema.boards.id, title: schema.boards.title, phaseId: schema.boards.phaseId, archivedAt: schema.boards.archivedAt })
		.from(schema.boards)
		.where(eq(schema.boards.tableId, row.tableId))
		.orderBy(asc(schema.boards.id))
		.all()
		.filter((b) => !b.archivedAt);
	const steps = tx
		.select()
		.from(ws)
		.where(eq(ws.workshopId, row.id))
		.all()
		.flatMap((s) => {
			const phase = phases.find((p) => p.id === s.phaseId);
			if (!phase) return [];
			const board = boards.find((b) => b.phaseId === s.phaseId);
			return [{ phaseId: s.phaseId, step: s.step, bundleId: s.bundleId, title: phase.title, position: phase.position, board: board ? { id: board.id, title: board.title } : null }];
		})
		.sort((a, b) => a.position - b.position);
	const additions = tx
		.select({ a: ad, organisation: schema.partnerInvites.organisation })
		.from(ad)
		.leftJoin(schema.enrichmentResponses, eq(schema.enrichmentResponses.id, ad.responseId))
		.leftJoin(schema.partnerInvites, eq(schema.partnerInvites.id, schema.enrichmentResponses.inviteId))
		.where(eq(ad.workshopId, row.id))
		.orderBy(asc(ad.id))
		.all()
		.map(({ a, organisation }) => ({ ...a, organisation }));
	return {
		...row,
		region: { id: region.id, name: region.name, municipalities: region.municipalities },
		table: {
			id: table.id,
			code: table.code,
			title: table.title,
			status: table.status,
			locale: table.locale,
			themeIds: table.themeIds,
			scheduledAt: table.scheduledAt,
			place: table.place,
			currentPhaseId: table.currentPhaseId
		},
		personaIds: tx
			.select({ id: wp.personaId })
			.from(wp)
			.where(eq(wp.workshopId, row.id))
			.all()
			.map((x) => x.id),
		steps,
		challenges: challengeViews(tx, row.id, table.locale),
		additions
	};
}

/** A workshop with everything its pages show, for staff who may read personas. */
export async function getWorkshop(user: StaffUser | null, workshopId: unknown): Promise<Result<{ workshop: WorkshopView }>> {
	if (!canReadPersonas(user)) return refuse('forbidden');
	return run((tx) => ({ workshop: viewIn(tx, loadWorkshop(tx, workshopId)) }));
}

/** The workshop a table belongs to (null: the table is not a workshop). */
export async function workshopOfTable(tableId: number): Promise<Workshop | null> {
	return (await getDb().select().from(w).where(eq(w.tableId, tableId)).get()) ?? null;
}

export type WorkshopListItem = { id: number; title: string; code: string; status: string; regionName: string; challengeCount: number; scheduledAt: Date | null; createdAt: Date };

export async function listWorkshops(user: StaffUser | null, regionId?: string): Promise<WorkshopListItem[]> {
	if (!canReadPersonas(user)) return [];
	const t = schema.dialogueTables;
	const rows = await getDb()
		.select({
			id: w.id,
			title: t.title,
			code: t.code,
			status: t.status,
			regionName: schema.regions.name,
			scheduledAt: t.scheduledAt,
			createdAt: w.createdAt,
			challengeCount: sql<number>`(select count(*) from challenges c where c.workshop_id = ${w.id})`
		})
		.from(w)
		.innerJoin(t, eq(t.id, w.tableId))
		.innerJoin(schema.regions, eq(schema.regions.id, w.regionId))
		.where(regionId ? eq(w.regionId, regionId) : undefined)
		.orderBy(sql`${w.createdAt} desc`);
	return rows.map((r) => ({ ...r, challengeCount: Number(r.challengeCount) }));
}

// ---------------------------------------------------------------- personas of the workshop

/** Chooses the personas the workshop works with (from its region's library). */
export async function setWorkshopPersonas(user: StaffUser | null, workshopId: number, personaIds: unknown): Promise<Result> {
	if (!Array.isArray(personaIds) || !personaIds.every((x) => Number.isSafeInteger(x) && x > 0)) return refuse('bad_personas');
	return run((tx) => {
		const workshop = loadWorkshop(tx, workshopId);
		requireRunner(tx, workshop, user);
		const ids = [...new Set(personaIds as number[])];
		if (ids.length) {
			const found = tx
				.select({ id: schema.personas.id })
				.from(schema.personas)
				.where(and(inArray(schema.personas.id, ids), eq(schema.personas.regionId, workshop.regionId)))
				.all();
			if (found.length !== ids.length) throw new Refusal('bad_personas');
		}
		tx.delete(wp).where(eq(wp.workshopId, workshopId)).run();
		for (const personaId of ids) tx.insert(wp).values({ workshopId, personaId }).run();
		return {};
	});
}

/** The workshop's personas as phones show them for 'speak as' (name and avatar only). */
export async function lensPersonas(tableId: number): Promise<{ id: number; name: string; avatar: string }[]> {
	return getDb()
		.select({ id: schema.personas.id, name: schema.personas.name, avatar: schema.personas.avatar })
		.from(wp)
		.innerJoin(w, eq(w.id, wp.workshopId))
		.innerJoin(schema.personas, eq(schema.personas.id, wp.personaId))
		.where(eq(w.tableId, tableId))
		.orderBy(asc(schema.personas.name));
}

// ---------------------------------------------------------------- challenges

export type ChallengeInput = { bundleId: unknown; region: unknown; targetGroup: unknown; barriers: unknown; questions: unknown };
export type ChallengeSaved = { ok: true; id: number } | { ok: false; error: WorkshopError } | { ok: false; error: 'invalid'; problems: ChallengeProblem[] };

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

function readChallenge(input: ChallengeInput): { ok: true; value: { region: string; targetGroup: string; barriers: string; questions: ChallengeQuestion[] } } | { ok: false; problems: ChallengeProblem[] } | null {
	if (!Array.isArray(input.questions)) return null;
	const questions: ChallengeQuestion[] = [];
	for (const q of input.questions) {
		if (typeof q !== 'object' || q === null) return null;
		const support = str((q as Record<string, unknown>).support);
		const effect = str((q as Record<string, unknown>).effect);
		if (support || effect) questions.push({ support, effect });
	}
	const value = { region: str(input.region), targetGroup: str(input.targetGroup), barriers: str(input.barriers), questions };
	const problems = challengeProblems(value);
	return problems.length ? { ok: false, problems } : { ok: true, value };
}

/** Puts the challenges back in order 1..n (`ids` in the wanted order). */
function renumberChallenges(tx: Db, ids: number[]): void {
	ids.forEach((id, i) => tx.update(ch).set({ position: i + 1 }).where(eq(ch.id, id)).run());
}

/**
 * Writes a new challenge, or changes one (`challengeId`). A new one is placed by its bundle's frequency
 * rank among the others. The vote's options follow the challenges until the first vote is cast.
 */
export async function saveChallenge(user: StaffUser | null, workshopId: number, input: ChallengeInput, challengeId?: number): Promise<ChallengeSaved> {
	const read = readChallenge(input);
	if (!read) return refuse('bad_payload');
	if (!read.ok) return { ok: false, error: 'invalid', problems: read.problems };
	const value = read.value;
	return run((tx) => {
		const workshop = loadWorkshop(tx, workshopId);
		requireRunner(tx, workshop, user);
		const bundle = typeof input.bundleId === 'number' ? tx.select().from(pb).where(eq(pb.id, input.bundleId)).get() : undefined;
		if (!bundle || bundle.regionId !== workshop.regionId) throw new Refusal('bundle_not_found');
		const now = new Date();
		let id: number;
		if (challengeId !== undefined) {
			const existing = tx.select().from(ch).where(and(eq(ch.id, challengeId), eq(ch.workshopId, workshopId))).get();
			if (!existing) throw new Refusal('challenge_not_found');
			tx.update(ch)
				.set({ ...value, bundleId: bundle.id, updatedAt: now })
				.where(eq(ch.id, challengeId))
				.run();
			id = challengeId;
		} else {
			const others = tx
				.select({ id: ch.id, rank: pb.rank })
				.from(ch)
				.innerJoin(pb, eq(pb.id, ch.bundleId))
				.where(eq(ch.workshopId, workshopId))
				.orderBy(asc(ch.position), asc(ch.id))
				.all();
			id = tx
				.insert(ch)
				.values({ workshopId, bundleId: bundle.id, position: others.length + 1, ...value, createdAt: now, updatedAt: now })
				.returning({ id: ch.id })
				.get().id;
			const at = others.findIndex((o) => o.rank > bundle.rank);
			const order = others.map((o) => o.id);
			order.splice(at === -1 ? order.length : at, 0, id);
			renumberChallenges(tx, order);
		}
		syncVoteOptions(tx, workshop);
		return { id };
	}) as Promise<ChallengeSaved>;
}

/** Removes a challenge nobody responded to and that is not a signal yet. */
export async function deleteChallenge(user: StaffUser | null, workshopId: number, challengeId: number): Promise<Result> {
	return run((tx) => {
		const workshop = loadWorkshop(tx, workshopId);
		requireRunner(tx, workshop, user);
		const row = tx.select().from(ch).where(and(eq(ch.id, challengeId), eq(ch.workshopId, workshopId))).get();
		if (!row) throw new Refusal('challenge_not_found');
		const responded = tx.select({ id: schema.enrichmentResponses.id }).from(schema.enrichmentResponses).where(eq(schema.enrichmentResponses.challengeId, challengeId)).get();
		if (row.signalId || responded) throw new Refusal('challenge_in_use');
		tx.delete(ad).where(eq(ad.challengeId, challengeId)).run();
		tx.delete(ch).where(eq(ch.id, challengeId)).run();
		renumberChallenges(
			tx,
			tx
				.select({ id: ch.id })
				.from(ch)
				.where(eq(ch.workshopId, workshopId))
				.orderBy(asc(ch.position), asc(ch.id))
				.all()
				.map((c) => c.id)
		);
		syncVoteOptions(tx, workshop);
		return {};
	});
}

/** Moves a challenge to `position` (1-based) in the workshop's order. */
export async function moveChallenge(user: StaffUser | null, workshopId: number, challengeId: number, position: unknown): Promise<Result> {
	if (typeof position !== 'number' || !Number.isInteger(position)) return refuse('bad_payload');
	return run((tx) => {
		const workshop = loadWorkshop(tx, workshopId);
		requireRunner(tx, workshop, user);
		const ids = tx
			.select({ id: ch.id })
			.from(ch)
			.where(eq(ch.workshopId, workshopId))
			.orderBy(asc(ch.position), asc(ch.id))
			.all()
			.map((c) => c.id);
		if (!ids.includes(challengeId)) throw new Refusal('challenge_not_found');
		const rest = ids.filter((id) => id !== challengeId);
		rest.splice(Math.min(Math.max(position, 1), rest.length + 1) - 1, 0, challengeId);
		renumberChallenges(tx, rest);
		syncVoteOptions(tx, workshop);
		return {};
	});
}

function votePhase(tx: Db, workshopId: number) {
	const step = tx
		.select({ phaseId: ws.phaseId })
		.from(ws)
		.where(and(eq(ws.workshopId, workshopId), eq(ws.step, 'vote')))
		.get();
	return step ? tx.select().from(schema.tablePhases).where(eq(schema.tablePhases.id, step.phaseId)).get() : undefined;
}

/**
 * Makes the vote's options the challenges in their current order, as long as nobody has voted yet
 * (once votes are cast, the options and the ids they stand for stay as they were voted on).
 */
function syncVoteOptions(tx: Db, workshop: Workshop): void {
	const phase = votePhase(tx, workshop.id);
	if (!phase) return;
	if (tx.select({ id: schema.tableVotes.id }).from(schema.tableVotes).where(eq(schema.tableVotes.phaseId, phase.id)).get()) return;
	const table = tx.select({ locale: schema.dialogueTables.locale }).from(schema.dialogueTables).where(eq(schema.dialogueTables.id, workshop.tableId)).get()!;
	const list = challengeViews(tx, workshop.id, table.locale);
	const locale: Locale = isLocale(table.locale) ? table.locale : 'nl';
	const options = list.length >= 2 ? list.slice(0, 12).map((c) => `${c.position}. ${c.targetGroup}`.slice(0, OPTION_MAX)) : placeholderOptions(locale);
	tx.update(schema.tablePhases).set({ options }).where(eq(schema.tablePhases.id, phase.id)).run();
	tx.update(w)
		.set({ voteChallengeIds: list.length >= 2 ? list.slice(0, 12).map((c) => c.id) : [] })
		.where(eq(w.id, workshop.id))
		.run();
}

/**
 * Puts the challenges in the order the room voted (most votes first; ties by their bundle's
 * frequency rank) and keeps each one's votes.
 */
export async function applyVoteOrder(user: StaffUser | null, workshopId: number): Promise<Result<{ order: number[] }>> {
	const pre = await run((tx) => {
		const workshop = loadWorkshop(tx, workshopId);
		requireRunner(tx, workshop, user);
		const phase = votePhase(tx, workshopId);
		if (!phase) throw new Refusal('vote_not_found');
		return { phaseId: phase.id };
	});
	if (!pre.ok) return pre;
	const tally = await phaseResults(pre.phaseId);
	if (!tally.ok) return refuse('vote_not_found');
	const byOption = tally.results.byOption ?? [];
	if (!byOption.some((n) => n > 0)) return refuse('vote_has_no_votes');
	return run((tx) => {
		const workshop = loadWorkshop(tx, workshopId);
		const list = challengeViews(tx, workshopId, 'nl');
		const votes = new Map(workshop.voteChallengeIds.map((id, i) => [id, byOption[i] ?? 0]));
		const order = voteOrder(list.map((c) => ({ id: c.id, votes: votes.get(c.id) ?? 0, rank: c.bundle.rank })));
		renumberChallenges(tx, order);
		for (const c of list) tx.update(ch).set({ votes: votes.get(c.id) ?? 0 }).where(eq(ch.id, c.id)).run();
		return { order };
	});
}

/** Challenges in the order of their bundles' frequency rank (the order before any vote). */
export async function orderByFrequency(user: StaffUser | null, workshopId: number): Promise<Result> {
	return run((tx) => {
		const workshop = loadWorkshop(tx, workshopId);
		requireRunner(tx, workshop, user);
		const list = challengeViews(tx, workshopId, 'nl');
		renumberChallenges(
			tx,
			orderByRank(list.map((c) => ({ id: c.id, rank: c.bundle.rank }))).map((c) => c.id)
		);
		syncVoteOptions(tx, workshop);
		return {};
	});
}

// ---------------------------------------------------------------- enrichment additions

/**
 * Merges an addition into the workshop's result: for one challenge or for all of them (challengeId
 * null). From a partner's response (`responseId`, its text by default) or written by the facilitator.
 */
export async function mergeAddition(user: StaffUser | null, workshopId: number, input: { challengeId?: unknown; responseId?: unknown; text?: unknown }): Promise<Result<{ id: number }>> {
	return run((tx) => {
		const workshop = loadWorkshop(tx, workshopId);
		const me = requireRunner(tx, workshop, user);
		let challengeId: number | null = null;
		if (input.challengeId !== undefined && input.challengeId !== null) {
			if (typeof input.challengeId !== 'number' || !tx.select({ id: ch.id }).from(ch).where(and(eq(ch.id, input.challengeId), eq(ch.workshopId, workshopId))).get())
				throw new Refusal('challenge_not_found');
			challengeId = input.challengeId;
		}
		let responseId: number | null = null;
		let text = str(input.text);
		if (input.responseId !== undefined && input.responseId !== null) {
			const r = schema.enrichmentResponses;
			const row =
				typeof input.responseId === 'number'
					? tx
							.select({ id: r.id, text: r.text, challengeId: r.challengeId })
							.from(r)
							.innerJoin(schema.partnerInvites, eq(schema.partnerInvites.id, r.inviteId))
							.where(and(eq(r.id, input.responseId), eq(schema.partnerInvites.workshopId, workshopId)))
							.get()
					: undefined;
			if (!row) throw new Refusal('response_not_found');
			responseId = row.id;
			if (!text) text = row.text.trim();
			if (input.challengeId === undefined) challengeId = row.challengeId;
		}
		if (!text) throw new Refusal('empty_text');
		if ([...text].length > ADDITION_MAX) throw new Refusal('text_too_long');
		const row = tx.insert(ad).values({ workshopId, challengeId, text, responseId, mergedBy: me.id, mergedAt: new Date() }).returning({ id: ad.id }).get();
		return { id: row.id };
	});
}

export async function removeAddition(user: StaffUser | null, workshopId: number, additionId: number): Promise<Result> {
	return run((tx) => {
		const workshop = loadWorkshop(tx, workshopId);
		requireRunner(tx, workshop, user);
		const res = tx.delete(ad).where(and(eq(ad.id, additionId), eq(ad.workshopId, workshopId))).run();
		if (!res.changes) throw new Refusal('addition_not_found');
		return {};
	});
}

// ---------------------------------------------------------------- timeline, other input

/** The call's timeline: steps with a date (or a period 'start/end') as the facilitator writes them. */
export async function setTimeline(user: StaffUser | null, workshopId: number, steps: unknown): Promise<Result> {
	if (!Array.isArray(steps) || steps.length > TIMELINE_MAX) return refuse('bad_timeline');
	const clean: { step: string; date: string }[] = [];
	for (const s of steps) {
		if (typeof s !== 'object' || s === null) return refuse('bad_timeline');
		const step = str((s as Record<string, unknown>).step);
		const date = str((s as Record<string, unknown>).date);
		if (!step && !date) continue;
		if (!step || step.length > 160 || date.length > 60) return refuse('bad_timeline');
		if (date && !isTimelineDate(date)) return refuse('bad_timeline');
		clean.push({ step, date });
	}
	return run((tx) => {
		const workshop = loadWorkshop(tx, workshopId);
		requireRunner(tx, workshop, user);
		tx.update(w).set({ timeline: clean }).where(eq(w.id, workshopId)).run();
		return {};
	});
}

/** A date (2023-09-01), a date and time (2023-09-01T23:59) or a period (2023-09-11/2023-09-15). */
export function isTimelineDate(value: string): boolean {
	const one = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/;
	const parts = value.split('/');
	if (parts.length > 2 || !parts.every((p) => one.test(p) && !isNaN(Date.parse(p.slice(0, 10))))) return false;
	return parts.length === 1 || parts[0] <= parts[1];
}

export async function setOtherInput(user: StaffUser | null, workshopId: number, text: unknown): Promise<Result> {
	if (typeof text !== 'string') return refuse('bad_payload');
	if ([...text].length > OTHER_INPUT_MAX) return refuse('text_too_long');
	return run((tx) => {
		const workshop = loadWorkshop(tx, workshopId);
		requireRunner(tx, workshop, user);
		tx.update(w).set({ otherInput: text.trim() }).where(eq(w.id, workshopId)).run();
		return {};
	});
}

// ---------------------------------------------------------------- arena analysis rows

export async function addArenaItem(user: StaffUser | null, workshopId: number, input: { need: unknown; service: unknown }): Promise<Result<{ id: number }>> {
	const need = str(input.need);
	const service = str(input.service);
	if (!need || !service) return refuse('empty_text');
	if ([...need].length > ARENA_TEXT_MAX || [...service].length > ARENA_TEXT_MAX) return refuse('text_too_long');
	return run((tx) => {
		const workshop = loadWorkshop(tx, workshopId);
		requireRunner(tx, workshop, user);
		const n = tx.select({ n: sql<number>`count(*)` }).from(ai).where(eq(ai.workshopId, workshopId)).get()?.n ?? 0;
		if (n >= MAX_ARENA_ITEMS) throw new Refusal('too_many_items');
		return { id: tx.insert(ai).values({ workshopId, position: n + 1, need, service }).returning({ id: ai.id }).get().id };
	});
}

export async function removeArenaItem(user: StaffUser | null, workshopId: number, itemId: number): Promise<Result> {
	return run((tx) => {
		const workshop = loadWorkshop(tx, workshopId);
		requireRunner(tx, workshop, user);
		if (tx.select({ itemId: schema.arenaVotes.itemId }).from(schema.arenaVotes).where(eq(schema.arenaVotes.itemId, itemId)).get()) throw new Refusal('item_has_votes');
		const res = tx.delete(ai).where(and(eq(ai.id, itemId), eq(ai.workshopId, workshopId))).run();
		if (!res.changes) throw new Refusal('item_not_found');
		return {};
	});
}

// ---------------------------------------------------------------- boards of the steps

/**
 * Opens the board of a step: a persona canvas for choosing or making personas, a needs → services
 * board for a bundle (pre-filled from the arena analysis when `prefill`: one row per need, its
 * service beside it), an empty board otherwise. Phones then get a button to it, the projector shows it.
 */
export async function openStepBoard(user: StaffUser | null, workshopId: number, phaseId: number, opts: { prefill?: boolean } = {}): Promise<Result<{ boardId: number; created: boolean }>> {
	const info = await run((tx) => {
		const workshop = loadWorkshop(tx, workshopId);
		requireRunner(tx, workshop, user);
		const step = tx.select().from(ws).where(and(eq(ws.phaseId, phaseId), eq(ws.workshopId, workshopId))).get();
		if (!step) throw new Refusal('phase_not_found');
		const view = viewIn(tx, workshop);
		const s = view.steps.find((x) => x.phaseId === phaseId)!;
		const items = tx.select().from(ai).where(eq(ai.workshopId, workshopId)).orderBy(asc(ai.position), asc(ai.id)).all();
		return { view, step: s, items };
	});
	if (!info.ok) return info;
	if (info.step.board) return { ok: true, boardId: info.step.board.id, created: false };
	const template = info.step.step === 'personas' ? 'persona_canvas' : info.step.step === 'needs' && !opts.prefill ? 'needs_services' : 'empty';
	const created = await createBoard(
		user,
		{ title: `${info.view.table.title} · ${info.step.title}`.slice(0, 120), template, locale: info.view.table.locale, tableId: info.view.tableId, phaseId },
		frameTitle
	);
	if (!created.ok) return created;
	if (info.step.step === 'needs' && opts.prefill && info.items.length) await prefillNeedsBoard(created.boardId, info.view.table.locale, info.items);
	return { ok: true, boardId: created.boardId, created: true };
}

const ROW_H = NOTE_H + 110;

/** One row per arena item: the need in a yellow cluster on the left, its service in a green one on the right. */
async function prefillNeedsBoard(boardId: number, locale: string, items: { need: string; service: string }[]): Promise<void> {
	const doc = new Y.Doc();
	for (const r of await rowsSince(boardId)) Y.applyUpdate(doc, r.data);
	const before = Y.encodeStateVector(doc);
	doc.transact(() => {
		items.forEach((item, i) => {
			const y = i * (ROW_H + 30);
			const need = addFrame(doc, { title: frameTitle('need', locale, i + 1), x: 0, y, w: NOTE_W * 2 + 60, h: ROW_H, color: 'yellow' });
			addNote(doc, { text: item.need, x: 20, y: y + 70, w: NOTE_W * 2 + 20, frame: need, color: 'yellow' });
			const service = addFrame(doc, { title: frameTitle('service', locale, i + 1), x: NOTE_W * 2 + 100, y, w: NOTE_W * 3 + 80, h: ROW_H, color: 'green' });
			addNote(doc, { text: item.service, x: NOTE_W * 2 + 120, y: y + 70, w: NOTE_W * 3 + 40, frame: service, color: 'green' });
		});
	});
	await append(boardId, Y.encodeStateAsUpdate(doc, before));
	doc.destroy();
}

export { MAX_QUESTIONS };
