/**
 * Advisory councils (adviesraden): their members, the signals on their table and their formal advice.
 *
 * A signal comes onto a council's table when triage staff or the plan owner send it with a question and
 * a deadline (`sendToCouncil`), or when the council raises it on its own initiative (`raiseOwnInitiative`).
 * The council then discusses it in a thread, writes its advice together in a shared draft (a Yjs text,
 * ./draft.ts), votes on the verdict (favourable, favourable with conditions, unfavourable) and, once
 * enough members voted (the council's quorum), publishes the advice: its text as it was, the verdict the
 * votes decided, the date. The signal then moves to 'advised' (signals/lifecycle.ts). A published request
 * is read-only.
 *
 * Who sees what: a council member (role council_member, the council in users.councilIds) sees and works
 * on their own councils' requests only; the plan owner (and the admin) oversees all councils: reads
 * everything, sets quorums, may publish advice that reached its quorum, but does not post, draft or vote.
 *
 * Result style (../refusal.ts): every function checks, does its work in one transaction and answers
 * `{ ok: true, … }` or `{ ok: false, error }`; a refusal changes nothing. The pure rules (quorum, verdict,
 * vote state, overdue) are in ./rules.ts.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { hasRole, type StaffUser } from '../auth';
import { schema, type Db } from '../db';
import { ADVICE_VERDICTS, type AdviceVerdict, type SignalStatus, type SignalType } from '../db/schema';
import { attempt, Refusal, refuse, type Answer } from '../refusal';
import { adviseIn, canDecide, canTriage, isStatus, toCouncilIn } from '../signals/lifecycle';
import { label } from '../../i18n';
import { m } from '$lib/paraglide/messages';
import { DEFAULT_QUORUM, countVotes, isOverdue, isQuorum, isVerdict, quorumMet, totalVotes, verdictOf, voteState, type VoteCounts, type VoteState } from './rules';
import { draftTextIn, replaceDraftTextIn, type DraftError } from './draft';

export type CouncilError =
	| DraftError
	| 'forbidden'
	| 'not_member'
	| 'council_not_found'
	| 'signal_not_found'
	| 'merged'
	| 'transition_not_allowed'
	| 'bad_quorum'
	| 'question_required'
	| 'note_required'
	| 'text_too_long'
	| 'deadline_required'
	| 'deadline_past'
	| 'already_with_council'
	| 'message_empty'
	| 'message_too_long'
	| 'closes_required'
	| 'closes_in_past'
	| 'closes_too_late'
	| 'vote_already_open'
	| 'vote_not_open'
	| 'vote_closed'
	| 'bad_verdict'
	| 'no_quorum'
	| 'tie'
	| 'draft_empty'
	| 'draft_changed';
export type Result<T extends object = object> = Answer<CouncilError, T>;
const run = <T extends object>(fn: (tx: Db) => T): Promise<Result<T>> => attempt<CouncilError, T>(fn);
function no(code: CouncilError): never {
	throw new Refusal<CouncilError>(code);
}

const c = schema.councils;
const r = schema.councilRequests;
const msg = schema.councilMessages;
const v = schema.councilVotes;
const adv = schema.councilAdvice;
const s = schema.signals;
const us = schema.users;

/** A question from the city, or a note with a council's own initiative. */
export const QUESTION_MAX = 2000;
export const MESSAGE_MAX = 4000;
/** How far ahead a vote may close. */
export const VOTE_MAX_DAYS = 90;
const DAY = 86_400_000;
/** The signals a council can still give advice on (not decided yet). */
export const ADVISABLE: readonly SignalStatus[] = ['new', 'triage', 'with_council', 'advised'];

export type CouncilAccess = 'member' | 'overseer';

/**
 * What a user may do with a council: 'member' (a council member of that council: reads its work,
 * posts, drafts, votes, publishes), 'overseer' (the plan owner or the admin: reads every council's
 * work, sets quorums, publishes advice that reached its quorum) or null (nothing: not even reading).
 */
export function councilAccess(user: StaffUser | null | undefined, councilId: string): CouncilAccess | null {
	if (!user) return null;
	if (user.roles.includes('council_member') && user.councilIds.includes(councilId)) return 'member';
	if (hasRole(user, 'plan_owner')) return 'overseer';
	return null;
}

