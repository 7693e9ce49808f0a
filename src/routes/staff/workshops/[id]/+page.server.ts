import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { m } from '$lib/paraglide/messages';
import { listBundles, listPersonas } from '$lib/server/personas';
import {
	addArenaItem,
	applyVoteOrder,
	canRunWorkshop,
	deleteChallenge,
	getWorkshop,
	mergeAddition,
	moveChallenge,
	openStepBoard,
	orderByFrequency,
	removeAddition,
	removeArenaItem,
	saveChallenge,
	setOtherInput,
	setTimeline,
	setWorkshopPersonas,
	MAX_QUESTIONS
} from '$lib/server/personas/workshops';
import { arenaPartners, arenaTable, createInvite, listInvites, revokeInvite, workshopResponses } from '$lib/server/personas/partners';
import { signalFromChallenge } from '$lib/server/personas/signals';
import { snapshot } from '$lib/server/tables';
import { tagOptions } from '$lib/server/signals/tags';
import { canMakeSignals } from '$lib/server/signals';
import { getIO } from '$lib/server/realtime';
import { announceState } from '$lib/server/realtime/tables';
import { SIGNAL_TYPES } from '$lib/server/db/schema';

function workshopId(event: Pick<RequestEvent, 'params'>): number {
	const id = Number(event.params.id);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, m.workshop_problem_not_found());
	return id;
}

async function load_(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const user = requireStaff(event, 'facilitator', 'moderator', 'plan_owner');
	const id = workshopId(event);
	const r = await getWorkshop(user, id);
	if (!r.ok) error(r.error === 'forbidden' ? 403 : 404, r.error === 'forbidden' ? m.error_forbidden() : m.workshop_problem_not_found());
	return { user, workshop: r.workshop };
}

export const load: PageServerLoad = async (event) => {
	const { user, workshop } = await load_(event);
	const canRun = await canRunWorkshop(workshop, user);
	const [library, bundles, invites, responses, arena, partners, options] = await Promise.all([
		listPersonas(workshop.regionId),
		listBundles(workshop.regionId),
		canRun ? listInvites(user, workshop.id) : Promise.resolve(null),
		workshopResponses(workshop.id),
		arenaTable(workshop.id),
		arenaPartners(workshop.id),
		tagOptions(event.locals.locale)
	]);
	// The live table as its staff see it: what the room said (and as whom), and the vote.
	const snap = canRun ? await snapshot(workshop.tableId, { kind: 'staff', user }) : null;
	const s = snap?.ok ? snap.snapshot : null;
	const phaseOf = (step: string) => workshop.steps.filter((x) => x.step === step).map((x) => x.phaseId);
	const said = (phaseIds: number[]) =>
		(s?.contributions ?? []).filter((c) => phaseIds.includes(c.phaseId) && c.status === 'visible' && c.mergedInto === null).map((c) => ({ id: c.id, text: c.text, lens: c.lens, phaseId: c.phaseId }));
	const votePhase = s?.phases.find((p) => phaseOf('vote').includes(p.id)) ?? null;
	return {
		workshop,
		canRun,
		canSignal: canRun && canMakeSignals(user),
		library,
		bundles,
		invites: invites?.ok ? invites.invites : [],
		responses,
		arena,
		partners,
		targetGroups: options.target_group.map((o) => ({ id: o.id, label: o.label })),
		themes: options.theme.map((o) => ({ id: o.id, label: o.label })),
		ideas: said(phaseOf('challenge')),
		lensSaid: (s?.contributions ?? []).filter((c) => c.lens !== null && c.status === 'visible' && c.mergedInto === null).map((c) => ({ id: c.id, text: c.text, lens: c.lens })),
		roomSaid: said(phaseOf('personas')),
		vote: votePhase ? { phaseId: votePhase.id, options: votePhase.options, results: votePhase.results?.byOption ?? [], voters: votePhase.results?.voters ?? 0 } : null,
		participantCount: s?.participantCount ?? 0,
		signalTypes: SIGNAL_TYPES,
		maxQuestions: MAX_QUESTIONS,
		created: event.url.searchParams.has('created'),
		newLink: null as null | { kind: string; organisation: string; url: string }
	};
};

/** Every action: the runner's check is in the domain; the table's screens are told when the room would see a change. */
async function tellRoom(tableId: number, reason: string) {
	const io = getIO();
	if (io) await announceState(io, { tableId, reason });
}

const text = (f: FormData, k: string) => String(f.get(k) ?? '');
const num = (f: FormData, k: string) => {
	const v = Number(f.get(k));
	return Number.isSafeInteger(v) && v > 0 ? v : undefined;
};

function challengeValues(f: FormData, maxQuestions: number) {
	return {
		bundleId: num(f, 'bundle'),
		region: text(f, 'region'),
		targetGroup: text(f, 'targetGroup'),
		barriers: text(f, 'barriers'),
		questions: Array.from({ length: maxQuestions + 1 }, (_, i) => ({ support: text(f, `support_${i}`), effect: text(f, `effect_${i}`) })).filter(
			(q, i) => i < maxQuestions || q.support || q.effect
		)
	};
}

