/**
 * 'Zeggen wat we doen en doen wat we zeggen': the chain from someone's input to what the city did with
 * it. Input (a postcard, or what was said at a dialogue table) → the signal(s) it backs (title, where it
 * is now in plain words) → advice of a council (which council, its verdict, the date) → the plan
 * owner's decision (taken up with its goal or action, not taken up, or passed on to a higher
 * government, always with the reason) → the message the city published.
 *
 * Everything comes from the signal tables in a fixed handful of queries whatever the number of signals
 * (no query per signal): the tracking page calls this on every visit. Texts are plain sentences in the
 * reader's language, built here once for the pages and the emails alike. Nothing here names staff.
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { m } from '$lib/paraglide/messages';
import { hashToken } from '../auth';
import { getDb, schema } from '../db';
import type { AdviceVerdict, GovernmentLevel, Labels, SignalStatus } from '../db/schema';
import { isLocale, label, type Locale } from '../../i18n';
import { formatDate } from '../../postcards/format';
import { normalizeCode } from '../postcards/codes';

export type Decision = 'taken_up' | 'not_taken_up' | 'passed_on';
const DECIDED: readonly string[] = ['taken_up', 'not_taken_up', 'passed_on', 'feedback_published'];

/** What happened to one signal, as stored (labels in every language). */
export type SignalFacts = {
	id: number;
	title: string;
	status: SignalStatus;
	/** Council requests, oldest first, each with its published advice (null while the council works on it). */
	councils: { councilId: string; council: Labels; advice: { verdict: AdviceVerdict; publishedAt: Date } | null }[];
	decision: {
		outcome: Decision;
		goal: { id: string; labels: Labels } | null;
		action: { id: string; labels: Labels; fromResident: boolean } | null;
		createdAction: boolean;
		level: GovernmentLevel | null;
		addressee: string | null;
		reason: string;
		decidedAt: Date;
	} | null;
	/** The message that went with 'feedback published'. */
	feedback: { message: string; at: Date } | null;
};

/** How far the input got: the states of the signal, advice and decision steps. */
export type ChainState = 'done' | 'current' | 'future' | 'skipped';
export type Progress = { signal: ChainState; advice: ChainState; decision: ChainState };
export type ChainStep = { key: 'input' | 'signal' | 'advice' | 'decision'; state: ChainState };

export type AdviceView = { council: string; verdict: AdviceVerdict; date: string; text: string };
export type DecisionView = {
	outcome: Decision;
	/** 'Opgenomen in het plan', 'Niet opgenomen', 'Doorgegeven'. */
	badge: string;
	/** The whole decision as one sentence ('De stad neemt dit op in haar plan.'). */
	headline: string;
	/** Where in the plan, or to whom it was passed on. */
	lines: string[];
	fromResidents: boolean;
	reason: string;
	date: string;
	dateText: string;
};
/** One signal, in plain words in one language: what the pages and the emails show. */
export type SignalView = {
	id: number;
	title: string;
	status: SignalStatus;
	statusText: string;
	advice: AdviceView[];
	/** Councils still discussing it ('X bespreekt dit nu.'). */
	waiting: string[];
	decision: DecisionView | null;
	feedback: { heading: string; message: string; date: string } | null;
};

export type InputChain = { signals: SignalView[]; progress: Progress; steps: ChainStep[] };

const loc = (locale: string): { locale: Locale } => ({ locale: isLocale(locale) ? locale : 'nl' });
const asStatus = (s: string) => s as SignalStatus;

// ---------------------------------------------------------------- reading

/**
 * The signals these ids stand for now (a merged signal leads to the one it was merged into): the live
 * signals, and which live signal each asked id leads to. One query per merge hop (almost always one).
 */
async function liveSignals(ids: number[]) {
	const live = new Map<number, { id: number; title: string; status: string }>();
	const leadsTo = new Map<number, number>();
	const origin = new Map<number, number>(ids.map((id) => [id, id]));
	let wanted = [...new Set(ids)];
	for (let hop = 0; hop < 5 && wanted.length; hop++) {
		const rows = await getDb()
			.select({ id: schema.signals.id, title: schema.signals.title, status: schema.signals.status, mergedInto: schema.signals.mergedInto })
			.from(schema.signals)
			.where(inArray(schema.signals.id, wanted));
		const next: number[] = [];
		for (const r of rows) {
			const asked = [...origin].filter(([, at]) => at === r.id).map(([a]) => a);
			if (r.mergedInto) {
				for (const a of asked) origin.set(a, r.mergedInto);
				next.push(r.mergedInto);
			} else {
				live.set(r.id, r);
				for (const a of asked) leadsTo.set(a, r.id);
			}
		}
		wanted = [...new Set(next)];
	}
	return { live, leadsTo };
}

