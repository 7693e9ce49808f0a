import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { requireStaff } from '$lib/server/auth/guard';
import { label } from '$lib/i18n';
import { getPlan } from '$lib/server/plan';
import { AGE_BANDS } from '$lib/server/db/schema';
import { AVATARS, DEFAULT_AVATAR } from '$lib/personas/avatars';
import {
	FIELD_MAX,
	ITEM_MAX,
	MAX_ITEMS,
	NAME_MAX,
	createPersona,
	getRegion,
	listPersonas,
	personaFormValues,
	personaInputFrom,
	type Region
} from '$lib/server/personas';

async function region(params: { region: string }): Promise<Region> {
	const r = await getRegion(params.region);
	if (!r) error(404, m.persona_region_not_found());
	return r;
}

/** A new persona for the region's library (facilitators). */
export const load: PageServerLoad = async (event) => {
	requireStaff(event, 'facilitator');
	const r = await region(event.params);
	const [plan, personas] = await Promise.all([getPlan(), listPersonas(r.id, { archived: true })]);
	// A drawing nobody in this library has yet, so new personas do not all look alike.
	const used = new Set(personas.map((p) => p.avatar));
	return {
		region: { id: r.id, name: r.name },
		targetGroups: plan.targetGroups.map((g) => ({ id: g.id, label: label(g.labels, event.locals.locale) })),
		ageBands: AGE_BANDS,
		limits: { name: NAME_MAX, field: FIELD_MAX, item: ITEM_MAX, items: MAX_ITEMS },
		defaultAvatar: AVATARS.find((a) => !used.has(a.id))?.id ?? DEFAULT_AVATAR
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const r = await region(event.params);
		const values = personaFormValues(await event.request.formData());
		const res = await createPersona(user, r.id, personaInputFrom(values), values.confirmFictional);
		if (!res.ok) {
			if (res.error === 'invalid') return fail(400, { values, problems: res.problems });
			if (res.error === 'forbidden') error(403, m.error_forbidden());
			error(404, m.persona_region_not_found());
		}
		redirect(303, `/staff/personas/${r.id}?saved=${res.id}`);
	}
};
