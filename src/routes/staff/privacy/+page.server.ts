import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { deleteContactForResident, withdrawTextForResident } from '$lib/server/feedback/privacy';
import { trackPostcard } from '$lib/server/postcards/status';
import { normalizeCode } from '$lib/server/postcards/codes';

// A resident's request about their postcard, handled by staff (moderator or admin): for cards whose
// writer has neither the withdrawal key nor an address on file (paper cards, older cards), the tracking
// page tells them to ask the city. Staff check who is asking the way the city does at its desks.
export const load: PageServerLoad = async (event) => {
	requireStaff(event, 'moderator');
	event.setHeaders({ 'cache-control': 'no-store' });
	const typed = event.url.searchParams.get('code') ?? '';
	if (!typed) return { typed, card: null };
	const p = await trackPostcard(typed, event.locals.locale);
	if (!p) return { typed, card: null };
	return { typed, card: { code: p.code, textWithdrawn: p.textWithdrawn, hasEmail: p.hasEmail, text: p.text } };
};

async function codeOf(request: Request): Promise<string> {
	const v = (await request.formData()).get('code');
	return typeof v === 'string' ? v : '';
}

export const actions: Actions = {
	withdraw: async (event) => {
		const user = requireStaff(event, 'moderator');
		const code = await codeOf(event.request);
		const r = await withdrawTextForResident(user, code);
		if (!r.ok) return fail(r.error === 'forbidden' ? 403 : 404, { problem: r.error });
		redirect(303, `?code=${encodeURIComponent(normalizeCode(code) ?? code)}&done=withdrawn`);
	},
	deleteContact: async (event) => {
		const user = requireStaff(event, 'moderator');
		const code = await codeOf(event.request);
		const r = await deleteContactForResident(user, code);
		if (!r.ok) return fail(r.error === 'forbidden' ? 403 : 404, { problem: r.error });
		redirect(303, `?code=${encodeURIComponent(normalizeCode(code) ?? code)}&done=deleted`);
	}
};
