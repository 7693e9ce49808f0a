/**
 * Response headers a browser acts on: a Content-Security-Policy whose scripts need this response's nonce,
 * no framing by other sites, no referrer to other sites, no camera or microphone, an opener policy; and
 * downloads that a browser could open carry a policy that runs nothing. As a visitor's browser sees them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, useServer } from './server';

const own = useServer('headers-csp');

/** The directives of a CSP header, by name. */
function directives(csp: string | null): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const part of (csp ?? '').split(';')) {
		const [name, ...values] = part.trim().split(/\s+/);
		if (name) out.set(name.toLowerCase(), values);
	}
	return out;
}

async function get(path: string, cookie = '') {
	const res = await fetch(`${own.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
	return { res, body: await res.text() };
}

/** What every answer carries, page or not. */
function expectCommon(h: Headers, path: string) {
	expect(h.get('x-content-type-options'), path).toBe('nosniff');
	expect(h.get('referrer-policy'), path).toMatch(/^(same-origin|no-referrer|strict-origin)$/);
	const pp = h.get('permissions-policy') ?? '';
	for (const feature of ['camera', 'microphone', 'geolocation', 'display-capture', 'payment', 'usb']) expect(pp, path).toContain(`${feature}=()`);
	expect(h.get('cross-origin-opener-policy'), path).toBe('same-origin');
	// Plain HTTP without HSTS_MAX_AGE: no Strict-Transport-Security (it belongs to a TLS site).
	expect(h.get('strict-transport-security'), path).toBeNull();
}

describe('pages carry a strict Content-Security-Policy and may not be framed', () => {
	let staff = '';
	let workshop = '';
	beforeAll(async () => {
		staff = await own.login(DEMO.facilitator);
		const list = await get('/staff/workshops', staff);
		workshop = /href="(\/staff\/workshops\/\d+)"/.exec(list.body)?.[1] ?? '';
	});

	const PAGES: [string, boolean][] = [
		['/', false],
		['/login', false],
		['/p/brugge-draait-om-mensen', false],
		['/p/brugge-draait-om-mensen/wall', false],
		['/p/brugge-draait-om-mensen/kiosk', false],
		['/t/TAF-234', false],
		['/present/TAF-234', false],
		['/wij-deden', false],
		['/staff', true],
		['/staff/tables/SCH-258/report', true],
		['/staff/boards', true],
		['/staff/personas', true]
	];

	it('every page: scripts only from this site or with the nonce of this response; no plugins, base or foreign forms', async () => {
		for (const [path, asStaff] of PAGES) {
			const { res, body } = await get(path, asStaff ? staff : '');
			expect(res.status, path).toBe(200);
			const csp = res.headers.get('content-security-policy');
			const d = directives(csp);
			const scripts = d.get('script-src') ?? [];
			expect(scripts, `${path}: ${csp}`).toContain("'self'");
			expect(scripts).not.toContain("'unsafe-inline'");
			expect(scripts).not.toContain("'unsafe-eval'");
			expect(scripts.join(' ')).not.toMatch(/\*|https?:|data:/);
			const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
			expect(nonce, `${path} has a nonce`).toBeTruthy();
			// Every inline script of the page carries this response's nonce; nothing else would run.
			const inline = [...body.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
			expect(inline.length, path).toBeGreaterThan(0);
			for (const s of inline) expect(s[1], path).toContain(`nonce="${nonce}"`);
			expect(d.get('default-src')).toEqual(["'self'"]);
			expect(d.get('object-src')).toEqual(["'none'"]);
			expect(d.get('base-uri')).toEqual(["'self'"]);
			expect(d.get('form-action')).toEqual(["'self'"]);
			expect(d.get('connect-src')).toEqual(["'self'"]);
			expect(d.get('frame-ancestors'), path).toEqual(["'none'"]);
			expect(res.headers.get('x-frame-options'), path).toBe('DENY');
			expectCommon(res.headers, path);
		}
	});

	it('a new nonce on every response', async () => {
		const nonces = new Set<string>();
		for (let i = 0; i < 5; i++) {
			const { res } = await get('/p/brugge-draait-om-mensen');
			nonces.add(/'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1] ?? '');
		}
		expect(nonces.size).toBe(5);
	});

	it('downloads and JSON: a policy that runs nothing, no framing, attachments stay attachments', async () => {
		expect(workshop, 'the demo workshop is listed').toBeTruthy();
		const downloads: [string, RegExp][] = [
			['/staff/tables/SCH-258/report/report.md', /^text\/markdown/],
			['/staff/tables/SCH-258/report/report.csv', /^text\/csv/],
			[`${workshop}/addendum/addendum.md`, /^text\/markdown/],
			['/api/v1/open/signals.json', /^application\/json/],
			['/healthz', /^application\/json/]
		];
		for (const [path, type] of downloads) {
			const { res } = await get(path, staff);
			expect(res.status, path).toBe(200);
			expect(res.headers.get('content-type'), path).toMatch(type);
			const d = directives(res.headers.get('content-security-policy'));
			expect(d.get('default-src'), path).toEqual(["'none'"]);
			expect(d.has('sandbox'), path).toBe(true);
			expect(d.get('frame-ancestors'), path).toEqual(["'none'"]);
			expect(res.headers.get('x-frame-options'), path).toBe('DENY');
			expectCommon(res.headers, path);
		}
		// A PDF opens in the browser's own viewer, which a sandbox would stop: only framing is refused.
		const { res } = await get(`${workshop}/addendum/addendum.pdf`, staff);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^application\/pdf/);
		expect(directives(res.headers.get('content-security-policy')).get('frame-ancestors')).toEqual(["'none'"]);
		expect(res.headers.get('x-frame-options')).toBe('DENY');
		expectCommon(res.headers, 'pdf');
	});

	it('open data stays readable by other sites; the rest only by this one', async () => {
		const open = await get('/api/v1/open/signals.json');
		expect(open.res.headers.get('cross-origin-resource-policy')).toBeNull();
		expect(open.res.headers.get('access-control-allow-origin')).toBe('*');
		const page = await get('/p/brugge-draait-om-mensen');
		expect(page.res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
	});

	it('an invitation link keeps its stricter no-referrer', async () => {
		const { res } = await get('/invite/not-a-real-token-but-long-enough');
		expect(res.headers.get('referrer-policy')).toBe('no-referrer');
	});

	it('the server still answers /healthz', async () => {
		expect(await own.alive()).toBe(true);
	});
});
