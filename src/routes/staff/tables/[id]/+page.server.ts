import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { snapshot } from '$lib/server/tables';
import { countTableContacts } from '$lib/server/tables/contacts';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event, 'facilitator');
	const id = Number(event.params.id);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, m.error_not_found());
	const r = await snapshot(id, { kind: 'staff', user });
	if (!r.ok) {
		if (r.error === 'forbidden') error(403, m.error_forbidden());
		error(404, m.error_not_found());
	}
	// Only the table's facilitators and admins see the contact addresses; note-takers get no link.
	const contacts = await countTableContacts(user, id);
	return { snapshot: r.snapshot, created: event.url.searchParams.has('created'), contactCount: contacts.ok ? contacts.count : null };
};
