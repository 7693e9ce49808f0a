import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { acceptInvite, createSession, findInvite, passwordProblem } from '$lib/server/auth';
import { setSessionCookie } from '$lib/server/auth/cookie';

/**
 * The one-time link an admin hands out: an invitation (the person chooses a first password) or a reset
 * (an account that has a password chooses a new one; every other session ends). Either way the person
 * is logged in afterwards.
 */
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	// The token is in the URL: keep it out of Referer headers and caches.
	setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
	const user = await findInvite(params.token);
	if (!user || !user.active) return { invite: null };
	return { invite: { name: user.name, email: user.email, reset: user.passwordHash !== null } };
};

export const actions: Actions = {
	default: async ({ params, request, cookies, url }) => {
		const form = await request.formData();
		const password = String(form.get('password') ?? '');
		const again = String(form.get('passwordAgain') ?? '');
		const invited = await findInvite(params.token);
		if (!invited?.active) return fail(410, { field: null, problem: 'invalid' as const });
		const problem = passwordProblem(password, { email: invited.email, name: invited.name });
		if (problem) return fail(400, { field: 'password' as const, problem });
		if (password !== again) return fail(400, { field: 'passwordAgain' as const, problem: 'mismatch' as const });
		const user = await acceptInvite(params.token, password);
		if (!user) return fail(410, { field: null, problem: 'invalid' as const });
		const session = await createSession(user.id);
		setSessionCookie(cookies, url, session.token, session.expiresAt);
		redirect(303, '/staff');
	}
};
