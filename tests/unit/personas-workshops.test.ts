import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb, schema } from '../../src/lib/server/db';
import { seedPlan } from '../../src/lib/server/seed';
import { createBundle, createPersona, ensureRegion, type PersonaInput } from '../../src/lib/server/personas';
import {
	applyVoteOrder,
	addArenaItem,
	createWorkshop,
	getWorkshop,
	openStepBoard,
	saveChallenge,
	setTimeline
} from '../../src/lib/server/personas/workshops';
import { createInvite, submitEnrichment } from '../../src/lib/server/personas/partners';
import { signalFromChallenge } from '../../src/lib/server/personas/signals';
import { addContribution, answerPoll, applyAction, joinTable, snapshot } from '../../src/lib/server/tables';
import { getSignal } from '../../src/lib/server/signals';
import { readDocument } from '../../src/lib/server/boards/documents';
import { listNotes } from '../../src/lib/boards/doc.js';
import { staff, table } from './tables-fixtures';

const persona = (name: string, targetGroupIds: string[] = []): PersonaInput => ({
	name,
	ageBand: '',
	household: '',
	background: '',
	situation: '',
	drive: 'Wil vooruit',
	strengths: ['Doorzetter'],
	needs: [],
	barriers: [],
	quote: '',
	targetGroupIds,
	languages: [],
	avatar: 'a01'
});

/** A region with three personas and two bundles: rank 1 (Nassim), rank 2 (Marc + Mieke). */
async function region() {
	await seedPlan();
	const facilitator = await staff(['facilitator']);
	await ensureRegion({ id: 'daw-plus', name: 'DAW+', municipalities: ['Dilbeek', 'Asse'] });
	const ids: Record<string, number> = {};
	for (const [name, groups] of [
		['Nassim', ['nieuwkomers', 'werkzoekenden']],
		['Marc', ['chronisch-ziek']],
		['Mieke', ['chronisch-ziek', 'handicap']]
	] as const) {
		const r = await createPersona(facilitator, 'daw-plus', persona(name, [...groups]));
		if (!r.ok) throw new Error(JSON.stringify(r));
		ids[name] = r.id;
	}
	const b1 = await createBundle(facilitator, 'daw-plus', { title: 'anderstaligen', personaIds: [ids.Nassim] });
	const b2 = await createBundle(facilitator, 'daw-plus', { title: 'mensen met medische klachten', personaIds: [ids.Marc, ids.Mieke] });
	if (!b1.ok || !b2.ok) throw new Error('bundles');
	return { facilitator, personas: ids, bundles: [b1.id, b2.id] };
}

const challenge = (bundleId: number, group: string, support = 'hen taalondersteuning bieden') => ({
	bundleId,
	region: 'DAW+',
	targetGroup: group,
	barriers: 'Ze kennen het systeem niet',
	questions: [{ support, effect: 'ze stappen zetten richting werk' }]
});

async function workshop() {
	const r = await region();
	const w = await createWorkshop(r.facilitator, { regionId: 'daw-plus', title: 'Persona-workshop', themeIds: [2] });
	if (!w.ok) throw new Error(JSON.stringify(w));
	return { ...r, ...w };
}

describe('creating a workshop', () => {
	it('runs as a table whose phases are the method, one needs → services step per bundle in rank order', async () => {
		const w = await workshop();
		const view = await getWorkshop(w.facilitator, w.workshopId);
		if (!view.ok) throw new Error(view.error);
		expect(view.workshop.steps.map((s) => s.step)).toEqual(['personas', 'needs', 'needs', 'challenge', 'speak_as', 'vote']);
		expect(view.workshop.steps.filter((s) => s.step === 'needs').map((s) => s.bundleId)).toEqual(w.bundles);
		expect(view.workshop.steps[1].title).toContain('anderstaligen');
		expect(view.workshop.personaIds.sort()).toEqual(Object.values(w.personas).sort());
		expect(view.workshop.table.code).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}$/);
	});

	it('is refused for an unknown region and for someone who does not facilitate', async () => {
		const r = await region();
		expect(await createWorkshop(r.facilitator, { regionId: 'atlantis', title: 'X' })).toEqual({ ok: false, error: 'region_not_found' });
		const moderator = await staff(['moderator']);
		expect(await createWorkshop(moderator, { regionId: 'daw-plus', title: 'X' })).toEqual({ ok: false, error: 'forbidden' });
		expect(await getDb().select().from(schema.workshops)).toHaveLength(0);
	});
});

