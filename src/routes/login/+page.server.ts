import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { createSession, login } from '$lib/server/auth';
import { m } from '$lib/paraglide/messages';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { safeNext } from '$lib/server/auth/redirect';
import { KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_DAYS, rememberDevice } from '$lib/server/auth/throttle';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next'), url.origin));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
		if (!email || !password) return fail(400, { email, message: m.login_missing() });
		const known = cookies.get(KNOWN_DEVICE_COOKIE);
		const result = await login(email, password, getClientAddress(), known);
		if (!result.ok) {
			if (result.reason === 'rate_limited') {
				const minutes = Math.max(1, Math.ceil((result.retryAfterMs ?? 60_000) / 60_000));
				return fail(429, { email, message: m.login_rate_limited({ minutes }) });
			}
			return fail(400, { email, message: m.login_invalid() });
		}
		const session = await createSession(result.user.id);
		setSessionCookie(cookies, url, session.token, session.expiresAt);
		// This device may go on trying this account while strangers' failures hold new devices back.
		cookies.set(KNOWN_DEVICE_COOKIE, rememberDevice(known, result.user.email), {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: KNOWN_DEVICE_DAYS * 86_400
		});
		redirect(303, safeNext(url.searchParams.get('next'), url.origin));
	}
};
