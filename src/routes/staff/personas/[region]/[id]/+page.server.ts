import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { requireStaff } from '$lib/server/auth/guard';
import { label } from '$lib/i18n';
import { getPlan } from '$lib/server/plan';
import { AGE_BANDS } from '$lib/server/db/schema';
import {
	FIELD_MAX,
	ITEM_MAX,
	MAX_ITEMS,
	NAME_MAX,
	getPersona,
	getRegion,
	personaFormValues,
	personaFormValuesOf,
	personaInputFrom,
	setPersonaArchived,
	updatePersona,
	type Persona,
	type PersonaError,
	type Region
} from '$lib/server/personas';

/** The region and the persona in the link; a persona of another region is not found here. */
async function find(params: { region: string; id: string }): Promise<{ region: Region; persona: Persona }> {
	const region = await getRegion(params.region);
	if (!region) error(404, m.persona_region_not_found());
	const id = Number(params.id);
	const persona = Number.isSafeInteger(id) && id > 0 ? await getPersona(id) : null;
	if (!persona || persona.regionId !== region.id) error(404, m.persona_not_found());
	return { region, persona };
}

function refused(e: PersonaError): never {
	if (e === 'forbidden') error(403, m.error_forbidden());
	if (e === 'region_not_found') error(404, m.persona_region_not_found());
	error(404, m.persona_not_found());
}

/** Edit a persona of the library, or archive it (facilitators). */
export const load: PageServerLoad = async (event) => {
	requireStaff(event, 'facilitator');
	const { region, persona } = await find(event.params);
	const plan = await getPlan({ includeArchived: true });
	return {
		region: { id: region.id, name: region.name },
		persona: { id: persona.id, name: persona.name, archived: !!persona.archivedAt },
		values: personaFormValuesOf(persona),
		// Live target groups, and archived ones this persona still has (so saving does not drop them).
		targetGroups: plan.targetGroups
			.filter((g) => !g.archived || persona.targetGroupIds.includes(g.id))
			.map((g) => ({ id: g.id, label: label(g.labels, event.locals.locale) })),
		ageBands: AGE_BANDS,
		limits: { name: NAME_MAX, field: FIELD_MAX, item: ITEM_MAX, items: MAX_ITEMS }
	};
};

export const actions: Actions = {
	save: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const { region, persona } = await find(event.params);
		const values = personaFormValues(await event.request.formData());
		const res = await updatePersona(user, persona.id, personaInputFrom(values), values.confirmFictional);
		if (!res.ok) {
			if (res.error === 'invalid') return fail(400, { values, problems: res.problems });
			refused(res.error);
		}
		redirect(303, `/staff/personas/${region.id}?saved=${persona.id}`);
	},
	archive: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const { region, persona } = await find(event.params);
		const res = await setPersonaArchived(user, persona.id, true);
		if (!res.ok) refused(res.error);
		redirect(303, `/staff/personas/${region.id}?gone=${persona.id}`);
	},
	restore: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const { persona } = await find(event.params);
		const res = await setPersonaArchived(user, persona.id, false);
		if (!res.ok) refused(res.error);
		return { restored: true };
	}
};
