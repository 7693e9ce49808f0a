/**
 * A workshop's output as evidence for signals: the challenge itself (sourceType 'challenge') and each
 * partner's enrichment response to it ('enrichment_response'), shown with the organisation and its
 * verdict. Both link to the workshop's staff page at the challenge.
 */
import { eq, inArray } from 'drizzle-orm';
import { getDb, schema } from '../db';
import { composeChallenge } from '$lib/personas/challenge';
import { isLocale } from '$lib/i18n';
import type { EvidenceOrigin } from '../tables/evidence';

const ch = schema.challenges;
const er = schema.enrichmentResponses;
const pi = schema.partnerInvites;
const t = schema.dialogueTables;
const w = schema.workshops;

export const challengeHref = (workshopId: number, challengeId: number) => `/staff/workshops/${workshopId}#challenge-${challengeId}`;

export async function existingChallenges(ids: number[]): Promise<number[]> {
	if (!ids.length) return [];
	return (await getDb().select({ id: ch.id }).from(ch).where(inArray(ch.id, ids))).map((r) => r.id);
}

export async function existingResponses(ids: number[]): Promise<number[]> {
	if (!ids.length) return [];
	return (await getDb().select({ id: er.id }).from(er).where(inArray(er.id, ids))).map((r) => r.id);
}

type Item = { text: string; reference: string; channel: string; context: string; contextHref: string; origin: EvidenceOrigin[]; date: Date };

/** The challenge's whole sentence in its workshop's language, referenced as 'W<workshop> #<position>'. */
export async function loadChallengeEvidence(ids: number[]): Promise<Map<number, Item>> {
	const out = new Map<number, Item>();
	if (!ids.length) return out;
	const rows = await getDb()
		.select({ c: ch, title: t.title, locale: t.locale, bundle: schema.personaBundles.title })
		.from(ch)
		.innerJoin(w, eq(w.id, ch.workshopId))
		.innerJoin(t, eq(t.id, w.tableId))
		.innerJoin(schema.personaBundles, eq(schema.personaBundles.id, ch.bundleId))
		.where(inArray(ch.id, ids));
	for (const { c, title, locale, bundle } of rows)
		out.set(c.id, {
			text: composeChallenge(c, isLocale(locale) ? locale : 'nl').text,
			reference: `W${c.workshopId} #${c.position}`,
			channel: 'workshop',
			context: title,
			contextHref: challengeHref(c.workshopId, c.id),
			origin: [{ kind: 'bundle', text: bundle }],
			date: c.updatedAt
		});
	return out;
}

/** A partner's response: its text (or the verdict alone for a plain confirmation), the organisation and the verdict. */
export async function loadResponseEvidence(ids: number[]): Promise<Map<number, Item>> {
	const out = new Map<number, Item>();
	if (!ids.length) return out;
	const rows = await getDb()
		.select({ r: er, organisation: pi.organisation, workshopId: ch.workshopId, position: ch.position, title: t.title })
		.from(er)
		.innerJoin(pi, eq(pi.id, er.inviteId))
		.innerJoin(ch, eq(ch.id, er.challengeId))
		.innerJoin(w, eq(w.id, ch.workshopId))
		.innerJoin(t, eq(t.id, w.tableId))
		.where(inArray(er.id, ids));
	for (const { r, organisation, workshopId, position, title } of rows)
		out.set(r.id, {
			text: r.text,
			reference: `W${workshopId} #${position} · ${organisation}`,
			channel: 'partner',
			context: title,
			contextHref: challengeHref(workshopId, r.challengeId),
			origin: [
				{ kind: 'organisation', text: organisation },
				{ kind: 'verdict', text: r.verdict }
			],
			date: r.createdAt
		});
	return out;
}