/** What happened to these signals: four queries whatever their number. Merged ids lead to where they went. */
export async function signalFacts(ids: number[]): Promise<SignalFacts[]> {
	if (!ids.length) return [];
	const db = getDb();
	const { live: signals, leadsTo } = await liveSignals(ids);
	const idList = [...signals.keys()];
	if (!idList.length) return [];
	const cr = schema.councilRequests;
	const ca = schema.councilAdvice;
	const goal = alias(schema.goals, 'g');
	const action = alias(schema.actions, 'a');
	const dc = schema.signalDecisions;
	const ev = schema.signalEvents;
	const [requests, decisions, feedback] = await Promise.all([
		db
			.select({ signalId: cr.signalId, councilId: cr.councilId, council: schema.councils.labels, verdict: ca.verdict, publishedAt: ca.publishedAt, requestedAt: cr.requestedAt, id: cr.id })
			.from(cr)
			.innerJoin(schema.councils, eq(schema.councils.id, cr.councilId))
			.leftJoin(ca, eq(ca.requestId, cr.id))
			.where(inArray(cr.signalId, idList))
			.orderBy(cr.requestedAt, cr.id),
		db
			.select({ d: dc, goal: { id: goal.id, labels: goal.labels }, action: { id: action.id, labels: action.labels, fromResident: action.fromResident } })
			.from(dc)
			.leftJoin(goal, eq(goal.id, dc.goalId))
			.leftJoin(action, eq(action.id, dc.actionId))
			.where(inArray(dc.signalId, idList)),
		db
			.select({ signalId: ev.signalId, reason: ev.reason, at: ev.at })
			.from(ev)
			.where(and(inArray(ev.signalId, idList), eq(ev.toStatus, 'feedback_published')))
			.orderBy(ev.at, ev.id)
	]);
	const out = new Map<number, SignalFacts>();
	for (const s of signals.values()) out.set(s.id, { id: s.id, title: s.title, status: asStatus(s.status), councils: [], decision: null, feedback: null });
	for (const r of requests)
		out.get(r.signalId)!.councils.push({ councilId: r.councilId, council: r.council, advice: r.verdict && r.publishedAt ? { verdict: r.verdict, publishedAt: r.publishedAt } : null });
	for (const { d, goal: g, action: a } of decisions)
		out.get(d.signalId)!.decision = {
			outcome: d.outcome,
			goal: g?.id ? { id: g.id, labels: g.labels } : null,
			action: a?.id ? { id: a.id, labels: a.labels, fromResident: !!a.fromResident } : null,
			createdAction: d.createdAction,
			level: d.level,
			addressee: d.addressee,
			reason: d.reason,
			decidedAt: d.decidedAt
		};
	// The latest message counts (there is one: feedback_published has no way out).
	for (const f of feedback) out.get(f.signalId)!.feedback = { message: f.reason, at: f.at };
	// In the order asked for, each signal once.
	const seen = new Set<number>();
	const ordered: SignalFacts[] = [];
	for (const id of ids) {
		const target = leadsTo.get(id);
		if (target !== undefined && !seen.has(target)) {
			seen.add(target);
			ordered.push(out.get(target)!);
		}
	}
	return ordered;
}

// ---------------------------------------------------------------- in plain words

export function statusText(status: SignalStatus, locale: string): string {
	const o = loc(locale);
	switch (status) {
		case 'with_council':
			return m.feedback_status_with_council({}, o);
		case 'advised':
			return m.feedback_status_advised({}, o);
		case 'taken_up':
			return m.feedback_status_taken_up({}, o);
		case 'not_taken_up':
			return m.feedback_status_not_taken_up({}, o);
		case 'passed_on':
			return m.feedback_status_passed_on({}, o);
		case 'feedback_published':
			return m.feedback_status_feedback_published({}, o);
		case 'triage':
			return m.feedback_status_triage({}, o);
		default:
			return m.feedback_status_new({}, o);
	}
}

export function verdictText(verdict: AdviceVerdict, locale: string): string {
	const o = loc(locale);
	if (verdict === 'favourable') return m.feedback_verdict_favourable({}, o);
	if (verdict === 'conditional') return m.feedback_verdict_conditional({}, o);
	return m.feedback_verdict_unfavourable({}, o);
}

