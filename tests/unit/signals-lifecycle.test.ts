import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb, schema } from '../../src/lib/server/db';
import { seedPlan } from '../../src/lib/server/seed';
import { createSignal, getSignal } from '../../src/lib/server/signals';
import { SIGNAL_STATUSES } from '../../src/lib/server/db/schema';
import {
	canTransition,
	changeStatus,
	currentSignalId,
	decide,
	mergeSignals,
	publishFeedback,
	registerOnBehalf,
	splitSignal,
	strengthOf,
	timeline,
	TRANSITIONS
} from '../../src/lib/server/signals/lifecycle';
import { staff } from './tables-fixtures';
import { otherCampaign } from './postcards-fixtures';

async function signal(title = 'Geen opvang na vijf uur', evidence: { sourceType: 'postcard'; sourceId: number }[] = []) {
	const r = await createSignal({ title, summary: '', type: 'need', evidence }, null);
	if (!r.ok) throw new Error(r.problems.join());
	return r.id;
}

let campaignId: number | null = null;
/** A postcard in a campaign of its own (the plan is seeded first), with neighbourhood or target group tags. */
async function postcard(text: string, tags: { kind: 'neighbourhood' | 'target_group'; refId: string }[] = []) {
	const db = getDb();
	if (campaignId === null || !(await db.select().from(schema.campaigns).where(eq(schema.campaigns.id, campaignId)).get())) {
		await seedPlan();
		campaignId = (await otherCampaign(`lc${Date.now()}${Math.floor(Math.random() * 1e4)}`)).id;
	}
	const p = await db
		.insert(schema.postcards)
		.values({ campaignId, code: `T${Math.random().toString(36).slice(2, 8).toUpperCase()}`, text, channel: 'online', locale: 'nl', careCategories: [], createdAt: new Date() })
		.returning({ id: schema.postcards.id })
		.get();
	for (const t of tags) await db.insert(schema.taggings).values({ subjectType: 'postcard', subjectId: p.id, kind: t.kind, refId: t.refId, source: 'resident', createdAt: new Date() });
	return p.id;
}

