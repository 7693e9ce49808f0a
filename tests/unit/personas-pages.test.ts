// The persona library pages, server side: the form actions of the new and edit pages (what comes back
// when a save is refused, the real-data check, who may save, unknown regions) and the library's
// bundle and archive actions. Each action gets a fake RequestEvent, as SvelteKit would pass it.
import { describe, expect, it } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { render } from 'svelte/server';
import type { StaffUser } from '../../src/lib/server/auth';
import { seedPlan } from '../../src/lib/server/seed';
import { createPersona, ensureRegion, getPersona, listBundles, listPersonas, type PersonaInput } from '../../src/lib/server/personas';
import { load as regionsLoad } from '../../src/routes/staff/personas/+page.server';
import { load as libraryLoad, actions as libraryActions } from '../../src/routes/staff/personas/[region]/+page.server';
import { load as newLoad, actions as newActions } from '../../src/routes/staff/personas/[region]/new/+page.server';
import { load as editLoad, actions as editActions } from '../../src/routes/staff/personas/[region]/[id]/+page.server';
import PersonaCard from '../../src/lib/components/personas/PersonaCard.svelte';
import { staff } from './tables-fixtures';

const REGION = 'daw-plus';

async function region() {
	await seedPlan();
	await ensureRegion({ id: REGION, name: 'DAW+', municipalities: ['Dilbeek', 'Asse', 'Wemmel', 'Opwijk', 'Merchtem'] });
}

/** A posted form; arrays become repeated fields, as checkboxes send them. */
function body(fields: Record<string, string | string[]>): URLSearchParams {
	const b = new URLSearchParams();
	for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) b.append(k, x);
	return b;
}

