import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { sentViewFor, takeKey } from '$lib/server/postcards/sent';
import { minutesOf } from '$lib/server/ratelimit';
import { normalizeCode } from '$lib/server/postcards/codes';
import { m } from '$lib/paraglide/messages';

// The thank-you page. Help lines come from the stored postcard, never from the URL (which stays in the
// browser's history): only the code is in the address.
export const load: PageServerLoad = async ({ parent, url, setHeaders, cookies, getClientAddress }) => {
	const { campaign } = await parent();
	// The withdrawal key, shown on this one view only (a reload or going back does not show it again).
	const typed = url.searchParams.get('code');
	const key = takeKey(cookies, campaign.slug, normalizeCode(typed ?? '') ?? '');
	const sent = await sentViewFor(getClientAddress(), campaign.id, typed, { justSent: !!key });
	if (sent && 'throttled' in sent) error(429, m.secp_track_throttled({ minutes: minutesOf(sent.throttled) }));
	if (!sent) redirect(303, `/p/${campaign.slug}`);
	setHeaders({ 'cache-control': 'no-store' });
	return { sent, key };
};