describe('the state machine', () => {
	it('allows only the documented transitions, and none out of feedback published', () => {
		expect(canTransition('new', 'triage')).toBe(true);
		expect(canTransition('new', 'taken_up')).toBe(false);
		expect(canTransition('triage', 'taken_up')).toBe(true);
		expect(canTransition('with_council', 'taken_up')).toBe(false);
		expect(canTransition('advised', 'not_taken_up')).toBe(true);
		expect(canTransition('taken_up', 'feedback_published')).toBe(true);
		expect(TRANSITIONS.feedback_published).toEqual([]);
		// Every state is in the table, and every target is a state.
		expect(Object.keys(TRANSITIONS).sort()).toEqual([...SIGNAL_STATUSES].sort());
		for (const targets of Object.values(TRANSITIONS)) for (const t of targets) expect(SIGNAL_STATUSES).toContain(t);
	});

	it('refuses a transition the state does not allow, and a decision without a reason; nothing changes', async () => {
		await seedPlan();
		const owner = await staff(['plan_owner']);
		const id = await signal();
		expect(await decide(owner, id, { outcome: 'taken_up', goalId: '1.1' })).toEqual({ ok: false, error: 'transition_not_allowed' });
		expect((await changeStatus(owner, id, 'triage')).ok).toBe(true);
		expect(await decide(owner, id, { outcome: 'not_taken_up', reason: '  ' })).toEqual({ ok: false, error: 'reason_required' });
		expect(await decide(owner, id, { outcome: 'passed_on', reason: 'Bevoegdheid van Vlaanderen' })).toEqual({ ok: false, error: 'level_required' });
		expect(await decide(owner, id, { outcome: 'passed_on', level: 'flemish' })).toEqual({ ok: false, error: 'addressee_required' });
		expect(await decide(owner, id, { outcome: 'taken_up' })).toEqual({ ok: false, error: 'plan_link_required' });
		expect(await decide(owner, id, { outcome: 'taken_up', actionId: '99.9.9' })).toEqual({ ok: false, error: 'plan_link_unknown' });
		const s = await getSignal(id);
		expect(s!.status).toBe('triage');
		expect(await getDb().select().from(schema.signalDecisions)).toHaveLength(0);
		expect((await timeline(id)).map((e) => `${e.fromStatus}→${e.toStatus}`)).toEqual(['new→triage']);
	});

	it('a moderator triages but does not decide', async () => {
		const moderator = await staff(['moderator']);
		const id = await signal();
		expect((await changeStatus(moderator, id, 'triage')).ok).toBe(true);
		expect(await decide(moderator, id, { outcome: 'not_taken_up', reason: 'x' })).toEqual({ ok: false, error: 'forbidden' });
	});

	it('taking up with a new action marks it (inwoner); feedback closes the signal; every step is on the timeline', async () => {
		await seedPlan();
		const owner = await staff(['plan_owner']);
		const id = await signal();
		await changeStatus(owner, id, 'triage');
		const r = await decide(owner, id, { outcome: 'taken_up', goalId: '1.2', newAction: { label: 'Opvang tot zeven uur in twee buurtcentra', fromResident: true }, reason: 'Past in doel 1.2' });
		if (!r.ok) throw new Error(r.error);
		const action = await getDb().select().from(schema.actions).where(eq(schema.actions.id, r.actionId!)).get();
		expect(action).toMatchObject({ goalId: '1.2', fromResident: true });
		expect(action!.labels.nl).toBe('Opvang tot zeven uur in twee buurtcentra');
		expect(await publishFeedback(owner, id, '')).toEqual({ ok: false, error: 'reason_required' });
		expect((await publishFeedback(owner, id, 'Vanaf september in Sint-Pieters en Assebroek.')).ok).toBe(true);
		expect(await changeStatus(owner, id, 'triage')).toEqual({ ok: false, error: 'transition_not_allowed' });
		const events = await timeline(id);
		expect(events.map((e) => e.toStatus)).toEqual(['triage', 'taken_up', 'feedback_published']);
		expect(events.every((e) => e.byUserId === owner.id && e.byName === owner.name)).toBe(true);
		expect(events[1].reason).toBe('Past in doel 1.2');
	});
});

describe('merging and splitting', () => {
	it('merging moves the evidence and tags; the old id leads to the signal that stays', async () => {
		const moderator = await staff(['moderator']);
		const [p1, p2, p3] = [await postcard('a'), await postcard('b'), await postcard('c')];
		const keep = await signal('Opvang', [{ sourceType: 'postcard', sourceId: p1 }]);
		const dup = await signal('Kinderopvang te vroeg dicht', [
			{ sourceType: 'postcard', sourceId: p1 },
			{ sourceType: 'postcard', sourceId: p2 },
			{ sourceType: 'postcard', sourceId: p3 }
		]);
		expect(await mergeSignals(moderator, keep, [keep])).toEqual({ ok: false, error: 'bad_merge' });
		expect(await mergeSignals(moderator, keep, [dup], 'Zelfde vraag')).toEqual({ ok: true, moved: 2 });
		expect((await getSignal(keep))!.evidence.map((e) => e.sourceId).sort()).toEqual([p1, p2, p3].sort());
		expect((await getSignal(dup))!.evidence).toHaveLength(0);
		expect(await currentSignalId(dup)).toBe(keep);
		expect((await timeline(keep)).map((e) => [e.kind, e.otherSignalId])).toEqual([['merged_from', dup]]);
		// A merged signal cannot be merged or changed again.
		expect(await changeStatus(moderator, dup, 'triage')).toEqual({ ok: false, error: 'merged' });
	});

	it('splitting moves the chosen evidence to a new signal in triage, and refuses to move all of it', async () => {
		const moderator = await staff(['moderator']);
		const [p1, p2] = [await postcard('a'), await postcard('b')];
		const id = await signal('Twee vragen in één', [
			{ sourceType: 'postcard', sourceId: p1 },
			{ sourceType: 'postcard', sourceId: p2 }
		]);
		const all = [
			{ sourceType: 'postcard' as const, sourceId: p1 },
			{ sourceType: 'postcard' as const, sourceId: p2 }
		];
		expect(await splitSignal(moderator, id, { title: 'Alles', summary: '', type: 'need', evidence: all })).toEqual({ ok: false, error: 'bad_split' });
		const r = await splitSignal(moderator, id, { title: 'Speeltuin', summary: '', type: 'proposal', evidence: [all[1]] });
		if (!r.ok) throw new Error(r.error);
		expect((await getSignal(id))!.evidence.map((e) => e.sourceId)).toEqual([p1]);
		expect((await getSignal(r.id))!).toMatchObject({ status: 'triage', title: 'Speeltuin' });
		expect((await getSignal(r.id))!.evidence.map((e) => e.sourceId)).toEqual([p2]);
	});
});

