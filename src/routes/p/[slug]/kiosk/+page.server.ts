import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getCampaignBySlug } from '$lib/server/postcards/campaigns';
import { postcardFormAction } from '$lib/server/postcards/form';
import { kioskFromToken, KIOSK_COOKIE } from '$lib/server/postcards/kiosks';
import { formatDate } from '$lib/postcards/format';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ parent, cookies, request, locals, setHeaders }) => {
	const { campaign } = await parent();
	if ((campaign.state === 'closed' || campaign.state === 'archived') && request.method === 'GET') {
		error(410, m.postcard_campaign_closed_page({ title: campaign.title, date: formatDate(campaign.closesAt, locals.locale) }));
	}
	const kiosk = await kioskFromToken(cookies.get(KIOSK_COOKIE));
	// Nothing of one resident may be shown to the next: no copy of this page in any cache.
	setHeaders({ 'cache-control': 'no-store' });
	return {
		kiosk: kiosk && kiosk.campaignId === campaign.id ? { place: kiosk.place } : null,
		otherCampaign: !!kiosk && kiosk.campaignId !== campaign.id,
		submissionId: crypto.randomUUID(),
		opensOn: formatDate(campaign.opensAt, locals.locale)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const campaign = await getCampaignBySlug(event.params.slug);
		if (!campaign) error(404, m.postcard_campaign_not_found());
		return postcardFormAction(event, {
			slug: campaign.slug,
			campaignId: campaign.id,
			channel: 'kiosk',
			sentPath: (code) => `/p/${campaign.slug}/kiosk/sent?code=${encodeURIComponent(code)}`
		});
	}
};
