/**
 * A signal's life, from input to what the city did with it:
 * new → in triage → with council(s) → advised → taken up / not taken up / passed on → feedback published.
 * A signal may be decided in triage without a council. Every change is an event with who, when and why;
 * the transitions a state does not allow are refused and change nothing. Merging moves the evidence to
 * the signal that stays (the old one keeps its id and leads there); splitting moves chosen evidence to a
 * new signal. Plain functions over the database, no HTTP.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { hasRole, type StaffUser } from '../auth';
import { getDb, schema, type Db } from '../db';
import { GOVERNMENT_LEVELS, type GovernmentLevel, type SignalStatus, type SignalType, type TagKind } from '../db/schema';
import { attempt, Refusal, refuse, type Answer } from '../refusal';
import { cleanLabels, PlanEditError, addPlanItem } from '../plan';
import { createSignal, isSignalType, signalProblems, type EvidenceRef, type SignalProblem } from './index';
import { canTransition, isStatus } from '$lib/signals/states';
import { queueNotificationsIn } from '../feedback/mail';

export type LifecycleError =
	| 'forbidden'
	| 'not_found'
	| 'merged'
	| 'bad_status'
	| 'transition_not_allowed'
	| 'reason_required'
	| 'plan_link_required'
	| 'plan_link_unknown'
	| 'level_required'
	| 'addressee_required'
	| 'bad_merge'
	| 'bad_split'
	| 'text_too_long';
export type Result<T extends object = object> = Answer<LifecycleError, T>;
const run = <T extends object>(fn: (tx: Db) => T): Promise<Result<T>> => attempt<LifecycleError, T>(fn);

const s = schema.signals;
const ev = schema.signalEvents;
const dc = schema.signalDecisions;
const e = schema.signalEvidence;

export const REASON_MAX = 2000;
export const DECISIONS = ['taken_up', 'not_taken_up', 'passed_on'] as const;
export type Decision = (typeof DECISIONS)[number];

export { TRANSITIONS, isStatus, canTransition } from '$lib/signals/states';

/** Who triages (moderators and facilitators, who make signals) and who decides (the plan owner). */
export const canTriage = (user: StaffUser | null | undefined) => hasRole(user, 'moderator', 'facilitator', 'plan_owner');
export const canDecide = (user: StaffUser | null | undefined) => hasRole(user, 'plan_owner');

function loadSignal(tx: Db, id: unknown) {
	if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw new Refusal('not_found');
	const row = tx.select().from(s).where(eq(s.id, id)).get();
	if (!row) throw new Refusal('not_found');
	if (row.mergedInto) throw new Refusal('merged');
	return row;
}

function logEvent(tx: Db, values: Omit<typeof ev.$inferInsert, 'id' | 'at'> & { at?: Date }) {
	tx.insert(ev)
		.values({ ...values, at: values.at ?? new Date() })
		.run();
}

function setStatus(tx: Db, row: { id: number; status: string }, to: SignalStatus, user: StaffUser, reason: string, extra: Partial<typeof ev.$inferInsert> = {}) {
	const from = (isStatus(row.status) ? row.status : 'new') as SignalStatus;
	if (!canTransition(from, to)) throw new Refusal('transition_not_allowed');
	const now = new Date();
	tx.update(s).set({ status: to, updatedAt: now }).where(eq(s.id, row.id)).run();
	logEvent(tx, { signalId: row.id, kind: 'status', fromStatus: from, toStatus: to, reason, byUserId: user.id, at: now, ...extra });
}

const clean = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * A status change by hand: into triage, back to triage from a council. Decisions, council requests and
 * feedback have their own functions (they need more than a reason).
 */
export async function changeStatus(user: StaffUser | null, signalId: number, to: unknown, reason: unknown = ''): Promise<Result<{ status: SignalStatus }>> {
	if (!canTriage(user)) return refuse('forbidden');
	if (!isStatus(to)) return refuse('bad_status');
	if (to !== 'triage') return refuse('transition_not_allowed');
	const why = clean(reason);
	if ([...why].length > REASON_MAX) return refuse('text_too_long');
	return run((tx) => {
		const row = loadSignal(tx, signalId);
		// Back from a council needs a reason: the council and the plan owner see why.
		if (row.status === 'with_council' && !why) throw new Refusal('reason_required');
		setStatus(tx, row, to, user!, why);
		return { status: to };
	});
}

