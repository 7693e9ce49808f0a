import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { publicTable } from '$lib/server/feedback/public';

// 'You said, we did' for one dialogue table: what the city decided about the signals its
// recommendations back. Public, nothing personal: no contributions are quoted (no consent was asked at
// the table), no names, no addresses. Also where a table participant's email leads.
export const load: PageServerLoad = async ({ params, locals }) => {
	const found = await publicTable(params.code, locals.locale);
	if (!found) error(404, m.feedback_public_not_found());
	return found;
};
