import { json, type RequestHandler } from '@sveltejs/kit';
import { listOpenCampaigns } from '$lib/server/postcards/campaigns';
import { campaignJson } from '$lib/server/postcards/api';

/** The campaigns open right now, with everything a client needs to show the postcard form. */
export const GET: RequestHandler = async ({ url }) => {
	const campaigns = await listOpenCampaigns();
	return json({ campaigns: await Promise.all(campaigns.map((c) => campaignJson(c, url.origin))) }, { headers: { 'cache-control': 'no-store' } });
};
