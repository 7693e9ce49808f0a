import { redirect } from '@sveltejs/kit';
import QRCode from 'qrcode';
import type { PageServerLoad } from './$types';
import { sentView, takeKey } from '$lib/server/postcards/sent';

export const load: PageServerLoad = async ({ parent, url, setHeaders, cookies }) => {
	const { campaign } = await parent();
	const sent = await sentView(campaign.id, url.searchParams.get('code'));
	if (!sent) redirect(303, `/p/${campaign.slug}/kiosk`);
	setHeaders({ 'cache-control': 'no-store' });
	// The withdrawal key, shown on this one view only (a reload or going back does not show it again).
	const key = takeKey(cookies, campaign.slug, sent.code);
	// A QR code of the status page: residents scan it with their own phone instead of writing the code down.
	const svg = await QRCode.toString(`${url.origin}/k/${sent.code}`, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return { sent, key, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
};
