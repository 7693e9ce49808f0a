/**
 * Partners of a workshop, without accounts. Each organisation gets its own link: for the enrichment
 * session (verrijkingssessie) it reads the challenges and, per challenge, confirms, confirms on
 * condition of additions, or proposes changes; core partners get an arena link and put their dots on
 * the needs → services rows. A link submits once and then shows what was sent; every response is kept
 * with its organisation and date.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { generateToken, hashToken, type StaffUser } from '../auth';
import { getDb, schema, type Db } from '../db';
import { ENRICHMENT_VERDICTS, PARTNER_INVITE_KINDS, type EnrichmentVerdict, type PartnerInviteKind } from '../db/schema';
import { attempt, Refusal, refuse, type Answer } from '../refusal';
import { challengeViews, loadWorkshop, requireRunner, type ChallengeView } from './workshops';

export type PartnerError =
	| 'forbidden'
	| 'workshop_not_found'
	| 'bad_organisation'
	| 'bad_kind'
	| 'bad_days'
	| 'invite_not_found'
	| 'link_unknown'
	| 'link_expired'
	| 'link_revoked'
	| 'already_submitted'
	| 'wrong_kind'
	| 'not_yours'
	| 'challenge_not_found'
	| 'verdict_missing'
	| 'text_missing'
	| 'text_too_long'
	| 'no_challenges'
	| 'item_not_found'
	| 'over_budget'
	| 'no_dots'
	| 'bad_payload';
export type Result<T extends object = object> = Answer<PartnerError, T>;
const run = <T extends object>(fn: (tx: Db) => T): Promise<Result<T>> => attempt<PartnerError, T>(fn);

const pi = schema.partnerInvites;
const er = schema.enrichmentResponses;
const ai = schema.arenaItems;
const av = schema.arenaVotes;

export const ORGANISATION_MAX = 120;
export const RESPONSE_MAX = 2000;
export const INVITE_DAYS_DEFAULT = 21;
export const INVITE_DAYS_MAX = 90;
/** Dots per core partner in the arena analysis. */
export const ARENA_DOTS = 5;
const DAY = 86_400_000;

export type Invite = typeof pi.$inferSelect;

/** The workshop, when `user` runs it (its table's facilitators and admins). */
function runnersWorkshop(tx: Db, workshopId: number, user: StaffUser | null | undefined) {
	const workshop = loadWorkshop(tx, workshopId);
	requireRunner(tx, workshop, user);
	return workshop;
}

// ---------------------------------------------------------------- links

/** A link for one organisation; the token is in the link only (shown once), its hash is stored. */
export async function createInvite(
	user: StaffUser | null,
	workshopId: number,
	input: { kind: unknown; organisation: unknown; contactName?: unknown; days?: unknown },
	now = Date.now()
): Promise<Result<{ inviteId: number; token: string }>> {
	if (typeof input.kind !== 'string' || !(PARTNER_INVITE_KINDS as readonly string[]).includes(input.kind)) return refuse('bad_kind');
	const organisation = typeof input.organisation === 'string' ? input.organisation.trim() : '';
	if (!organisation || [...organisation].length > ORGANISATION_MAX) return refuse('bad_organisation');
	const contact = typeof input.contactName === 'string' ? input.contactName.trim().slice(0, ORGANISATION_MAX) || null : null;
	const days = input.days === undefined || input.days === null || input.days === '' ? INVITE_DAYS_DEFAULT : Number(input.days);
	if (!Number.isInteger(days) || days < 1 || days > INVITE_DAYS_MAX) return refuse('bad_days');
	const token = generateToken();
	return run((tx) => {
		const workshop = runnersWorkshop(tx, workshopId, user);
		const row = tx
			.insert(pi)
			.values({
				workshopId: workshop.id,
				kind: input.kind as PartnerInviteKind,
				organisation,
				contactName: contact,
				tokenHash: hashToken(token),
				expiresAt: new Date(now + days * DAY),
				createdBy: user!.id,
				createdAt: new Date(now)
			})
			.returning({ id: pi.id })
			.get();
		return { inviteId: row.id, token };
	});
}

export type InviteView = Invite & { state: 'open' | 'submitted' | 'expired' | 'revoked'; responseCount: number };

