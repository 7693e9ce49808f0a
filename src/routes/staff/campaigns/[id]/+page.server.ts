import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { campaignState, setCampaignArchived, updateCampaign } from '$lib/server/postcards/campaigns';
import { campaignValues } from '$lib/server/postcards/campaign-form';
import { paperBatches } from '$lib/server/postcards/paper';
import { campaignFormOptions, readCampaignForm, staffCampaign } from '../campaign.server';

export const load: PageServerLoad = async (event) => {
	const { campaign, title } = await staffCampaign(event);
	return {
		campaign: { id: campaign.id, slug: campaign.slug, state: campaignState(campaign), archived: !!campaign.archivedAt },
		title,
		values: campaignValues(campaign),
		created: event.url.searchParams.has('created'),
		batches: await paperBatches(campaign.id),
		...(await campaignFormOptions(event.locals.locale))
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { campaign } = await staffCampaign(event);
		const read = await readCampaignForm(event.request, campaign.id);
		if ('failure' in read) return read.failure;
		await updateCampaign(campaign.id, read.input);
		return { saved: true };
	},
	archive: async (event) => {
		const { campaign } = await staffCampaign(event);
		const form = await event.request.formData();
		const archived = form.get('archived') === '1';
		if (archived === !!campaign.archivedAt) return fail(409, { archiveProblem: true });
		await setCampaignArchived(campaign.id, archived);
		return { archivedChanged: true };
	}
};
