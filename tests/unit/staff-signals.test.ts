import { describe, expect, it, vi } from 'vitest';
import { seedAccounts, seedDemoCampaign, seedPlan, DEMO_CAMPAIGN_SLUG } from '../../src/lib/server/seed';
import { findUserByEmail } from '../../src/lib/server/auth';
import { getDb } from '../../src/lib/server/db';
import { submitPostcard } from '../../src/lib/server/postcards/submit';
import { addTag, removeTag, setTags, tagsFor, parseTagValue } from '../../src/lib/server/signals/tags';
import { addEvidence, createSignal, getSignal, listSignals, removeEvidence, signalsBackedBy, updateSignal } from '../../src/lib/server/signals';

vi.mock('../../src/lib/server/realtime', () => ({ notify: vi.fn() }));

async function setup() {
	await seedPlan();
	await seedAccounts();
	await seedDemoCampaign();
	const moderator = (await findUserByEmail('moderator@meespraak.demo'))!;
	const cards = await getDb().query.postcards.findMany({ orderBy: (p, { asc }) => asc(p.id) });
	return { moderator, cards };
}

describe('tags', () => {
	it('are validated against the plan: unknown or archived items are refused and nothing is stored', async () => {
		const { cards } = await setup();
		const id = cards[0].id;
		const before = (await tagsFor('postcard', [id])).get(id);
		expect(await addTag('postcard', id, 'goal', '9.9')).toMatchObject({ ok: false, problem: 'ref_unknown', unknown: ['9.9'] });
		expect(await addTag('postcard', id, 'theme', '99')).toMatchObject({ ok: false, problem: 'ref_unknown' });
		expect(await setTags('postcard', id, 'action', ['1.1.1', 'nope'])).toMatchObject({ ok: false, problem: 'ref_unknown', unknown: ['nope'] });
		expect(await addTag('postcard', 987654, 'goal', '1.1')).toMatchObject({ ok: false, problem: 'subject_unknown' });
		expect(await addTag('postcard', id, 'colour' as never, 'red')).toMatchObject({ ok: false, problem: 'kind_unknown' });
		expect((await tagsFor('postcard', [id])).get(id)).toEqual(before);
	});

	it('setTags replaces the staff tags of one kind and keeps what the resident chose', async () => {
		const { cards } = await setup();
		const res = await submitPostcard(DEMO_CAMPAIGN_SLUG, { text: 'Een kaart met thema.', themeIds: ['2'], locale: 'nl', channel: 'online' });
		if (!res.ok) throw new Error();
		const id = res.postcardId;
		expect(await setTags('postcard', id, 'theme', ['3', '4'])).toEqual({ ok: true, changed: 2 });
		expect(await setTags('postcard', id, 'theme', ['4'])).toEqual({ ok: true, changed: 1 });
		const tags = (await tagsFor('postcard', [id])).get(id)!;
		expect(tags).toEqual([
			{ kind: 'theme', refId: '2', source: 'resident' },
			{ kind: 'theme', refId: '4', source: 'staff' }
		]);
		// the resident's tag is not removable and is not turned into a staff tag
		expect(await removeTag('postcard', id, 'theme', '2')).toEqual({ ok: true, changed: 0 });
		await setTags('postcard', id, 'theme', ['2']);
		expect((await tagsFor('postcard', [id])).get(id)).toEqual([{ kind: 'theme', refId: '2', source: 'resident' }]);
		expect(cards.length).toBeGreaterThan(0);
	});

	it('bulk: one tag added to and removed from many cards at once', async () => {
		const { cards } = await setup();
		const ids = cards.slice(0, 5).map((c) => c.id);
		expect(await addTag('postcard', ids, 'attention_point', (await firstAttentionPoint()))).toEqual({ ok: true, changed: 5 });
		// again: nothing doubles
		expect(await addTag('postcard', ids, 'attention_point', await firstAttentionPoint())).toEqual({ ok: true, changed: 0 });
		const all = await tagsFor('postcard', ids);
		for (const id of ids) expect(all.get(id)!.filter((t) => t.kind === 'attention_point')).toHaveLength(1);
		expect(await removeTag('postcard', ids.slice(0, 3), 'attention_point', await firstAttentionPoint())).toEqual({ ok: true, changed: 3 });
		const after = await tagsFor('postcard', ids);
		expect(ids.map((id) => after.get(id)!.some((t) => t.kind === 'attention_point'))).toEqual([false, false, false, true, true]);
		expect(await addTag('postcard', [], 'goal', '1.1')).toMatchObject({ ok: false, problem: 'nothing_selected' });
	});

	it('parses picker values', () => {
		expect(parseTagValue('action:1.2.3')).toEqual({ kind: 'action', refId: '1.2.3' });
		expect(parseTagValue('colour:red')).toBeNull();
		expect(parseTagValue('goal:')).toBeNull();
	});
});

