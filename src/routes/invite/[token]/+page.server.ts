import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { acceptInvite, createSession, findInvite, passwordProblem } from '$lib/server/auth';
import { setSessionCookie } from '$lib/server/auth/cookie';

/** The invitation link an admin hands out: the invited person chooses a password and is logged in. */
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	// The token is in the URL: keep it out of Referer headers and caches.
	setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
	const user = await findInvite(params.token);
	if (!user || user.passwordHash || !user.active) return { invite: null };
	return { invite: { name: user.name, email: user.email } };
};

export const actions: Actions = {
	default: async ({ params, request, cookies, url }) => {
		const form = await request.formData();
		const password = String(form.get('password') ?? '');
		const again = String(form.get('passwordAgain') ?? '');
		const problem = passwordProblem(password);
		if (problem) return fail(400, { field: 'password' as const, problem });
		if (password !== again) return fail(400, { field: 'passwordAgain' as const, problem: 'mismatch' as const });
		const invited = await findInvite(params.token);
		const user = invited?.active ? await acceptInvite(params.token, password) : null;
		if (!user) return fail(410, { field: null, problem: 'invalid' as const });
		const session = await createSession(user.id);
		setSessionCookie(cookies, url, session.token, session.expiresAt);
		redirect(303, '/staff');
	}
};
