import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { publicCampaign } from '$lib/server/feedback/public';

// 'You said, we did' for one postcard campaign: its decided signals, quotes only from its own cards
// whose writers agreed. Public, nothing personal.
export const load: PageServerLoad = async ({ params, locals }) => {
	const found = await publicCampaign(params.slug, locals.locale);
	if (!found) error(404, m.feedback_public_not_found());
	return found;
};
