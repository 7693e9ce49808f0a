import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { createSession, login } from '$lib/server/auth';
import { m } from '$lib/paraglide/messages';
import { setSessionCookie } from '$lib/server/auth/cookie';

function safeNext(next: string | null): string {
	return next && next.startsWith('/') && !next.startsWith('//') ? next : '/staff';
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
		if (!email || !password) return fail(400, { email, message: m.login_missing() });
		const result = await login(email, password, getClientAddress());
		if (!result.ok) {
			if (result.reason === 'rate_limited') {
				const minutes = Math.max(1, Math.ceil((result.retryAfterMs ?? 60_000) / 60_000));
				return fail(429, { email, message: m.login_rate_limited({ minutes }) });
			}
			return fail(400, { email, message: m.login_invalid() });
		}
		const session = await createSession(result.user.id);
		setSessionCookie(cookies, url, session.token, session.expiresAt);
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};
