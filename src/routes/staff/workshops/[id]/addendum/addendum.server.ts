import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireStaff } from '$lib/server/auth/guard';
import { addendum, type Addendum } from '$lib/server/personas/addendum';

/**
 * For everything under /staff/workshops/[id]/addendum: the page, the PDF and the Markdown are made from
 * this one addendum, in the reader's language. Staff who may read the personas (facilitators,
 * moderators, plan owners); an unknown workshop is a 404 that says so.
 */
export async function addendumOf(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>): Promise<Addendum> {
	const user = requireStaff(event, 'facilitator', 'moderator', 'plan_owner');
	const id = Number((event.params as { id?: string }).id);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, m.addendum_not_found());
	const r = await addendum(user, id, event.locals.locale);
	if (!r.ok) {
		if (r.error === 'forbidden') error(403, m.error_forbidden());
		error(404, m.addendum_not_found());
	}
	return r.addendum;
}
