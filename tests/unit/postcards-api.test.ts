import { describe, expect, it, vi } from 'vitest';
import { POST } from '../../src/routes/api/v1/campaigns/[slug]/postcards/+server';
import { GET as listCampaigns } from '../../src/routes/api/v1/campaigns/+server';
import { GET as getStatus } from '../../src/routes/api/v1/postcards/[code]/+server';
import { problemsResponse, readPostcardBody } from '../../src/lib/server/postcards/api';
import { registerKiosk } from '../../src/lib/server/postcards/kiosks';
import { demo, otherCampaign, SLUG, DAY } from './postcards-fixtures';

vi.mock('../../src/lib/server/realtime', () => ({ notify: vi.fn() }));

const ORIGIN = 'https://meespraak.example';

/** Just enough of a RequestEvent for the thin handlers. */
function event(opts: { slug?: string; code?: string; body?: string; type?: string; locale?: string; address?: string; kioskToken?: string }) {
	const headers: Record<string, string> = {};
	if (opts.type !== undefined) headers['content-type'] = opts.type;
	return {
		request: new Request(`${ORIGIN}/api`, { method: opts.body === undefined ? 'GET' : 'POST', headers, body: opts.body }),
		params: { slug: opts.slug ?? SLUG, code: opts.code ?? '' },
		url: new URL(`${ORIGIN}/api`),
		locals: { user: null, locale: opts.locale ?? 'nl' },
		cookies: { get: (name: string) => (name === 'meespraak_kiosk' ? opts.kioskToken : undefined) },
		getClientAddress: () => opts.address ?? '192.0.2.10'
	} as never;
}
const send = (body: unknown, extra: Parameters<typeof event>[0] = {}) =>
	POST(event({ type: 'application/json', body: typeof body === 'string' ? body : JSON.stringify(body), ...extra }));

describe('POST /api/v1/campaigns/<slug>/postcards', () => {
	it('stores a card (channel api) and answers 201 with the code and where to follow it', async () => {
		await demo();
		const res = await send({ text: 'Via een app', themeIds: [5], neighbourhoodId: 'zeebrugge', consentPublish: true, locale: 'fr' });
		expect(res.status).toBe(201);
		const body = await res.json();
		expect(body.code).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
		expect(body.withdrawKey).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
		expect(body.statusUrl).toBe(`${ORIGIN}/k/${body.code}`);
		expect(body).not.toHaveProperty('helpLines');
		expect(res.headers.get('location')).toBe(`/api/v1/postcards/${body.code}`);
		const status = await (await getStatus(event({ code: body.code }))).json();
		expect(status).toMatchObject({ code: body.code, campaign: SLUG, stage: 'received', inSignal: false, published: false });
	});

	it('returns help lines when the text speaks of distress, and the same code (200) for a retried submissionId', async () => {
		await demo();
		const body = { text: 'I want to end my life', submissionId: '3f1c1d2e-7a4b-4c5d-8e9f-0a1b2c3d4e5f' };
		const first = await send(body, { locale: 'en' });
		expect(first.status).toBe(201);
		const a = await first.json();
		expect(a.helpLines.map((l: { number: string }) => l.number)).toEqual(['1813', '106']);
		expect(a.helpMessage).toMatch(/Talking can help/);
		const again = await send(body);
		expect(again.status).toBe(200);
		expect((await again.json()).code).toBe(a.code);
	});

	it('explains problems per field, in the language asked for', async () => {
		await demo();
		const res = await send({ text: '', email: 'x', locale: 'fr' });
		expect(res.status).toBe(400);
		const { error } = await res.json();
		expect(error.code).toBe('invalid_input');
		expect(error.fields.text).toEqual({ code: 'text_empty', message: 'Votre carte est encore vide. Écrivez quelques mots.' });
		expect(error.fields.email.code).toBe('email_invalid');
		// Without body.locale: the request's language (Accept-Language, resolved by the middleware).
		const ar = await (await send({ text: 'x'.repeat(1001) }, { locale: 'ar' })).json();
		expect(ar.error.fields.text.message).toBe('نصك طويل جدًا. يُرجى تقصيره: 1000 حرف كحد أقصى.');
	});

	it('refuses wrong types, bad JSON (400 bad_json) and other content types (415)', async () => {
		await demo();
		const wrong = await send({ text: 42, themeIds: 'één', consentPublish: 'ja', locale: 'de' }, { locale: 'en' });
		expect(wrong.status).toBe(400);
		const { error } = await wrong.json();
		expect(Object.keys(error.fields).sort()).toEqual(['consentPublish', 'locale', 'text', 'themeIds']);
		expect(error.fields.text.code).toBe('wrong_type');
		const bad = await send('{"text": "half', { locale: 'nl' });
		expect(bad.status).toBe(400);
		expect((await bad.json()).error).toEqual({ code: 'bad_json', message: 'De gegevens zijn geen geldige JSON.' });
		const array = await send([1, 2]);
		expect((await array.json()).error.fields.body.code).toBe('wrong_type');
		const form = await POST(event({ type: 'application/x-www-form-urlencoded', body: 'text=hallo' }));
		expect(form.status).toBe(415);
		expect((await form.json()).error.code).toBe('unsupported_media_type');
	});

	it('answers 404 for an unknown campaign and 410 for a closed one', async () => {
		await demo();
		const now = Date.now();
		await otherCampaign('voorbij', { opensAt: new Date(now - 10 * DAY), closesAt: new Date(now - DAY) });
		const unknown = await send({ text: 'Hallo' }, { slug: 'nergens' });
		expect(unknown.status).toBe(404);
		expect((await unknown.json()).error.code).toBe('campaign_unknown');
		const closed = await send({ text: 'Hallo' }, { slug: 'voorbij', locale: 'en' });
		expect(closed.status).toBe(410);
		expect((await closed.json()).error).toEqual({ code: 'campaign_closed', message: 'This call has closed in the meantime. No more postcards can be added.' });
	});

	it('applies the device limit (429 with Retry-After), but not to a registered kiosk', async () => {
		const campaign = await demo();
		const previous = process.env.POSTCARD_RATE_LIMIT;
		process.env.POSTCARD_RATE_LIMIT = '2/10m';
		try {
			for (let i = 0; i < 2; i++) expect((await send({ text: `Kaart ${i}` }, { address: '192.0.2.99' })).status).toBe(201);
			const limited = await send({ text: 'Nog een' }, { address: '192.0.2.99', locale: 'en' });
			expect(limited.status).toBe(429);
			expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
			expect((await limited.json()).error.code).toBe('rate_limited');
			const { token } = await registerKiosk(campaign.id, 'Bibliotheek Biekorf', null);
			expect((await send({ text: 'Van de zuil' }, { address: '192.0.2.99', kioskToken: token })).status).toBe(201);
		} finally {
			if (previous === undefined) delete process.env.POSTCARD_RATE_LIMIT;
			else process.env.POSTCARD_RATE_LIMIT = previous;
		}
	});
});

