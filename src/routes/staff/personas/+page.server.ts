import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { listRegions } from '$lib/server/personas';

/** The regions (or cities) that keep a persona library, with how many personas each holds. */
export const load: PageServerLoad = async (event) => {
	requireStaff(event, 'facilitator', 'moderator', 'plan_owner');
	const regions = await listRegions();
	return { regions: regions.map((r) => ({ id: r.id, name: r.name, municipalities: r.municipalities, personaCount: r.personaCount })) };
};
