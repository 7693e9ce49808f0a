import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { chainForTableContact } from '$lib/server/feedback/chain';
import { TOKEN_COOKIE } from '../token';

/**
 * What became of a table's recommendations, for a participant who took part from this phone (the
 * participant token the phone keeps, as a cookie scoped to /t/<code>): the signals the table's input
 * backs, the councils' advice and the plan decisions, in their language.
 */
export const load: PageServerLoad = async ({ params, cookies, url, locals, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const token = url.searchParams.get('token') || cookies.get(TOKEN_COOKIE) || '';
	const chain = token ? await chainForTableContact(params.code, token, locals.locale) : null;
	if (!chain) error(404, m.feedback_follow_unknown());
	return { chain };
};
