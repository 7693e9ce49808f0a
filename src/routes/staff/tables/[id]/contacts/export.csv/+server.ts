import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { tableContactsCsv } from '$lib/server/tables/contacts';
import { m } from '$lib/paraglide/messages';

/** The addresses left at one table, one column, for the table's facilitators and admins only. */
export const GET: RequestHandler = async (event) => {
	const user = requireStaff(event, 'facilitator');
	const id = Number(event.params.id);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, m.error_not_found());
	const r = await tableContactsCsv(user, id);
	if (!r.ok) error(r.error === 'forbidden' ? 403 : 404, r.error === 'forbidden' ? m.error_forbidden() : m.error_not_found());
	return new Response(r.csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="emailadressen-${r.code}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
