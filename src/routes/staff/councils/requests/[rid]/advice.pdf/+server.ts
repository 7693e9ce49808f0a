import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { requireStaff } from '$lib/server/auth/guard';
import { getRequest } from '$lib/server/councils';
import { adviceData, adviceDoc, adviceFileName } from '$lib/server/councils/advice-pdf';
import { toPdf } from '$lib/server/documents/pdf';

/** A council's published advice as a PDF, to send to the city's board; for whoever may read the request. */
export const GET: RequestHandler = async (event) => {
	const user = requireStaff(event, 'council_member', 'plan_owner');
	const id = Number(event.params.rid);
	if (!Number.isSafeInteger(id) || id < 1) error(404, m.council_problem_not_found());
	const r = await getRequest(user, id, event.locals.locale);
	if (!r.ok) {
		if (r.error === 'forbidden') error(403, m.council_forbidden_request());
		error(404, m.council_problem_not_found());
	}
	const data = adviceData(r.request);
	if (!data) error(404, m.council_advice_not_published());
	const pdf = await toPdf(adviceDoc(data, event.locals.locale));
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${adviceFileName(data, 'pdf')}"`,
			'cache-control': 'no-store'
		}
	});
};
