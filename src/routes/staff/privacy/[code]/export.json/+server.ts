import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { requireStaff } from '$lib/server/auth/guard';
import { exportTrackingCode } from '$lib/server/feedback/privacy';

// Everything held about one tracking code (the postcard, its tags, moderation log, contact, signals,
// messages), for a moderator or admin answering a resident. Never cached.
export const GET: RequestHandler = async (event) => {
	const user = requireStaff(event, 'moderator');
	const r = await exportTrackingCode(user, event.params.code);
	if (!r.ok) error(r.error === 'forbidden' ? 403 : 404, r.error === 'forbidden' ? m.error_forbidden() : m.error_not_found());
	return json(r.data, {
		headers: {
			'cache-control': 'no-store',
			'content-disposition': `attachment; filename="meespraak-${r.data.postcard.code}.json"`
		}
	});
};
