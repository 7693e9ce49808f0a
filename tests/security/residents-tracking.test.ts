/**
 * Tracking codes, withdrawal, stop links and paper codes against a real server (issue 12: "Guessable
 * tracking codes", "Stop link on GET"). The server runs as behind a reverse proxy (ADDRESS_HEADER), so
 * that one test can speak from many client addresses, the way a botnet would.
 */
import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { DEMO, useServer } from './server';

const SECRET = 'residents-test-secret-0123456789';
const SLUG = 'brugge-draait-om-mensen';
const own = useServer('residents', {
	ADDRESS_HEADER: 'x-forwarded-for',
	XFF_DEPTH: '1',
	MEESPRAAK_SECRET: SECRET,
	TRACKING_LOOKUP_GLOBAL_LIMIT: '100/1h'
});

let lastAddress = 0;
/** A client address of its own for each caller (TEST-NET-2 and -3). */
const newAddress = () => {
	lastAddress++;
	return `${lastAddress < 250 ? '198.51.100' : '203.0.113'}.${(lastAddress % 250) + 1}`;
};

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const randomCode = (length: number) => {
	let raw = '';
	for (let i = 0; i < length; i++) raw += ALPHABET[crypto.randomInt(ALPHABET.length)];
	return length === 6 ? `${raw.slice(0, 3)}-${raw.slice(3)}` : `${raw.slice(0, 5)}-${raw.slice(5, 10)}-${raw.slice(10)}`;
};

const get = (path: string, address: string, headers: Record<string, string> = {}) =>
	fetch(`${own.url}${path}`, { redirect: 'manual', headers: { 'x-forwarded-for': address, 'accept-language': 'en', ...headers } });

/** A form action posted the way the page's enhanced form does; answers SvelteKit's JSON. */
async function action(path: string, fields: Record<string, string>, address: string) {
	const res = await fetch(`${own.url}${path}`, {
		method: 'POST',
		headers: { origin: own.url, 'x-forwarded-for': address, 'x-sveltekit-action': 'true', accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
		body: new URLSearchParams(fields)
	});
	return { status: res.status, body: (await res.json()) as { type: string; status: number; data: string } };
}

async function send(text: string, email: string | null, address = newAddress()) {
	const res = await fetch(`${own.url}/api/v1/campaigns/${SLUG}/postcards`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
		body: JSON.stringify({ text, email, consentPublish: false, locale: 'en' })
	});
	expect(res.status).toBe(201);
	return (await res.json()) as { code: string; withdrawKey: string };
}

function db() {
	return new Database(own.temp.file, { readonly: true, fileMustExist: true });
}
function row<T>(sql: string, ...args: unknown[]): T | undefined {
	const d = db();
	try {
		return d.prepare(sql).get(...args) as T | undefined;
	} finally {
		d.close();
	}
}

describe('guessing tracking codes', () => {
	it('a resident looking up their own card again and again is never held up', async () => {
		const me = newAddress();
		const { code } = await send('Meer bankjes in het park, alstublieft.', null, me);
		for (let i = 0; i < 60; i++) expect((await get(`/k/${code}`, me)).status).toBe(200);
		for (let i = 0; i < 30; i++) expect((await get(`/api/v1/postcards/${code}`, me)).status).toBe(200);
		// A few typos along the way do not hold them up either.
		for (let i = 0; i < 5; i++) expect((await get(`/k/${randomCode(15)}`, me)).status).toBe(200);
		expect((await get(`/k/${code}`, me)).status).toBe(200);
	});

	it('a guessing run against /k/<code> gets 429 with a message saying when to try again', async () => {
		const guesser = newAddress();
		const statuses: number[] = [];
		for (let i = 0; i < 40; i++) statuses.push((await get(`/k/${randomCode(15)}`, guesser)).status);
		expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true); // 'unknown code' pages
		expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
		const res = await get(`/k/DEM-ABA`, guesser); // even a real code: a guesser learns nothing more
		expect(res.status).toBe(429);
		expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
		const html = await res.text();
		expect(html).toMatch(/Too many unknown codes were tried from this connection\. To protect everyone's postcards, please try again in \d+ minutes\./);
		// Someone else (another address) is not affected.
		expect((await get(`/k/DEM-ABA`, newAddress())).status).toBe(200);
		expect(await own.alive()).toBe(true);
	});

	it('a guessing run against the API gets 429 JSON with Retry-After and a message', async () => {
		const guesser = newAddress();
		const statuses: number[] = [];
		for (let i = 0; i < 35; i++) statuses.push((await get(`/api/v1/postcards/${randomCode(15)}`, guesser)).status);
		expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
		expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
		const res = await get(`/api/v1/postcards/DEM-ABA`, guesser);
		expect(res.status).toBe(429);
		expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
		const body = await res.json();
		expect(body.error.code).toBe('too_many_lookups');
		expect(body.error.message).toMatch(/Try again in \d+ minutes/);
	});

});

