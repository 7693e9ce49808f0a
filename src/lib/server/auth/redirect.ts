/**
 * Where the login page may send someone afterwards: only a path on this site. Anything a browser could
 * read as another host (`//evil`, `/\evil`, `https:evil`, tabs and newlines it strips, backslashes it
 * turns into slashes) falls back to the staff home page.
 */
export const AFTER_LOGIN = '/staff';

export function safeNext(next: string | null | undefined, origin: string): string {
	if (!next || next.length > 2000) return AFTER_LOGIN;
	// One slash, then not a second slash or backslash; no control characters, spaces or backslashes anywhere.
	if (!/^\/(?![/\\])/.test(next) || /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\\]/.test(next)) return AFTER_LOGIN;
	let url: URL;
	try {
		url = new URL(next, origin);
	} catch {
		return AFTER_LOGIN;
	}
	if (url.origin !== new URL(origin).origin) return AFTER_LOGIN;
	return url.pathname + url.search + url.hash;
}
