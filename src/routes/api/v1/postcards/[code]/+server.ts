import { json, type RequestHandler } from '@sveltejs/kit';
import { apiError, apiLocale, statusJson } from '$lib/server/postcards/api';
import { trackPostcard } from '$lib/server/postcards/status';
import { m } from '$lib/paraglide/messages';

/** The public status of a postcard, for whoever holds its code. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const p = await trackPostcard(params.code!);
	if (!p) return apiError(404, 'postcard_unknown', m.api_postcard_unknown({}, { locale: apiLocale(null, locals.locale) }));
	return json(statusJson(p), { headers: { 'cache-control': 'no-store' } });
};