/** Marks a signal as with a council (called by the councils module when a request is made). */
export function toCouncilIn(tx: Db, signalId: number, user: StaffUser, councilId: string, question: string): void {
	const row = loadSignal(tx, signalId);
	if (row.status === 'new') setStatus(tx, row, 'triage', user, '');
	const now = tx.select().from(s).where(eq(s.id, signalId)).get()!;
	if (now.status !== 'with_council') setStatus(tx, now, 'with_council', user, question, { councilId });
	else logEvent(tx, { signalId, kind: 'council_request', reason: question, councilId, byUserId: user.id });
}

/** Marks a signal as advised (called by the councils module when advice is published). */
export function adviseIn(tx: Db, signalId: number, user: StaffUser, councilId: string, summary: string): void {
	const row = loadSignal(tx, signalId);
	if (row.status === 'with_council') setStatus(tx, row, 'advised', user, summary, { councilId });
	else logEvent(tx, { signalId, kind: 'advice_published', reason: summary, councilId, byUserId: user.id });
	// Residents whose input backs it hear of it (the outbox row commits with the advice).
	queueNotificationsIn(tx, signalId, 'advised');
}

export type DecisionInput = {
	outcome: unknown;
	reason?: unknown;
	goalId?: unknown;
	actionId?: unknown;
	/** A new action in the plan under `goalId`, from this signal. */
	newAction?: { label: unknown; fromResident?: unknown } | null;
	level?: unknown;
	addressee?: unknown;
};

/**
 * The plan owner's decision. Taken up: linked to a goal or an action, or a new action under a goal
 * (marked '(inwoner)' when residents proposed it). Not taken up: a reason is required. Passed on: the
 * level of government and the addressee are required.
 */
export async function decide(user: StaffUser | null, signalId: number, input: DecisionInput): Promise<Result<{ status: SignalStatus; actionId: string | null }>> {
	if (!canDecide(user)) return refuse('forbidden');
	const outcome = input.outcome;
	if (typeof outcome !== 'string' || !(DECISIONS as readonly string[]).includes(outcome)) return refuse('bad_status');
	const reason = clean(input.reason);
	if ([...reason].length > REASON_MAX) return refuse('text_too_long');
	let goalId = clean(input.goalId) || null;
	let actionId = clean(input.actionId) || null;
	const level = clean(input.level) || null;
	const addressee = clean(input.addressee) || null;
	if (outcome === 'not_taken_up' && !reason) return refuse('reason_required');
	if (outcome === 'passed_on') {
		if (!level || !(GOVERNMENT_LEVELS as readonly string[]).includes(level)) return refuse('level_required');
		if (!addressee) return refuse('addressee_required');
	}
	const label = clean(input.newAction?.label);
	if (outcome === 'taken_up' && !goalId && !actionId && !label) return refuse('plan_link_required');
	const db = getDb();
	if (actionId) {
		const a = await db.select({ goalId: schema.actions.goalId }).from(schema.actions).where(eq(schema.actions.id, actionId)).get();
		if (!a) return refuse('plan_link_unknown');
		goalId = goalId ?? a.goalId;
	}
	if (goalId && !(await db.select({ id: schema.goals.id }).from(schema.goals).where(eq(schema.goals.id, goalId)).get())) return refuse('plan_link_unknown');
	// Checked before a new action is written, so that a refused decision leaves the plan as it was.
	const pre = await run((tx) => {
		const row = loadSignal(tx, signalId);
		if (!canTransition(row.status as SignalStatus, outcome as SignalStatus)) throw new Refusal('transition_not_allowed');
		return {};
	});
	if (!pre.ok) return pre;
	let created = false;
	if (outcome === 'taken_up' && label && !actionId) {
		if (!goalId) return refuse('plan_link_required');
		try {
			actionId = await addPlanItem('action', { labels: cleanLabels({ nl: label }), parentId: goalId, fromResident: input.newAction?.fromResident === true });
			created = true;
		} catch (err) {
			if (err instanceof PlanEditError) return refuse('plan_link_unknown');
			throw err;
		}
	}
	return run((tx) => {
		const row = loadSignal(tx, signalId);
		setStatus(tx, row, outcome as SignalStatus, user!, reason);
		tx.insert(dc)
			.values({
				signalId,
				outcome: outcome as Decision,
				goalId: outcome === 'taken_up' ? goalId : null,
				actionId: outcome === 'taken_up' ? actionId : null,
				createdAction: created,
				level: outcome === 'passed_on' ? (level as GovernmentLevel) : null,
				addressee: outcome === 'passed_on' ? addressee : null,
				reason,
				decidedBy: user!.id,
				decidedAt: new Date()
			})
			.onConflictDoUpdate({
				target: dc.signalId,
				set: { outcome: outcome as Decision, goalId, actionId, createdAction: created, level: level as GovernmentLevel | null, addressee, reason, decidedBy: user!.id, decidedAt: new Date() }
			})
			.run();
		queueNotificationsIn(tx, signalId, 'decided');
		return { status: outcome as SignalStatus, actionId };
	});
}

