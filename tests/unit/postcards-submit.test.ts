import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb, schema } from '../../src/lib/server/db';
import { submitPostcard, textLength, type PostcardInput } from '../../src/lib/server/postcards/submit';
import { DAY, demo, otherCampaign, SLUG } from './postcards-fixtures';

vi.mock('../../src/lib/server/realtime', () => ({ notify: vi.fn() }));

const online = (text: string, extra: Partial<PostcardInput> = {}): PostcardInput => ({ text, locale: 'nl', channel: 'online', ...extra });
const count = () => getDb().select().from(schema.postcards).all().length;

describe('submitPostcard: what a resident can send', () => {
	it('refuses an empty card, or one with only spaces', async () => {
		await demo();
		expect(await submitPostcard(SLUG, online(''))).toEqual({ ok: false, problems: ['text_empty'] });
		expect(await submitPostcard(SLUG, online('  \n\t '))).toEqual({ ok: false, problems: ['text_empty'] });
	});

	it('accepts 1000 characters as people count them, refuses 1001', async () => {
		await demo();
		const emoji = '😀'.repeat(1000); // 2000 UTF-16 units, 1000 characters
		expect(textLength(emoji)).toBe(1000);
		expect((await submitPostcard(SLUG, online(emoji))).ok).toBe(true);
		expect(await submitPostcard(SLUG, online('a'.repeat(1001)))).toEqual({ ok: false, problems: ['text_too_long'] });
	});

	it('refuses a theme the campaign does not offer, an unknown neighbourhood, age band and a bad email together', async () => {
		const campaign = await otherCampaign('alleen-werk', { themes: [2] });
		const res = await submitPostcard(campaign.slug, online('Meer werk op maat', { themeIds: ['3'], neighbourhoodId: 'zeebrugge', ageBand: '12-13', email: 'geen-adres' }));
		expect(res).toEqual({ ok: false, problems: ['theme_unknown', 'neighbourhood_unknown', 'age_band_unknown', 'email_invalid'] });
		expect(await submitPostcard(campaign.slug, online('x', { themeIds: ['999'] }))).toEqual({ ok: false, problems: ['theme_unknown'] });
		expect(count()).toBe(0);
	});

	it('stores a good card with its tags and keeps the email apart', async () => {
		await demo();
		const res = await submitPostcard(SLUG, online('Meer bankjes', { themeIds: ['5'], neighbourhoodId: 'zeebrugge', targetGroupIds: [], ageBand: '65-79', email: 'a@example.be', consentPublish: true }));
		expect(res.ok).toBe(true);
		if (!res.ok) return;
		const row = getDb().select().from(schema.postcards).where(eq(schema.postcards.id, res.postcardId)).get()!;
		expect(row).toMatchObject({ text: 'Meer bankjes', channel: 'online', status: 'received', consentPublish: true, ageBand: '65-79' });
		const contact = getDb().select().from(schema.postcardContacts).where(eq(schema.postcardContacts.postcardId, res.postcardId)).get();
		expect(contact?.email).toBe('a@example.be');
	});

	it('refuses online cards once the campaign closed or before it opens, but staff may still type in paper cards', async () => {
		const now = Date.now();
		const closed = await otherCampaign('gesloten', { opensAt: new Date(now - 10 * DAY), closesAt: new Date(now - DAY) });
		const upcoming = await otherCampaign('straks', { opensAt: new Date(now + DAY), closesAt: new Date(now + 10 * DAY) });
		expect(await submitPostcard(closed.slug, online('Te laat'))).toEqual({ ok: false, problems: ['campaign_closed'] });
		expect(await submitPostcard(closed.slug, online('Te laat', { channel: 'kiosk' }))).toEqual({ ok: false, problems: ['campaign_closed'] });
		expect(await submitPostcard(upcoming.slug, online('Te vroeg'))).toEqual({ ok: false, problems: ['campaign_not_open'] });
		expect(await submitPostcard('bestaat-niet', online('Waar?'))).toEqual({ ok: false, problems: ['campaign_unknown'] });
		getDb().insert(schema.paperCodes).values({ code: 'PAP-234', campaignId: closed.id, printedAt: new Date(now - 20 * DAY) }).run();
		expect((await submitPostcard(closed.slug, online('Op papier, op tijd ingeleverd', { channel: 'paper', paperCode: 'pap234' }))).ok).toBe(true);
	});

	it('stores a double submit once and returns the same code', async () => {
		await demo();
		const before = count();
		const submissionId = '0b6f3a4e-8f7e-4a43-9a55-2f1b9a0c1d2e';
		const first = await submitPostcard(SLUG, online('Twee keer gedrukt', { submissionId }));
		const second = await submitPostcard(SLUG, online('Twee keer gedrukt', { submissionId }));
		expect(first.ok && second.ok).toBe(true);
		if (!first.ok || !second.ok) return;
		expect(second.code).toBe(first.code);
		expect(second.duplicate).toBe(true);
		expect(count()).toBe(before + 1);
	});

	it('refuses a paper code that was already typed in, and one of another campaign', async () => {
		const campaign = await demo();
		const other = await otherCampaign('ander');
		getDb().insert(schema.paperCodes).values([
			{ code: 'QRS-789', campaignId: campaign.id, printedAt: new Date() },
			{ code: 'XYZ-789', campaignId: other.id, printedAt: new Date() }
		]).run();
		const paper = (paperCode: string) => online('Van papier', { channel: 'paper', paperCode });
		expect((await submitPostcard(SLUG, paper('QRS-789'))).ok).toBe(true);
		expect(await submitPostcard(SLUG, paper('qrs 789'))).toEqual({ ok: false, problems: ['paper_code_used'] });
		expect(await submitPostcard(SLUG, paper('XYZ-789'))).toEqual({ ok: false, problems: ['paper_code_unknown'] });
		expect(await submitPostcard(SLUG, paper('DEM-AAA'))).toEqual({ ok: false, problems: ['paper_code_used'] });
		expect(await submitPostcard(SLUG, paper('00'))).toEqual({ ok: false, problems: ['paper_code_invalid'] });
	});
});
