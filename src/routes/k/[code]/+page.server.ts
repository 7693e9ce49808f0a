import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { label } from '$lib/i18n';
import { formatDate } from '$lib/postcards/format';
import { deleteContactByCode, trackPostcard } from '$lib/server/postcards/status';

// 'Follow your postcard'. Whoever holds the code sees the card, its text included: the code is the key.
export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const typed = params.code === '-' ? '' : params.code;
	const p = await trackPostcard(typed);
	if (!p) return { typed, found: null };
	return {
		typed,
		found: {
			code: p.code,
			campaignTitle: label(p.campaign.titles, locals.locale),
			campaignSlug: p.campaign.slug,
			text: p.text,
			channel: p.channel,
			collectionPlace: p.collectionPlace,
			receivedOn: formatDate(p.receivedAt, locals.locale),
			publication: p.publication,
			onWall: p.onWall,
			steps: p.steps,
			hasEmail: p.hasEmail
		}
	};
};

export const actions: Actions = {
	forgetEmail: async ({ params }) => {
		const deleted = await deleteContactByCode(params.code);
		if (!deleted) return fail(404, { emailDeleted: false });
		return { emailDeleted: true };
	}
};