function stateOf(invite: Invite, now: number): InviteView['state'] {
	if (invite.revokedAt) return 'revoked';
	if (invite.submittedAt) return 'submitted';
	if (+invite.expiresAt <= now) return 'expired';
	return 'open';
}

export async function listInvites(user: StaffUser | null, workshopId: number, now = Date.now()): Promise<Result<{ invites: InviteView[] }>> {
	return run((tx) => {
		runnersWorkshop(tx, workshopId, user);
		const rows = tx.select().from(pi).where(eq(pi.workshopId, workshopId)).orderBy(asc(pi.createdAt), asc(pi.id)).all();
		const counts = new Map(
			tx
				.select({ inviteId: er.inviteId, n: sql<number>`count(*)` })
				.from(er)
				.where(
					inArray(
						er.inviteId,
						rows.map((r) => r.id)
					)
				)
				.groupBy(er.inviteId)
				.all()
				.map((r) => [r.inviteId, r.n])
		);
		return { invites: rows.map((r) => ({ ...r, state: stateOf(r, now), responseCount: counts.get(r.id) ?? 0 })) };
	});
}

export async function revokeInvite(user: StaffUser | null, workshopId: number, inviteId: number): Promise<Result> {
	return run((tx) => {
		runnersWorkshop(tx, workshopId, user);
		const row = tx.select().from(pi).where(and(eq(pi.id, inviteId), eq(pi.workshopId, workshopId))).get();
		if (!row) throw new Refusal('invite_not_found');
		// A link that was used stays readable for its partner: what they sent is kept with their organisation.
		if (row.submittedAt) throw new Refusal('already_submitted');
		tx.update(pi).set({ revokedAt: new Date() }).where(eq(pi.id, inviteId)).run();
		return {};
	});
}

// ---------------------------------------------------------------- the partner's page

export type PartnerView = {
	invite: { id: number; kind: PartnerInviteKind; organisation: string; contactName: string | null; expiresAt: Date; submittedAt: Date | null };
	workshop: { id: number; title: string; regionName: string; locale: string };
	challenges: ChallengeView[];
	/** This organisation's own responses (after submitting). */
	responses: { challengeId: number; verdict: EnrichmentVerdict; text: string; createdAt: Date }[];
	arena: { id: number; need: string; service: string }[];
	/** This organisation's own dots per arena row. */
	dots: Record<number, number>;
	budget: number;
};

function inviteByToken(tx: Db, token: unknown, now: number, opts: { submitting: boolean }): Invite {
	if (typeof token !== 'string' || token.length < 16 || token.length > 128) throw new Refusal('link_unknown');
	const invite = tx.select().from(pi).where(eq(pi.tokenHash, hashToken(token))).get();
	if (!invite) throw new Refusal('link_unknown');
	if (invite.revokedAt) throw new Refusal('link_revoked');
	// A link that was used keeps showing what was sent, even after it expires; it cannot send again.
	if (invite.submittedAt) {
		if (opts.submitting) throw new Refusal('already_submitted');
		return invite;
	}
	if (+invite.expiresAt <= now) throw new Refusal('link_expired');
	return invite;
}

function viewOf(tx: Db, invite: Invite): PartnerView {
	const workshop = tx.select().from(schema.workshops).where(eq(schema.workshops.id, invite.workshopId)).get()!;
	const table = tx.select().from(schema.dialogueTables).where(eq(schema.dialogueTables.id, workshop.tableId)).get()!;
	const region = tx.select().from(schema.regions).where(eq(schema.regions.id, workshop.regionId)).get()!;
	return {
		invite: { id: invite.id, kind: invite.kind, organisation: invite.organisation, contactName: invite.contactName, expiresAt: invite.expiresAt, submittedAt: invite.submittedAt },
		workshop: { id: workshop.id, title: table.title, regionName: region.name, locale: table.locale },
		challenges: challengeViews(tx, workshop.id, table.locale),
		responses: tx
			.select({ challengeId: er.challengeId, verdict: er.verdict, text: er.text, createdAt: er.createdAt })
			.from(er)
			.where(eq(er.inviteId, invite.id))
			.all(),
		arena: tx.select({ id: ai.id, need: ai.need, service: ai.service }).from(ai).where(eq(ai.workshopId, workshop.id)).orderBy(asc(ai.position), asc(ai.id)).all(),
		dots: Object.fromEntries(
			tx
				.select()
				.from(av)
				.where(eq(av.inviteId, invite.id))
				.all()
				.map((v) => [v.itemId, v.dots])
		),
		budget: ARENA_DOTS
	};
}

