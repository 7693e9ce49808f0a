import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from '.';

/** The one way the session cookie is written: httpOnly, whole site, secure on https. */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: expiresAt
	});
}