describe('GET /api/v1/campaigns and /api/v1/postcards/<code>', () => {
	it('lists open campaigns with labels in every language, not closed ones', async () => {
		await demo();
		const now = Date.now();
		await otherCampaign('voorbij', { opensAt: new Date(now - 10 * DAY), closesAt: new Date(now - DAY) });
		const { campaigns } = await (await listCampaigns(event({}))).json();
		expect(campaigns.map((c: { slug: string }) => c.slug)).toEqual([SLUG]);
		const c = campaigns[0];
		expect(c.titles.ar).toBe('بروج تدور حول الناس');
		expect(c.themes).toHaveLength(7);
		expect(c.themes[0]).toMatchObject({ id: '1', labels: { nl: 'Kansen voor kinderen en jongeren' } });
		expect(c.neighbourhoods.length).toBeGreaterThan(0);
		expect(c.ageBands).toContain('65-79');
		expect(c.postcardsUrl).toBe(`${ORIGIN}/api/v1/campaigns/${SLUG}/postcards`);
	});

	it('gives 404 with a message for an unknown code, and the text of a card on the wall', async () => {
		await demo();
		const unknown = await getStatus(event({ code: 'ZZZ-999', locale: 'fr' }));
		expect(unknown.status).toBe(404);
		expect((await unknown.json()).error).toEqual({ code: 'postcard_unknown', message: 'Il n’y a aucune carte avec ce code.' });
		const demoCard = await (await getStatus(event({ code: 'dem-aaa' }))).json();
		expect(demoCard).toMatchObject({ code: 'DEM-AAA', stage: 'published', published: true });
		expect(demoCard.text).toMatch(/opvoedings/);
	});
});

describe('API helpers', () => {
	it('read ids given as numbers and ignore fields they do not know', () => {
		const r = readPostcardBody({ text: 'x', themeIds: [1, '2'], neighbourhoodId: null, extra: true }, 'nl');
		expect(r.ok && r.input.themeIds).toEqual(['1', '2']);
		expect(r.locale).toBe('nl');
	});

	it('put a problem that concerns the whole card in error.code with its own status', async () => {
		const res = problemsResponse(['rate_limited'], 'nl', 125_000);
		expect(res.status).toBe(429);
		expect(res.headers.get('retry-after')).toBe('125');
		expect((await res.json()).error.message).toContain('Wacht 3 minuten');
	});
});