describe('the thank-you page is no way around the throttle', () => {
	it('guessing codes on /p/<slug>/sent is throttled like /k', async () => {
		const guesser = newAddress();
		const statuses: number[] = [];
		for (let i = 0; i < 33; i++) statuses.push((await get(`/p/${SLUG}/sent?code=${randomCode(15)}`, guesser)).status);
		expect(statuses.slice(0, 30).every((s) => s === 303)).toBe(true);
		expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
		expect((await get(`/p/${SLUG}/kiosk/sent?code=DEM-ABA`, guesser)).status).toBe(429);
	});

	it('whoever just sent a card sees its code and key, even from a throttled address; only once', async () => {
		const shared = newAddress(); // say, a library's one address, after someone guessed from it
		for (let i = 0; i < 31; i++) await get(`/k/${randomCode(15)}`, shared);
		expect((await get(`/k/DEM-ABA`, shared)).status).toBe(429);
		const res = await fetch(`${own.url}/p/${SLUG}`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: own.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': shared },
			body: new URLSearchParams({ text: 'Meer groen op het Zand.', submissionId: crypto.randomUUID() })
		});
		expect(res.status).toBe(303);
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('meespraak_key='))!.split(';')[0];
		const location = res.headers.get('location')!;
		const sent = await get(location, shared, { cookie });
		expect(sent.status).toBe(200);
		const html = await sent.text();
		const code = decodeURIComponent(location.split('code=')[1]);
		expect(html).toContain(code);
		expect(html).toMatch(/data-testid="withdraw-key"[^>]*>[A-Z2-9]{5}-[A-Z2-9]{5}</);
		// The key is not in the address, and a second view does not show it again.
		expect(location).not.toMatch(/key/i);
		// The view that showed it told the browser to forget it.
		expect(sent.headers.getSetCookie().find((c) => c.startsWith('meespraak_key='))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
		const again = await (await get(location, newAddress())).text();
		expect(again).toContain(code);
		expect(again).not.toContain('data-testid="withdraw-key"');
	});
});

