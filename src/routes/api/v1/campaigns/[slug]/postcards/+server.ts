import type { RequestHandler } from '@sveltejs/kit';
import { apiLocale, createdJson, problemsResponse, readJson, readPostcardBody, apiError } from '$lib/server/postcards/api';
import { senderOf } from '$lib/server/postcards/form';
import { receivePostcard } from '$lib/server/postcards/limits';
import { m } from '$lib/paraglide/messages';

/** Sends a postcard (channel 'api'). Same validation and rate limit as the online form. */
export const POST: RequestHandler = async (event) => {
	const read = await readJson(event.request, apiLocale(null, event.locals.locale));
	if (!read.ok) return read.response;
	const body = readPostcardBody(read.body, event.locals.locale);
	if (!body.ok) return apiError(400, 'invalid_input', m.api_invalid_input({}, { locale: body.locale }), { fields: body.fields });
	const { sender } = await senderOf(event);
	const result = await receivePostcard(event.params.slug!, { ...body.input, channel: 'api', locale: body.locale }, sender);
	if (!result.ok) return problemsResponse(result.problems, body.locale, result.retryAfterMs);
	return createdJson(result, event.url.origin, body.locale);
};
