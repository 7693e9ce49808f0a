import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { SESSION_COOKIE } from '$lib/server/auth';
import { changePassword } from '$lib/server/auth/account';

/** One's own account: who is logged in, and changing the password (other sessions end). */
export const load: PageServerLoad = (event) => {
	const me = requireStaff(event);
	return { me: { name: me.name, email: me.email } };
};

export const actions: Actions = {
	password: async (event) => {
		const me = requireStaff(event);
		const form = await event.request.formData();
		const result = await changePassword(
			me,
			{ current: String(form.get('current') ?? ''), next: String(form.get('password') ?? ''), again: String(form.get('passwordAgain') ?? '') },
			{ keepToken: event.cookies.get(SESSION_COOKIE) ?? '', clientKey: event.getClientAddress() }
		);
		if (!result.ok) {
			const minutes = Math.max(1, Math.ceil((result.retryAfterMs ?? 60_000) / 60_000));
			return fail(result.error === 'rate_limited' ? 429 : 400, { error: result.error, minutes });
		}
		return { changed: true };
	}
};
