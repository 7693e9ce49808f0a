import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { label } from '$lib/i18n';
import { formatDate } from '$lib/postcards/format';
import { trackPostcard } from '$lib/server/postcards/status';
import { deleteContact, withdrawText } from '$lib/server/feedback/privacy';

// 'Follow your postcard'. Whoever holds the code sees the card, its text included: the code is the key.
// The steps carry the chain: the signals the card backs, the councils' advice, the city's decision.
export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const typed = params.code === '-' ? '' : params.code;
	const p = await trackPostcard(typed, locals.locale);
	if (!p) return { typed, found: null };
	return {
		typed,
		found: {
			code: p.code,
			campaignTitle: label(p.campaign.titles, locals.locale),
			campaignSlug: p.campaign.slug,
			text: p.text,
			textWithdrawn: p.textWithdrawn,
			withdrawnOn: p.textWithdrawnAt ? formatDate(p.textWithdrawnAt, locals.locale) : null,
			channel: p.channel,
			collectionPlace: p.collectionPlace,
			receivedOn: formatDate(p.receivedAt, locals.locale),
			publication: p.publication,
			onWall: p.onWall,
			steps: p.steps,
			hasEmail: p.hasEmail,
			signals: p.chain.signals,
			decided: p.chain.progress.decision === 'done'
		}
	};
};

export const actions: Actions = {
	forgetEmail: async ({ params }) => {
		const deleted = await deleteContact(params.code);
		if (!deleted) return fail(404, { emailDeleted: false });
		return { emailDeleted: true };
	},
	withdrawText: async ({ params }) => {
		const r = await withdrawText(params.code);
		if (!r.ok) return fail(r.error === 'not_found' ? 404 : 400, { textWithdrawn: false });
		return { textWithdrawn: true };
	}
};
