import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { staffCampaign } from '../../campaign.server';

// One moderation queue for all campaigns; this address opens it on one campaign.
export const load: PageServerLoad = async (event) => {
	const { campaign } = await staffCampaign(event);
	redirect(307, `/staff/moderation?campaign=${campaign.id}`);
};