describe('strength and registrations', () => {
	it('counts items, channels, neighbourhoods and target groups; an organisation’s registration is its own channel', async () => {
		await seedPlan();
		const moderator = await staff(['moderator']);
		const nbs = (await getDb().select().from(schema.neighbourhoods)).slice(0, 2).map((n) => n.id);
		const p1 = await postcard('a', [{ kind: 'neighbourhood', refId: nbs[0] }, { kind: 'target_group', refId: 'senioren' }]);
		const p2 = await postcard('b', [{ kind: 'neighbourhood', refId: nbs[1] }, { kind: 'target_group', refId: 'senioren' }]);
		const id = await signal('Bank aan de bushalte', [
			{ sourceType: 'postcard', sourceId: p1 },
			{ sourceType: 'postcard', sourceId: p2 }
		]);
		expect((await strengthOf([id])).get(id)).toEqual({ items: 2, channels: { postcard: 2, table: 0, board: 0, workshop: 0, organisation: 0 }, neighbourhoods: 2, targetGroups: 1 });

		expect(await registerOnBehalf(moderator, { organisation: '', onBehalfOf: 'x', observation: '', title: 'T', summary: '', type: 'need' })).toEqual({ ok: false, error: 'organisation_required' });
		const reg = await registerOnBehalf(moderator, { organisation: 'Kinderopvang De Bij', onBehalfOf: 'ouders met kleine kinderen', observation: 'Ouders komen te laat door de bus.', title: 'Bus te laat voor de opvang', summary: '', type: 'barrier' });
		if (!reg.ok) throw new Error(reg.error);
		expect((await strengthOf([reg.id])).get(reg.id)!.channels.organisation).toBe(1);
		expect((await timeline(reg.id))[0]).toMatchObject({ kind: 'registered', reason: 'Kinderopvang De Bij: ouders met kleine kinderen' });
	});
});

describe('the demo', () => {
	it('has signals in every state a plan owner meets without a council, a merged one, a registration, and is seeded once', async () => {
		const { seedDemo } = await import('../../src/lib/server/seed');
		await seedDemo();
		const db = getDb();
		const statuses = async () => (await db.select({ status: schema.signals.status, mergedInto: schema.signals.mergedInto }).from(schema.signals)).filter((r) => !r.mergedInto).map((r) => r.status);
		const have = new Set(await statuses());
		for (const st of ['new', 'triage', 'not_taken_up', 'passed_on', 'feedback_published']) expect(have).toContain(st);
		expect((await db.select().from(schema.signals)).some((r) => r.mergedInto)).toBe(true);
		expect(await db.select().from(schema.signalRegistrations)).toHaveLength(1);
		// The postcard DEM-ADA backs a signal whose decision is in the plan, with a new '(inwoner)' action.
		const decision = (await db.select().from(schema.signalDecisions)).find((d) => d.createdAction);
		expect(decision?.outcome).toBe('taken_up');
		const action = await db.select().from(schema.actions).where(eq(schema.actions.id, decision!.actionId!)).get();
		expect(action?.fromResident).toBe(true);
		const counts = { events: (await db.select().from(schema.signalEvents)).length, signals: (await db.select().from(schema.signals)).length };
		await seedDemo();
		expect({ events: (await db.select().from(schema.signalEvents)).length, signals: (await db.select().from(schema.signals)).length }).toEqual(counts);
	}, 60_000);
});
