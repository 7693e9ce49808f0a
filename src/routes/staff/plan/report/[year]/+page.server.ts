import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { m } from '$lib/paraglide/messages';
import { reportYear, yearReport } from '$lib/server/plan/view';

/** The yearly adjustment report (jaarlijkse bijsturing): what became of the year's signals, per theme. */
export const load: PageServerLoad = async (event) => {
	requireStaff(event, 'plan_owner', 'moderator');
	const year = reportYear(event.params.year);
	if (year === null) error(404, m.error_not_found());
	return { report: await yearReport(year, event.locals.locale), thisYear: new Date().getFullYear() };
};
