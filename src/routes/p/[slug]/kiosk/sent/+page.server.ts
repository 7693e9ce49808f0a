import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { sentView } from '$lib/server/postcards/sent';

export const load: PageServerLoad = async ({ parent, url, setHeaders }) => {
	const { campaign } = await parent();
	const sent = await sentView(campaign.id, url.searchParams.get('code'));
	if (!sent) redirect(303, `/p/${campaign.slug}/kiosk`);
	setHeaders({ 'cache-control': 'no-store' });
	return { sent };
};