/** The feedback to residents is out: what was decided and why, in the message that goes with it. */
export async function publishFeedback(user: StaffUser | null, signalId: number, message: unknown): Promise<Result<{ status: SignalStatus }>> {
	if (!canDecide(user)) return refuse('forbidden');
	const text = clean(message);
	if (!text) return refuse('reason_required');
	if ([...text].length > REASON_MAX) return refuse('text_too_long');
	return run((tx) => {
		const row = loadSignal(tx, signalId);
		setStatus(tx, row, 'feedback_published', user!, text);
		queueNotificationsIn(tx, signalId, 'feedback');
		return { status: 'feedback_published' as SignalStatus };
	});
}

// ---------------------------------------------------------------- merge, split, retag

/**
 * Merges `sourceIds` into `targetId`: their evidence and tags move to the target, each source keeps its
 * id and leads to the target (old links keep working), and both sides log it.
 */
export async function mergeSignals(user: StaffUser | null, targetId: number, sourceIds: number[], reason: unknown = ''): Promise<Result<{ moved: number }>> {
	if (!canTriage(user)) return refuse('forbidden');
	const ids = [...new Set(sourceIds)];
	if (!ids.length || ids.includes(targetId)) return refuse('bad_merge');
	const why = clean(reason);
	return run((tx) => {
		const target = loadSignal(tx, targetId);
		if (DECISIONS.includes(target.status as Decision) || target.status === 'feedback_published') throw new Refusal('transition_not_allowed');
		let moved = 0;
		const now = new Date();
		for (const id of ids) {
			const source = loadSignal(tx, id);
			if (DECISIONS.includes(source.status as Decision) || source.status === 'feedback_published') throw new Refusal('transition_not_allowed');
			const refs = tx.select().from(e).where(eq(e.signalId, source.id)).all();
			for (const r of refs) moved += tx.insert(e).values({ ...r, signalId: target.id }).onConflictDoNothing().run().changes;
			tx.delete(e).where(eq(e.signalId, source.id)).run();
			for (const t of tx.select().from(schema.taggings).where(and(eq(schema.taggings.subjectType, 'signal'), eq(schema.taggings.subjectId, source.id))).all())
				tx.insert(schema.taggings).values({ ...t, subjectId: target.id }).onConflictDoNothing().run();
			// Council work on the old signal now belongs to the one that stays.
			tx.update(schema.councilRequests).set({ signalId: target.id }).where(eq(schema.councilRequests.signalId, source.id)).run();
			tx.update(s).set({ mergedInto: target.id, updatedAt: now }).where(eq(s.id, source.id)).run();
			logEvent(tx, { signalId: source.id, kind: 'merged_into', otherSignalId: target.id, reason: why, byUserId: user!.id, at: now });
			logEvent(tx, { signalId: target.id, kind: 'merged_from', otherSignalId: source.id, reason: why, byUserId: user!.id, at: now });
		}
		tx.update(s).set({ updatedAt: now }).where(eq(s.id, target.id)).run();
		return { moved };
	});
}