const clean = (value: unknown) => (typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : '');
const chars = (value: string) => [...value].length;
const validDate = (d: unknown): d is Date => d instanceof Date && Number.isFinite(+d);

// ---------------------------------------------------------------- reading helpers (inside a transaction)

type CouncilRow = typeof c.$inferSelect;
type RequestRow = typeof r.$inferSelect;

function councilIn(tx: Db, councilId: unknown): CouncilRow {
	if (typeof councilId !== 'string' || !councilId) no('council_not_found');
	const row = tx.select().from(c).where(eq(c.id, councilId as string)).get();
	if (!row || row.archivedAt) no('council_not_found');
	return row!;
}

function quorumIn(tx: Db, councilId: string): number {
	return tx.select({ q: schema.councilSettings.quorum }).from(schema.councilSettings).where(eq(schema.councilSettings.councilId, councilId)).get()?.q ?? DEFAULT_QUORUM;
}

function requestIn(tx: Db, requestId: unknown): RequestRow & { published: boolean } {
	if (typeof requestId !== 'number' || !Number.isSafeInteger(requestId) || requestId <= 0) no('not_found');
	const row = tx.select().from(r).where(eq(r.id, requestId as number)).get();
	if (!row) no('not_found');
	const published = !!tx.select({ id: adv.requestId }).from(adv).where(eq(adv.requestId, row!.id)).get();
	return { ...row!, published };
}

/** The request, for a member of its council who may still change it. */
function writableIn(tx: Db, user: StaffUser | null, requestId: unknown) {
	const req = requestIn(tx, requestId);
	if (councilAccess(user, req.councilId) !== 'member') no('not_member');
	if (req.published) no('published');
	return req;
}

function countsIn(tx: Db, requestId: number): VoteCounts {
	return countVotes(tx.select({ verdict: v.verdict }).from(v).where(eq(v.requestId, requestId)).all());
}

/** Active council members, with the councils they sit on. */
function membersIn(tx: Db): { id: number; name: string; councilIds: string[] }[] {
	return tx
		.select({ id: us.id, name: us.name, roles: us.roles, councilIds: us.councilIds })
		.from(us)
		.where(eq(us.active, true))
		.orderBy(asc(us.name))
		.all()
		.filter((u) => u.roles.includes('council_member'))
		.map(({ id, name, councilIds }) => ({ id, name, councilIds }));
}

// ---------------------------------------------------------------- councils

export type CouncilSummary = {
	id: string;
	name: string;
	focus: string;
	quorum: number;
	memberCount: number;
	/** Requests without published advice, of which `overdue` are past their deadline. */
	open: number;
	overdue: number;
	advised: number;
	access: CouncilAccess;
};

function summariesIn(tx: Db, user: StaffUser | null, locale: string, now: Date, only?: string): CouncilSummary[] {
	const rows = tx
		.select()
		.from(c)
		.where(only ? and(eq(c.id, only), isNull(c.archivedAt)) : isNull(c.archivedAt))
		.orderBy(asc(c.position), asc(c.id))
		.all();
	const mine = rows.filter((row) => councilAccess(user, row.id));
	if (!mine.length) return [];
	const ids = mine.map((row) => row.id);
	const quorums = new Map(tx.select().from(schema.councilSettings).where(inArray(schema.councilSettings.councilId, ids)).all().map((q) => [q.councilId, q.quorum]));
	const counts = new Map(
		tx
			.select({
				councilId: r.councilId,
				open: sql<number>`coalesce(sum(case when ${adv.requestId} is null then 1 else 0 end), 0)`,
				overdue: sql<number>`coalesce(sum(case when ${adv.requestId} is null and ${r.deadline} is not null and ${r.deadline} < ${+now} then 1 else 0 end), 0)`,
				advised: sql<number>`coalesce(sum(case when ${adv.requestId} is not null then 1 else 0 end), 0)`
			})
			.from(r)
			.leftJoin(adv, eq(adv.requestId, r.id))
			.where(inArray(r.councilId, ids))
			.groupBy(r.councilId)
			.all()
			.map((x) => [x.councilId, x])
	);
	const members = membersIn(tx);
	return mine.map((row) => {
		const n = counts.get(row.id);
		return {
			id: row.id,
			name: label(row.labels, locale),
			focus: row.focus,
			quorum: quorums.get(row.id) ?? DEFAULT_QUORUM,
			memberCount: members.filter((u) => u.councilIds.includes(row.id)).length,
			open: Number(n?.open ?? 0),
			overdue: Number(n?.overdue ?? 0),
			advised: Number(n?.advised ?? 0),
			access: councilAccess(user, row.id)!
		};
	});
}

