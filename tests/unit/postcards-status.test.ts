import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb, schema } from '../../src/lib/server/db';
import { deleteContactByCode, trackPostcard } from '../../src/lib/server/postcards/status';
import { submitPostcard } from '../../src/lib/server/postcards/submit';
import { statusJson } from '../../src/lib/server/postcards/api';
import { demo, SLUG } from './postcards-fixtures';

vi.mock('../../src/lib/server/realtime', () => ({ notify: vi.fn() }));

async function sent(consentPublish = true, email: string | null = null) {
	const res = await submitPostcard(SLUG, { text: 'Meer groen in de Langestraat', consentPublish, email, locale: 'nl', channel: 'online' });
	if (!res.ok) throw new Error(res.problems.join());
	return res;
}
const setStatus = (id: number, status: 'received' | 'published' | 'private' | 'rejected') =>
	getDb().update(schema.postcards).set({ status, publishedAt: status === 'published' ? new Date() : null }).where(eq(schema.postcards.id, id)).run();

describe('following a postcard by code', () => {
	it('a new card: received, waiting to be read, later stages still to come', async () => {
		await demo();
		const { code } = await sent();
		const p = (await trackPostcard(code.toLowerCase().replace('-', ' ')))!;
		expect(p.code).toBe(code);
		expect(p.stage).toBe('received');
		expect(p.publication).toBe('waiting');
		expect(p.steps).toEqual([
			{ key: 'received', state: 'done' },
			{ key: 'read', state: 'current' },
			{ key: 'signal', state: 'future' },
			{ key: 'advice', state: 'future' },
			{ key: 'plan', state: 'future' }
		]);
		expect(p.onWall).toBe(false);
		expect(p.campaign.slug).toBe(SLUG);
	});

	it('published with consent is on the wall; without consent, or kept private, it is not; rejected reads as not published', async () => {
		await demo();
		const withConsent = await sent(true);
		const without = await sent(false);
		setStatus(withConsent.postcardId, 'published');
		setStatus(without.postcardId, 'published');
		expect(await trackPostcard(withConsent.code)).toMatchObject({ stage: 'published', publication: 'published', onWall: true });
		expect(await trackPostcard(without.code)).toMatchObject({ stage: 'kept_private', publication: 'kept_private', onWall: false });
		setStatus(withConsent.postcardId, 'private');
		expect(await trackPostcard(withConsent.code)).toMatchObject({ stage: 'kept_private', onWall: false });
		setStatus(withConsent.postcardId, 'rejected');
		const rejected = (await trackPostcard(withConsent.code))!;
		expect(rejected).toMatchObject({ stage: 'not_published', onWall: false });
		expect(rejected.steps[1]).toEqual({ key: 'read', state: 'done' });
		// The reason staff wrote never reaches the resident.
		expect(JSON.stringify(rejected)).not.toContain('rejectionReason');
	});

	it('is part of a signal once staff add it as evidence', async () => {
		await demo();
		const { code, postcardId } = await sent();
		const now = new Date();
		const signal = getDb().insert(schema.signals).values({ title: 'Groen', summary: '…', type: 'need', createdAt: now, updatedAt: now }).returning().get();
		getDb().insert(schema.signalEvidence).values({ signalId: signal.id, sourceType: 'postcard', sourceId: postcardId, addedAt: now }).run();
		const p = (await trackPostcard(code))!;
		expect(p.inSignal).toBe(true);
		expect(p.stage).toBe('in_signal');
		// Used in a signal means read, even before moderation.
		expect(p.steps.map((s) => s.state)).toEqual(['done', 'done', 'done', 'future', 'future']);
	});

	it('unknown or malformed codes find nothing', async () => {
		await demo();
		expect(await trackPostcard('ZZZ-999')).toBeNull();
		expect(await trackPostcard('')).toBeNull();
		expect(await trackPostcard('DEM-AA0')).toBeNull();
		expect((await trackPostcard('dem-aaa'))?.onWall).toBe(true);
	});

	it('the email address can be deleted with the code, and only that', async () => {
		await demo();
		const mine = await sent(true, 'ik@example.be');
		const other = await sent(true, 'jij@example.be');
		expect((await trackPostcard(mine.code))?.hasEmail).toBe(true);
		expect(await deleteContactByCode(mine.code.toLowerCase())).toBe(true);
		expect((await trackPostcard(mine.code))?.hasEmail).toBe(false);
		expect(await deleteContactByCode(mine.code)).toBe(false);
		expect((await trackPostcard(other.code))?.hasEmail).toBe(true);
		// The card itself stays.
		expect((await trackPostcard(mine.code))?.text).toBe('Meer groen in de Langestraat');
	});

	it('the API status shows the text only when the card is on the wall, and never the email', async () => {
		await demo();
		const card = await sent(true, 'ik@example.be');
		const before = statusJson((await trackPostcard(card.code))!);
		expect(before).toMatchObject({ code: card.code, campaign: SLUG, stage: 'received', published: false, inSignal: false });
		expect(before).not.toHaveProperty('text');
		setStatus(card.postcardId, 'published');
		const after = statusJson((await trackPostcard(card.code))!);
		expect(after.text).toBe('Meer groen in de Langestraat');
		expect(JSON.stringify(after)).not.toContain('ik@example.be');
	});
});
