/** The staff session token in a socket's Cookie header (sockets bypass SvelteKit's hooks). */
import { SESSION_COOKIE } from '../auth';

export function sessionToken(cookieHeader: string | undefined): string | null {
	for (const part of (cookieHeader ?? '').split(';')) {
		const i = part.indexOf('=');
		if (i > 0 && part.slice(0, i).trim() === SESSION_COOKIE) {
			try {
				return decodeURIComponent(part.slice(i + 1).trim());
			} catch {
				return null;
			}
		}
	}
	return null;
}
