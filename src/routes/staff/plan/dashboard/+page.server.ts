import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { label } from '$lib/i18n';
import { getPlan } from '$lib/server/plan';
import { dashboard, parseFilter } from '$lib/server/plan/view';
import { dayStart } from '$lib/server/postcards/campaign-form';

/** Who takes part and who is missing, month by month; signals a council is late on. */
export const load: PageServerLoad = async (event) => {
	requireStaff(event, 'plan_owner', 'moderator', 'facilitator');
	const locale = event.locals.locale;
	const { filter, form, problems } = parseFilter(event.url.searchParams);
	const plan = await getPlan();
	const data = await dashboard({ from: filter.from, to: filter.to, neighbourhood: filter.neighbourhood, targetGroup: filter.targetGroup }, locale);
	const tag = locale === 'ar' ? 'ar-u-nu-latn' : locale === 'nl' ? 'nl-BE' : locale === 'fr' ? 'fr-BE' : 'en-GB';
	const monthName = new Intl.DateTimeFormat(tag, { month: 'short', year: '2-digit', timeZone: process.env.CITY_TIME_ZONE || 'Europe/Brussels' });
	return {
		dashboard: data,
		monthLabels: data.months.map((k) => monthName.format(dayStart(`${k}-01`))),
		form,
		problems: problems.filter((p) => p !== 'channel'),
		options: {
			neighbourhoods: plan.neighbourhoods.map((n) => ({ id: n.id, label: label(n.labels, locale) })),
			targetGroups: plan.targetGroups.map((g) => ({ id: g.id, label: label(g.labels, locale) }))
		}
	};
};
