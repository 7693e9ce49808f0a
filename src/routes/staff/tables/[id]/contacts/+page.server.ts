import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { countTableContacts } from '$lib/server/tables/contacts';
import { m } from '$lib/paraglide/messages';

/** How many participants left an address; the addresses themselves only leave as the CSV download. */
export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event, 'facilitator');
	const id = Number(event.params.id);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, m.error_not_found());
	event.setHeaders({ 'cache-control': 'no-store' });
	const r = await countTableContacts(user, id);
	if (!r.ok) error(r.error === 'forbidden' ? 403 : 404, r.error === 'forbidden' ? m.error_forbidden() : m.error_not_found());
	return { tableId: id, title: r.title, code: r.code, count: r.count };
};
