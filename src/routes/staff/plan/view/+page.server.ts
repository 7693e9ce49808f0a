import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { hasRole } from '$lib/server/auth';
import { label } from '$lib/i18n';
import { getPlan } from '$lib/server/plan';
import { CHANNELS, channelLabel, matrix, parseFilter } from '$lib/server/plan/view';

/** The heat map of the plan: themes × attention points, filtered by the GET form (works without JavaScript). */
export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event, 'plan_owner', 'moderator', 'facilitator');
	const locale = event.locals.locale;
	const { filter, form, problems } = parseFilter(event.url.searchParams);
	const plan = await getPlan();
	return {
		matrix: await matrix(filter, locale, plan),
		form,
		problems,
		options: {
			neighbourhoods: plan.neighbourhoods.map((n) => ({ id: n.id, label: label(n.labels, locale) })),
			targetGroups: plan.targetGroups.map((g) => ({ id: g.id, label: label(g.labels, locale) })),
			channels: CHANNELS.map((c) => ({ id: c, label: channelLabel(c, locale) }))
		},
		canReport: hasRole(user, 'plan_owner', 'moderator'),
		year: new Date().getFullYear()
	};
};
