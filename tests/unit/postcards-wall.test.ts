import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb, schema } from '../../src/lib/server/db';
import { listWall, WALL_PAGE_SIZE } from '../../src/lib/server/postcards/wall';
import { submitPostcard } from '../../src/lib/server/postcards/submit';
import { demo, otherCampaign, SLUG } from './postcards-fixtures';

vi.mock('../../src/lib/server/realtime', () => ({ notify: vi.fn() }));

async function card(text: string, opts: { consent?: boolean; publish?: boolean; themeIds?: string[]; neighbourhoodId?: string; slug?: string } = {}) {
	const res = await submitPostcard(opts.slug ?? SLUG, { text, consentPublish: opts.consent ?? true, themeIds: opts.themeIds, neighbourhoodId: opts.neighbourhoodId, locale: 'nl', channel: 'online' });
	if (!res.ok) throw new Error(res.problems.join());
	if (opts.publish ?? true) getDb().update(schema.postcards).set({ status: 'published', publishedAt: new Date() }).where(eq(schema.postcards.id, res.postcardId)).run();
	return res.postcardId;
}

describe('the public wall', () => {
	it('shows only published cards whose writer agreed, newest on the wall first', async () => {
		const campaign = await demo();
		await card('Nog niet gelezen', { publish: false });
		await card('Gepubliceerd zonder toestemming', { consent: false });
		const newest = await card('Net gepubliceerd', { themeIds: ['4'], neighbourhoodId: 'zeebrugge' });
		const wall = await listWall(campaign.id);
		expect(wall.total).toBe(26);
		const texts = wall.cards.map((c) => c.text);
		expect(texts).not.toContain('Nog niet gelezen');
		expect(texts).not.toContain('Gepubliceerd zonder toestemming');
		expect(wall.cards[0]).toMatchObject({ id: newest, text: 'Net gepubliceerd', themeIds: ['4'], neighbourhoodId: 'zeebrugge' });
		expect(Object.keys(wall.cards[0]).sort()).toEqual(['id', 'neighbourhoodId', 'text', 'themeIds', 'writtenAt']);
	});

	it('filters by theme and by neighbourhood, together too', async () => {
		const campaign = await demo();
		await card('Over gezondheid in Zeebrugge', { themeIds: ['4'], neighbourhoodId: 'zeebrugge' });
		await card('Over gezondheid in de binnenstad', { themeIds: ['4'], neighbourhoodId: 'binnenstad' });
		const health = await listWall(campaign.id, { themeId: '4' });
		expect(health.cards.every((c) => c.themeIds.includes('4'))).toBe(true);
		expect(health.cards.map((c) => c.text)).toEqual(expect.arrayContaining(['Over gezondheid in Zeebrugge', 'Over gezondheid in de binnenstad']));
		const both = await listWall(campaign.id, { themeId: '4', neighbourhoodId: 'zeebrugge' });
		expect(both.cards.every((c) => c.themeIds.includes('4') && c.neighbourhoodId === 'zeebrugge')).toBe(true);
		expect(both.cards.map((c) => c.text)).toContain('Over gezondheid in Zeebrugge');
		expect(both.cards.map((c) => c.text)).not.toContain('Over gezondheid in de binnenstad');
		expect((await listWall(campaign.id, { themeId: '999' })).total).toBe(0);
	});

	it('keeps campaigns apart and pages through many cards', async () => {
		const campaign = await demo();
		const other = await otherCampaign('elders');
		await card('Andere oproep', { slug: other.slug });
		expect((await listWall(other.id)).cards.map((c) => c.text)).toEqual(['Andere oproep']);
		for (let i = 0; i < WALL_PAGE_SIZE; i++) await card(`Extra ${i}`);
		const first = await listWall(campaign.id);
		const second = await listWall(campaign.id, { page: 2 });
		expect(first.pages).toBe(2);
		expect(first.cards.length).toBe(WALL_PAGE_SIZE);
		expect(second.cards.length).toBe(25);
		expect(new Set([...first.cards, ...second.cards].map((c) => c.id)).size).toBe(25 + WALL_PAGE_SIZE);
		expect((await listWall(campaign.id, { page: 99 })).page).toBe(2);
	});
});
