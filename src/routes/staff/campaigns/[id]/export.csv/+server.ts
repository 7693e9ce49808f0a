import type { RequestHandler } from './$types';
import { exportFileName, exportRows, rowsToCsv } from '$lib/server/postcards/export';
import { staffCampaign } from '../../campaign.server';

export const GET: RequestHandler = async (event) => {
	const { campaign } = await staffCampaign(event);
	return new Response(rowsToCsv(await exportRows(campaign.id)), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${exportFileName(campaign.slug, 'csv')}"`,
			'cache-control': 'no-store'
		}
	});
};