export function levelText(level: GovernmentLevel | null, locale: string): string {
	const o = loc(locale);
	if (level === 'federal') return m.feedback_level_federal({}, o);
	if (level === 'european') return m.feedback_level_european({}, o);
	return m.feedback_level_flemish({}, o);
}

export function outcomeBadge(outcome: Decision, locale: string): string {
	const o = loc(locale);
	if (outcome === 'taken_up') return m.feedback_outcome_taken_up({}, o);
	if (outcome === 'passed_on') return m.feedback_outcome_passed_on({}, o);
	return m.feedback_outcome_not_taken_up({}, o);
}

/** One signal's facts as the reader reads them. */
export function viewSignal(f: SignalFacts, locale: string): SignalView {
	const o = loc(locale);
	const advice: AdviceView[] = [];
	const waiting: string[] = [];
	for (const c of f.councils) {
		const council = label(c.council, o.locale);
		if (c.advice) {
			const date = formatDate(c.advice.publishedAt, o.locale);
			advice.push({ council, verdict: c.advice.verdict, date, text: m.feedback_advice_line({ council, verdict: verdictText(c.advice.verdict, o.locale), date }, o) });
		} else if (f.status === 'with_council') waiting.push(m.feedback_advice_waiting({ council }, o));
	}
	let decision: DecisionView | null = null;
	if (f.decision) {
		const d = f.decision;
		const lines: string[] = [];
		if (d.outcome === 'taken_up') {
			if (d.action) {
				const actionLabel = label(d.action.labels, o.locale);
				lines.push(d.createdAction ? m.feedback_decision_new_action({ label: actionLabel }, o) : m.feedback_decision_action({ id: d.action.id, label: actionLabel }, o));
			} else if (d.goal) lines.push(m.feedback_decision_goal({ id: d.goal.id, label: label(d.goal.labels, o.locale) }, o));
		} else if (d.outcome === 'passed_on') lines.push(m.feedback_decision_passed_on({ level: levelText(d.level, o.locale), addressee: d.addressee ?? '' }, o));
		const date = formatDate(d.decidedAt, o.locale);
		decision = {
			outcome: d.outcome,
			badge: outcomeBadge(d.outcome, o.locale),
			headline: statusText(d.outcome, o.locale),
			lines,
			fromResidents: d.outcome === 'taken_up' && !!d.action?.fromResident,
			reason: d.reason,
			date,
			dateText: m.feedback_decision_date({ date }, o)
		};
	}
	const feedback = f.feedback
		? { heading: m.feedback_city_message({ date: formatDate(f.feedback.at, o.locale) }, o), message: f.feedback.message, date: formatDate(f.feedback.at, o.locale) }
		: null;
	return { id: f.id, title: f.title, status: f.status, statusText: statusText(f.status, o.locale), advice, waiting, decision, feedback };
}

/** How far input backing these signals got (any signal counts: the furthest one shows). */
export function progressOf(facts: SignalFacts[]): Progress {
	if (!facts.length) return { signal: 'future', advice: 'future', decision: 'future' };
	const anyAdvice = facts.some((f) => f.councils.some((c) => c.advice));
	const anyDecision = facts.some((f) => f.decision || DECIDED.includes(f.status));
	const advice: ChainState = anyAdvice ? 'done' : facts.some((f) => f.status === 'with_council') ? 'current' : anyDecision ? 'skipped' : 'future';
	const decision: ChainState = anyDecision ? 'done' : facts.some((f) => f.status === 'advised') ? 'current' : 'future';
	return { signal: 'done', advice, decision };
}

function chainOf(facts: SignalFacts[], locale: string): InputChain {
	const progress = progressOf(facts);
	return {
		signals: facts.map((f) => viewSignal(f, locale)),
		progress,
		steps: [
			{ key: 'input', state: 'done' },
			{ key: 'signal', state: progress.signal },
			{ key: 'advice', state: progress.advice },
			{ key: 'decision', state: progress.decision }
		]
	};
}

// ---------------------------------------------------------------- a postcard

