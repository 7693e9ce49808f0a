import type { PageServerLoad } from './$types';
import { hasRole } from '$lib/server/auth';
import { queueCounts } from '$lib/server/postcards/moderation';

export const load: PageServerLoad = async ({ locals }) => {
	let waiting = 0;
	let care = 0;
	if (hasRole(locals.user, 'moderator')) for (const c of (await queueCounts()).values()) (waiting += c.waiting), (care += c.care);
	return { waiting, care };
};
