import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { listTables } from '$lib/server/tables';

export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event, 'facilitator');
	const tables = await listTables(user);
	return {
		tables: tables.map((t) => ({
			id: t.id,
			code: t.code,
			title: t.title,
			status: t.status,
			role: t.role,
			scheduledAt: t.scheduledAt ? t.scheduledAt.getTime() : null,
			place: t.place
		}))
	};
};
