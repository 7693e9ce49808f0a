/**
 * Table contributions as evidence for signals (sourceType 'table_contribution'): a recommendation
 * harvested at a dialogue table backs a signal the same way a postcard does. Its context is the table
 * (linked to the table's report, at the contribution), and where in the table it was said: the phase,
 * and the world café sub-table when there was one.
 */
import { eq, inArray } from 'drizzle-orm';
import { getDb, schema } from '../db';

const co = schema.tableContributions;
const t = schema.dialogueTables;
const ph = schema.tablePhases;
const gr = schema.tableGroups;

export async function existingContributions(ids: number[]): Promise<number[]> {
	if (!ids.length) return [];
	const rows = await getDb().select({ id: co.id }).from(co).where(inArray(co.id, ids));
	return rows.map((r) => r.id);
}

/** Where within its context a piece of evidence was given. */
export type EvidenceOrigin = { kind: 'phase' | 'sub_table' | 'cluster' | 'author' | 'bundle' | 'organisation' | 'verdict' | 'persona'; text: string };

export type ContributionEvidence = {
	text: string;
	reference: string;
	channel: string | null;
	context: string;
	contextHref: string | null;
	origin: EvidenceOrigin[];
	date: Date;
};

/** Where a contribution sits in its table's report (the report page gives each one this anchor). */
export const reportHref = (tableId: number, contributionId: number) => `/staff/tables/${tableId}/report#c-${contributionId}`;

/**
 * Text, a quotable reference (`ABC-234 #12`), the table's title as context (linked to its report), the
 * phase and sub-table as origin; typed-in ones (testimony, on someone's behalf) carry channel 'facilitator'.
 */
export async function loadContributionEvidence(ids: number[]): Promise<Map<number, ContributionEvidence>> {
	const out = new Map<number, ContributionEvidence>();
	if (!ids.length) return out;
	const rows = await getDb()
		.select({
			id: co.id,
			text: co.text,
			enteredBy: co.enteredBy,
			createdAt: co.createdAt,
			tableId: t.id,
			code: t.code,
			title: t.title,
			phaseTitle: ph.title,
			groupName: gr.name
		})
		.from(co)
		.innerJoin(t, eq(t.id, co.tableId))
		.innerJoin(ph, eq(ph.id, co.phaseId))
		.leftJoin(gr, eq(gr.id, co.groupId))
		.where(inArray(co.id, ids));
	for (const r of rows) {
		const origin: EvidenceOrigin[] = [{ kind: 'phase', text: r.phaseTitle }];
		if (r.groupName) origin.push({ kind: 'sub_table', text: r.groupName });
		out.set(r.id, {
			text: r.text,
			reference: `${r.code} #${r.id}`,
			channel: r.enteredBy === null ? 'table' : 'facilitator',
			context: r.title,
			contextHref: reportHref(r.tableId, r.id),
			origin,
			date: r.createdAt
		});
	}
	return out;
}
