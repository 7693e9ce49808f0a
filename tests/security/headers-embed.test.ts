/**
 * Embedding is opt-in: with EMBED_ORIGINS a city's website may frame the public postcard form, its
 * thank-you page and the wall, and nothing else; a value that tries to smuggle in other directives is
 * left out. HSTS_MAX_AGE adds Strict-Transport-Security on a site served over https (ORIGIN).
 */
import { describe, expect, it } from 'vitest';
import { useServer } from './server';

const own = useServer('headers-embed', {
	EMBED_ORIGINS: "https://www.brugge.example, https://*.brugge.example https://evil.example;script-src * 'unsafe-inline'",
	HSTS_MAX_AGE: '31536000',
	ORIGIN: 'https://meespraak.brugge.example'
});

const ancestors = (csp: string | null) => /(?:^|;)\s*frame-ancestors ([^;]*)/.exec(csp ?? '')?.[1].trim();

describe('embedding is opt-in and limited to the public postcard pages', () => {
	it('the postcard form, its thank-you page and the wall may be framed by the listed sites only', async () => {
		for (const path of ['/p/brugge-draait-om-mensen', '/p/brugge-draait-om-mensen/wall', '/p/brugge-draait-om-mensen/sent?code=XXXX']) {
			const res = await fetch(`${own.url}${path}`, { redirect: 'manual' });
			const csp = res.headers.get('content-security-policy');
			expect(ancestors(csp), path).toBe("'self' https://www.brugge.example https://*.brugge.example");
			// X-Frame-Options cannot name sites: it is left out where framing is allowed.
			expect(res.headers.get('x-frame-options'), path).toBeNull();
			// The smuggled directive went nowhere: scripts still need the nonce.
			expect(csp).not.toContain('evil.example');
			expect(csp ?? '').not.toMatch(/script-src[^;]*(\*|unsafe-inline)/);
		}
	});

	it('every other page still refuses to be framed', async () => {
		for (const path of ['/p/brugge-draait-om-mensen/kiosk', '/login', '/t/TAF-234', '/present/TAF-234', '/k/ABCD-EFGH', '/p/brugge-draait-om-mensen/wall/x']) {
			const res = await fetch(`${own.url}${path}`, { redirect: 'manual' });
			if (!res.headers.get('content-security-policy')) continue;
			expect(ancestors(res.headers.get('content-security-policy')), path).toBe("'none'");
			expect(res.headers.get('x-frame-options'), path).toBe('DENY');
		}
	});

	it('Strict-Transport-Security on an https site when HSTS_MAX_AGE is set', async () => {
		const res = await fetch(`${own.url}/p/brugge-draait-om-mensen`);
		expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
		expect(await own.alive()).toBe(true);
	});
});
