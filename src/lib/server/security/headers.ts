/**
 * Response headers that tell the browser what a page may do. The Content-Security-Policy of pages comes
 * from SvelteKit (`kit.csp` in svelte.config.js, with a nonce per response for its scripts); this adds
 * who may frame a response, and the headers SvelteKit does not set.
 *
 * Framing: nothing may be framed, except the public postcard form (with its thank-you page) and the
 * public wall of a campaign when `EMBED_ORIGINS` lists the sites that may embed them (a city's website).
 */

/** Pages a city may embed in its own website: `/p/<slug>`, `/p/<slug>/sent`, `/p/<slug>/wall`. */
const EMBEDDABLE = /^\/p\/[^/]+(?:\/sent|\/wall)?\/?$/;

/** One CSP host source: `https://host`, `https://*.host`, with an optional port; nothing else. */
const HOST_SOURCE = /^https?:\/\/(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d{1,5})?$/;

/**
 * Reads `EMBED_ORIGINS` (space- or comma-separated origins, e.g. `https://www.brugge.be https://*.brugge.be`).
 * Anything that is not a plain origin is left out with a warning, so the value can never add other
 * directives to the header.
 */
export function parseEmbedOrigins(spec: string | undefined, warn: (msg: string) => void = console.warn): string[] {
	if (!spec) return [];
	const out: string[] = [];
	for (const raw of spec.split(/[\s,]/)) {
		if (!raw) continue;
		const origin = raw.toLowerCase().replace(/\/$/, '');
		if (origin.length <= 260 && HOST_SOURCE.test(origin)) out.push(origin);
		else warn(`EMBED_ORIGINS: "${raw.slice(0, 80)}" is not an origin like https://www.city.example; left out.`);
	}
	return out;
}

/** `HSTS_MAX_AGE` in seconds (unset or 0: no Strict-Transport-Security header). */
export function parseHstsMaxAge(spec: string | undefined): number {
	if (!spec) return 0;
	const s = spec.trim();
	if (!/^\d{1,10}$/.test(s)) throw new Error(`Cannot read HSTS_MAX_AGE "${spec}": give a number of seconds, e.g. 31536000 (one year), or 0.`);
	return Number(s);
}

export type SecurityOptions = { embedOrigins: string[]; hstsMaxAge: number };

let fromEnv: SecurityOptions | null = null;
export function securityOptions(): SecurityOptions {
	fromEnv ??= { embedOrigins: parseEmbedOrigins(process.env.EMBED_ORIGINS), hstsMaxAge: parseHstsMaxAge(process.env.HSTS_MAX_AGE) };
	return fromEnv;
}

/** Features no page uses; the projector's fullscreen stays allowed for this site itself. */
export const PERMISSIONS_POLICY = [
	'camera=()',
	'microphone=()',
	'geolocation=()',
	'display-capture=()',
	'payment=()',
	'usb=()',
	'serial=()',
	'hid=()',
	'bluetooth=()',
	'midi=()',
	'accelerometer=()',
	'gyroscope=()',
	'magnetometer=()',
	'browsing-topics=()',
	'fullscreen=(self)'
].join(', ');


/** The frame-ancestors value for a path. */
export function frameAncestors(pathname: string, options: SecurityOptions): string {
	if (options.embedOrigins.length && EMBEDDABLE.test(pathname)) return `'self' ${options.embedOrigins.join(' ')}`;
	return "'none'";
}

/** Sets the security headers on a response (headers a route set itself are kept). */
export function applySecurityHeaders(url: URL, headers: Headers, options: SecurityOptions = securityOptions()): void {
	const ancestors = frameAncestors(url.pathname, options);
	const type = headers.get('content-type') ?? '';
	const csp = headers.get('content-security-policy');
	if (csp) {
		// A page: SvelteKit's policy, plus who may frame it (frame-ancestors only works as a header).
		if (!/(^|;)\s*frame-ancestors\s/.test(csp)) headers.set('content-security-policy', `${csp}; frame-ancestors ${ancestors}`);
	} else if (type.startsWith('application/pdf')) {
		// A PDF opened in the browser's viewer: a sandbox would stop the viewer, so only framing is refused.
		headers.set('content-security-policy', `frame-ancestors ${ancestors}`);
	} else if (!type.startsWith('text/html')) {
		// Not a page (a download, JSON, a redirect): if a browser opens it, nothing in it runs.
		headers.set('content-security-policy', `default-src 'none'; frame-ancestors ${ancestors}; sandbox`);
	} else {
		// An HTML answer SvelteKit did not render (an error page of the adapter): no scripts, no framing.
		headers.set('content-security-policy', `default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self'; frame-ancestors ${ancestors}`);
	}
	if (ancestors === "'none'") headers.set('x-frame-options', 'DENY');
	else headers.delete('x-frame-options');
	headers.set('x-content-type-options', 'nosniff');
	if (!headers.has('referrer-policy')) headers.set('referrer-policy', 'same-origin');
	headers.set('permissions-policy', PERMISSIONS_POLICY);
	// Another site's window opened from here (or opening this) gets no handle on it. Embedding is not affected.
	headers.set('cross-origin-opener-policy', 'same-origin');
	// Only open data may be read by other sites' pages (it answers CORS itself).
	if (!url.pathname.startsWith('/api/v1/open/')) headers.set('cross-origin-resource-policy', 'same-origin');
	if (options.hstsMaxAge > 0 && url.protocol === 'https:') headers.set('strict-transport-security', `max-age=${options.hstsMaxAge}`);
}
