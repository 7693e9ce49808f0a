import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { createCampaign } from '$lib/server/postcards/campaigns';
import { blankValues } from '$lib/server/postcards/campaign-form';
import { campaignFormOptions, readCampaignForm } from '../campaign.server';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, 'moderator');
	return { values: blankValues(), ...(await campaignFormOptions(event.locals.locale)) };
};

export const actions: Actions = {
	save: async (event) => {
		const user = requireStaff(event, 'moderator');
		const read = await readCampaignForm(event.request);
		if ('failure' in read) return read.failure;
		const campaign = await createCampaign(read.input, user.id);
		redirect(303, `/staff/campaigns/${campaign.id}?created=1`);
	}
};