/** The councils a user may open (a member: their own; the plan owner and the admin: all), with their counts. */
export async function listCouncils(user: StaffUser | null, locale = 'nl', now = new Date()): Promise<Result<{ councils: CouncilSummary[] }>> {
	if (!hasRole(user, 'council_member', 'plan_owner')) return refuse('forbidden');
	return run((tx) => ({ councils: summariesIn(tx, user, locale, now) }));
}

export type CouncilDetail = CouncilSummary & { members: { id: number; name: string }[] };

function detailIn(tx: Db, user: StaffUser | null, councilId: unknown, locale: string, now: Date): CouncilDetail {
	const row = councilIn(tx, councilId);
	if (!councilAccess(user, row.id)) no('forbidden');
	const [summary] = summariesIn(tx, user, locale, now, row.id);
	const members = membersIn(tx)
		.filter((u) => u.councilIds.includes(row.id))
		.map(({ id, name }) => ({ id, name }));
	return { ...summary, members };
}

/** One council with its members, for its members and the overseers; 'forbidden' for anyone else. */
export async function getCouncil(user: StaffUser | null, councilId: string, locale = 'nl', now = new Date()): Promise<Result<{ council: CouncilDetail }>> {
	return run((tx) => ({ council: detailIn(tx, user, councilId, locale, now) }));
}

/** Every council (not archived), for a choice of where to send a signal. */
export async function councilChoices(locale = 'nl'): Promise<{ id: string; name: string }[]> {
	const answer = await run((tx) => ({
		list: tx.select().from(c).where(isNull(c.archivedAt)).orderBy(asc(c.position), asc(c.id)).all().map((row) => ({ id: row.id, name: label(row.labels, locale) }))
	}));
	return answer.ok ? answer.list : [];
}

/** How many members must vote before the council's advice can be published (plan owner and admin; 1 to 50). */
export async function setQuorum(user: StaffUser | null, councilId: string, quorum: unknown): Promise<Result<{ quorum: number }>> {
	if (!canDecide(user)) return refuse('forbidden');
	const q = typeof quorum === 'string' && /^\s*\d+\s*$/.test(quorum) ? Number(quorum) : quorum;
	if (!isQuorum(q)) return refuse('bad_quorum');
	return run((tx) => {
		councilIn(tx, councilId);
		tx.insert(schema.councilSettings).values({ councilId, quorum: q }).onConflictDoUpdate({ target: schema.councilSettings.councilId, set: { quorum: q } }).run();
		return { quorum: q };
	});
}

// ---------------------------------------------------------------- a signal onto a council's table

function signalIn(tx: Db, signalId: unknown) {
	if (typeof signalId !== 'number' || !Number.isSafeInteger(signalId) || signalId <= 0) no('signal_not_found');
	const row = tx.select().from(s).where(eq(s.id, signalId as number)).get();
	if (!row) no('signal_not_found');
	if (row!.mergedInto) no('merged');
	return row!;
}

function notYetOnTableIn(tx: Db, signalId: number, councilId: string): void {
	const open = tx
		.select({ id: r.id })
		.from(r)
		.leftJoin(adv, eq(adv.requestId, r.id))
		.where(and(eq(r.signalId, signalId), eq(r.councilId, councilId), isNull(adv.requestId)))
		.get();
	if (open) no('already_with_council');
}

/**
 * Triage staff or the plan owner send a signal to a council with a question and a deadline; the signal
 * moves to 'with council' in the same transaction. Refused when the council already has it on its
 * table without advice yet.
 */
