/**
 * Form posts and page loads for the login tests, from a chosen loopback address (127.0.0.x: each one a
 * different 'device' to the server) with a chosen cookie jar, answering status, location, cookies and body.
 */
import http from 'node:http';

export type Answer = { status: number; location: string | null; cookies: string[]; body: string; ms: number };

export function send(
	base: string,
	path: string,
	opts: { method?: string; form?: Record<string, string>; cookie?: string; from?: string } = {}
): Promise<Answer> {
	const url = new URL(path, base);
	const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
	const started = performance.now();
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: url.hostname,
				port: url.port,
				path: url.pathname + url.search,
				method: opts.method ?? (body ? 'POST' : 'GET'),
				localAddress: opts.from ?? '127.0.0.1',
				headers: {
					origin: base,
					accept: 'text/html',
					'accept-language': 'en',
					...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}),
					...(opts.cookie ? { cookie: opts.cookie } : {})
				}
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c) => (text += c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						location: (res.headers.location as string | undefined) ?? null,
						cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]),
						body: text,
						ms: performance.now() - started
					})
				);
			}
		);
		req.on('error', reject);
		if (body) req.write(body);
		req.end();
	});
}

/** The session cookie a login answer set, or null. */
export function session(a: Answer): string | null {
	return a.cookies.find((c) => c.startsWith('meespraak_session=') && c.length > 'meespraak_session='.length) ?? null;
}

/** Logs in through the form; answers the whole answer (a 303 with a session cookie when it worked). */
export function loginAs(base: string, who: { email: string; password: string }, opts: { from?: string; cookie?: string; next?: string } = {}) {
	const path = opts.next === undefined ? '/login' : `/login?next=${opts.next}`;
	return send(base, path, { form: { email: who.email, password: who.password }, from: opts.from, cookie: opts.cookie });
}
