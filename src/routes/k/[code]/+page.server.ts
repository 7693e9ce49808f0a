import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { label } from '$lib/i18n';
import { formatDate } from '$lib/postcards/format';
import { trackPostcard } from '$lib/server/postcards/status';
import { changeAllowed, countMiss, countRefusal, lookupAllowed } from '$lib/server/postcards/tracking-limits';
import { deleteContact, withdrawText, type PrivacyError } from '$lib/server/feedback/privacy';
import { minutesOf } from '$lib/server/ratelimit';
import { m } from '$lib/paraglide/messages';

// 'Follow your postcard'. Whoever holds the code sees the card, its text included: the code is the key.
// The steps carry the chain: the signals the card backs, the councils' advice, the city's decision.
// Lookups that find nothing, and refused withdrawals and deletions, are throttled (tracking-limits.ts);
// withdrawing or deleting also needs the card's key or email address.
export const load: PageServerLoad = async ({ params, locals, setHeaders, getClientAddress }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const typed = params.code === '-' ? '' : params.code;
	if (!typed) return { typed, found: null };
	const address = getClientAddress();
	const allowed = await lookupAllowed(address, typed);
	if (!allowed.ok) {
		setHeaders({ 'retry-after': String(Math.ceil(allowed.retryAfterMs / 1000)) });
		error(429, m.secp_track_throttled({ minutes: minutesOf(allowed.retryAfterMs) }));
	}
	const p = await trackPostcard(typed, locals.locale);
	if (!p) {
		await countMiss(address, typed);
		return { typed, found: null };
	}
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
			hasKey: p.hasKey,
			signals: p.chain.signals,
			decided: p.chain.progress.decision === 'done'
		}
	};
};

type Which = 'withdraw' | 'email';

/** Runs a withdrawal or deletion behind the throttle; a refusal counts towards it and says why. */
async function guarded(event: RequestEvent, which: Which, run: (factor: unknown) => Promise<{ ok: true } | { ok: false; error: PrivacyError }>) {
	const address = event.getClientAddress();
	const allowed = await changeAllowed(address);
	if (!allowed.ok) {
		event.setHeaders({ 'retry-after': String(Math.ceil(allowed.retryAfterMs / 1000)) });
		return fail(429, { which, problem: 'throttled' as const, minutes: minutesOf(allowed.retryAfterMs) });
	}
	const factor = (await event.request.formData()).get('factor');
	const r = await run(factor);
	if (r.ok) return null;
	await countRefusal(address);
	const status = r.error === 'not_found' ? 404 : r.error === 'factor_wrong' ? 403 : 400;
	return fail(status, { which, problem: r.error });
}

export const actions: Actions = {
	forgetEmail: async (event) => {
		// Also when there was no address (any more): either way none is kept.
		const refused = await guarded(event, 'email', (factor) => deleteContact(event.params.code, factor));
		return refused ?? { emailDeleted: true };
	},
	withdrawText: async (event) => {
		const refused = await guarded(event, 'withdraw', (factor) => withdrawText(event.params.code, factor));
		return refused ?? { textWithdrawn: true };
	}
};