export async function sendToCouncil(
	user: StaffUser | null,
	signalId: number,
	councilId: string,
	input: { question: unknown; deadline: Date | null | undefined },
	now = new Date()
): Promise<Result<{ requestId: number }>> {
	if (!canTriage(user) && !canDecide(user)) return refuse('forbidden');
	const question = clean(input.question);
	if (!question) return refuse('question_required');
	if (chars(question) > QUESTION_MAX) return refuse('text_too_long');
	if (!validDate(input.deadline)) return refuse('deadline_required');
	if (+input.deadline! <= +now) return refuse('deadline_past');
	return run((tx) => {
		const council = councilIn(tx, councilId);
		const signal = signalIn(tx, signalId);
		if (!ADVISABLE.includes(signal.status as SignalStatus)) no('transition_not_allowed');
		notYetOnTableIn(tx, signal.id, council.id);
		const { id } = tx
			.insert(r)
			.values({ signalId: signal.id, councilId: council.id, question, deadline: input.deadline!, ownInitiative: false, requestedBy: user!.id, requestedAt: now })
			.returning({ id: r.id })
			.get();
		toCouncilIn(tx, signal.id, user!, council.id, question);
		return { requestId: id };
	});
}

/** A council member puts a signal on their council's table themselves, with a note on why (no deadline). */
export async function raiseOwnInitiative(user: StaffUser | null, councilId: string, signalId: number, note: unknown, now = new Date()): Promise<Result<{ requestId: number }>> {
	if (councilAccess(user, councilId) !== 'member') return refuse('not_member');
	const text = clean(note);
	if (!text) return refuse('note_required');
	if (chars(text) > QUESTION_MAX) return refuse('text_too_long');
	return run((tx) => {
		const council = councilIn(tx, councilId);
		const signal = signalIn(tx, signalId);
		if (!ADVISABLE.includes(signal.status as SignalStatus)) no('transition_not_allowed');
		notYetOnTableIn(tx, signal.id, council.id);
		const { id } = tx
			.insert(r)
			.values({ signalId: signal.id, councilId: council.id, question: text, deadline: null, ownInitiative: true, requestedBy: user!.id, requestedAt: now })
			.returning({ id: r.id })
			.get();
		toCouncilIn(tx, signal.id, user!, council.id, text);
		return { requestId: id };
	});
}

/** Signals a council could raise on its own initiative: not decided yet, and not on its table already. */
export async function raisableSignals(user: StaffUser | null, councilId: string): Promise<Result<{ signals: { id: number; title: string; status: SignalStatus }[] }>> {
	return run((tx) => {
		const council = councilIn(tx, councilId);
		if (!councilAccess(user, council.id)) no('forbidden');
		const onTable = new Set(
			tx
				.select({ signalId: r.signalId })
				.from(r)
				.leftJoin(adv, eq(adv.requestId, r.id))
				.where(and(eq(r.councilId, council.id), isNull(adv.requestId)))
				.all()
				.map((x) => x.signalId)
		);
		const rows = tx
			.select({ id: s.id, title: s.title, status: s.status })
			.from(s)
			.where(and(isNull(s.mergedInto), inArray(s.status, [...ADVISABLE])))
			.orderBy(desc(s.updatedAt), desc(s.id))
			.all();
		return { signals: rows.filter((x) => !onTable.has(x.id)).map((x) => ({ ...x, status: x.status as SignalStatus })) };
	});
}

// ---------------------------------------------------------------- a council's inbox

export type InboxItem = {
	id: number;
	signal: { id: number; title: string; status: SignalStatus };
	question: string;
	deadline: Date | null;
	ownInitiative: boolean;
	requestedAt: Date;
	overdue: boolean;
	vote: { state: VoteState; closesAt: Date | null; votes: number };
	published: boolean;
	verdict: AdviceVerdict | null;
	publishedAt: Date | null;
};

/** The requests on a council's table, newest first: with the signal, deadline, overdue, vote and advice. */
export async function inbox(user: StaffUser | null, councilId: string, locale = 'nl', now = new Date()): Promise<Result<{ council: CouncilDetail; requests: InboxItem[] }>> {
	return run((tx) => {
		const council = detailIn(tx, user, councilId, locale, now);
		const rows = tx
			.select({
				req: r,
				title: s.title,
				status: s.status,
				verdict: adv.verdict,
				publishedAt: adv.publishedAt,
				votes: sql<number>`(select count(*) from council_votes cv where cv.request_id = ${r.id})`
			})
			.from(r)
			.innerJoin(s, eq(s.id, r.signalId))
			.leftJoin(adv, eq(adv.requestId, r.id))
			.where(eq(r.councilId, council.id))
			.orderBy(desc(r.requestedAt), desc(r.id))
			.all();
		const requests = rows.map((x): InboxItem => {
			const published = x.publishedAt !== null;
			return {
				id: x.req.id,
				signal: { id: x.req.signalId, title: x.title, status: (isStatus(x.status) ? x.status : 'new') as SignalStatus },
				question: x.req.question,
				deadline: x.req.deadline,
				ownInitiative: x.req.ownInitiative,
				requestedAt: x.req.requestedAt,
				overdue: isOverdue(x.req.deadline, published, now),
				vote: { state: published ? 'closed' : voteState({ closesAt: x.req.voteClosesAt }, now), closesAt: x.req.voteClosesAt, votes: Number(x.votes) },
				published,
				verdict: x.verdict ?? null,
				publishedAt: x.publishedAt ?? null
			};
		});
		return { council, requests };
	});
}

