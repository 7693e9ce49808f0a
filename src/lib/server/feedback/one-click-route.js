// RFC 8058 one-click stop, the part that runs before SvelteKit. Plain JavaScript: used by server.js.
//
// A mail program (Gmail, Outlook, …) stops messages by POSTing `List-Unsubscribe=One-Click` to the URL
// in the List-Unsubscribe header, our stop link /stop/<token>, with no Origin or its own. SvelteKit
// refuses every cross-site form post (CSRF) before the app sees it, and must keep doing so everywhere
// else. This hands exactly those posts to the endpoint /stop/<token>/one-click, under a content type
// that is not a form's (the original is kept in a header for the endpoint). Safe by construction: the
// signed token in the path is the capability, and all the endpoint can do is stop that contact's
// messages; a post from our own page (same host in its Origin) still goes to the page's form action.

export const ONE_CLICK_TYPE_HEADER = 'x-meespraak-one-click-type';
const STOP_PATH = /^\/stop\/([A-Za-z0-9._-]{1,80})\/?(\?.*)?$/;

/** @param {string | undefined} origin @param {import('node:http').IncomingMessage} req */
function sameSite(origin, req) {
	if (!origin || origin === 'null') return false;
	let host;
	try {
		host = new URL(origin).host;
	} catch {
		return false;
	}
	if (host === req.headers.host) return true;
	try {
		return !!process.env.ORIGIN && host === new URL(process.env.ORIGIN).host;
	} catch {
		return false;
	}
}

/** Rewrites a mail program's one-click POST to the stop link in place; true when it did.
 * @param {import('node:http').IncomingMessage} req */
export function routeOneClick(req) {
	if (req.method !== 'POST' || typeof req.url !== 'string') return false;
	const m = STOP_PATH.exec(req.url);
	if (!m || sameSite(req.headers.origin, req)) return false;
	req.headers[ONE_CLICK_TYPE_HEADER] = req.headers['content-type'] ?? '';
	req.headers['content-type'] = 'application/x-meespraak-one-click';
	req.url = `/stop/${m[1]}/one-click`;
	return true;
}
