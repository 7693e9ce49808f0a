/**
 * What a resident can do about what the city holds, and what the city deletes by itself.
 *
 * - Withdraw a postcard's text: the text is erased (not hidden) and the card marked; it still counts
 *   in every figure, but shows no text anywhere (the wall leaves it out, staff pages and signal
 *   evidence show a neutral line, public pages never quote it).
 * - Delete the contact: the address row is really deleted and its waiting messages cancelled, from the
 *   tracking page (with the code) or with the stop link in any message (signed, see unsubscribe.ts).
 * - Retention: CONTACT_RETENTION_DAYS (default 90; `off` keeps them) after the city communicated the
 *   decision (the signal's 'feedback published' event), the address is deleted: once every signal the
 *   input backs got that far, so nobody loses news still to come.
 * - Staff export: everything held about one tracking code, for a moderator or admin answering a
 *   resident's question (JSON).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { hasRole, type StaffUser } from '../auth';
import { getDb, schema, transaction, type Db } from '../db';
import { attempt, Refusal, refuse, type Answer } from '../refusal';
import { notify } from '../realtime';
import { timingSafeEqual } from 'node:crypto';
import { hashKey, normalizeCode, normalizeKey } from '../postcards/codes';
import { verifyContact, type ContactKind } from './unsubscribe';

const DAY = 86_400_000;
const pc = schema.postcardContacts;
const tc = schema.tableContacts;
const nt = schema.notifications;

export type PrivacyError = 'bad_code' | 'not_found' | 'forbidden' | 'forged' | FactorError;

/**
 * The second factor a withdrawal or deletion needs besides the code: the email address left with the
 * card, or the withdrawal key shown once when it was sent. `no_factor`: the card has neither (paper
 * cards without an address, cards sent before keys existed); then only staff can do it.
 */
export type FactorError = 'factor_missing' | 'factor_wrong' | 'no_factor';

type FactorCard = { id: number; keyHash: string | null; email: string | null };

