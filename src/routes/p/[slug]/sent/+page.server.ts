import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { sentView, takeKey } from '$lib/server/postcards/sent';

// The thank-you page. Help lines come from the stored postcard, never from the URL (which stays in the
// browser's history): only the code is in the address.
export const load: PageServerLoad = async ({ parent, url, setHeaders, cookies }) => {
	const { campaign } = await parent();
	const sent = await sentView(campaign.id, url.searchParams.get('code'));
	if (!sent) redirect(303, `/p/${campaign.slug}`);
	setHeaders({ 'cache-control': 'no-store' });
	// The withdrawal key, shown on this one view only (a reload or going back does not show it again).
	const key = takeKey(cookies, campaign.slug, sent.code);
	return { sent, key };
};