describe('challenges', () => {
	it('a challenge without a how-might-we question is refused and nothing is stored', async () => {
		const w = await workshop();
		const r = await saveChallenge(w.facilitator, w.workshopId, { ...challenge(w.bundles[0], 'anderstaligen'), questions: [{ support: '', effect: 'ze werk vinden' }] });
		expect(r).toMatchObject({ ok: false, error: 'invalid' });
		expect(!r.ok && 'problems' in r && r.problems).toEqual(expect.arrayContaining(['question_missing', 'support_missing']));
		expect(await getDb().select().from(schema.challenges)).toHaveLength(0);
	});

	it('new challenges take their place by the bundle’s frequency rank, and the vote’s options follow them', async () => {
		const w = await workshop();
		const second = await saveChallenge(w.facilitator, w.workshopId, challenge(w.bundles[1], 'mensen met medische klachten', 'hen inzicht geven'));
		const first = await saveChallenge(w.facilitator, w.workshopId, challenge(w.bundles[0], 'anderstaligen'));
		if (!first.ok || !second.ok) throw new Error('save');
		const view = await getWorkshop(w.facilitator, w.workshopId);
		if (!view.ok) throw new Error(view.error);
		expect(view.workshop.challenges.map((c) => [c.id, c.position])).toEqual([
			[first.id, 1],
			[second.id, 2]
		]);
		expect(view.workshop.challenges[0].composed.questions[0]).toBe('Hoe kunnen we hen taalondersteuning bieden, zodat ze stappen zetten richting werk?');
		const vote = view.workshop.steps.find((s) => s.step === 'vote')!;
		const phase = await getDb().select().from(schema.tablePhases).where(eq(schema.tablePhases.id, vote.phaseId)).get();
		expect(phase!.options).toEqual(['1. anderstaligen', '2. mensen met medische klachten']);
		expect(view.workshop.voteChallengeIds).toEqual([first.id, second.id]);
	});

	it('the vote reorders the challenges by votes, ties by frequency rank, and keeps each one’s votes', async () => {
		const w = await workshop();
		const a = await saveChallenge(w.facilitator, w.workshopId, challenge(w.bundles[0], 'anderstaligen'));
		const b = await saveChallenge(w.facilitator, w.workshopId, challenge(w.bundles[1], 'mensen met medische klachten'));
		if (!a.ok || !b.ok) throw new Error('save');
		expect(await applyVoteOrder(w.facilitator, w.workshopId)).toEqual({ ok: false, error: 'vote_has_no_votes' });
		const view = await getWorkshop(w.facilitator, w.workshopId);
		if (!view.ok) throw new Error(view.error);
		const votePhase = view.workshop.steps.find((s) => s.step === 'vote')!.phaseId;
		const people = [];
		for (let i = 0; i < 3; i++) {
			const j = await joinTable(w.code);
			if (!j.ok) throw new Error(j.error);
			people.push(j.participantId);
		}
		await applyAction(w.facilitator, w.tableId, { type: 'start' });
		await applyAction(w.facilitator, w.tableId, { type: 'goto', phaseId: votePhase });
		for (const [i, p] of people.entries()) expect((await answerPoll(p, votePhase, i === 0 ? [0, 1] : [1])).ok).toBe(true);
		expect(await applyVoteOrder(w.facilitator, w.workshopId)).toEqual({ ok: true, order: [b.id, a.id] });
		const after = await getWorkshop(w.facilitator, w.workshopId);
		if (!after.ok) throw new Error(after.error);
		expect(after.workshop.challenges.map((c) => [c.targetGroup, c.position, c.votes])).toEqual([
			['mensen met medische klachten', 1, 3],
			['anderstaligen', 2, 1]
		]);
		// Once voted on, the options stay what people voted on.
		const phase = await getDb().select().from(schema.tablePhases).where(eq(schema.tablePhases.id, votePhase)).get();
		expect(phase!.options).toEqual(['1. anderstaligen', '2. mensen met medische klachten']);
	});
});

describe('speaking as a persona', () => {
	it('a contribution carries the persona it was said as; a persona from elsewhere is refused', async () => {
		const w = await workshop();
		const j = await joinTable(w.code);
		if (!j.ok) throw new Error(j.error);
		await applyAction(w.facilitator, w.tableId, { type: 'start' });
		const said = await addContribution(j.participantId, { clientId: 'c1', text: 'Ik wil Nederlands oefenen op het werk.', lens: w.personas.Nassim });
		expect(said.ok && said.contribution.lens).toBe(w.personas.Nassim);
		const snap = await snapshot(w.tableId, { kind: 'public' });
		if (!snap.ok) throw new Error(snap.error);
		expect(snap.snapshot.contributions.map((c) => c.lens)).toEqual([w.personas.Nassim]);
		expect(snap.snapshot.workshop?.personas.map((p) => p.name).sort()).toEqual(['Marc', 'Mieke', 'Nassim']);

		const elsewhere = await createPersona(w.facilitator, 'daw-plus', persona('Sabine'));
		if (!elsewhere.ok) throw new Error('persona');
		expect(await addContribution(j.participantId, { clientId: 'c2', text: 'Opvang.', lens: elsewhere.id })).toEqual({ ok: false, error: 'unknown_lens' });

		// An ordinary dialogue table has no personas to speak as.
		const other = await table(w.facilitator);
		const k = await joinTable(other.code);
		if (!k.ok) throw new Error(k.error);
		await applyAction(w.facilitator, other.tableId, { type: 'start' });
		await applyAction(w.facilitator, other.tableId, { type: 'next' }); // past the testimony, into an open phase
		expect(await addContribution(k.participantId, { clientId: 'c3', text: 'Hallo', lens: w.personas.Nassim })).toEqual({ ok: false, error: 'unknown_lens' });
	});
});

