import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { registerOnBehalf } from '$lib/server/signals/lifecycle';
import { tagOptions, parseTagValue } from '$lib/server/signals/tags';
import { SIGNAL_TYPES } from '$lib/server/db/schema';

const ROLES = ['moderator', 'facilitator', 'plan_owner'] as const;

export const load: PageServerLoad = async (event) => {
	requireStaff(event, ...ROLES);
	const options = await tagOptions(event.locals.locale);
	return { signalTypes: SIGNAL_TYPES, themes: options.theme.filter((t) => !t.archived), targetGroups: options.target_group.filter((t) => !t.archived) };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireStaff(event, ...ROLES);
		const f = await event.request.formData();
		const values = {
			organisation: String(f.get('organisation') ?? ''),
			onBehalfOf: String(f.get('onBehalfOf') ?? ''),
			observation: String(f.get('observation') ?? ''),
			title: String(f.get('title') ?? ''),
			summary: String(f.get('summary') ?? ''),
			type: String(f.get('type') ?? 'concern'),
			tags: f.getAll('tag').map(String)
		};
		const tags = values.tags.flatMap((t) => {
			const p = parseTagValue(t);
			return p ? [p] : [];
		});
		const r = await registerOnBehalf(user, { ...values, tags });
		if (!r.ok) return fail(400, { values, error: r.error, problems: r.problems ?? [] });
		redirect(303, `/staff/signals/${r.id}?registered=1`);
	}
};
