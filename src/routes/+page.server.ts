import type { PageServerLoad } from './$types';
import { listOpenCampaigns } from '$lib/server/postcards/campaigns';
import { label } from '$lib/i18n';

export const load: PageServerLoad = async ({ locals }) => {
	const campaigns = await listOpenCampaigns();
	return {
		campaigns: campaigns.map((c) => ({
			slug: c.slug,
			title: label(c.titles, locals.locale),
			question: label(c.questions, locals.locale)
		}))
	};
};
