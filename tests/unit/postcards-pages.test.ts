import { describe, expect, it, vi } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { load as layoutLoad } from '../../src/routes/p/[slug]/+layout.server';
import { load as pageLoad, actions } from '../../src/routes/p/[slug]/+page.server';
import { DAY, demo, otherCampaign, SLUG } from './postcards-fixtures';

vi.mock('../../src/lib/server/realtime', () => ({ notify: vi.fn() }));

async function campaignPage(slug: string, method = 'GET') {
	const { campaign } = (await layoutLoad({ params: { slug }, locals: { locale: 'nl', user: null } } as never)) as { campaign: { state: string } };
	return pageLoad({ parent: async () => ({ campaign }), request: new Request('http://x/', { method }), locals: { locale: 'nl', user: null } } as never);
}

async function status(p: Promise<unknown>): Promise<number | null> {
	try {
		await p;
		return null;
	} catch (e) {
		if (isHttpError(e)) return e.status;
		throw e;
	}
}

describe('the campaign page', () => {
	it('is a 404 for an unknown slug and a 410 for a closed campaign', async () => {
		await demo();
		const now = Date.now();
		await otherCampaign('voorbij', { opensAt: new Date(now - 10 * DAY), closesAt: new Date(now - DAY) });
		expect(await status(campaignPage('bestaat-niet'))).toBe(404);
		expect(await status(campaignPage('voorbij'))).toBe(410);
		expect(await status(campaignPage(SLUG))).toBeNull();
	});

	it('still renders after a POST to a campaign that closed meanwhile, so the typed text can be shown', async () => {
		await demo();
		const now = Date.now();
		await otherCampaign('voorbij', { opensAt: new Date(now - 10 * DAY), closesAt: new Date(now - DAY) });
		expect(await status(campaignPage('voorbij', 'POST'))).toBeNull();
	});

	it('of an upcoming campaign says when it opens (200, no form)', async () => {
		await demo();
		const now = Date.now();
		await otherCampaign('straks', { opensAt: new Date(now + 2 * DAY), closesAt: new Date(now + 10 * DAY) });
		const data = (await campaignPage('straks')) as { opensOn: string };
		expect(data.opensOn).toMatch(/\d{4}/);
	});

	it('gives a fresh submissionId to browsers without JavaScript', async () => {
		await demo();
		const a = (await campaignPage(SLUG)) as { submissionId: string };
		const b = (await campaignPage(SLUG)) as { submissionId: string };
		expect(a.submissionId).toMatch(/^[0-9a-f-]{36}$/);
		expect(a.submissionId).not.toBe(b.submissionId);
	});

	it('form action: a refused card returns every typed value with the problems', async () => {
		await demo();
		const body = new URLSearchParams({ text: '', email: 'fout', neighbourhoodId: 'zeebrugge', consentPublish: 'on', submissionId: 'c'.repeat(24) });
		body.append('themeIds', '4');
		const result = (await actions.default({
			params: { slug: SLUG },
			request: new Request('http://x/p', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
			locals: { locale: 'nl', user: null },
			cookies: { get: () => undefined },
			getClientAddress: () => '192.0.2.1'
		} as never)) as { status: number; data: { values: Record<string, unknown>; problems: string[] } };
		expect(result.status).toBe(400);
		expect(result.data.problems).toEqual(['text_empty', 'email_invalid']);
		expect(result.data.values).toEqual({
			text: '',
			themeIds: ['4'],
			neighbourhoodId: 'zeebrugge',
			targetGroupIds: [],
			ageBand: '',
			consentPublish: true,
			email: 'fout',
			submissionId: 'c'.repeat(24)
		});
	});
});
