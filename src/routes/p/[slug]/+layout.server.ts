import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { getCampaignBySlug } from '$lib/server/postcards/campaigns';
import { campaignView } from '$lib/server/postcards/public';
import { m } from '$lib/paraglide/messages';

// Every page of a campaign (form, thank-you, wall, kiosk) starts from the campaign in the reader's language.
export const load: LayoutServerLoad = async ({ params, locals }) => {
	const campaign = await getCampaignBySlug(params.slug);
	if (!campaign) error(404, m.postcard_campaign_not_found());
	return { campaign: await campaignView(campaign, locals.locale) };
};
