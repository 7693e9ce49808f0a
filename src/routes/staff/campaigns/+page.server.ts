import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { campaignState, listCampaigns } from '$lib/server/postcards/campaigns';
import { queueCounts } from '$lib/server/postcards/moderation';
import { postcardCounts } from '$lib/server/postcards/search';
import { label } from '$lib/i18n';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, 'moderator');
	const locale = event.locals.locale;
	const [campaigns, waiting, totals] = await Promise.all([listCampaigns(), queueCounts(), postcardCounts()]);
	return {
		campaigns: campaigns.map((c) => ({
			id: c.id,
			slug: c.slug,
			title: label(c.titles, locale),
			state: campaignState(c),
			opensAt: c.opensAt,
			closesAt: c.closesAt,
			total: totals.get(c.id) ?? 0,
			waiting: waiting.get(c.id)?.waiting ?? 0,
			care: waiting.get(c.id)?.care ?? 0
		}))
	};
};
