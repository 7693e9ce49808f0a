import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { requireStaff } from '$lib/server/auth/guard';
import { listCouncils, setQuorum } from '$lib/server/councils';
import { QUORUM_MAX, QUORUM_MIN } from '$lib/server/councils/rules';
import { canDecide } from '$lib/server/signals/lifecycle';

/** The councils someone works for (a member: their own; the plan owner and the admin: all, with the quorum to set). */
export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event, 'council_member', 'plan_owner');
	const r = await listCouncils(user, event.locals.locale);
	if (!r.ok) error(403, m.council_forbidden());
	return { councils: r.councils, canSetQuorum: canDecide(user), quorumMin: QUORUM_MIN, quorumMax: QUORUM_MAX };
};

export const actions: Actions = {
	quorum: async (event) => {
		const user = requireStaff(event, 'plan_owner');
		const f = await event.request.formData();
		const councilId = String(f.get('council') ?? '');
		const value = String(f.get('quorum') ?? '');
		const r = await setQuorum(user, councilId, value);
		if (!r.ok) return fail(r.error === 'forbidden' ? 403 : r.error === 'council_not_found' ? 404 : 400, { quorumFor: councilId, error: r.error, value });
		return { quorumFor: councilId, saved: r.quorum };
	}
};