// ---------------------------------------------------------------- one request

export type PublishedAdvice = { verdict: AdviceVerdict; text: string; votes: VoteCounts; publishedAt: Date; publishedBy: string | null };

export type RequestView = {
	id: number;
	council: { id: string; name: string; quorum: number };
	access: CouncilAccess;
	signal: { id: number; title: string; summary: string; status: SignalStatus; type: SignalType };
	question: string;
	deadline: Date | null;
	ownInitiative: boolean;
	requestedAt: Date;
	requestedBy: string | null;
	overdue: boolean;
	messages: { id: number; author: string; mine: boolean; text: string; at: Date }[];
	/** The shared draft's current text. */
	draft: string;
	vote: {
		state: VoteState;
		closesAt: Date | null;
		counts: VoteCounts;
		total: number;
		quorum: number;
		quorumMet: boolean;
		/** The verdict the votes so far decide ('tie', or null without votes). */
		leading: AdviceVerdict | 'tie' | null;
		/** This user's own vote (who voted what is never shown). */
		mine: AdviceVerdict | null;
	};
	advice: PublishedAdvice | null;
	/** What this user can do now. */
	can: { post: boolean; editDraft: boolean; openVote: boolean; vote: boolean; publish: boolean };
	/** Why the advice cannot be published yet (null: it can, or it is published). */
	publishBlocked: 'no_quorum' | 'tie' | 'draft_empty' | null;
};

function viewIn(tx: Db, user: StaffUser | null, requestId: unknown, locale: string, now: Date): RequestView {
	const req = requestIn(tx, requestId);
	const access = councilAccess(user, req.councilId);
	if (!access) no('forbidden');
	const council = tx.select().from(c).where(eq(c.id, req.councilId)).get()!;
	const quorum = quorumIn(tx, req.councilId);
	const signal = tx.select().from(s).where(eq(s.id, req.signalId)).get()!;
	const requestedBy = req.requestedBy ? (tx.select({ name: us.name }).from(us).where(eq(us.id, req.requestedBy)).get()?.name ?? null) : null;
	const messages = tx
		.select({ id: msg.id, userId: msg.userId, author: us.name, text: msg.text, at: msg.at })
		.from(msg)
		.innerJoin(us, eq(us.id, msg.userId))
		.where(eq(msg.requestId, req.id))
		.orderBy(asc(msg.at), asc(msg.id))
		.all()
		.map(({ userId, ...rest }) => ({ ...rest, mine: userId === user!.id }));
	const counts = countsIn(tx, req.id);
	const total = totalVotes(counts);
	const mine = tx.select({ verdict: v.verdict }).from(v).where(and(eq(v.requestId, req.id), eq(v.userId, user!.id))).get()?.verdict ?? null;
	const a = tx.select({ a: adv, by: us.name }).from(adv).leftJoin(us, eq(us.id, adv.publishedBy)).where(eq(adv.requestId, req.id)).get();
	const draft = draftTextIn(tx, req.id);
	const state: VoteState = req.published ? 'closed' : voteState({ closesAt: req.voteClosesAt }, now);
	const leading = verdictOf(counts);
	const member = access === 'member' && !req.published;
	const publishBlocked = req.published ? null : !quorumMet(total, quorum) ? 'no_quorum' : leading === 'tie' ? 'tie' : !draft.trim() ? 'draft_empty' : null;
	return {
		id: req.id,
		council: { id: council.id, name: label(council.labels, locale), quorum },
		access: access!,
		signal: { id: signal.id, title: signal.title, summary: signal.summary, status: (isStatus(signal.status) ? signal.status : 'new') as SignalStatus, type: signal.type },
		question: req.question,
		deadline: req.deadline,
		ownInitiative: req.ownInitiative,
		requestedAt: req.requestedAt,
		requestedBy,
		overdue: isOverdue(req.deadline, req.published, now),
		messages,
		draft,
		vote: { state, closesAt: req.voteClosesAt, counts, total, quorum, quorumMet: quorumMet(total, quorum), leading, mine },
		advice: a ? { verdict: a.a.verdict, text: a.a.text, votes: a.a.votes, publishedAt: a.a.publishedAt, publishedBy: a.by ?? null } : null,
		can: {
			post: member,
			editDraft: member,
			openVote: member && state !== 'open',
			vote: member && state === 'open',
			publish: !req.published && publishBlocked === null
		},
		publishBlocked
	};
}

