import { redirect, type RequestHandler } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { cookieName, cookieMaxAge } from '$lib/paraglide/runtime';

/** The language switcher posts here (no JavaScript needed); the choice is kept in paraglide's cookie. */
export const POST: RequestHandler = async ({ request, cookies }) => {
	const form = await request.formData();
	const locale = form.get('locale');
	const next = String(form.get('next') ?? '/');
	if (isLocale(locale)) {
		cookies.set(cookieName, locale, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax' });
	}
	redirect(303, next.startsWith('/') && !next.startsWith('//') ? next : '/');
};
