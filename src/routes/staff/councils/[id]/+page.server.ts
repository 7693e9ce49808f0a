import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { requireStaff } from '$lib/server/auth/guard';
import { inbox, raisableSignals, raiseOwnInitiative, QUESTION_MAX } from '$lib/server/councils';

/**
 * A council's inbox: what is overdue (past its deadline, shown first), what is open, what it advised on;
 * and, for its members, the form to put a signal on the table on the council's own initiative.
 * Members of another council get a 403 that says whose inbox this is.
 */
export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event, 'council_member', 'plan_owner');
	const r = await inbox(user, event.params.id, event.locals.locale);
	if (!r.ok) {
		if (r.error === 'forbidden') error(403, m.council_forbidden_council());
		error(404, m.council_problem_council_not_found());
	}
	const member = r.council.access === 'member';
	const raisable = member ? await raisableSignals(user, r.council.id) : null;
	const overdue = r.requests.filter((x) => x.overdue);
	const open = r.requests.filter((x) => !x.published && !x.overdue);
	const advised = r.requests.filter((x) => x.published);
	return {
		council: r.council,
		member,
		overdue,
		open,
		advised,
		signals: raisable?.ok ? raisable.signals : [],
		noteMax: QUESTION_MAX
	};
};

export const actions: Actions = {
	raise: async (event) => {
		const user = requireStaff(event, 'council_member', 'plan_owner');
		const f = await event.request.formData();
		const values = { signal: String(f.get('signal') ?? ''), note: String(f.get('note') ?? '') };
		const signalId = Number(values.signal);
		if (!values.signal || !Number.isSafeInteger(signalId)) return fail(400, { raise: { error: 'signal_not_found', values } });
		const r = await raiseOwnInitiative(user, event.params.id, signalId, values.note);
		if (!r.ok) return fail(r.error === 'not_member' ? 403 : 400, { raise: { error: r.error, values } });
		redirect(303, `/staff/councils/requests/${r.requestId}`);
	}
};