function event(user: StaffUser | null, params: Record<string, string>, fields?: Record<string, string | string[]>, path = '/staff/personas') {
	const url = new URL(`http://x${path}`);
	return {
		params,
		url,
		locals: { locale: 'nl', user },
		request: fields
			? new Request(url, { method: 'POST', body: body(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' } })
			: new Request(url)
	} as never;
}

/** What an action or load ended in: a redirect, an HTTP error, or its return value. */
async function outcome(p: Promise<unknown> | unknown): Promise<{ redirect?: string; status?: number; message?: string; value?: unknown }> {
	try {
		return { value: await p };
	} catch (e) {
		if (isRedirect(e)) return { redirect: e.location, status: e.status };
		if (isHttpError(e)) return { status: e.status, message: e.body.message };
		throw e;
	}
}

type Failure = { status: number; data: { values: Record<string, unknown>; problems: { field: string; problem: string; kind?: string; match?: string }[] } };

const FULL = {
	name: '',
	ageBand: '30-49',
	household: 'Alleenstaande mama van twee kinderen',
	background: 'Groeide op in Opwijk',
	situation: 'Werkt halftijds in een winkel',
	drive: 'Wil ruimte maken voor werk',
	strengths: 'Goed georganiseerd\nKent veel ouders aan de schoolpoort',
	needs: 'Kinderopvang dichtbij',
	barriers: 'Geen rijbewijs\n(vervoers)armoede',
	quote: 'Als de opvang geregeld is, kan ik alles aan.',
	targetGroupIds: ['alleenstaande-ouders', 'armoede'],
	languages: 'Nederlands\nFrans',
	avatar: 'a05'
};

const input = (over: Partial<PersonaInput> = {}): PersonaInput => ({
	name: 'Sabine',
	ageBand: '',
	household: '',
	background: '',
	situation: '',
	drive: 'Wil werken',
	strengths: ['Doorzetter'],
	needs: [],
	barriers: ['Geen rijbewijs'],
	quote: '',
	targetGroupIds: [],
	languages: [],
	avatar: 'a02',
	...over
});

describe('the new persona page', () => {
	it('refuses a persona without a name and sends every typed value back, lists and checkboxes included', async () => {
		await region();
		const me = await staff(['facilitator']);
		const res = (await newActions.default(event(me, { region: REGION }, FULL))) as Failure;
		expect(res.status).toBe(400);
		expect(res.data.problems).toEqual([{ field: 'name', problem: 'missing' }]);
		expect(res.data.values).toEqual({ ...FULL, confirmFictional: false });
		expect(await listPersonas(REGION)).toHaveLength(0);
	});

	it('warns about an email address, and saves once confirmFictional is ticked', async () => {
		await region();
		const me = await staff(['facilitator']);
		const typed = { ...FULL, name: 'Sabine', situation: 'Mail haar op sabine.peeters@telenet.be voor de opvang' };
		const first = (await newActions.default(event(me, { region: REGION }, typed))) as Failure;
		expect(first.status).toBe(400);
		expect(first.data.problems).toEqual([{ field: 'situation', problem: 'real_data', kind: 'email', match: 'sabine.peeters@telenet.be' }]);
		expect(first.data.values.situation).toBe(typed.situation);
		expect(await listPersonas(REGION)).toHaveLength(0);

		const second = await outcome(newActions.default(event(me, { region: REGION }, { ...typed, confirmFictional: 'on' })));
		const [saved] = await listPersonas(REGION);
		expect(second).toEqual({ redirect: `/staff/personas/${REGION}?saved=${saved.id}`, status: 303 });
		expect(saved).toMatchObject({
			name: 'Sabine',
			ageBand: '30-49',
			situation: typed.situation,
			strengths: ['Goed georganiseerd', 'Kent veel ouders aan de schoolpoort'],
			barriers: ['Geen rijbewijs', '(vervoers)armoede'],
			targetGroupIds: ['alleenstaande-ouders', 'armoede'],
			languages: ['Nederlands', 'Frans'],
			avatar: 'a05'
		});
	});

	it('refuses a moderator (403): reading the library is fine, writing in it is not', async () => {
		await region();
		const mod = await staff(['moderator']);
		expect(await outcome(newActions.default(event(mod, { region: REGION }, { ...FULL, name: 'Sabine' })))).toMatchObject({ status: 403 });
		expect(await outcome(newLoad(event(mod, { region: REGION })))).toMatchObject({ status: 403 });
		expect(await listPersonas(REGION)).toHaveLength(0);
		expect(await outcome(libraryLoad(event(mod, { region: REGION })))).toMatchObject({ value: { canEdit: false } });
	});

	it('is a 404 with a clear message for a region that does not exist', async () => {
		await region();
		const me = await staff(['facilitator']);
		const action = await outcome(newActions.default(event(me, { region: 'nergens' }, { ...FULL, name: 'Sabine' })));
		expect(action).toMatchObject({ status: 404 });
		expect(action.message).toMatch(/regio of stad bestaat niet/);
		expect(await outcome(newLoad(event(me, { region: 'nergens' })))).toMatchObject({ status: 404 });
		expect(await outcome(libraryLoad(event(me, { region: 'nergens' })))).toMatchObject({ status: 404 });
	});

	it('sends someone without a session to the login page', async () => {
		await region();
		expect((await outcome(newActions.default(event(null, { region: REGION }, FULL)))).redirect).toMatch(/^\/login\?next=/);
	});
});

describe('the edit persona page', () => {
	it('loads the saved persona into the form, and keeps what was typed when a save is refused', async () => {
		await region();
		const me = await staff(['facilitator']);
		const made = await createPersona(me, REGION, input({ strengths: ['Doorzetter', 'Handig'] }));
		if (!made.ok) throw new Error(made.error);
		const data = (await editLoad(event(me, { region: REGION, id: String(made.id) }))) as { values: Record<string, unknown> };
		expect(data.values).toMatchObject({ name: 'Sabine', strengths: 'Doorzetter\nHandig', avatar: 'a02', confirmFictional: false });

		const typed = { ...FULL, name: '  ', quote: 'Bel me op 0470 12 34 56' };
		const res = (await editActions.save(event(me, { region: REGION, id: String(made.id) }, typed))) as Failure;
		expect(res.status).toBe(400);
		expect(res.data.problems).toEqual([
			{ field: 'name', problem: 'missing' },
			{ field: 'quote', problem: 'real_data', kind: 'phone', match: '0470 12 34 56' }
		]);
		expect(res.data.values).toEqual({ ...typed, confirmFictional: false });
		expect((await getPersona(made.id))?.name).toBe('Sabine');
	});

	it('saves, archives and restores; a persona of another region is not found', async () => {
		await region();
		await ensureRegion({ id: 'brugge', name: 'Brugge', municipalities: ['Brugge'] });
		const me = await staff(['facilitator']);
		const made = await createPersona(me, REGION, input());
		if (!made.ok) throw new Error(made.error);
		const params = { region: REGION, id: String(made.id) };

		expect(await outcome(editActions.save(event(me, params, { ...FULL, name: 'Sabine' })))).toEqual({ redirect: `/staff/personas/${REGION}?saved=${made.id}`, status: 303 });
		expect((await getPersona(made.id))?.household).toBe(FULL.household);

		expect(await outcome(editActions.archive(event(me, params, {})))).toEqual({ redirect: `/staff/personas/${REGION}?gone=${made.id}`, status: 303 });
		expect(await listPersonas(REGION)).toHaveLength(0);
		const lib = (await libraryLoad(event(me, { region: REGION }, undefined, `/staff/personas/${REGION}?archived=1&gone=${made.id}`))) as {
			archived: { id: number }[];
			archivedCount: number;
			gone: { name: string } | null;
		};
		expect(lib.archivedCount).toBe(1);
		expect(lib.archived.map((p) => p.id)).toEqual([made.id]);
		expect(lib.gone?.name).toBe('Sabine');

		expect(await outcome(libraryActions.restore(event(me, { region: REGION }, { personaId: String(made.id) })))).toEqual({
			value: { restored: { id: made.id, name: 'Sabine' } }
		});
		expect(await listPersonas(REGION)).toHaveLength(1);

		expect(await outcome(editLoad(event(me, { region: 'brugge', id: String(made.id) })))).toMatchObject({ status: 404 });
		expect(await outcome(editActions.save(event(me, { region: REGION, id: '999' }, { ...FULL, name: 'X' })))).toMatchObject({ status: 404 });
	});
});

describe('the library', () => {
	it('lists the regions with their persona count', async () => {
		await region();
		const me = await staff(['plan_owner']);
		await createPersona(await staff(['facilitator']), REGION, input());
		const data = (await regionsLoad(event(me, {}))) as { regions: { id: string; personaCount: number }[] };
		expect(data.regions).toEqual([expect.objectContaining({ id: REGION, personaCount: 1 })]);
	});

	it('makes bundles, keeps a refused one as typed, and moves them in the frequency order', async () => {
		await region();
		const me = await staff(['facilitator']);
		const ids: number[] = [];
		for (const name of ['Nassim', 'Marc', 'Mieke']) {
			const r = await createPersona(me, REGION, input({ name, targetGroupIds: name === 'Nassim' ? ['nieuwkomers'] : ['chronisch-ziek'] }));
			if (!r.ok) throw new Error(r.error);
			ids.push(r.id);
		}
		const create = (fields: Record<string, string | string[]>) => libraryActions.createBundle(event(me, { region: REGION }, fields));

		const bad = (await create({ title: '', personaIds: [String(ids[0])], rank: '' })) as { status: number; data: { bundle: unknown } };
		expect(bad.status).toBe(400);
		expect(bad.data.bundle).toEqual({ form: 'new', values: { title: '', personaIds: [String(ids[0])], rank: '' }, error: 'bad_title' });

		await create({ title: 'Mensen met medische klachten', personaIds: [String(ids[1]), String(ids[2])], rank: '' });
		await create({ title: 'Anderstaligen met een migratieachtergrond', personaIds: [String(ids[0])], rank: '1' });
		let bundles = await listBundles(REGION);
		expect(bundles.map((b) => [b.rank, b.title])).toEqual([
			[1, 'Anderstaligen met een migratieachtergrond'],
			[2, 'Mensen met medische klachten']
		]);

		const moved = await libraryActions.rankBundle(event(me, { region: REGION }, { bundleId: String(bundles[1].id), rank: '1' }));
		expect(moved).toEqual({ ranked: { id: bundles[1].id, title: 'Mensen met medische klachten', rank: 1 } });
		bundles = await listBundles(REGION);
		expect(bundles.map((b) => b.title)).toEqual(['Mensen met medische klachten', 'Anderstaligen met een migratieachtergrond']);

		const data = (await libraryLoad(event(me, { region: REGION }))) as { bundles: { title: string; targetGroupIds: string[]; personas: { name: string }[] }[] };
		expect(data.bundles[0]).toMatchObject({ targetGroupIds: ['chronisch-ziek'], personas: [{ name: 'Marc' }, { name: 'Mieke' }] });

		const mod = await staff(['moderator']);
		expect(await outcome(libraryActions.rankBundle(event(mod, { region: REGION }, { bundleId: String(bundles[0].id), rank: '2' })))).toMatchObject({ status: 403 });
	});
});

describe('the persona card', () => {
	it('says it is fictional and shows drive and strengths before barriers', () => {
		const { body: html } = render(PersonaCard, {
			props: {
				persona: { name: 'Sabine', avatar: 'a05', drive: 'Wil werken', strengths: ['Doorzetter'], needs: ['Kinderopvang'], barriers: ['Geen rijbewijs'], quote: 'Het lukt wel.', targetGroupIds: ['armoede'] },
				targetGroupLabel: (id: string) => `groep:${id}`
			}
		});
		expect(html).toContain('Fictieve persona');
		expect(html.indexOf('Drive en sterktes')).toBeLessThan(html.indexOf('Noden'));
		expect(html.indexOf('Noden')).toBeLessThan(html.indexOf('Drempels'));
		expect(html).toContain('<blockquote');
		expect(html).toContain('groep:armoede');

		const compact = render(PersonaCard, { props: { persona: { name: 'Sabine', avatar: 'a05', drive: 'Wil werken', barriers: ['Geen rijbewijs'] }, targetGroupLabel: String, compact: true } }).body;
		expect(compact).toContain('Wil werken');
		expect(compact).not.toContain('Geen rijbewijs');
	});
});
