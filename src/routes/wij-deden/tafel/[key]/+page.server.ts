import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { publicTable } from '$lib/server/feedback/public';

// 'You said, we did' for one dialogue table: what the city decided about the signals its
// recommendations back. Public, nothing personal: no contributions are quoted (no consent was asked at
// the table), no names, no addresses, no join code. Addressed by the table's number; an old link by
// code (in messages already sent) leads there, only for a table that has a public page at all.
export const load: PageServerLoad = async ({ params, locals }) => {
	const found = await publicTable(params.key, locals.locale);
	if (!found) error(404, m.feedback_public_not_found());
	if (params.key !== String(found.table.id)) redirect(301, found.table.href);
	return found;
};
