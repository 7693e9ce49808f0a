import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { buildReport, reportFileName, reportToMarkdown } from '$lib/server/tables/report';
import { reportAccess } from '../report.server';

/** The report as Markdown, in the reader's language (texts said at the table stay as they were said). */
export const GET: RequestHandler = async (event) => {
	const { tableId } = await reportAccess(event);
	const report = await buildReport(tableId, event.locals.locale);
	if (!report) error(404, m.error_not_found());
	return new Response(reportToMarkdown(report), {
		headers: {
			'content-type': 'text/markdown; charset=utf-8',
			'content-disposition': `attachment; filename="${reportFileName(report, 'md')}"`,
			'cache-control': 'no-store'
		}
	});
};
