/**
 * A challenge becomes a signal (a need by default, or a proposal), through the signals domain like any
 * other input: tagged with its bundle's target groups and the workshop's plan themes, and backed by the
 * challenge itself, the partners' enrichment responses to it, the notes of its bundle's needs →
 * services board, and what participants said or wrote speaking as one of its personas.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { StaffUser } from '../auth';
import { getDb, schema } from '../db';
import type { SignalType } from '../db/schema';
import { canMakeSignals, createSignal, isSignalType, type EvidenceRef, type SignalProblem } from '../signals';
import { chosenNotes, recordNotes } from '../boards/signals';
import { lensTag } from '$lib/personas/lens';
import { bundleTargetGroups } from '$lib/personas/ranking';
import { composeChallenge } from '$lib/personas/challenge';
import { isLocale, type Locale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { canRunWorkshop, getWorkshop } from './workshops';
import { personasByIds } from './index';

export type ChallengeSignalProblem = SignalProblem | 'forbidden' | 'already_signal' | 'challenge_not_found';

/** The evidence a challenge brings: itself, its responses, its bundle's board notes and the lens contributions. */
export async function challengeEvidence(workshopId: number, tableId: number, challengeId: number, bundleId: number, personaIds: number[]): Promise<EvidenceRef[]> {
	const db = getDb();
	const refs: EvidenceRef[] = [{ sourceType: 'challenge', sourceId: challengeId }];
	for (const r of await db.select({ id: schema.enrichmentResponses.id }).from(schema.enrichmentResponses).where(eq(schema.enrichmentResponses.challengeId, challengeId)))
		refs.push({ sourceType: 'enrichment_response', sourceId: r.id });
	const co = schema.tableContributions;
	if (personaIds.length)
		for (const c of await db
			.select({ id: co.id })
			.from(co)
			.where(and(eq(co.tableId, tableId), inArray(co.lensPersonaId, personaIds), eq(co.status, 'visible'), isNull(co.mergedInto))))
			refs.push({ sourceType: 'table_contribution', sourceId: c.id });
	const steps = await db.select().from(schema.workshopSteps).where(eq(schema.workshopSteps.workshopId, workshopId));
	const boards = await db
		.select({ id: schema.boards.id, phaseId: schema.boards.phaseId })
		.from(schema.boards)
		.where(and(eq(schema.boards.tableId, tableId), isNull(schema.boards.archivedAt)));
	const lenses = new Set(personaIds.map(lensTag));
	for (const b of boards) {
		const ofBundle = steps.some((s) => s.phaseId === b.phaseId && s.step === 'needs' && s.bundleId === bundleId);
		const { notes } = await chosenNotes(b.id, { all: true });
		const picked = ofBundle ? notes : notes.filter((n) => n.tags.some((t) => lenses.has(t)));
		if (picked.length) for (const id of await recordNotes(b.id, picked)) refs.push({ sourceType: 'board_note', sourceId: id });
	}
	return refs;
}

export async function signalFromChallenge(
	user: StaffUser | null,
	workshopId: number,
	challengeId: number,
	input: { type?: unknown } = {}
): Promise<{ ok: true; signalId: number; evidence: number } | { ok: false; problems: ChallengeSignalProblem[] }> {
	const r = await getWorkshop(user, workshopId);
	if (!r.ok || !canMakeSignals(user) || !(await canRunWorkshop(r.workshop, user))) return { ok: false, problems: ['forbidden'] };
	const workshop = r.workshop;
	const challenge = workshop.challenges.find((c) => c.id === challengeId);
	if (!challenge) return { ok: false, problems: ['challenge_not_found'] };
	if (challenge.signalId) return { ok: false, problems: ['already_signal'] };
	const type: SignalType = input.type === undefined || input.type === '' ? 'need' : isSignalType(input.type) ? input.type : ('unknown' as SignalType);
	const locale: Locale = isLocale(workshop.table.locale) ? workshop.table.locale : 'nl';
	const personas = await personasByIds(challenge.bundle.personaIds);
	const composed = composeChallenge(challenge, locale);
	const additions = workshop.additions.filter((a) => a.challengeId === challenge.id || a.challengeId === null).map((a) => `- ${a.text}`);
	const summary = [composed.text, additions.length ? `${m.workshop_signal_additions({}, { locale })}\n${additions.join('\n')}` : ''].filter(Boolean).join('\n\n');
	const tags = [
		...bundleTargetGroups(personas).map((refId) => ({ kind: 'target_group' as const, refId })),
		...workshop.table.themeIds.map((id) => ({ kind: 'theme' as const, refId: String(id) }))
	];
	const evidence = await challengeEvidence(workshop.id, workshop.tableId, challenge.id, challenge.bundleId, challenge.bundle.personaIds);
	const made = await createSignal(
		{
			title: m.workshop_signal_title({ group: challenge.targetGroup, region: challenge.region }, { locale }).slice(0, 200),
			summary: summary.slice(0, 4000),
			type,
			tags,
			evidence
		},
		user!.id
	);
	if (!made.ok) return made;
	await getDb().update(schema.challenges).set({ signalId: made.id }).where(eq(schema.challenges.id, challenge.id));
	return { ok: true, signalId: made.id, evidence: evidence.length };
}
