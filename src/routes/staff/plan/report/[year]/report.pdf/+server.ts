import type { RequestHandler } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { toPdf } from '$lib/server/documents/pdf';
import { reportYear, yearReport, yearReportDoc, yearReportFileName } from '$lib/server/plan/view';
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';

/** The yearly report as a PDF, to print or to send to the partners and the council. */
export const GET: RequestHandler = async (event) => {
	requireStaff(event, 'plan_owner', 'moderator');
	const year = reportYear(event.params.year);
	if (year === null) error(404, m.error_not_found());
	const pdf = await toPdf(yearReportDoc(await yearReport(year, event.locals.locale)));
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${yearReportFileName(year, 'pdf')}"`,
			'cache-control': 'no-store'
		}
	});
};
