import { error, redirect } from '@sveltejs/kit';
import QRCode from 'qrcode';
import type { PageServerLoad } from './$types';
import { sentViewFor, takeKey } from '$lib/server/postcards/sent';
import { minutesOf } from '$lib/server/ratelimit';
import { normalizeCode } from '$lib/server/postcards/codes';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ parent, url, setHeaders, cookies, getClientAddress }) => {
	const { campaign } = await parent();
	// The withdrawal key, shown on this one view only (a reload or going back does not show it again).
	const typed = url.searchParams.get('code');
	const key = takeKey(cookies, campaign.slug, normalizeCode(typed ?? '') ?? '');
	const sent = await sentViewFor(getClientAddress(), campaign.id, typed, { justSent: !!key });
	if (sent && 'throttled' in sent) error(429, m.secp_track_throttled({ minutes: minutesOf(sent.throttled) }));
	if (!sent) redirect(303, `/p/${campaign.slug}/kiosk`);
	setHeaders({ 'cache-control': 'no-store' });
	// A QR code of the status page: residents scan it with their own phone instead of writing the code down.
	const svg = await QRCode.toString(`${url.origin}/k/${sent.code}`, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return { sent, key, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
};
