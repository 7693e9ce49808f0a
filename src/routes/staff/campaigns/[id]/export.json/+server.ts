import type { RequestHandler } from './$types';
import { label } from '$lib/i18n';
import { exportFileName, exportRows } from '$lib/server/postcards/export';
import { staffCampaign } from '../../campaign.server';

export const GET: RequestHandler = async (event) => {
	const { campaign } = await staffCampaign(event);
	const body = {
		campaign: { slug: campaign.slug, title: label(campaign.titles, 'nl'), exportedAt: new Date().toISOString() },
		postcards: await exportRows(campaign.id)
	};
	return new Response(JSON.stringify(body, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${exportFileName(campaign.slug, 'json')}"`,
			'cache-control': 'no-store'
		}
	});
};
