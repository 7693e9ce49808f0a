/**
 * Demo dialogue table: one live 'dialogue table' on theme 1, facilitated by the demo begeleider,
 * with a fixed join code so a demo (and the end-to-end tests) can say 'go to /t/TAF-234'.
 * It opens on 'Problemen in kaart' so phones can contribute right away.
 */
import { eq } from 'drizzle-orm';
import { getDb, schema } from '../db';
import { findUserByEmail, type StaffUser } from '../auth';
import { applyAction, createTable } from '../tables';

export const DEMO_TABLE_CODE = 'TAF-234';
const FACILITATOR_EMAIL = 'begeleider@meespraak.demo';

export async function seedDemoTables(): Promise<boolean> {
	const db = getDb();
	const t = schema.dialogueTables;
	if (await db.query.dialogueTables.findFirst({ where: (x, { eq }) => eq(x.code, DEMO_TABLE_CODE) })) return false;
	const row = await findUserByEmail(FACILITATOR_EMAIL);
	if (!row) return false;
	const user: StaffUser = { id: row.id, email: row.email, name: row.name, roles: row.roles, councilIds: row.councilIds };
	const created = await createTable(user, {
		title: 'Kansen voor kinderen en jongeren',
		template: 'dialogue_table',
		themeIds: [1],
		locale: 'nl',
		place: 'Buurtcentrum Sint-Pieters'
	});
	if (!created.ok) throw new Error(`demo table: ${created.error}`);
	await db.update(t).set({ code: DEMO_TABLE_CODE }).where(eq(t.id, created.tableId));
	const started = await applyAction(user, created.tableId, { type: 'start' });
	if (!started.ok) throw new Error(`demo table start: ${started.error}`);
	// Past the testimony: open on the first round where phones can write.
	await applyAction(user, created.tableId, { type: 'next' });
	return true;
}
