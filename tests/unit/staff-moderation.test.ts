import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb, schema } from '../../src/lib/server/db';
import { seedAccounts, seedDemoCampaign, seedPlan, DEMO_CAMPAIGN_SLUG } from '../../src/lib/server/seed';
import { findUserByEmail } from '../../src/lib/server/auth';
import { submitPostcard } from '../../src/lib/server/postcards/submit';
import { moderate, moderationLogFor, moderationQueue, queueCounts, recentlyModerated } from '../../src/lib/server/postcards/moderation';

const notify = vi.hoisted(() => vi.fn());
vi.mock('../../src/lib/server/realtime', () => ({ notify }));

async function setup() {
	await seedPlan();
	await seedAccounts();
	await seedDemoCampaign();
	const moderator = (await findUserByEmail('moderator@meespraak.demo'))!;
	const campaign = (await getDb().query.campaigns.findFirst({ where: (c, { eq }) => eq(c.slug, DEMO_CAMPAIGN_SLUG) }))!;
	notify.mockClear();
	return { moderator, campaign };
}

async function card(text: string, consentPublish = true) {
	const res = await submitPostcard(DEMO_CAMPAIGN_SLUG, { text, consentPublish, locale: 'nl', channel: 'online' });
	if (!res.ok) throw new Error(res.problems.join());
	notify.mockClear();
	return res.postcardId;
}

const row = (id: number) => getDb().select().from(schema.postcards).where(eq(schema.postcards.id, id)).get()!;

describe('moderation', () => {
	it('publishing changes the status, sets publishedAt, logs who and when, and tells the wall', async () => {
		const { moderator, campaign } = await setup();
		const id = await card('Meer bankjes in het park, graag.');
		expect(row(id).status).toBe('received');
		const before = Date.now();
		const res = await moderate(id, 'publish', moderator.id);
		expect(res).toEqual({ ok: true, status: 'published', campaignId: campaign.id });
		expect(row(id).status).toBe('published');
		expect(row(id).publishedAt!.getTime()).toBeGreaterThanOrEqual(before - 1);
		const log = (await moderationLogFor([id])).get(id)!;
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({ action: 'publish', userId: moderator.id, userName: 'Mo Moderator', reason: null });
		expect(log[0].createdAt.getTime()).toBeGreaterThanOrEqual(before - 1);
		expect(notify).toHaveBeenCalledWith(`wall:${campaign.id}`, 'postcard:published', { id });
		expect(notify).toHaveBeenCalledWith(`moderation:${campaign.id}`, 'postcard:moderated', { id, status: 'published' });
	});

	it('rejection needs a reason, and a refused decision changes and logs nothing', async () => {
		const { moderator } = await setup();
		const id = await card('Iets onaardigs.');
		expect(await moderate(id, 'reject', moderator.id)).toEqual({ ok: false, problem: 'reason_required' });
		expect(await moderate(id, 'reject', moderator.id, '   ')).toEqual({ ok: false, problem: 'reason_required' });
		expect(row(id).status).toBe('received');
		expect((await moderationLogFor([id])).get(id)).toBeUndefined();
		expect(notify).not.toHaveBeenCalled();
		const res = await moderate(id, 'reject', moderator.id, 'Beledigend voor buren');
		expect(res.ok).toBe(true);
		expect(row(id)).toMatchObject({ status: 'rejected', rejectionReason: 'Beledigend voor buren', publishedAt: null });
		expect((await moderationLogFor([id])).get(id)![0]).toMatchObject({ action: 'reject', reason: 'Beledigend voor buren' });
	});

	it('a card without consent can be published to the process but is never announced to the wall', async () => {
		const { moderator, campaign } = await setup();
		const id = await card('Liever niet publiek, maar lees het wel.', false);
		await moderate(id, 'publish', moderator.id);
		expect(row(id).status).toBe('published');
		expect(notify).not.toHaveBeenCalledWith(`wall:${campaign.id}`, expect.anything(), expect.anything());
		expect(notify).toHaveBeenCalledWith(`moderation:${campaign.id}`, 'postcard:moderated', { id, status: 'published' });
	});

	it('withdrawing a published card tells the wall; reopen puts it back in the queue; every step is logged in order', async () => {
		const { moderator, campaign } = await setup();
		const id = await card('Te weinig speelpleinen.');
		await moderate(id, 'publish', moderator.id);
		notify.mockClear();
		await moderate(id, 'keep_private', moderator.id, 'Naam van buur genoemd');
		expect(row(id)).toMatchObject({ status: 'private', publishedAt: null });
		expect(notify).toHaveBeenCalledWith(`wall:${campaign.id}`, 'postcard:withdrawn', { id });
		notify.mockClear();
		await moderate(id, 'reopen', moderator.id);
		expect(row(id).status).toBe('received');
		// it was not on the wall any more: nothing to withdraw
		expect(notify).not.toHaveBeenCalledWith(`wall:${campaign.id}`, expect.anything(), expect.anything());
		expect((await moderationQueue([campaign.id])).map((c) => c.id)).toContain(id);
		const log = (await moderationLogFor([id])).get(id)!;
		expect(log.map((l) => l.action)).toEqual(['publish', 'keep_private', 'reopen']);
		expect(log[1].reason).toBe('Naam van buur genoemd');
	});

	it('refuses a decision taken on a stale view, and one that changes nothing', async () => {
		const { moderator } = await setup();
		const id = await card('Bus 12 rijdt te weinig.');
		await moderate(id, 'publish', moderator.id);
		expect(await moderate(id, 'reject', moderator.id, 'dubbel', 'received')).toEqual({ ok: false, problem: 'stale' });
		expect(await moderate(id, 'publish', moderator.id)).toEqual({ ok: false, problem: 'no_change' });
		expect(await moderate(999999, 'publish', moderator.id)).toEqual({ ok: false, problem: 'not_found' });
		expect(row(id).status).toBe('published');
		expect((await moderationLogFor([id])).get(id)).toHaveLength(1);
	});

	it('queues cards needing care first, then oldest first, and counts them', async () => {
		const { moderator, campaign } = await setup();
		const a = await card('Gewone kaart een.');
		const b = await card('Ik slaap buiten sinds maart, ik ben dakloos.');
		const c = await card('Gewone kaart twee.');
		const queue = await moderationQueue([campaign.id]);
		expect(queue.map((q) => q.id)).toEqual([b, a, c]);
		expect((await moderationQueue([campaign.id], 2)).map((q) => q.id)).toEqual([b, a]);
		expect(queue[0]).toMatchObject({ needsCare: true, careCategories: ['homelessness'] });
		expect((await queueCounts()).get(campaign.id)).toEqual({ waiting: 3, care: 1 });
		await moderate(a, 'publish', moderator.id);
		expect((await recentlyModerated([campaign.id]))[0].id).toBe(a);
		expect((await queueCounts()).get(campaign.id)).toEqual({ waiting: 2, care: 1 });
	});
});
