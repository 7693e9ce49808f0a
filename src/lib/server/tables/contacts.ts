/**
 * Email addresses participants leave at the end of a table, to hear what became of the
 * recommendations. The same promise as postcard contacts: the address lives in its own table
 * (`table_contacts`), apart from what the participant said; staff only ever see a count and a list of
 * addresses (sorted, without names, times or contributions), and the participant removes it again from
 * the same phone, which really deletes the row.
 *
 * A participant is identified by the token their phone got when joining (kept in localStorage under
 * `meespraak:table:<code>:token`); only its SHA-256 is stored, in table_participants. The code of the
 * table is checked too, so a token of one table never touches another.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { hashToken, type StaffUser } from '../auth';
import { schema, type Db } from '../db';
import { attempt, isEmail, Refusal, type Answer } from '../refusal';
import { normalizeCode } from '../postcards/codes';
import { toCsv } from '../postcards/export';

export type ContactError = 'bad_code' | 'table_not_found' | 'unknown_participant' | 'email_missing' | 'email_invalid' | 'forbidden';
export type ContactResult<T extends object = object> = Answer<ContactError, T>;

/** The same check as a postcard's address. */
export function checkEmail(value: unknown): { ok: true; email: string } | { ok: false; error: 'email_missing' | 'email_invalid' } {
	if (typeof value !== 'string' || value.trim() === '') return { ok: false, error: 'email_missing' };
	const email = value.trim();
	if (!isEmail(email)) return { ok: false, error: 'email_invalid' };
	return { ok: true, email };
}

const pa = schema.tableParticipants;
const tc = schema.tableContacts;
const t = schema.dialogueTables;
const st = schema.tableStaff;

const run = <T extends object>(fn: (tx: Db) => T): Promise<ContactResult<T>> => attempt<ContactError, T>(fn);

/** The participant holding `token` at the table with `code`; refuses anything else. */
function participantAt(tx: Db, code: unknown, token: unknown, removedToo = false): { participantId: number; tableId: number } {
	const normalized = typeof code === 'string' ? normalizeCode(code) : null;
	if (!normalized) throw new Refusal('bad_code');
	const table = tx.select({ id: t.id }).from(t).where(eq(t.code, normalized)).get();
	if (!table) throw new Refusal('table_not_found');
	if (typeof token !== 'string' || token.length === 0 || token.length > 100) throw new Refusal('unknown_participant');
	const row = tx.select({ id: pa.id, tableId: pa.tableId, removedAt: pa.removedAt }).from(pa).where(eq(pa.tokenHash, hashToken(token))).get();
	// A participant the facilitator removed: their token no longer works here either (except to delete their address).
	if (!row || row.tableId !== table.id || (row.removedAt && !removedToo)) throw new Refusal('unknown_participant');
	return { participantId: row.id, tableId: table.id };
}

// ---------------------------------------------------------------- the participant's side

/** The address this participant left (or null), and the table's title for their page. */
export async function getTableContact(code: unknown, token: unknown): Promise<ContactResult<{ email: string | null; title: string }>> {
	return run((tx) => {
		const { participantId, tableId } = participantAt(tx, code, token);
		const row = tx.select({ email: tc.email }).from(tc).where(eq(tc.participantId, participantId)).get();
		const table = tx.select({ title: t.title }).from(t).where(eq(t.id, tableId)).get()!;
		return { email: row?.email ?? null, title: table.title };
	});
}

/** Saves the participant's address; one per participant, a new one replaces the old. Allowed in any state of the table. */
export async function saveTableContact(code: unknown, token: unknown, email: unknown): Promise<ContactResult<{ email: string }>> {
	const checked = checkEmail(email);
	return run((tx) => {
		const { participantId, tableId } = participantAt(tx, code, token);
		if (!checked.ok) throw new Refusal(checked.error);
		const now = new Date();
		tx.insert(tc)
			.values({ participantId, tableId, email: checked.email, createdAt: now })
			.onConflictDoUpdate({ target: tc.participantId, set: { email: checked.email, createdAt: now } })
			.run();
		return { email: checked.email };
	});
}

/** Deletes the participant's address (the row itself). `deleted` is false when there was none. */
export async function deleteTableContact(code: unknown, token: unknown): Promise<ContactResult<{ deleted: boolean }>> {
	return run((tx) => {
		const { participantId } = participantAt(tx, code, token, true);
		const gone = tx.delete(tc).where(eq(tc.participantId, participantId)).returning({ id: tc.participantId }).all();
		return { deleted: gone.length > 0 };
	});
}

// ---------------------------------------------------------------- staff

/** Facilitators and co-facilitators of this table, and admins; not note-takers or hosts. */
function requireContactRights(tx: Db, tableId: number, user: StaffUser | null | undefined): void {
	if (!user) throw new Refusal('forbidden');
	if (!tx.select({ id: t.id }).from(t).where(eq(t.id, tableId)).get()) throw new Refusal('table_not_found');
	if (user.roles.includes('admin')) return;
	const row = tx
		.select({ role: st.role })
		.from(st)
		.where(and(eq(st.tableId, tableId), eq(st.userId, user.id), inArray(st.role, ['facilitator', 'co_facilitator'])))
		.get();
	if (!row) throw new Refusal('forbidden');
}

/** Distinct addresses (one person with two phones counts once), alphabetical so the order says nothing about who said what. */
function addresses(tx: Db, tableId: number): string[] {
	const rows = tx.select({ email: tc.email }).from(tc).where(eq(tc.tableId, tableId)).orderBy(asc(sql`lower(${tc.email})`)).all();
	const seen = new Set<string>();
	const out: string[] = [];
	for (const { email } of rows) {
		const key = email.toLowerCase();
		if (seen.has(key)) continue;
		seen.add(key);
		out.push(email);
	}
	return out;
}

export async function canSeeTableContacts(user: StaffUser | null | undefined, tableId: number): Promise<boolean> {
	const r = await run((tx) => (requireContactRights(tx, tableId, user), {}));
	return r.ok;
}

/** How many addresses were left at this table. */
export async function countTableContacts(user: StaffUser | null | undefined, tableId: number): Promise<ContactResult<{ count: number; code: string; title: string }>> {
	return run((tx) => {
		requireContactRights(tx, tableId, user);
		const table = tx.select({ code: t.code, title: t.title }).from(t).where(eq(t.id, tableId)).get()!;
		return { count: addresses(tx, tableId).length, code: table.code, title: table.title };
	});
}

/** The addresses as CSV (one column, `email`), for the mail-out about what became of the recommendations. */
export async function tableContactsCsv(user: StaffUser | null | undefined, tableId: number): Promise<ContactResult<{ csv: string; code: string; count: number }>> {
	return run((tx) => {
		requireContactRights(tx, tableId, user);
		const table = tx.select({ code: t.code }).from(t).where(eq(t.id, tableId)).get()!;
		const list = addresses(tx, tableId);
		return { csv: toCsv(['email'], list.map((e) => [e])), code: table.code, count: list.length };
	});
}