/** What the partner's link shows: the challenges (and arena rows), and what they sent if they did. */
export async function openInvite(token: unknown, now = Date.now()): Promise<Result<{ view: PartnerView }>> {
	return run((tx) => ({ view: viewOf(tx, inviteByToken(tx, token, now, { submitting: false })) }));
}

export type ResponseInput = { challengeId: unknown; verdict: unknown; text: unknown };
export type ResponseProblem = { challengeId: number; problem: 'verdict_missing' | 'text_missing' | 'text_too_long' };

/** What is wrong with a partner's answers to the challenges (empty: nothing). Every challenge gets a verdict. */
export function responseProblems(challengeIds: number[], responses: ResponseInput[]): ResponseProblem[] {
	const out: ResponseProblem[] = [];
	for (const id of challengeIds) {
		const r = responses.find((x) => x.challengeId === id);
		const verdict = r?.verdict;
		if (typeof verdict !== 'string' || !(ENRICHMENT_VERDICTS as readonly string[]).includes(verdict)) {
			out.push({ challengeId: id, problem: 'verdict_missing' });
			continue;
		}
		const text = typeof r!.text === 'string' ? r!.text.trim() : '';
		if (verdict !== 'confirm' && !text) out.push({ challengeId: id, problem: 'text_missing' });
		else if ([...text].length > RESPONSE_MAX) out.push({ challengeId: id, problem: 'text_too_long' });
	}
	return out;
}

export type SubmitResult = Result<{ view: PartnerView }> | { ok: false; error: 'invalid'; problems: ResponseProblem[] };

/**
 * A partner's enrichment response to every challenge, in one go. `inviteId` is what the page was
 * showing: a form for another organisation's link is refused, and so is a second submission.
 */
export async function submitEnrichment(token: unknown, inviteId: unknown, responses: ResponseInput[], now = Date.now()): Promise<SubmitResult> {
	if (!Array.isArray(responses)) return refuse('bad_payload');
	const r = await run((tx) => {
		const invite = inviteByToken(tx, token, now, { submitting: true });
		// The page sends the invite it showed; a form from another organisation's page (or none) is not this link's.
		if (inviteId !== invite.id) throw new Refusal('not_yours');
		if (invite.kind !== 'enrichment') throw new Refusal('wrong_kind');
		const ids = challengeViews(tx, invite.workshopId, 'nl').map((c) => c.id);
		if (!ids.length) throw new Refusal('no_challenges');
		if (responses.some((x) => typeof x.challengeId !== 'number' || !ids.includes(x.challengeId))) throw new Refusal('challenge_not_found');
		const problems = responseProblems(ids, responses);
		if (problems.length) return { problems };
		const at = new Date(now);
		for (const id of ids) {
			const x = responses.find((y) => y.challengeId === id)!;
			tx.insert(er)
				.values({ inviteId: invite.id, challengeId: id, verdict: x.verdict as EnrichmentVerdict, text: x.verdict === 'confirm' ? (typeof x.text === 'string' ? x.text.trim() : '') : (x.text as string).trim(), createdAt: at })
				.run();
		}
		tx.update(pi).set({ submittedAt: at }).where(eq(pi.id, invite.id)).run();
		return { view: viewOf(tx, { ...invite, submittedAt: at }) };
	});
	if (r.ok && 'problems' in r) return { ok: false, error: 'invalid', problems: r.problems as ResponseProblem[] };
	return r as Result<{ view: PartnerView }>;
}