/**
 * One request as its council's members and the overseers see it: the signal, the question, the thread,
 * the draft, the vote (counts, the quorum and my own vote; never who voted what) and the published
 * advice. 'forbidden' for anyone else, 'not_found' for a request that does not exist.
 */
export async function getRequest(user: StaffUser | null, requestId: number, locale = 'nl', now = new Date()): Promise<Result<{ request: RequestView }>> {
	return run((tx) => ({ request: viewIn(tx, user, requestId, locale, now) }));
}

/** The requests a signal has had, for the signal's own page (triage staff and the plan owner). */
export async function requestsOfSignal(user: StaffUser | null, signalId: number, locale = 'nl', now = new Date()): Promise<Result<{ requests: (InboxItem & { council: { id: string; name: string } })[] }>> {
	if (!canTriage(user) && !canDecide(user)) return refuse('forbidden');
	return run((tx) => {
		const rows = tx
			.select({ req: r, title: s.title, status: s.status, labels: c.labels, verdict: adv.verdict, publishedAt: adv.publishedAt, votes: sql<number>`(select count(*) from council_votes cv where cv.request_id = ${r.id})` })
			.from(r)
			.innerJoin(s, eq(s.id, r.signalId))
			.innerJoin(c, eq(c.id, r.councilId))
			.leftJoin(adv, eq(adv.requestId, r.id))
			.where(eq(r.signalId, signalId))
			.orderBy(desc(r.requestedAt), desc(r.id))
			.all();
		return {
			requests: rows.map((x) => {
				const published = x.publishedAt !== null;
				return {
					id: x.req.id,
					council: { id: x.req.councilId, name: label(x.labels, locale) },
					signal: { id: x.req.signalId, title: x.title, status: (isStatus(x.status) ? x.status : 'new') as SignalStatus },
					question: x.req.question,
					deadline: x.req.deadline,
					ownInitiative: x.req.ownInitiative,
					requestedAt: x.req.requestedAt,
					overdue: isOverdue(x.req.deadline, published, now),
					vote: { state: published ? ('closed' as const) : voteState({ closesAt: x.req.voteClosesAt }, now), closesAt: x.req.voteClosesAt, votes: Number(x.votes) },
					published,
					verdict: x.verdict ?? null,
					publishedAt: x.publishedAt ?? null
				};
			})
		};
	});
}

// ---------------------------------------------------------------- the council's work

/** A member's message in the request's thread (1 to 4000 characters). */
export async function postMessage(user: StaffUser | null, requestId: number, text: unknown, now = new Date()): Promise<Result<{ messageId: number }>> {
	const body = clean(text);
	return run((tx) => {
		const req = writableIn(tx, user, requestId);
		if (!body) no('message_empty');
		if (chars(body) > MESSAGE_MAX) no('message_too_long');
		const { id } = tx.insert(msg).values({ requestId: req.id, userId: user!.id, text: body, at: now }).returning({ id: msg.id }).get();
		return { messageId: id };
	});
}

/**
 * The plain way to change the draft (a form that works without JavaScript): replaces the whole text as
 * one Yjs transaction. `base` is the text the member started from: when someone else saved in between,
 * the change is refused ('draft_changed') so that nobody's words are overwritten unseen.
 */
export async function replaceDraft(user: StaffUser | null, requestId: number, text: unknown, base?: unknown): Promise<Result<{ stored: boolean }>> {
	const body = typeof text === 'string' ? text.replace(/\r\n?/g, '\n') : '';
	return run((tx) => {
		const req = writableIn(tx, user, requestId);
		if (typeof base === 'string' && base.replace(/\r\n?/g, '\n') !== draftTextIn(tx, req.id)) no('draft_changed');
		return replaceDraftTextIn(tx, req.id, body);
	});
}

