import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { buildReport, reportFileName, reportToCsv } from '$lib/server/tables/report';
import { reportAccess } from '../report.server';

export const GET: RequestHandler = async (event) => {
	const { tableId } = await reportAccess(event);
	const report = await buildReport(tableId, event.locals.locale);
	if (!report) error(404, m.error_not_found());
	return new Response(reportToCsv(report), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${reportFileName(report, 'csv')}"`,
			'cache-control': 'no-store'
		}
	});
};
