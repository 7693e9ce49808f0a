/**
 * Slow patterns: a form field of 16,000+ characters must not hold the server. The persona form's
 * real-data check used to be quadratic (a long field blocked every other request for seconds, minutes
 * for some texts); every form is tried here with text built to make backtracking patterns slow, while
 * /healthz is asked all along.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, useServer } from './server';

const own = useServer('headers-long-fields');

/**
 * About 20,000 characters that were slow for the patterns the app had: long runs of digit groups (phone
 * numbers), of dashes and of letters without an '@' (emails), spaces before a letter, dots after an '@'.
 */
const ATTACK =
	'0 '.repeat(3000) + '-'.repeat(2000) + 'x' + 'a'.repeat(4000) + ' ' + '1 '.repeat(3000) + 'a@' + 'b.'.repeat(1500) + '!' + ' '.repeat(1000) + 'x.';

/** Asks /healthz every 50 ms while attacks run and keeps the slowest answer. */
const probe = { slowest: 0, failures: 0, running: false, loop: Promise.resolve() };
function startProbe() {
	probe.running = true;
	probe.loop = (async () => {
		while (probe.running) {
			const t = performance.now();
			try {
				const res = await fetch(`${own.url}/healthz`, { signal: AbortSignal.timeout(10_000) });
				if (res.status !== 200) probe.failures++;
				await res.arrayBuffer();
			} catch {
				probe.failures++;
			}
			probe.slowest = Math.max(probe.slowest, performance.now() - t);
			await new Promise((r) => setTimeout(r, 50));
		}
	})();
}

/** Posts a form the way a browser does (same Origin), answers status, body and the time it took. */
async function post(path: string, fields: Record<string, string | string[]>, cookie = '') {
	const body = new URLSearchParams();
	for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
	const t = performance.now();
	const res = await fetch(`${own.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: own.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
		body,
		signal: AbortSignal.timeout(60_000)
	});
	const text = await res.text();
	return { status: res.status, text, ms: performance.now() - t };
}

/** Each form answers within this (the old persona check took minutes on ATTACK, seconds on 16,000 letters). */
const PROMPT_MS = 2000;

describe('long fields do not hold the server', () => {
	let facilitator = '';
	let admin = '';
	beforeAll(async () => {
		facilitator = await own.login(DEMO.facilitator);
		admin = await own.login(DEMO.admin);
		startProbe();
	});
	afterAll(async () => {
		probe.running = false;
		await probe.loop;
	});

	it('the persona form: every field 16,000+ characters is refused as too long, promptly, and comes back as typed', async () => {
		expect(ATTACK.length).toBeGreaterThan(16_000);
		const fields = ['name', 'household', 'background', 'situation', 'drive', 'strengths', 'needs', 'barriers', 'quote', 'languages'];
		// One field at a time (what a form with one pasted text does), then all of them at once.
		for (const f of fields) {
			const res = await post('/staff/personas/daw-plus/new', { [f]: ATTACK, name: f === 'name' ? ATTACK : 'Test', avatar: 'a1' }, facilitator);
			expect(res.status, f).toBe(400);
			expect(res.ms, `${f}: ${Math.round(res.ms)} ms`).toBeLessThan(PROMPT_MS);
		}
		const all = await post('/staff/personas/daw-plus/new', Object.fromEntries(fields.map((f) => [f, ATTACK])), facilitator);
		expect(all.status).toBe(400);
		expect(all.ms).toBeLessThan(PROMPT_MS);
		// Nothing typed is lost: the text is in the page again.
		expect(all.text).toContain('0 0 0 0 0 0 0 0');
		expect(await own.alive()).toBe(true);
	});

	it('a persona text within the caps but shaped to be slow is checked for real data promptly', async () => {
		const shaped = ['0 '.repeat(300), '1 '.repeat(299) + 'a', 'a'.repeat(600), '-'.repeat(599) + 'x', 'a@' + 'b.'.repeat(299)];
		for (const text of shaped) {
			const res = await post('/staff/personas/daw-plus/new', { name: 'Test', drive: text, strengths: text.slice(0, 160), avatar: 'a1' }, facilitator);
			expect(res.ms, `${JSON.stringify(text.slice(0, 12))}: ${Math.round(res.ms)} ms`).toBeLessThan(PROMPT_MS);
			expect(res.status).toBeLessThan(500);
		}
	});

	it('the other forms answer a 16,000+ character field promptly and without an error', async () => {
		const forms: [string, Record<string, string>, string][] = [
			['/p/brugge-draait-om-mensen', { text: ATTACK, email: ATTACK, submissionId: ATTACK }, ''],
			['/login', { email: ATTACK, password: ATTACK }, ''],
			['/t/TAF-234?/join', { name: ATTACK, email: ATTACK }, ''],
			['/staff/admin?/create', { name: ATTACK, email: 'a@' + '.'.repeat(16_000) + ' ', access: 'invite' }, admin],
			['/staff/campaigns/new?/save', { title: ATTACK, slug: ATTACK, question: ATTACK, intro: ATTACK }, admin],
			['/staff/signals/register', { title: ATTACK, description: ATTACK, organisation: ATTACK }, admin],
			['/staff/tables/new', { title: ATTACK, place: ATTACK }, facilitator]
		];
		for (const [path, fields, cookie] of forms) {
			const res = await post(path, fields, cookie);
			expect(res.status, `${path}: ${res.status}`).toBeLessThan(500);
			expect(res.ms, `${path}: ${Math.round(res.ms)} ms`).toBeLessThan(PROMPT_MS);
		}
		// The JSON API reads the same fields.
		const t = performance.now();
		const api = await fetch(`${own.url}/api/v1/campaigns/brugge-draait-om-mensen/postcards`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ text: ATTACK, email: ATTACK, themeIds: [ATTACK], targetGroupIds: [ATTACK] })
		});
		expect(api.status).toBe(400);
		expect(performance.now() - t).toBeLessThan(PROMPT_MS);
		expect(await own.alive()).toBe(true);
	});

	it('/healthz answered within a second all along', async () => {
		expect(probe.failures).toBe(0);
		expect(probe.slowest, `slowest /healthz: ${Math.round(probe.slowest)} ms`).toBeLessThan(1000);
	});
});
