import type { RequestHandler } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { reportYear, yearReport, yearReportCsv, yearReportFileName } from '$lib/server/plan/view';
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';

/** The yearly report as CSV: one row per theme and signal. */
export const GET: RequestHandler = async (event) => {
	requireStaff(event, 'plan_owner', 'moderator');
	const year = reportYear(event.params.year);
	if (year === null) error(404, m.error_not_found());
	return new Response(yearReportCsv(await yearReport(year, event.locals.locale)), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${yearReportFileName(year, 'csv')}"`,
			'cache-control': 'no-store'
		}
	});
};
