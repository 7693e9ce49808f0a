import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { requireStaff } from '$lib/server/auth/guard';
import { label } from '$lib/i18n';
import { getPlan } from '$lib/server/plan';
import {
	BUNDLE_TITLE_MAX,
	MAX_ITEMS,
	canEditPersonas,
	createBundle,
	getBundle,
	getPersona,
	getRegion,
	listBundles,
	listPersonas,
	rankBundle,
	setPersonaArchived,
	updateBundle,
	type PersonaError,
	type Region
} from '$lib/server/personas';
import { bundleTargetGroups } from '$lib/personas/ranking';

const READ_ROLES = ['facilitator', 'moderator', 'plan_owner'] as const;

/** The region named in the link, or a 404 that says so. */
async function region(params: { region: string }): Promise<Region> {
	const r = await getRegion(params.region);
	if (!r) error(404, m.persona_region_not_found());
	return r;
}

/** The region's library: its personas as cards, archived ones behind ?archived=1, and the bundles in frequency order. */
export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event, ...READ_ROLES);
	const r = await region(event.params);
	const showArchived = event.url.searchParams.get('archived') === '1';
	const [all, bundles, plan] = await Promise.all([listPersonas(r.id, { archived: true }), listBundles(r.id), getPlan({ includeArchived: true })]);
	const active = all.filter((p) => !p.archivedAt);
	const archived = all.filter((p) => p.archivedAt);
	const savedId = Number(event.url.searchParams.get('saved'));
	const saved = Number.isInteger(savedId) ? all.find((p) => p.id === savedId) : undefined;
	const archivedId = Number(event.url.searchParams.get('gone'));
	const gone = Number.isInteger(archivedId) ? archived.find((p) => p.id === archivedId) : undefined;
	const slim = (p: (typeof all)[number]) => ({
		id: p.id,
		name: p.name,
		avatar: p.avatar,
		ageBand: p.ageBand,
		household: p.household,
		background: p.background,
		situation: p.situation,
		drive: p.drive,
		strengths: p.strengths,
		needs: p.needs,
		barriers: p.barriers,
		quote: p.quote,
		targetGroupIds: p.targetGroupIds,
		languages: p.languages
	});
	return {
		region: { id: r.id, name: r.name, municipalities: r.municipalities },
		canEdit: canEditPersonas(user),
		personas: active.map(slim),
		archivedCount: archived.length,
		showArchived,
		archived: showArchived ? archived.map(slim) : [],
		bundles: bundles.map((b) => ({
			id: b.id,
			title: b.title,
			rank: b.rank,
			personaIds: b.personaIds,
			personas: b.personas.map((p) => ({ id: p.id, name: p.name, avatar: p.avatar })),
			targetGroupIds: bundleTargetGroups(b.personas)
		})),
		targetGroups: plan.targetGroups.map((g) => ({ id: g.id, label: label(g.labels, event.locals.locale) })),
		bundleTitleMax: BUNDLE_TITLE_MAX,
		bundleMaxPersonas: MAX_ITEMS,
		saved: saved ? { id: saved.id, name: saved.name } : null,
		gone: gone ? { id: gone.id, name: gone.name } : null
	};
};

/** A refusal that is not about what was typed: no right (403), or the thing is gone (404). */
function refused(e: PersonaError): never {
	if (e === 'forbidden') error(403, m.error_forbidden());
	if (e === 'region_not_found') error(404, m.persona_region_not_found());
	if (e === 'persona_not_found') error(404, m.persona_not_found());
	if (e === 'bundle_not_found') error(404, m.persona_bundle_not_found());
	error(400, m.error_generic());
}

const intOf = (v: FormDataEntryValue | null) => {
	const n = Number(typeof v === 'string' ? v.trim() : NaN);
	return Number.isSafeInteger(n) ? n : NaN;
};

/** A bundle form as typed, so a refused one comes back whole. */
function bundleValues(f: FormData) {
	return {
		title: String(f.get('title') ?? ''),
		personaIds: f.getAll('personaIds').map(String),
		rank: String(f.get('rank') ?? '')
	};
}

/** The persona or bundle must belong to the region in the link. */
async function personaHere(r: Region, id: number) {
	const p = Number.isSafeInteger(id) ? await getPersona(id) : null;
	if (!p || p.regionId !== r.id) error(404, m.persona_not_found());
	return p;
}
async function bundleHere(r: Region, id: number) {
	const b = Number.isSafeInteger(id) ? await getBundle(id) : null;
	if (!b || b.regionId !== r.id) error(404, m.persona_bundle_not_found());
	return b;
}

export const actions: Actions = {
	restore: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const r = await region(event.params);
		const f = await event.request.formData();
		const p = await personaHere(r, intOf(f.get('personaId')));
		const res = await setPersonaArchived(user, p.id, false);
		if (!res.ok) refused(res.error);
		return { restored: { id: p.id, name: p.name } };
	},
	createBundle: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const r = await region(event.params);
		const f = await event.request.formData();
		const values = bundleValues(f);
		const rank = values.rank.trim() ? intOf(values.rank) : undefined;
		if (rank !== undefined && (!Number.isInteger(rank) || rank < 1)) return fail(400, { bundle: { form: 'new', values, error: 'bad_rank' as PersonaError } });
		const res = await createBundle(user, r.id, { title: values.title, personaIds: values.personaIds.map(Number), rank });
		if (!res.ok) {
			if (res.error === 'forbidden' || res.error === 'region_not_found') refused(res.error);
			return fail(400, { bundle: { form: 'new', values, error: res.error } });
		}
		return { bundleSaved: { id: res.id, title: values.title.trim() } };
	},
	updateBundle: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const r = await region(event.params);
		const f = await event.request.formData();
		const b = await bundleHere(r, intOf(f.get('bundleId')));
		const values = bundleValues(f);
		const res = await updateBundle(user, b.id, { title: values.title, personaIds: values.personaIds.map(Number) });
		if (!res.ok) {
			if (res.error === 'forbidden' || res.error === 'bundle_not_found') refused(res.error);
			return fail(400, { bundle: { form: String(b.id), values, error: res.error } });
		}
		return { bundleSaved: { id: b.id, title: values.title.trim() } };
	},
	rankBundle: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const r = await region(event.params);
		const f = await event.request.formData();
		const b = await bundleHere(r, intOf(f.get('bundleId')));
		const rank = intOf(f.get('rank'));
		const res = await rankBundle(user, b.id, rank);
		if (!res.ok) {
			if (res.error === 'forbidden' || res.error === 'bundle_not_found') refused(res.error);
			return fail(400, { rank: { id: b.id, error: res.error } });
		}
		const now = (await getBundle(b.id))?.rank ?? rank;
		return { ranked: { id: b.id, title: b.title, rank: now } };
	}
};