export const actions: Actions = {
	personas: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const f = await event.request.formData();
		const { workshop } = await load_(event);
		const r = await setWorkshopPersonas(user, workshop.id, f.getAll('persona').map(Number));
		if (!r.ok) return fail(400, { section: 'personas', error: r.error });
		await tellRoom(workshop.tableId, 'workshop');
		return { section: 'personas', saved: true };
	},
	board: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const f = await event.request.formData();
		const { workshop } = await load_(event);
		const r = await openStepBoard(user, workshop.id, Number(f.get('phase')), { prefill: f.get('prefill') === 'on' });
		if (!r.ok) return fail(400, { section: 'steps', error: r.error });
		await tellRoom(workshop.tableId, 'board');
		return { section: 'steps', boardId: r.boardId };
	},
	challenge: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const f = await event.request.formData();
		const { workshop } = await load_(event);
		const values = challengeValues(f, MAX_QUESTIONS);
		const id = num(f, 'challenge');
		const r = await saveChallenge(user, workshop.id, values, id);
		if (!r.ok) return fail(400, { section: 'challenge', challengeId: id ?? null, values, error: r.error, problems: 'problems' in r ? r.problems : [] });
		await tellRoom(workshop.tableId, 'workshop');
		return { section: 'challenge', saved: r.id };
	},
	challenge_delete: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const f = await event.request.formData();
		const { workshop } = await load_(event);
		const r = await deleteChallenge(user, workshop.id, Number(f.get('challenge')));
		if (!r.ok) return fail(400, { section: 'challenges', error: r.error });
		await tellRoom(workshop.tableId, 'workshop');
		return { section: 'challenges', deleted: true };
	},
	challenge_move: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const f = await event.request.formData();
		const { workshop } = await load_(event);
		const r = await moveChallenge(user, workshop.id, Number(f.get('challenge')), Number(f.get('position')));
		if (!r.ok) return fail(400, { section: 'challenges', error: r.error });
		await tellRoom(workshop.tableId, 'workshop');
		return { section: 'challenges' };
	},
	order_frequency: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const { workshop } = await load_(event);
		const r = await orderByFrequency(user, workshop.id);
		if (!r.ok) return fail(400, { section: 'challenges', error: r.error });
		await tellRoom(workshop.tableId, 'workshop');
		return { section: 'challenges' };
	},
	vote_order: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const { workshop } = await load_(event);
		const r = await applyVoteOrder(user, workshop.id);
		if (!r.ok) return fail(400, { section: 'vote', error: r.error });
		await tellRoom(workshop.tableId, 'workshop');
		return { section: 'vote', applied: true };
	},
	signal: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const f = await event.request.formData();
		const { workshop } = await load_(event);
		const r = await signalFromChallenge(user, workshop.id, Number(f.get('challenge')), { type: text(f, 'type') });
		if (!r.ok) return fail(400, { section: 'challenges', error: r.problems[0] });
		return { section: 'challenges', signalId: r.signalId };
	},
	invite: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const f = await event.request.formData();
		const { workshop } = await load_(event);
		const values = { kind: text(f, 'kind'), organisation: text(f, 'organisation'), contactName: text(f, 'contact'), days: text(f, 'days') };
		const r = await createInvite(user, workshop.id, values);
		if (!r.ok) return fail(400, { section: `invite_${values.kind}`, values, error: r.error });
		// The token is shown this once: it is not stored, only its hash.
		return { section: `invite_${values.kind}`, newLink: { kind: values.kind, organisation: values.organisation.trim(), url: `${event.url.origin}/partner/${r.token}` } };
	},
	revoke: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const f = await event.request.formData();
		const { workshop } = await load_(event);
		const r = await revokeInvite(user, workshop.id, Number(f.get('invite')));
		if (!r.ok) return fail(400, { section: 'partners', error: r.error });
		return { section: 'partners' };
	},
	merge: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const f = await event.request.formData();
		const { workshop } = await load_(event);
		const scope = text(f, 'scope');
		const r = await mergeAddition(user, workshop.id, {
			responseId: num(f, 'response') ?? null,
			challengeId: scope === 'all' ? null : (num(f, 'challenge') ?? undefined),
			text: text(f, 'text')
		});
		if (!r.ok) return fail(400, { section: 'enrichment', error: r.error, values: { text: text(f, 'text') } });
		return { section: 'enrichment', merged: true };
	},
	unmerge: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const f = await event.request.formData();
		const { workshop } = await load_(event);
		const r = await removeAddition(user, workshop.id, Number(f.get('addition')));
		if (!r.ok) return fail(400, { section: 'enrichment', error: r.error });
		return { section: 'enrichment' };
	},
	arena_add: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const f = await event.request.formData();
		const { workshop } = await load_(event);
		const values = { need: text(f, 'need'), service: text(f, 'service') };
		const r = await addArenaItem(user, workshop.id, values);
		if (!r.ok) return fail(400, { section: 'arena', error: r.error, values });
		return { section: 'arena' };
	},
	arena_remove: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const f = await event.request.formData();
		const { workshop } = await load_(event);
		const r = await removeArenaItem(user, workshop.id, Number(f.get('item')));
		if (!r.ok) return fail(400, { section: 'arena', error: r.error });
		return { section: 'arena' };
	},
	timeline: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const f = await event.request.formData();
		const { workshop } = await load_(event);
		const steps = f.getAll('step').map((s, i) => ({ step: String(s), date: String(f.getAll('date')[i] ?? '') }));
		const r = await setTimeline(user, workshop.id, steps);
		if (!r.ok) return fail(400, { section: 'timeline', error: r.error, values: { steps } });
		return { section: 'timeline', saved: true };
	},
	other_input: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const f = await event.request.formData();
		const { workshop } = await load_(event);
		const r = await setOtherInput(user, workshop.id, text(f, 'other'));
		if (!r.ok) return fail(400, { section: 'other', error: r.error, values: { other: text(f, 'other') } });
		return { section: 'other', saved: true };
	}
};
