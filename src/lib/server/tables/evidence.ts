/**
 * Table contributions as evidence for signals (sourceType 'table_contribution'): a recommendation
 * harvested at a dialogue table backs a signal the same way a postcard does.
 */
import { eq, inArray } from 'drizzle-orm';
import { getDb, schema } from '../db';

const co = schema.tableContributions;
const t = schema.dialogueTables;

export async function existingContributions(ids: number[]): Promise<number[]> {
	if (!ids.length) return [];
	const rows = await getDb().select({ id: co.id }).from(co).where(inArray(co.id, ids));
	return rows.map((r) => r.id);
}

export type ContributionEvidence = {
	text: string;
	reference: string;
	channel: string | null;
	context: string;
	contextHref: string | null;
	date: Date;
};

/** Text, a quotable reference (`ABC-234 #12`), the table's title as context; typed-in ones carry channel 'facilitator'. */
export async function loadContributionEvidence(ids: number[]): Promise<Map<number, ContributionEvidence>> {
	const out = new Map<number, ContributionEvidence>();
	if (!ids.length) return out;
	const rows = await getDb()
		.select({ id: co.id, text: co.text, enteredBy: co.enteredBy, createdAt: co.createdAt, code: t.code, title: t.title })
		.from(co)
		.innerJoin(t, eq(t.id, co.tableId))
		.where(inArray(co.id, ids));
	for (const r of rows)
		out.set(r.id, {
			text: r.text,
			reference: `${r.code} #${r.id}`,
			channel: r.enteredBy === null ? 'table' : 'facilitator',
			context: r.title,
			contextHref: null,
			date: r.createdAt
		});
	return out;
}
