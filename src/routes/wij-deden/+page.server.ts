import type { PageServerLoad } from './$types';
import { publicPlan } from '$lib/server/feedback/public';

// 'You said, we did' for the whole plan: every signal the city decided on, and where to read it per
// campaign and per table. Public, nothing personal (see feedback/public.ts).
export const load: PageServerLoad = async ({ locals }) => {
	return publicPlan(locals.locale);
};