function sameSecret(a: string, b: string): boolean {
	const x = Buffer.from(a, 'utf8');
	const y = Buffer.from(b, 'utf8');
	return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether `factor` (as typed) is this card's key or its email address. */
export function checkFactor(card: Omit<FactorCard, 'id'>, factor: unknown): FactorError | null {
	if (!card.keyHash && !card.email) return 'no_factor';
	const typed = typeof factor === 'string' ? factor.trim().slice(0, 320) : '';
	if (!typed) return 'factor_missing';
	const key = normalizeKey(typed);
	if (key && card.keyHash && sameSecret(hashKey(key), card.keyHash)) return null;
	if (card.email && sameSecret(typed.toLowerCase(), card.email.trim().toLowerCase())) return null;
	return 'factor_wrong';
}

/** The card with this code and what its second factor is checked against; a refusal when there is none. */
async function factorCard(typedCode: string): Promise<Answer<PrivacyError, { card: FactorCard }>> {
	const code = normalizeCode(typedCode ?? '');
	if (!code) return refuse('bad_code');
	const card = await getDb()
		.select({ id: schema.postcards.id, keyHash: schema.postcards.withdrawKeyHash, email: pc.email })
		.from(schema.postcards)
		.leftJoin(pc, eq(pc.postcardId, schema.postcards.id))
		.where(eq(schema.postcards.code, code))
		.get();
	if (!card) return refuse('not_found');
	return { ok: true, card };
}

/** Waiting messages for these contacts will not go out (the contact is about to be deleted). */
export function cancelPendingIn(tx: Db, kind: ContactKind, ids: number[]): number {
	if (!ids.length) return 0;
	return tx
		.update(nt)
		.set({ status: 'cancelled' })
		.where(and(eq(nt.contactKind, kind), inArray(nt.contactId, ids), eq(nt.status, 'pending')))
		.run().changes;
}

// ---------------------------------------------------------------- the resident's side

/**
 * Withdraws the text of the postcard with this code, when `factor` is its key or email address
 * (checkFactor): erased, marked with the time. The card keeps its code, tags, evidence links and
 * status, so every count stays right. Doing it twice is fine.
 */
export async function withdrawText(typedCode: string, factor: unknown, now = new Date()): Promise<Answer<PrivacyError, { withdrawnAt: Date; already: boolean }>> {
	const found = await factorCard(typedCode);
	if (!found.ok) return found;
	const problem = checkFactor(found.card, factor);
	if (problem) return refuse(problem);
	return withdrawById(found.card.id, now);
}

/** Staff (moderator or admin) withdraw a card's text for a resident who asked the city. */
export async function withdrawTextForResident(user: StaffUser | null | undefined, typedCode: string, now = new Date()): Promise<Answer<PrivacyError, { withdrawnAt: Date; already: boolean }>> {
	if (!hasRole(user, 'moderator')) return refuse('forbidden');
	const found = await factorCard(typedCode);
	if (!found.ok) return found;
	return withdrawById(found.card.id, now);
}

async function withdrawById(id: number, now: Date): Promise<Answer<PrivacyError, { withdrawnAt: Date; already: boolean }>> {
	const r = await attempt<PrivacyError, { withdrawnAt: Date; already: boolean; campaignId: number; id: number; onWall: boolean }>((tx) => {
		const p = tx
			.select({ id: schema.postcards.id, campaignId: schema.postcards.campaignId, withdrawnAt: schema.postcards.textWithdrawnAt, status: schema.postcards.status, consent: schema.postcards.consentPublish })
			.from(schema.postcards)
			.where(eq(schema.postcards.id, id))
			.get();
		if (!p) throw new Refusal('not_found');
		if (p.withdrawnAt) return { withdrawnAt: p.withdrawnAt, already: true, campaignId: p.campaignId, id: p.id, onWall: false };
		tx.update(schema.postcards).set({ text: '', textWithdrawnAt: now, withdrawKeyHash: null }).where(eq(schema.postcards.id, p.id)).run();
		return { withdrawnAt: now, already: false, campaignId: p.campaignId, id: p.id, onWall: p.status === 'published' && p.consent };
	});
	if (!r.ok) return r;
	// Walls that show it now take it down without a reload.
	if (r.onWall) notify(`wall:${r.campaignId}`, 'postcard:withdrawn', { id: r.id });
	return { ok: true, withdrawnAt: r.withdrawnAt, already: r.already };
}

/**
 * Deletes the address left with the postcard with this code, when `factor` is that address or the
 * card's key, and cancels its waiting messages. `deleted: false`: there was no address (any more).
 */
export async function deleteContact(typedCode: string, factor: unknown): Promise<Answer<PrivacyError, { deleted: boolean }>> {
	const found = await factorCard(typedCode);
	if (!found.ok) return found;
	if (!found.card.email) return { ok: true, deleted: false };
	const problem = checkFactor(found.card, factor);
	if (problem) return refuse(problem);
	return { ok: true, deleted: await deleteContactOf(found.card.id) };
}

/** Staff (moderator or admin) delete a card's address for a resident who asked the city. */
export async function deleteContactForResident(user: StaffUser | null | undefined, typedCode: string): Promise<Answer<PrivacyError, { deleted: boolean }>> {
	if (!hasRole(user, 'moderator')) return refuse('forbidden');
	const found = await factorCard(typedCode);
	if (!found.ok) return found;
	return { ok: true, deleted: await deleteContactOf(found.card.id) };
}

async function deleteContactOf(postcardId: number): Promise<boolean> {
	return transaction((tx) => {
		const gone = tx.delete(pc).where(eq(pc.postcardId, postcardId)).returning({ id: pc.postcardId }).all();
		cancelPendingIn(tx, 'postcard', [postcardId]);
		return gone.length > 0;
	});
}

export type StopResult = { kind: ContactKind; deleted: boolean; cancelled: number; postcardCode: string | null; tableCode: string | null };

/**
 * The stop link: verifies the token, then deletes that contact and cancels its waiting messages, in
 * one transaction. A token that does not verify changes nothing ('forged'). A contact deleted before
 * answers `deleted: false` (no more messages either way).
 */
export async function stopByToken(token: unknown): Promise<Answer<PrivacyError, StopResult>> {
	const ref = verifyContact(token);
	if (!ref) return refuse('forged');
	return attempt<PrivacyError, StopResult>((tx) => {
		if (ref.kind === 'postcard') {
			const p = tx.select({ code: schema.postcards.code }).from(schema.postcards).where(eq(schema.postcards.id, ref.id)).get();
			const gone = tx.delete(pc).where(eq(pc.postcardId, ref.id)).returning({ id: pc.postcardId }).all();
			return { kind: ref.kind, deleted: gone.length > 0, cancelled: cancelPendingIn(tx, 'postcard', [ref.id]), postcardCode: p?.code ?? null, tableCode: null };
		}
		const t = tx
			.select({ code: schema.dialogueTables.code })
			.from(schema.tableParticipants)
			.innerJoin(schema.dialogueTables, eq(schema.dialogueTables.id, schema.tableParticipants.tableId))
			.where(eq(schema.tableParticipants.id, ref.id))
			.get();
		const gone = tx.delete(tc).where(eq(tc.participantId, ref.id)).returning({ id: tc.participantId }).all();
		return { kind: ref.kind, deleted: gone.length > 0, cancelled: cancelPendingIn(tx, 'table', [ref.id]), postcardCode: null, tableCode: t?.code ?? null };
	});
}

/**
 * What the stop link would do, without doing it (the page a GET shows: mail scanners open links, so
 * opening one must change nothing). `held: false`: the address is already gone.
 */
export async function previewStop(token: unknown): Promise<Answer<PrivacyError, { kind: ContactKind; held: boolean }>> {
	const ref = verifyContact(token);
	if (!ref) return refuse('forged');
	const db = getDb();
	const row =
		ref.kind === 'postcard'
			? db.select({ id: pc.postcardId }).from(pc).where(eq(pc.postcardId, ref.id)).get()
			: db.select({ id: tc.participantId }).from(tc).where(eq(tc.participantId, ref.id)).get();
	return { ok: true, kind: ref.kind, held: !!row };
}

// ---------------------------------------------------------------- retention

/** CONTACT_RETENTION_DAYS: days after the decision was communicated; 90 when unset, null for `off`. */
export function retentionDays(env: Record<string, string | undefined> = process.env): number | null {
	const raw = env.CONTACT_RETENTION_DAYS?.trim();
	if (!raw) return 90;
	if (raw === 'off') return null;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 0) throw new Error(`CONTACT_RETENTION_DAYS must be a whole number of days (or 'off'), not '${raw}'.`);
	return n;
}