/**
 * A member opens the vote on the verdict until `closesAt` (in the future, at most 90 days ahead). A
 * vote that closed without advice may be opened again (the votes cast stay); an open vote cannot.
 */
export async function openVote(user: StaffUser | null, requestId: number, closesAt: Date | null | undefined, now = new Date()): Promise<Result<{ closesAt: Date }>> {
	return run((tx) => {
		const req = writableIn(tx, user, requestId);
		if (!validDate(closesAt)) no('closes_required');
		if (+closesAt! <= +now) no('closes_in_past');
		if (+closesAt! > +now + VOTE_MAX_DAYS * DAY) no('closes_too_late');
		if (voteState({ closesAt: req.voteClosesAt }, now) === 'open') no('vote_already_open');
		tx.update(r).set({ voteClosesAt: closesAt! }).where(eq(r.id, req.id)).run();
		return { closesAt: closesAt! };
	});
}

/**
 * A member of the request's council votes on the verdict, or changes their vote, while the vote is
 * open. Refused for anyone outside that council ('not_member'), before the vote opened
 * ('vote_not_open') and after it closed ('vote_closed').
 */
export async function castVote(user: StaffUser | null, requestId: number, verdict: unknown, now = new Date()): Promise<Result<{ verdict: AdviceVerdict; counts: VoteCounts }>> {
	return run((tx) => {
		const req = requestIn(tx, requestId);
		if (councilAccess(user, req.councilId) !== 'member') no('not_member');
		if (req.published) no('vote_closed');
		const state = voteState({ closesAt: req.voteClosesAt }, now);
		if (state === 'not_open') no('vote_not_open');
		if (state === 'closed') no('vote_closed');
		if (!isVerdict(verdict)) no('bad_verdict');
		const choice = verdict as AdviceVerdict;
		tx.insert(v)
			.values({ requestId: req.id, userId: user!.id, verdict: choice, at: now })
			.onConflictDoUpdate({ target: [v.requestId, v.userId], set: { verdict: choice, at: now } })
			.run();
		return { verdict: choice, counts: countsIn(tx, req.id) };
	});
}

const VERDICT_NL: Record<AdviceVerdict, () => string> = {
	favourable: () => m.council_verdict_favourable({}, { locale: 'nl' }),
	conditional: () => m.council_verdict_conditional({}, { locale: 'nl' }),
	unfavourable: () => m.council_verdict_unfavourable({}, { locale: 'nl' })
};

/**
 * Publishes the council's advice: at least `quorum` votes ('no_quorum'), one verdict with the most votes
 * ('tie' when two share the most: vote again), and a draft that is not empty ('draft_empty'). Stores the
 * draft's text as it is now, the verdict and the counts, closes a vote still open, and moves the signal to
 * 'advised'. For a member of the council or an overseer. The request is read-only afterwards.
 */
export async function publishAdvice(user: StaffUser | null, requestId: number, now = new Date()): Promise<Result<{ verdict: AdviceVerdict; votes: VoteCounts }>> {
	return run((tx) => {
		const req = requestIn(tx, requestId);
		if (!councilAccess(user, req.councilId)) no('forbidden');
		if (req.published) no('published');
		const counts = countsIn(tx, req.id);
		if (!quorumMet(counts, quorumIn(tx, req.councilId))) no('no_quorum');
		const verdict = verdictOf(counts);
		if (verdict === 'tie') no('tie');
		if (verdict === null) no('no_quorum');
		const text = draftTextIn(tx, req.id).trim();
		if (!text) no('draft_empty');
		const decided = verdict as AdviceVerdict;
		tx.insert(adv).values({ requestId: req.id, verdict: decided, text, votes: counts, publishedBy: user!.id, publishedAt: now }).run();
		if (voteState({ closesAt: req.voteClosesAt }, now) === 'open') tx.update(r).set({ voteClosesAt: now }).where(eq(r.id, req.id)).run();
		const excerpt = text.length > 300 ? `${text.slice(0, 299)}…` : text;
		adviseIn(tx, req.signalId, user!, req.councilId, `${VERDICT_NL[decided]()}: ${excerpt}`);
		return { verdict: decided, votes: counts };
	});
}

export { ADVICE_VERDICTS };
export type { AdviceVerdict, VoteCounts, VoteState };