/** A core partner's dots on the arena rows (at most ARENA_DOTS in all), in one go. */
export async function submitArena(token: unknown, inviteId: unknown, dots: unknown, now = Date.now()): Promise<Result<{ view: PartnerView }>> {
	return run((tx) => {
		// The link first: a dead link says so before anything about the dots.
		const invite = inviteByToken(tx, token, now, { submitting: true });
		if (inviteId !== invite.id) throw new Refusal('not_yours');
		if (invite.kind !== 'arena') throw new Refusal('wrong_kind');
		if (typeof dots !== 'object' || dots === null) throw new Refusal('bad_payload');
		const entries = Object.entries(dots as Record<string, unknown>).map(([k, v]) => [Number(k), v] as const);
		if (entries.some(([k, v]) => !Number.isSafeInteger(k) || typeof v !== 'number' || !Number.isInteger(v) || v < 0)) throw new Refusal('bad_payload');
		const chosen = entries.filter(([, v]) => (v as number) > 0) as [number, number][];
		const used = chosen.reduce((a, [, v]) => a + v, 0);
		if (used > ARENA_DOTS) throw new Refusal('over_budget');
		if (used === 0) throw new Refusal('no_dots');
		const items = tx.select({ id: ai.id }).from(ai).where(eq(ai.workshopId, invite.workshopId)).all().map((i) => i.id);
		if (chosen.some(([id]) => !items.includes(id))) throw new Refusal('item_not_found');
		for (const [itemId, n] of chosen) tx.insert(av).values({ inviteId: invite.id, itemId, dots: n }).run();
		const at = new Date(now);
		tx.update(pi).set({ submittedAt: at }).where(eq(pi.id, invite.id)).run();
		return { view: viewOf(tx, { ...invite, submittedAt: at }) };
	});
}

// ---------------------------------------------------------------- results for the facilitator

export type ResponseRow = { id: number; challengeId: number; organisation: string; verdict: EnrichmentVerdict; text: string; createdAt: Date; merged: boolean };

/** Every enrichment response of a workshop, oldest first, with its organisation and whether it was merged. */
export async function workshopResponses(workshopId: number): Promise<ResponseRow[]> {
	const rows = await getDb()
		.select({ id: er.id, challengeId: er.challengeId, organisation: pi.organisation, verdict: er.verdict, text: er.text, createdAt: er.createdAt })
		.from(er)
		.innerJoin(pi, eq(pi.id, er.inviteId))
		.where(eq(pi.workshopId, workshopId))
		.orderBy(asc(er.createdAt), asc(er.id));
	const merged = new Set(
		(await getDb().select({ id: schema.workshopAdditions.responseId }).from(schema.workshopAdditions).where(eq(schema.workshopAdditions.workshopId, workshopId))).map((r) => r.id)
	);
	return rows.map((r) => ({ ...r, merged: merged.has(r.id) }));
}

export type ArenaRow = { id: number; position: number; need: string; service: string; dots: number; partners: number; rank: number };

/** The arena analysis as a table: each row's dots and how many core partners gave them, ranked (ties share a rank). */
export async function arenaTable(workshopId: number): Promise<ArenaRow[]> {
	const items = await getDb().select().from(ai).where(eq(ai.workshopId, workshopId)).orderBy(asc(ai.position), asc(ai.id));
	const votes = items.length ? await getDb().select().from(av).where(inArray(av.itemId, items.map((i) => i.id))) : [];
	const rows = items.map((i) => {
		const mine = votes.filter((v) => v.itemId === i.id);
		return { id: i.id, position: i.position, need: i.need, service: i.service, dots: mine.reduce((a, v) => a + v.dots, 0), partners: mine.length, rank: 0 };
	});
	const sorted = [...rows].sort((a, b) => b.dots - a.dots || a.position - b.position);
	sorted.forEach((r, i) => (r.rank = i > 0 && sorted[i - 1].dots === r.dots ? sorted[i - 1].rank : i + 1));
	return sorted;
}

/** How many core partners have put their dots (for 'n of m partners'). */
export async function arenaPartners(workshopId: number): Promise<{ invited: number; voted: number }> {
	const rows = await getDb()
		.select({ submittedAt: pi.submittedAt, revokedAt: pi.revokedAt })
		.from(pi)
		.where(and(eq(pi.workshopId, workshopId), eq(pi.kind, 'arena')));
	const live = rows.filter((r) => !r.revokedAt);
	return { invited: live.length, voted: live.filter((r) => r.submittedAt).length };
}
