// The JSON API over real HTTP: routing, content types, languages (docs/api.md).
import { expect, test } from '@playwright/test';
import { CODE_RE, SLUG } from './resident-helpers';

test('list campaigns, send a postcard, follow it; errors are JSON in the asked language', async ({ request }) => {
	const list = await request.get('/api/v1/campaigns');
	expect(list.status()).toBe(200);
	const { campaigns } = await list.json();
	const demo = campaigns.find((c: { slug: string }) => c.slug === SLUG);
	expect(demo.titles.fr).toBe('Bruges tourne autour des gens');

	const sent = await request.post(demo.postcardsUrl.replace(/^https?:\/\/[^/]+/, ''), {
		data: { text: `Envoyé par une app ${Date.now()}`, themeIds: [demo.themes[0].id], consentPublish: true, locale: 'fr', submissionId: crypto.randomUUID() }
	});
	expect(sent.status()).toBe(201);
	const { code, statusUrl } = await sent.json();
	expect(code).toMatch(CODE_RE);
	expect(new URL(statusUrl).pathname).toBe(`/k/${code}`);

	const status = await (await request.get(`/api/v1/postcards/${code}`)).json();
	expect(status).toMatchObject({ code, campaign: SLUG, stage: 'received', published: false, inSignal: false });
	expect(status).not.toHaveProperty('text');

	const bad = await request.post(`/api/v1/campaigns/${SLUG}/postcards`, {
		headers: { 'content-type': 'application/json', 'accept-language': 'en-GB,en;q=0.9' },
		data: Buffer.from('{"text": ')
	});
	expect(bad.status()).toBe(400);
	expect(await bad.json()).toEqual({ error: { code: 'bad_json', message: 'The data is not valid JSON.' } });

	const empty = await request.post(`/api/v1/campaigns/${SLUG}/postcards`, { headers: { 'accept-language': 'ar' }, data: { text: ' ' } });
	expect(empty.status()).toBe(400);
	expect((await empty.json()).error.fields.text.message).toBe('بطاقتك لا تزال فارغة. اكتب بضع كلمات.');

	const form = await request.post(`/api/v1/campaigns/${SLUG}/postcards`, { form: { text: 'hallo' } });
	expect([403, 415]).toContain(form.status());
	expect((await request.get('/api/v1/postcards/ZZZ-999')).status()).toBe(404);
	expect((await request.post('/api/v1/campaigns/bestaat-niet/postcards', { data: { text: 'x' } })).status()).toBe(404);
});