/** The chain of the postcard with this id (its signals, their advice and decisions). */
export async function chainForPostcardId(postcardId: number, locale: string): Promise<InputChain> {
	const refs = await getDb()
		.select({ signalId: schema.signalEvidence.signalId })
		.from(schema.signalEvidence)
		.where(and(eq(schema.signalEvidence.sourceType, 'postcard'), eq(schema.signalEvidence.sourceId, postcardId)))
		.orderBy(schema.signalEvidence.addedAt, schema.signalEvidence.signalId);
	return chainOf(await signalFacts(refs.map((r) => r.signalId)), locale);
}

export type PostcardChain = InputChain & {
	postcard: {
		id: number;
		code: string;
		/** Null once the writer withdrew it. */
		text: string | null;
		withdrawnAt: Date | null;
		receivedAt: Date;
		campaign: { slug: string; title: string };
	};
};

/** The chain for whoever holds a postcard's code (typed any way normalizeCode accepts), or null. */
export async function chainForPostcard(typedCode: string, locale: string): Promise<PostcardChain | null> {
	const code = normalizeCode(typedCode);
	if (!code) return null;
	const row = await getDb()
		.select({ p: schema.postcards, slug: schema.campaigns.slug, titles: schema.campaigns.titles })
		.from(schema.postcards)
		.innerJoin(schema.campaigns, eq(schema.campaigns.id, schema.postcards.campaignId))
		.where(eq(schema.postcards.code, code))
		.get();
	if (!row) return null;
	const chain = await chainForPostcardId(row.p.id, locale);
	return {
		...chain,
		postcard: {
			id: row.p.id,
			code: row.p.code,
			text: row.p.textWithdrawnAt ? null : row.p.text,
			withdrawnAt: row.p.textWithdrawnAt,
			receivedAt: row.p.createdAt,
			campaign: { slug: row.slug, title: label(row.titles, locale) }
		}
	};
}

// ---------------------------------------------------------------- a dialogue table

/**
 * The signals a table's input backs: its contributions, and notes of boards that belong to it.
 * Ordered by when the evidence was added.
 */
export async function signalIdsOfTable(tableId: number): Promise<number[]> {
	const db = getDb();
	const e = schema.signalEvidence;
	const [fromContributions, fromNotes] = await Promise.all([
		db
			.select({ signalId: e.signalId, at: e.addedAt })
			.from(e)
			.innerJoin(schema.tableContributions, eq(schema.tableContributions.id, e.sourceId))
			.where(and(eq(e.sourceType, 'table_contribution'), eq(schema.tableContributions.tableId, tableId))),
		db
			.select({ signalId: e.signalId, at: e.addedAt })
			.from(e)
			.innerJoin(schema.boardNotes, eq(schema.boardNotes.id, e.sourceId))
			.innerJoin(schema.boards, eq(schema.boards.id, schema.boardNotes.boardId))
			.where(and(eq(e.sourceType, 'board_note'), eq(schema.boards.tableId, tableId), isNotNull(schema.boards.tableId)))
	]);
	return [...fromContributions, ...fromNotes].sort((a, b) => a.at.getTime() - b.at.getTime() || a.signalId - b.signalId).map((r) => r.signalId);
}

export type TableChain = InputChain & { table: { code: string; title: string }; hasEmail: boolean };

/**
 * The chain for a table participant, identified like the contact form identifies them: the table's code
 * and the token their phone got when joining (only its hash is stored). What the whole table said counts
 * as their input: recommendations are the table's, harvested together. Null for an unknown table or a
 * token of another table.
 */
export async function chainForTableContact(typedCode: unknown, token: unknown, locale: string): Promise<TableChain | null> {
	const code = typeof typedCode === 'string' ? normalizeCode(typedCode) : null;
	if (!code || typeof token !== 'string' || !token || token.length > 100) return null;
	const db = getDb();
	const table = await db.select({ id: schema.dialogueTables.id, code: schema.dialogueTables.code, title: schema.dialogueTables.title }).from(schema.dialogueTables).where(eq(schema.dialogueTables.code, code)).get();
	if (!table) return null;
	const participant = await db
		.select({ id: schema.tableParticipants.id, tableId: schema.tableParticipants.tableId, email: schema.tableContacts.email })
		.from(schema.tableParticipants)
		.leftJoin(schema.tableContacts, eq(schema.tableContacts.participantId, schema.tableParticipants.id))
		.where(eq(schema.tableParticipants.tokenHash, hashToken(token)))
		.get();
	if (!participant || participant.tableId !== table.id) return null;
	const chain = chainOf(await signalFacts(await signalIdsOfTable(table.id)), locale);
	return { ...chain, table: { code: table.code, title: table.title }, hasEmail: !!participant.email };
}
