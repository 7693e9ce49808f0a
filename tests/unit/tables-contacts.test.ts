import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb, openDatabase, schema } from '../../src/lib/server/db';
import { applyAction, joinTable } from '../../src/lib/server/tables';
import {
	canSeeTableContacts,
	checkEmail,
	countTableContacts,
	deleteTableContact,
	getTableContact,
	saveTableContact,
	tableContactsCsv
} from '../../src/lib/server/tables/contacts';
import { staff, table } from './tables-fixtures';

async function join(code: string) {
	const r = await joinTable(code);
	if (!r.ok) throw new Error(r.error);
	return r;
}

const rows = () => getDb().select().from(schema.tableContacts).all();

describe('table contacts', () => {
	it('saves an address for the participant holding the token, apart from the contribution tables', async () => {
		const f = await staff();
		const t = await table(f);
		const p = await join(t.code);
		expect(await getTableContact(t.code, p.participantToken)).toEqual({ ok: true, email: null, title: 'Gelijke kansen in het onderwijs' });
		expect(await saveTableContact(t.code, p.participantToken, '  fatima@example.org ')).toMatchObject({ ok: true, email: 'fatima@example.org' });
		expect(await getTableContact(t.code, p.participantToken)).toMatchObject({ ok: true, email: 'fatima@example.org' });
		expect(rows()).toMatchObject([{ participantId: p.participantId, tableId: t.tableId, email: 'fatima@example.org' }]);
		// Nothing about the address is stored with the participant or what they said.
		const participant = getDb().select().from(schema.tableParticipants).where(eq(schema.tableParticipants.id, p.participantId)).get();
		expect(JSON.stringify(participant)).not.toContain('fatima');
	});

	it('keeps one address per participant: a new one replaces the old', async () => {
		const f = await staff();
		const t = await table(f);
		const p = await join(t.code);
		const other = await join(t.code);
		await saveTableContact(t.code, p.participantToken, 'old@example.org');
		await saveTableContact(t.code, other.participantToken, 'other@example.org');
		expect(await saveTableContact(t.code, p.participantToken, 'new@example.org')).toMatchObject({ ok: true });
		expect(rows().map((r) => r.email).sort()).toEqual(['new@example.org', 'other@example.org']);
		expect(await getTableContact(t.code, p.participantToken)).toMatchObject({ ok: true, email: 'new@example.org' });
	});

	it('deleting really deletes the row, and only that participant’s', async () => {
		const f = await staff();
		const t = await table(f);
		const p = await join(t.code);
		const other = await join(t.code);
		await saveTableContact(t.code, p.participantToken, 'fatima@example.org');
		await saveTableContact(t.code, other.participantToken, 'jan@example.org');
		expect(await deleteTableContact(t.code, p.participantToken)).toEqual({ ok: true, deleted: true });
		expect(rows().map((r) => r.email)).toEqual(['jan@example.org']);
		const raw = openDatabase().sqlite.prepare('select count(*) as n from table_contacts where email = ?').get('fatima@example.org') as { n: number };
		expect(raw.n).toBe(0);
		expect(await getTableContact(t.code, p.participantToken)).toMatchObject({ ok: true, email: null });
		expect(await deleteTableContact(t.code, p.participantToken)).toEqual({ ok: true, deleted: false });
		// Once deleted, a new address can be left again.
		expect(await saveTableContact(t.code, p.participantToken, 'fatima2@example.org')).toMatchObject({ ok: true });
	});

	it('refuses an invalid or missing address and stores nothing', async () => {
		const f = await staff();
		const t = await table(f);
		const p = await join(t.code);
		for (const bad of ['fatima', 'fatima@', '@example.org', 'fa tima@example.org', 'fatima@example', `${'a'.repeat(65)}@example.org`, `a@${'b'.repeat(320)}.org`])
			expect(await saveTableContact(t.code, p.participantToken, bad)).toEqual({ ok: false, error: 'email_invalid' });
		for (const missing of ['', '   ', undefined, null, 42])
			expect(await saveTableContact(t.code, p.participantToken, missing)).toEqual({ ok: false, error: 'email_missing' });
		expect(rows()).toEqual([]);
		expect(checkEmail('ok@example.be')).toEqual({ ok: true, email: 'ok@example.be' });
	});

	it('refuses an unknown token, a token of another table and a bad code', async () => {
		const f = await staff();
		const t = await table(f);
		const t2 = await table(f, { title: 'Andere tafel' });
		const p = await join(t.code);
		const elsewhere = await join(t2.code);
		expect(await saveTableContact(t.code, 'not-a-token', 'a@example.org')).toEqual({ ok: false, error: 'unknown_participant' });
		expect(await saveTableContact(t.code, '', 'a@example.org')).toEqual({ ok: false, error: 'unknown_participant' });
		expect(await saveTableContact(t.code, undefined, 'a@example.org')).toEqual({ ok: false, error: 'unknown_participant' });
		expect(await saveTableContact(t.code, elsewhere.participantToken, 'a@example.org')).toEqual({ ok: false, error: 'unknown_participant' });
		expect(await deleteTableContact(t.code, 'not-a-token')).toEqual({ ok: false, error: 'unknown_participant' });
		expect(await getTableContact(t.code, elsewhere.participantToken)).toEqual({ ok: false, error: 'unknown_participant' });
		expect(await saveTableContact('nonsense', p.participantToken, 'a@example.org')).toEqual({ ok: false, error: 'bad_code' });
		expect(await saveTableContact('ZZZ-ZZZ', p.participantToken, 'a@example.org')).toEqual({ ok: false, error: 'table_not_found' });
		// An unknown token is refused before the address is even looked at.
		expect(await saveTableContact(t.code, 'not-a-token', 'nonsense')).toEqual({ ok: false, error: 'unknown_participant' });
		expect(rows()).toEqual([]);
	});

	it('works after the table has ended (when the form is offered)', async () => {
		const f = await staff();
		const t = await table(f);
		const p = await join(t.code);
		expect(await applyAction(f, t.tableId, { type: 'start' })).toMatchObject({ ok: true });
		expect(await applyAction(f, t.tableId, { type: 'end' })).toMatchObject({ ok: true });
		expect(await saveTableContact(t.code, p.participantToken, 'fatima@example.org')).toMatchObject({ ok: true });
		expect(await deleteTableContact(t.code, p.participantToken)).toEqual({ ok: true, deleted: true });
	});

	it('gives the table’s facilitators and admins a count and a CSV of addresses only', async () => {
		const f = await staff();
		const co = await staff();
		const note = await staff();
		const outsider = await staff();
		const admin = await staff(['admin']);
		const t = await table(f, { staff: [{ userId: co.id, role: 'co_facilitator' }, { userId: note.id, role: 'note_taker' }] });
		const other = await table(f, { title: 'Andere tafel' });
		for (const email of ['zoe@example.org', '=cmd@example.org', 'Anna@example.org', 'anna@example.org']) {
			const p = await join(t.code);
			await saveTableContact(t.code, p.participantToken, email);
		}
		const elsewhere = await join(other.code);
		await saveTableContact(other.code, elsewhere.participantToken, 'elders@example.org');

		expect(await countTableContacts(f, t.tableId)).toMatchObject({ ok: true, count: 3, code: t.code });
		expect(await countTableContacts(co, t.tableId)).toMatchObject({ ok: true, count: 3 });
		expect(await countTableContacts(admin, t.tableId)).toMatchObject({ ok: true, count: 3 });
		expect(await countTableContacts(note, t.tableId)).toEqual({ ok: false, error: 'forbidden' });
		expect(await countTableContacts(outsider, t.tableId)).toEqual({ ok: false, error: 'forbidden' });
		expect(await countTableContacts(null, t.tableId)).toEqual({ ok: false, error: 'forbidden' });
		expect(await countTableContacts(admin, 9999)).toEqual({ ok: false, error: 'table_not_found' });
		expect(await canSeeTableContacts(f, t.tableId)).toBe(true);
		expect(await canSeeTableContacts(note, t.tableId)).toBe(false);

		const r = await tableContactsCsv(f, t.tableId);
		if (!r.ok) throw new Error(r.error);
		// Byte order mark, one column, alphabetical, the same address once, formula-looking text defused.
		expect(r.csv).toBe("\uFEFFemail\r\n'=cmd@example.org\r\nAnna@example.org\r\nzoe@example.org\r\n");
		expect(r.count).toBe(3);
		expect(await tableContactsCsv(outsider, t.tableId)).toEqual({ ok: false, error: 'forbidden' });
	});
});
