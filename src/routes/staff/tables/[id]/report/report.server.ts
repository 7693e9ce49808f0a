import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireStaff } from '$lib/server/auth/guard';
import { canReadReport, findReportTable } from '$lib/server/tables/report';

/**
 * For everything under /staff/tables/[id]/report: a staff member who may read this table's report
 * (see canReadReport: the table's own staff, admins, moderators and plan owners). `[id]` is the
 * table's id or its join code. Unknown table: 404; someone else's: 403.
 */
export async function reportAccess(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const user = requireStaff(event);
	const tableId = await findReportTable(String((event.params as { id?: string }).id ?? ''));
	if (tableId === null) error(404, m.error_not_found());
	if (!(await canReadReport(user, tableId))) error(403, m.error_forbidden());
	return { user, tableId };
}