/** Moves chosen evidence of a signal to a new one (title, summary, type); the new signal starts in triage. */
export async function splitSignal(
	user: StaffUser | null,
	signalId: number,
	input: { title: string; summary: string; type: string; evidence: EvidenceRef[] }
): Promise<{ ok: true; id: number } | { ok: false; error: LifecycleError | 'invalid'; problems?: SignalProblem[] }> {
	if (!canTriage(user)) return refuse('forbidden');
	const problems = signalProblems(input);
	if (problems.length) return { ok: false, error: 'invalid', problems };
	if (!input.evidence?.length) return refuse('bad_split');
	const check = await run((tx) => {
		const row = loadSignal(tx, signalId);
		const have = tx.select().from(e).where(eq(e.signalId, row.id)).all();
		const chosen = input.evidence.filter((r) => have.some((h) => h.sourceType === r.sourceType && h.sourceId === r.sourceId));
		if (chosen.length !== input.evidence.length || chosen.length === have.length) throw new Refusal('bad_split');
		return { status: row.status };
	});
	if (!check.ok) return check;
	const made = await createSignal({ title: input.title, summary: input.summary, type: input.type, evidence: input.evidence }, user!.id);
	if (!made.ok) return { ok: false, error: 'invalid', problems: made.problems };
	const r = await run((tx) => {
		const now = new Date();
		for (const ref of input.evidence)
			tx.delete(e)
				.where(and(eq(e.signalId, signalId), eq(e.sourceType, ref.sourceType), eq(e.sourceId, ref.sourceId)))
				.run();
		tx.update(s).set({ status: 'triage', updatedAt: now }).where(eq(s.id, made.id)).run();
		logEvent(tx, { signalId: made.id, kind: 'split_from', otherSignalId: signalId, byUserId: user!.id, at: now });
		logEvent(tx, { signalId, kind: 'split_into', otherSignalId: made.id, byUserId: user!.id, at: now });
		return {};
	});
	return r.ok ? { ok: true, id: made.id } : r;
}

/** Logs a change of tags (the tags themselves change through signals/tags.ts). */
export async function logRetag(user: StaffUser, signalId: number, what: string): Promise<void> {
	await getDb().insert(ev).values({ signalId, kind: 'retagged', reason: what, byUserId: user.id, at: new Date() });
}

// ---------------------------------------------------------------- organisations registering for a group

export type RegistrationInput = { organisation: unknown; onBehalfOf: unknown; observation: unknown; title: string; summary: string; type: string; tags?: { kind: TagKind; refId: string }[] };

/**
 * A signal an organisation registers on behalf of a group that does not take part easily (childcare,
 * social work, police observations): marked as such, and counted as its own channel of evidence.
 */
export async function registerOnBehalf(user: StaffUser | null, input: RegistrationInput): Promise<{ ok: true; id: number } | { ok: false; error: LifecycleError | 'invalid' | 'organisation_required' | 'group_required'; problems?: SignalProblem[] }> {
	if (!canTriage(user)) return refuse('forbidden');
	const organisation = clean(input.organisation);
	const onBehalfOf = clean(input.onBehalfOf);
	const observation = clean(input.observation);
	if (!organisation || organisation.length > 160) return refuse('organisation_required');
	if (!onBehalfOf || onBehalfOf.length > 160) return refuse('group_required');
	if ([...observation].length > REASON_MAX) return refuse('text_too_long');
	const made = await createSignal({ title: input.title, summary: input.summary, type: isSignalType(input.type) ? input.type : input.type, tags: input.tags }, user!.id);
	if (!made.ok) return { ok: false, error: 'invalid', problems: made.problems };
	await getDb().insert(schema.signalRegistrations).values({ signalId: made.id, organisation, onBehalfOf, observation });
	await getDb().insert(ev).values({ signalId: made.id, kind: 'registered', reason: `${organisation}: ${onBehalfOf}`, byUserId: user!.id, at: new Date() });
	return { ok: true, id: made.id };
}

// ---------------------------------------------------------------- reading