async function firstAttentionPoint(): Promise<string> {
	return (await getDb().query.attentionPoints.findFirst())!.id;
}

describe('signals', () => {
	it('are created with evidence and tags; a postcard can back two signals', async () => {
		const { moderator, cards } = await setup();
		const [a, b, c] = cards;
		const first = await createSignal(
			{
				title: 'Te weinig betaalbare woningen',
				summary: 'Meerdere kaartjes over huurprijzen.',
				type: 'need',
				evidence: [{ sourceType: 'postcard', sourceId: a.id }, { sourceType: 'postcard', sourceId: b.id }],
				tags: [{ kind: 'theme', refId: '3' }]
			},
			moderator.id
		);
		if (!first.ok) throw new Error(first.problems.join());
		const second = await createSignal({ title: 'Eenzaamheid bij ouderen', summary: '', type: 'concern', evidence: [{ sourceType: 'postcard', sourceId: a.id }] }, moderator.id);
		if (!second.ok) throw new Error();

		const s1 = (await getSignal(first.id))!;
		expect(s1).toMatchObject({ title: 'Te weinig betaalbare woningen', type: 'need', createdBy: moderator.id, createdByName: 'Mo Moderator' });
		expect(s1.tags).toEqual([{ kind: 'theme', refId: '3', source: 'staff' }]);
		expect(s1.evidence.map((e) => e.sourceId).sort()).toEqual([a.id, b.id].sort());
		expect(s1.evidence[0]).toMatchObject({ sourceType: 'postcard', channel: expect.any(String), addedBy: 'Mo Moderator', context: 'Brugge draait om mensen' });
		expect(s1.evidence.find((e) => e.sourceId === a.id)).toMatchObject({ text: a.text, reference: a.code });

		const backed = await signalsBackedBy('postcard', [a.id, b.id, c.id]);
		expect(backed.get(a.id)!.map((s) => s.id)).toEqual([first.id, second.id]);
		expect(backed.get(b.id)!.map((s) => s.id)).toEqual([first.id]);
		expect(backed.get(c.id)).toBeUndefined();

		// add more evidence: the one it already has is not doubled
		expect(await addEvidence(second.id, [{ sourceType: 'postcard', sourceId: a.id }, { sourceType: 'postcard', sourceId: c.id }], moderator.id)).toEqual({ ok: true, added: 1 });
		expect((await getSignal(second.id))!.evidence).toHaveLength(2);
		expect(await removeEvidence(second.id, { sourceType: 'postcard', sourceId: a.id })).toBe(true);
		expect((await getSignal(second.id))!.evidence.map((e) => e.sourceId)).toEqual([c.id]);
		// removing it from one signal leaves the other alone
		expect((await getSignal(first.id))!.evidence).toHaveLength(2);

		const list = await listSignals();
		expect(list.map((s) => s.id).sort()).toEqual([first.id, second.id].sort());
		expect((await listSignals({ type: 'need' })).map((s) => s.id)).toEqual([first.id]);
		expect((await listSignals({ themeId: '3' })).map((s) => s.id)).toEqual([first.id]);
		expect(list.find((s) => s.id === first.id)!.evidenceCount).toBe(2);
	});

	it('refuses a signal without title, with an unknown type, or with evidence that does not exist', async () => {
		const { moderator } = await setup();
		expect(await createSignal({ title: ' ', summary: '', type: 'need' }, moderator.id)).toEqual({ ok: false, problems: ['title_missing'] });
		expect(await createSignal({ title: 'X', summary: '', type: 'rumour' }, moderator.id)).toEqual({ ok: false, problems: ['type_unknown'] });
		expect(await createSignal({ title: 'X', summary: '', type: 'gap', evidence: [{ sourceType: 'postcard', sourceId: 424242 }] }, moderator.id)).toEqual({
			ok: false,
			problems: ['evidence_unknown']
		});
		expect(await createSignal({ title: 'X', summary: '', type: 'gap', tags: [{ kind: 'goal', refId: '42.1' }] }, moderator.id)).toEqual({ ok: false, problems: ['tag_unknown'] });
		expect(await listSignals()).toEqual([]);
		expect(await addEvidence(12345, [{ sourceType: 'postcard', sourceId: 1 }], moderator.id)).toEqual({ ok: false, problems: ['not_found'] });
		const made = await createSignal({ title: 'Systeemfout kinderbijslag', summary: '', type: 'system_error' }, moderator.id);
		if (!made.ok) throw new Error();
		expect(await updateSignal(made.id, { title: '', summary: '', type: 'gap' })).toEqual({ ok: false, problems: ['title_missing'] });
		expect(await updateSignal(made.id, { title: 'Hiaat', summary: 'ok', type: 'gap' })).toEqual({ ok: true, id: made.id });
		expect((await getSignal(made.id))!).toMatchObject({ title: 'Hiaat', type: 'gap', summary: 'ok' });
	});
});
