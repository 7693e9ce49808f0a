import { json, type RequestHandler } from '@sveltejs/kit';
import { cachedOpenSignals } from '$lib/server/plan/view';

/** Open data, for anyone: what the city decided about its signals (no personal data; docs/api.md). */
const HEADERS = {
	'access-control-allow-origin': '*',
	'access-control-allow-methods': 'GET, OPTIONS',
	'cache-control': 'public, max-age=300'
};

export const GET: RequestHandler = async ({ url }) => {
	const signals = await cachedOpenSignals();
	return json(
		{
			generatedAt: new Date().toISOString(),
			count: signals.length,
			csvUrl: `${url.origin}/api/v1/open/signals.csv`,
			signals
		},
		{ headers: HEADERS }
	);
};

export const OPTIONS: RequestHandler = () => new Response(null, { status: 204, headers: { ...HEADERS, 'access-control-max-age': '86400' } });