/** The signal an id stands for now: a merged signal leads to the one it was merged into. */
export async function currentSignalId(id: number): Promise<number | null> {
	const db = getDb();
	let at = id;
	for (let hops = 0; hops < 20; hops++) {
		const row = await db.select({ id: s.id, mergedInto: s.mergedInto }).from(s).where(eq(s.id, at)).get();
		if (!row) return null;
		if (!row.mergedInto) return row.id;
		at = row.mergedInto;
	}
	return null;
}

export type TimelineEvent = typeof ev.$inferSelect & { byName: string | null };

/** Everything that happened to a signal, oldest first, with the names of who did it. */
export async function timeline(signalId: number): Promise<TimelineEvent[]> {
	return (
		await getDb()
			.select({ e: ev, byName: schema.users.name })
			.from(ev)
			.leftJoin(schema.users, eq(schema.users.id, ev.byUserId))
			.where(eq(ev.signalId, signalId))
			.orderBy(asc(ev.at), asc(ev.id))
	).map(({ e, byName }) => ({ ...e, byName }));
}

export async function decisionOf(signalId: number) {
	return (await getDb().select().from(dc).where(eq(dc.signalId, signalId)).get()) ?? null;
}

export async function registrationOf(signalId: number) {
	return (await getDb().select().from(schema.signalRegistrations).where(eq(schema.signalRegistrations.signalId, signalId)).get()) ?? null;
}

export type Strength = {
	items: number;
	channels: Record<'postcard' | 'table' | 'board' | 'workshop' | 'organisation', number>;
	neighbourhoods: number;
	targetGroups: number;
};

/**
 * How strong a signal's evidence is: how many items, from which channels (an organisation's registration
 * counts as one), and how many neighbourhoods and target groups its postcards named.
 */
export async function strengthOf(signalIds: number[]): Promise<Map<number, Strength>> {
	const out = new Map<number, Strength>();
	if (!signalIds.length) return out;
	const db = getDb();
	for (const id of signalIds) out.set(id, { items: 0, channels: { postcard: 0, table: 0, board: 0, workshop: 0, organisation: 0 }, neighbourhoods: 0, targetGroups: 0 });
	const rows = await db.select({ signalId: e.signalId, sourceType: e.sourceType, sourceId: e.sourceId }).from(e).where(inArray(e.signalId, signalIds));
	const channel = { postcard: 'postcard', table_contribution: 'table', board_note: 'board', challenge: 'workshop', enrichment_response: 'workshop' } as const;
	const postcardsOf = new Map<number, number[]>();
	for (const r of rows) {
		const st = out.get(r.signalId)!;
		st.items++;
		st.channels[channel[r.sourceType]]++;
		if (r.sourceType === 'postcard') postcardsOf.set(r.signalId, [...(postcardsOf.get(r.signalId) ?? []), r.sourceId]);
	}
	for (const r of await db.select({ signalId: schema.signalRegistrations.signalId }).from(schema.signalRegistrations).where(inArray(schema.signalRegistrations.signalId, signalIds))) {
		const st = out.get(r.signalId)!;
		st.items++;
		st.channels.organisation++;
	}
	const allPostcards = [...new Set([...postcardsOf.values()].flat())];
	if (allPostcards.length) {
		const t = schema.taggings;
		const tags = await db
			.select({ subjectId: t.subjectId, kind: t.kind, refId: t.refId })
			.from(t)
			.where(and(eq(t.subjectType, 'postcard'), inArray(t.subjectId, allPostcards), inArray(t.kind, ['neighbourhood', 'target_group'])));
		for (const [signalId, ids] of postcardsOf) {
			const mine = new Set(ids);
			const st = out.get(signalId)!;
			st.neighbourhoods = new Set(tags.filter((x) => mine.has(x.subjectId) && x.kind === 'neighbourhood').map((x) => x.refId)).size;
			st.targetGroups = new Set(tags.filter((x) => mine.has(x.subjectId) && x.kind === 'target_group').map((x) => x.refId)).size;
		}
	}
	return out;
}

/** Signals not merged away, for lists and the plan view. */
export const liveSignals = isNull(s.mergedInto);

export type { SignalStatus, SignalType };
