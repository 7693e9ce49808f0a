import { json, type RequestHandler } from '@sveltejs/kit';
import { apiError, apiLocale, statusJson } from '$lib/server/postcards/api';
import { trackPostcard } from '$lib/server/postcards/status';
import { countMiss, lookupAllowed } from '$lib/server/postcards/tracking-limits';
import { minutesOf } from '$lib/server/ratelimit';
import { m } from '$lib/paraglide/messages';

/** The public status of a postcard, for whoever holds its code. Unknown codes are throttled (tracking-limits.ts). */
export const GET: RequestHandler = async ({ params, locals, getClientAddress }) => {
	const locale = apiLocale(null, locals.locale);
	const address = getClientAddress();
	const allowed = await lookupAllowed(address, params.code!);
	if (!allowed.ok) {
		return apiError(429, 'too_many_lookups', m.secp_api_lookup_throttled({ minutes: minutesOf(allowed.retryAfterMs) }, { locale }), {
			headers: { 'retry-after': String(Math.ceil(allowed.retryAfterMs / 1000)) }
		});
	}
	const p = await trackPostcard(params.code!);
	if (!p) {
		await countMiss(address, params.code!);
		return apiError(404, 'postcard_unknown', m.api_postcard_unknown({}, { locale }));
	}
	return json(statusJson(p), { headers: { 'cache-control': 'no-store' } });
};