describe('a challenge becomes a signal', () => {
	it('tagged with the bundle’s target groups and the workshop’s themes, backed by the challenge, the responses and the lens contributions', async () => {
		const w = await workshop();
		const c = await saveChallenge(w.facilitator, w.workshopId, challenge(w.bundles[1], 'mensen met medische klachten'));
		if (!c.ok) throw new Error('save');
		const j = await joinTable(w.code);
		if (!j.ok) throw new Error(j.error);
		await applyAction(w.facilitator, w.tableId, { type: 'start' });
		const asMarc = await addContribution(j.participantId, { clientId: 'm1', text: 'Ik wil me nuttig voelen.', lens: w.personas.Marc });
		await addContribution(j.participantId, { clientId: 'n1', text: 'Taalles op het werk.', lens: w.personas.Nassim });
		const invite = await createInvite(w.facilitator, w.workshopId, { kind: 'enrichment', organisation: 'Dienstencentrum' });
		if (!invite.ok) throw new Error(invite.error);
		const sent = await submitEnrichment(invite.token, invite.inviteId, [{ challengeId: c.id, verdict: 'confirm_with_additions', text: 'Werk met een brugfiguur.' }]);
		expect(sent.ok).toBe(true);

		const made = await signalFromChallenge(w.facilitator, w.workshopId, c.id);
		if (!made.ok) throw new Error(JSON.stringify(made));
		const signal = await getSignal(made.signalId);
		expect(signal!.type).toBe('need');
		expect(signal!.title).toBe('Regio-uitdaging: mensen met medische klachten in DAW+');
		expect(signal!.tags.map((t) => `${t.kind}:${t.refId}`).sort()).toEqual(['target_group:chronisch-ziek', 'target_group:handicap', 'theme:2']);
		const kinds = signal!.evidence.map((e) => `${e.sourceType}:${e.text}`);
		expect(kinds).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^challenge:In de regio DAW\+ zijn er heel wat mensen met medische klachten/),
				'enrichment_response:Werk met een brugfiguur.',
				'table_contribution:Ik wil me nuttig voelen.'
			])
		);
		// Nassim is not in this bundle: what was said as Nassim is not this challenge's evidence.
		expect(kinds).not.toContain('table_contribution:Taalles op het werk.');
		expect(asMarc.ok).toBe(true);
		expect(await signalFromChallenge(w.facilitator, w.workshopId, c.id)).toEqual({ ok: false, problems: ['already_signal'] });
	});
});

describe('timeline and boards', () => {
	it('takes dates, dates with a time and periods, and refuses anything else', async () => {
		const w = await workshop();
		expect((await setTimeline(w.facilitator, w.workshopId, [{ step: 'Lancering', date: '2023-06-23' }, { step: 'Deadline', date: '2023-09-01T23:59' }, { step: 'Beoordelen', date: '2023-09-11/2023-09-15' }])).ok).toBe(true);
		expect(await setTimeline(w.facilitator, w.workshopId, [{ step: 'Deadline', date: 'volgende week' }])).toEqual({ ok: false, error: 'bad_timeline' });
		expect(await setTimeline(w.facilitator, w.workshopId, [{ step: 'Periode', date: '2023-09-15/2023-09-11' }])).toEqual({ ok: false, error: 'bad_timeline' });
		const view = await getWorkshop(w.facilitator, w.workshopId);
		expect(view.ok && view.workshop.timeline.map((s) => s.date)).toEqual(['2023-06-23', '2023-09-01T23:59', '2023-09-11/2023-09-15']);
	});

	it('a needs → services board can start from the arena analysis: one need and its service per row', async () => {
		const w = await workshop();
		await addArenaItem(w.facilitator, w.workshopId, { need: 'Taalondersteuning', service: 'Taalcoaching op de werkvloer' });
		await addArenaItem(w.facilitator, w.workshopId, { need: 'Mobiliteit op maat', service: 'Fietsles en oefenkansen voor het rijbewijs' });
		const view = await getWorkshop(w.facilitator, w.workshopId);
		if (!view.ok) throw new Error(view.error);
		const [needs, plain] = view.workshop.steps.filter((s) => s.step === 'needs');
		const filled = await openStepBoard(w.facilitator, w.workshopId, needs.phaseId, { prefill: true });
		const empty = await openStepBoard(w.facilitator, w.workshopId, plain.phaseId);
		if (!filled.ok || !empty.ok) throw new Error('boards');
		expect(listNotes(await readDocument(filled.boardId)).map((n) => n.text).sort()).toEqual(
			['Fietsles en oefenkansen voor het rijbewijs', 'Mobiliteit op maat', 'Taalcoaching op de werkvloer', 'Taalondersteuning'].sort()
		);
		expect(listNotes(await readDocument(empty.boardId))).toHaveLength(0);
		// Opening again gives the same board.
		expect(await openStepBoard(w.facilitator, w.workshopId, needs.phaseId, { prefill: true })).toEqual({ ok: true, boardId: filled.boardId, created: false });
	});
});
