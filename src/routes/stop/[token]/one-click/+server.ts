import { redirect, text, type RequestHandler } from '@sveltejs/kit';
import { stopByToken } from '$lib/server/feedback/privacy';
import { ONE_CLICK_TYPE_HEADER, isOneClickBody } from '$lib/server/feedback/one-click';
import { apiLocale } from '$lib/server/postcards/api';
import { m } from '$lib/paraglide/messages';

/**
 * RFC 8058 one-click stop: a mail program posts `List-Unsubscribe=One-Click` to the stop link, without
 * this site's Origin (server.js routes such posts here; see feedback/one-click.ts). Only that body
 * acts; the token is the capability, and all it can do is stop messages and delete that address.
 */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const locale = apiLocale(null, locals.locale);
	const headers = { 'cache-control': 'no-store' };
	if (!(await isOneClickBody(request, request.headers.get(ONE_CLICK_TYPE_HEADER)))) {
		return text('Expected the body List-Unsubscribe=One-Click (RFC 8058).', { status: 400, headers });
	}
	const r = await stopByToken(params.token);
	if (!r.ok) return text(m.secp_stop_oneclick_forged({}, { locale }), { status: 404, headers });
	return text(m.secp_stop_oneclick_done({}, { locale }), { status: 200, headers });
};

/** Opened in a browser: the page with its button. */
export const GET: RequestHandler = ({ params }) => redirect(303, `/stop/${encodeURIComponent(params.token!)}`);