/**
 * Deletes the contacts whose input backs at least one signal and every signal it backs had its
 * feedback published at least `days` days before `now`; their waiting messages are cancelled.
 * Postcard contacts by their postcard's evidence, table contacts by their table's (contributions and
 * the table's boards).
 */
export async function applyRetention(now = new Date(), days: number | null = retentionDays()): Promise<{ postcardContacts: number; tableContacts: number }> {
	if (days === null) return { postcardContacts: 0, tableContacts: 0 };
	const cutoff = now.getTime() - days * DAY;
	const ev = schema.signalEvents;
	/** A signal whose feedback went out before the cutoff. */
	const communicated = (signalId: unknown) => sql`exists (select 1 from ${ev} where ${ev.signalId} = ${signalId} and ${ev.toStatus} = 'feedback_published' and ${ev.at} <= ${cutoff})`;
	return transaction((tx) => {
		const postcardIds = tx
			.all<{ id: number }>(
				sql`select ${pc.postcardId} as id from ${pc}
					where exists (select 1 from signal_evidence e where e.source_type = 'postcard' and e.source_id = ${pc.postcardId})
					and not exists (select 1 from signal_evidence e where e.source_type = 'postcard' and e.source_id = ${pc.postcardId} and not ${communicated(sql`e.signal_id`)})`
			)
			.map((r) => r.id);
		// The signals of each table: its contributions' and its boards' notes'.
		const tableSignals = sql`(select e.signal_id as signal_id, co.table_id as table_id from signal_evidence e join table_contributions co on co.id = e.source_id where e.source_type = 'table_contribution'
			union select e.signal_id, b.table_id from signal_evidence e join board_notes bn on bn.id = e.source_id join boards b on b.id = bn.board_id where e.source_type = 'board_note' and b.table_id is not null)`;
		const participantIds = tx
			.all<{ id: number }>(
				sql`select ${tc.participantId} as id from ${tc}
					where exists (select 1 from ${tableSignals} ts where ts.table_id = ${tc.tableId})
					and not exists (select 1 from ${tableSignals} ts where ts.table_id = ${tc.tableId} and not ${communicated(sql`ts.signal_id`)})`
			)
			.map((r) => r.id);
		cancelPendingIn(tx, 'postcard', postcardIds);
		cancelPendingIn(tx, 'table', participantIds);
		const a = postcardIds.length ? tx.delete(pc).where(inArray(pc.postcardId, postcardIds)).run().changes : 0;
		const b = participantIds.length ? tx.delete(tc).where(inArray(tc.participantId, participantIds)).run().changes : 0;
		return { postcardContacts: a, tableContacts: b };
	});
}

// ---------------------------------------------------------------- staff export

