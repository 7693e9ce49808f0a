import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getCampaignBySlug } from '$lib/server/postcards/campaigns';
import { postcardFormAction } from '$lib/server/postcards/form';
import { formatDate } from '$lib/postcards/format';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ parent, request, locals }) => {
	const { campaign } = await parent();
	// A closed campaign answers 410. After a POST (the campaign closed while someone was writing) the
	// page is shown instead, with the text they wrote, so that nothing is lost.
	if ((campaign.state === 'closed' || campaign.state === 'archived') && request.method === 'GET') {
		error(410, m.postcard_campaign_closed_page({ title: campaign.title, date: formatDate(campaign.closesAt, locals.locale) }));
	}
	return {
		// For browsers without JavaScript; with it, the form makes its own in the browser.
		submissionId: crypto.randomUUID(),
		opensOn: formatDate(campaign.opensAt, locals.locale),
		closesOn: formatDate(campaign.closesAt, locals.locale)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const campaign = await getCampaignBySlug(event.params.slug);
		if (!campaign) error(404, m.postcard_campaign_not_found());
		return postcardFormAction(event, {
			slug: campaign.slug,
			campaignId: campaign.id,
			channel: 'online',
			sentPath: (code) => `/p/${campaign.slug}/sent?code=${encodeURIComponent(code)}`
		});
	}
};