describe('withdrawing a text and deleting the contact need a second factor', () => {
	it('refuses without or with a wrong factor, keeps the text, and works with the key', async () => {
		const me = newAddress();
		const text = 'Mijn buurman zorgt slecht voor zijn hond.';
		const { code, withdrawKey } = await send(text, 'bewoner@example.org', me);
		expect(withdrawKey).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
		for (const factor of [undefined, '', 'AAAAA-BBBBB', 'someone@example.org', code]) {
			const r = await action(`/k/${code}?/withdrawText`, factor === undefined ? {} : { factor }, me);
			expect(r.body.type).toBe('failure');
			expect([400, 403]).toContain(r.body.status);
		}
		expect((await (await get(`/k/${code}`, me)).text())).toContain(text);
		expect(row<{ text: string }>('select text from postcards where code = ?', code)!.text).toBe(text);
		// Deleting the address: same rule.
		expect((await action(`/k/${code}?/forgetEmail`, { factor: 'other@example.org' }, me)).body.type).toBe('failure');
		expect(row('select 1 from postcard_contacts c join postcards p on p.id = c.postcard_id where p.code = ?', code)).toBeTruthy();

		expect((await action(`/k/${code}?/withdrawText`, { factor: withdrawKey.toLowerCase() }, me)).body.type).toBe('success');
		expect(row<{ text: string; text_withdrawn_at: number }>('select text, text_withdrawn_at from postcards where code = ?', code)).toMatchObject({ text: '' });
		// The card still counts: it is there, only without its text.
		expect((await get(`/api/v1/postcards/${code}`, me)).status).toBe(200);
		expect((await action(`/k/${code}?/forgetEmail`, { factor: 'Bewoner@Example.org' }, me)).body.type).toBe('success');
		expect(row('select 1 from postcard_contacts c join postcards p on p.id = c.postcard_id where p.code = ?', code)).toBeUndefined();
	});

	it('an old card with neither key nor address says to ask the city, and changes nothing', async () => {
		const me = newAddress();
		const before = row<{ text: string }>("select text from postcards where code = 'DEM-ABA'")!.text;
		const page = await (await get('/k/DEM-ABA', me)).text();
		expect(page).toContain('This card has no withdrawal key and no email address');
		const r = await action('/k/DEM-ABA?/withdrawText', { factor: 'ABCDE-FGHJK' }, me);
		expect(r.body).toMatchObject({ type: 'failure', status: 400 });
		expect(row<{ text: string }>("select text from postcards where code = 'DEM-ABA'")!.text).toBe(before);
	});

	it('wrong factors count towards a throttle: past it even the right key waits, and the text stays', async () => {
		const me = newAddress();
		const text = 'Langer open bibliotheek in Assebroek.';
		const { code, withdrawKey } = await send(text, null, me);
		for (let i = 0; i < 10; i++) expect((await action(`/k/${code}?/withdrawText`, { factor: randomCode(15).slice(0, 11) }, me)).body.status).toBe(403);
		const r = await action(`/k/${code}?/withdrawText`, { factor: withdrawKey }, me);
		expect(r.body).toMatchObject({ type: 'failure', status: 429 });
		expect(r.body.data).toContain('throttled');
		// Without JavaScript (a plain form post) the page says it in words.
		const plain = await fetch(`${own.url}/k/${code}?/withdrawText`, {
			method: 'POST',
			headers: { origin: own.url, 'x-forwarded-for': me, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
			body: new URLSearchParams({ factor: withdrawKey })
		});
		expect(plain.status).toBe(429);
		expect(await plain.text()).toMatch(/Too many attempts to change a postcard from this connection\. Nothing was changed\. Please try again in \d+ minutes\./);
		expect(row<{ text: string }>('select text from postcards where code = ?', code)!.text).toBe(text);
		// From the resident's own other connection it works.
		expect((await action(`/k/${code}?/withdrawText`, { factor: withdrawKey }, newAddress())).body.type).toBe('success');
	});
});

describe('the stop link', () => {
	async function contactWithToken() {
		const { code } = await send('Graag nieuws over mijn kaart.', 'stop@example.org');
		const { id } = row<{ id: number }>('select id from postcards where code = ?', code)!;
		const mac = crypto.createHmac('sha256', Buffer.from(SECRET, 'utf8')).update(`meespraak:unsubscribe:v1:postcard:${id}`).digest('base64url');
		const held = () => !!row('select 1 from postcard_contacts where postcard_id = ?', id);
		return { token: `p.${id}.${mac}`, held };
	}

	it('a GET (a mail scanner, a link preview) changes nothing and shows a button', async () => {
		const { token, held } = await contactWithToken();
		for (const method of ['GET', 'HEAD']) {
			const res = await fetch(`${own.url}/stop/${token}`, { method, headers: { 'x-forwarded-for': newAddress(), 'accept-language': 'en' } });
			expect(res.status).toBe(200);
			if (method === 'GET') expect(await res.text()).toContain('Stop the emails and delete my address');
		}
		expect((await fetch(`${own.url}/stop/${token}/one-click`, { redirect: 'manual', headers: { 'x-forwarded-for': newAddress() } })).status).toBe(303);
		expect(held()).toBe(true);
	});

	it('the page button (a same-site form post) stops the messages', async () => {
		const { token, held } = await contactWithToken();
		const r = await action(`/stop/${token}`, { 'List-Unsubscribe': 'One-Click' }, newAddress());
		expect(r.body.type).toBe('success');
		expect(held()).toBe(false);
	});

	it("a mail program's RFC 8058 one-click POST (no Origin, or its own) stops them without the page", async () => {
		for (const shape of ['urlencoded', 'multipart', 'foreign-origin'] as const) {
			const { token, held } = await contactWithToken();
			const headers: Record<string, string> = { 'x-forwarded-for': newAddress() };
			let body: BodyInit = 'List-Unsubscribe=One-Click';
			if (shape === 'multipart') {
				const form = new FormData();
				form.set('List-Unsubscribe', 'One-Click');
				body = form;
			} else headers['content-type'] = 'application/x-www-form-urlencoded';
			if (shape === 'foreign-origin') headers.origin = 'https://mail.example.com';
			const res = await fetch(`${own.url}/stop/${token}`, { method: 'POST', headers, body });
			expect(res.status, shape).toBe(200);
			expect(held(), shape).toBe(false);
		}
	});

	it('a one-click POST with another body, or a forged token, changes nothing', async () => {
		const { token, held } = await contactWithToken();
		const post = (t: string, body: string) =>
			fetch(`${own.url}/stop/${t}`, { method: 'POST', headers: { 'x-forwarded-for': newAddress(), 'content-type': 'application/x-www-form-urlencoded' }, body });
		expect((await post(token, 'List-Unsubscribe=Something')).status).toBe(400);
		expect((await post(token.slice(0, -2) + 'xx', 'List-Unsubscribe=One-Click')).status).toBe(404);
		expect(held()).toBe(true);
		// Other cross-site form posts are still refused (SvelteKit's CSRF check stays on everywhere else).
		const csrf = await fetch(`${own.url}/k/DEM-ABA?/withdrawText`, { method: 'POST', headers: { 'x-forwarded-for': newAddress(), 'content-type': 'application/x-www-form-urlencoded' }, body: 'factor=x' });
		expect(csrf.status).toBe(403);
	});
});

describe('paper codes', () => {
	async function staffCookie() {
		const res = await fetch(`${own.url}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: own.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': newAddress() },
			body: new URLSearchParams(DEMO.moderator)
		});
		return res.headers.getSetCookie().find((c) => c.startsWith('meespraak_session='))!.split(';')[0];
	}
	const paperCount = () => row<{ n: number }>('select count(*) as n from paper_codes')!.n;

	it('a GET of the print page (prefetch, crawler, reload) issues no code; the form POST does', async () => {
		const cookie = await staffCookie();
		const { id } = row<{ id: number }>('select id from campaigns where slug = ?', SLUG)!;
		const before = paperCount();
		for (const q of ['?count=8', '?count=8&format=a6', '?count=400&lang=fr', '']) {
			const res = await fetch(`${own.url}/staff/campaigns/${id}/print${q}`, { redirect: 'manual', headers: { cookie, 'x-forwarded-for': newAddress() } });
			expect(res.status).toBe(200);
		}
		expect(paperCount()).toBe(before);

		const res = await fetch(`${own.url}/staff/campaigns/${id}/print`, {
			method: 'POST',
			redirect: 'manual',
			headers: { cookie, origin: own.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': newAddress() },
			body: new URLSearchParams({ count: '3', format: 'a4' })
		});
		expect(res.status).toBe(303);
		expect(paperCount()).toBe(before + 3);
		// The print run's own address shows those codes and makes none.
		const page = await fetch(`${own.url}/staff/campaigns/${id}/print${res.headers.get('location')}`, { headers: { cookie, 'x-forwarded-for': newAddress() } });
		const html = await page.text();
		const codes = html.match(/[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}/g) ?? [];
		expect(new Set(codes).size).toBe(3);
		expect(paperCount()).toBe(before + 3);
	});
});

describe('guessing old short codes from many addresses', () => {
	it('many addresses guessing old short codes together are held up site-wide; long codes still open', async () => {
		const { code } = await send('Een speeltuin in Sint-Pieters.', null);
		let refused = 0;
		for (let a = 0; a < 30; a++) {
			const bot = newAddress();
			for (let i = 0; i < 5; i++) if ((await get(`/k/${randomCode(6)}`, bot)).status === 429) refused++;
		}
		expect(refused).toBeGreaterThanOrEqual(150 - 100);
		// A fresh address: short codes wait, a long code (not guessable) is served.
		const fresh = newAddress();
		expect((await get(`/k/DEM-ABA`, fresh)).status).toBe(429);
		expect((await get(`/k/${code}`, fresh)).status).toBe(200);
	});
});