export type TrackingExport = {
	exportedAt: string;
	exportedBy: { id: number; name: string };
	postcard: {
		code: string;
		campaign: { slug: string; titles: unknown };
		text: string | null;
		textWithdrawnAt: string | null;
		channel: string;
		collectionPlace: string | null;
		locale: string;
		ageBand: string | null;
		consentPublish: boolean;
		status: string;
		rejectionReason: string | null;
		needsCare: boolean;
		careCategories: string[];
		createdAt: string;
		publishedAt: string | null;
		enteredBy: string | null;
	};
	tags: { kind: string; refId: string; source: string; createdAt: string }[];
	moderationLog: { action: string; reason: string | null; by: string; at: string }[];
	contact: { email: string; createdAt: string } | null;
	signals: { id: number; title: string; status: string; addedAt: string; decision: { outcome: string; goalId: string | null; actionId: string | null; level: string | null; addressee: string | null; reason: string; decidedAt: string } | null }[];
	notifications: { signalId: number; event: string; locale: string; status: string; attempts: number; lastError: string | null; createdAt: string; sentAt: string | null }[];
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Everything held about the postcard with this code, for staff (moderators and admins) only. */
export async function exportTrackingCode(user: StaffUser | null | undefined, typedCode: string): Promise<Answer<PrivacyError, { data: TrackingExport }>> {
	if (!hasRole(user, 'moderator')) return refuse('forbidden');
	const code = normalizeCode(typedCode ?? '');
	if (!code) return refuse('bad_code');
	const db = getDb();
	const row = await db
		.select({ p: schema.postcards, slug: schema.campaigns.slug, titles: schema.campaigns.titles, enteredBy: schema.users.name })
		.from(schema.postcards)
		.innerJoin(schema.campaigns, eq(schema.campaigns.id, schema.postcards.campaignId))
		.leftJoin(schema.users, eq(schema.users.id, schema.postcards.enteredBy))
		.where(eq(schema.postcards.code, code))
		.get();
	if (!row) return refuse('not_found');
	const { p } = row;
	const [tags, log, contact, signals, notes] = await Promise.all([
		db.select().from(schema.taggings).where(and(eq(schema.taggings.subjectType, 'postcard'), eq(schema.taggings.subjectId, p.id))).orderBy(asc(schema.taggings.createdAt)),
		db
			.select({ action: schema.moderationLog.action, reason: schema.moderationLog.reason, by: schema.users.name, at: schema.moderationLog.createdAt })
			.from(schema.moderationLog)
			.innerJoin(schema.users, eq(schema.users.id, schema.moderationLog.userId))
			.where(eq(schema.moderationLog.postcardId, p.id))
			.orderBy(asc(schema.moderationLog.createdAt), asc(schema.moderationLog.id)),
		db.select().from(pc).where(eq(pc.postcardId, p.id)).get(),
		db
			.select({ id: schema.signals.id, title: schema.signals.title, status: schema.signals.status, addedAt: schema.signalEvidence.addedAt, d: schema.signalDecisions })
			.from(schema.signalEvidence)
			.innerJoin(schema.signals, eq(schema.signals.id, schema.signalEvidence.signalId))
			.leftJoin(schema.signalDecisions, eq(schema.signalDecisions.signalId, schema.signals.id))
			.where(and(eq(schema.signalEvidence.sourceType, 'postcard'), eq(schema.signalEvidence.sourceId, p.id)))
			.orderBy(asc(schema.signalEvidence.addedAt)),
		db.select().from(nt).where(and(eq(nt.contactKind, 'postcard'), eq(nt.contactId, p.id))).orderBy(asc(nt.id))
	]);
	return {
		ok: true,
		data: {
			exportedAt: new Date().toISOString(),
			exportedBy: { id: user!.id, name: user!.name },
			postcard: {
				code: p.code,
				campaign: { slug: row.slug, titles: row.titles },
				text: p.textWithdrawnAt ? null : p.text,
				textWithdrawnAt: iso(p.textWithdrawnAt),
				channel: p.channel,
				collectionPlace: p.collectionPlace,
				locale: p.locale,
				ageBand: p.ageBand,
				consentPublish: p.consentPublish,
				status: p.status,
				rejectionReason: p.rejectionReason,
				needsCare: p.needsCare,
				careCategories: p.careCategories,
				createdAt: p.createdAt.toISOString(),
				publishedAt: iso(p.publishedAt),
				enteredBy: row.enteredBy ?? null
			},
			tags: tags.map((t) => ({ kind: t.kind, refId: t.refId, source: t.source, createdAt: t.createdAt.toISOString() })),
			moderationLog: log.map((l) => ({ action: l.action, reason: l.reason, by: l.by, at: l.at.toISOString() })),
			contact: contact ? { email: contact.email, createdAt: contact.createdAt.toISOString() } : null,
			signals: signals.map((s) => ({
				id: s.id,
				title: s.title,
				status: s.status,
				addedAt: s.addedAt.toISOString(),
				decision: s.d
					? { outcome: s.d.outcome, goalId: s.d.goalId, actionId: s.d.actionId, level: s.d.level, addressee: s.d.addressee, reason: s.d.reason, decidedAt: s.d.decidedAt.toISOString() }
					: null
			})),
			notifications: notes.map((n) => ({ signalId: n.signalId, event: n.event, locale: n.locale, status: n.status, attempts: n.attempts, lastError: n.lastError, createdAt: n.createdAt.toISOString(), sentAt: iso(n.sentAt) }))
		}
	};
}
