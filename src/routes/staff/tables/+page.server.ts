import type { PageServerLoad } from './$types';
import { hasRole } from '$lib/server/auth';
import { requireStaff } from '$lib/server/auth/guard';
import { listTables } from '$lib/server/tables';
import { reportTables } from '$lib/server/tables/report';

/**
 * Facilitators see the tables they work on (admins all of them). Moderators and plan owners may read
 * every table's report (see canReadReport), so they also get the other tables that have one.
 */
export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event, 'facilitator', 'moderator', 'plan_owner');
	const tables = await listTables(user);
	const mine = new Set(tables.map((t) => t.id));
	const others = hasRole(user, 'moderator', 'plan_owner') ? (await reportTables()).filter((t) => !mine.has(t.id)) : [];
	return {
		canRun: hasRole(user, 'facilitator'),
		tables: tables.map((t) => ({
			id: t.id,
			code: t.code,
			title: t.title,
			status: t.status,
			role: t.role,
			scheduledAt: t.scheduledAt ? t.scheduledAt.getTime() : null,
			place: t.place
		})),
		others: others.map((t) => ({
			id: t.id,
			code: t.code,
			title: t.title,
			status: t.status,
			scheduledAt: t.scheduledAt ? t.scheduledAt.getTime() : null,
			place: t.place
		}))
	};
};
