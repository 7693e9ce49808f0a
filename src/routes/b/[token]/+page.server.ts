import type { PageServerLoad } from './$types';
import { openBoard } from '$lib/server/boards';

/**
 * A board opened with a link (workshop participants, no account). The link is checked here too, so
 * that an unknown or expired link gets its explanation without waiting for the live connection.
 */
export const load: PageServerLoad = async ({ params, url }) => {
	const r = await openBoard({ kind: 'link', token: params.token });
	return {
		token: params.token,
		problem: r.ok ? null : r.error,
		title: r.ok ? r.board.title : null,
		view: url.searchParams.get('view') === 'outline' ? ('outline' as const) : ('board' as const),
		present: url.searchParams.get('present') === '1'
	};
};
