import type { RequestHandler } from '@sveltejs/kit';
import { cachedOpenSignals, openSignalsCsv } from '$lib/server/plan/view';

/** The open data as CSV, one row per signal (columns in docs/api.md). */
const HEADERS = {
	'access-control-allow-origin': '*',
	'access-control-allow-methods': 'GET, OPTIONS',
	'cache-control': 'public, max-age=300'
};

export const GET: RequestHandler = async () =>
	new Response(openSignalsCsv(await cachedOpenSignals()), {
		headers: { ...HEADERS, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'inline; filename="meespraak-signalen.csv"' }
	});

export const OPTIONS: RequestHandler = () => new Response(null, { status: 204, headers: { ...HEADERS, 'access-control-max-age': '86400' } });
