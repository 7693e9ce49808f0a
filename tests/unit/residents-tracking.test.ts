import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb, schema } from '../../src/lib/server/db';
import { submitPostcard } from '../../src/lib/server/postcards/submit';
import { issuePaperCodes } from '../../src/lib/server/postcards/paper';
import { changeAllowed, countMiss, countRefusal, lookupAllowed, trackingLimits } from '../../src/lib/server/postcards/tracking-limits';
import { deleteContactForResident, previewStop, withdrawText, withdrawTextForResident } from '../../src/lib/server/feedback/privacy';
import { signContact } from '../../src/lib/server/feedback/unsubscribe';
import { isOneClickBody } from '../../src/lib/server/feedback/one-click';
import { routeOneClick } from '../../src/lib/server/feedback/one-click-route.js';
import { demo, SLUG } from './postcards-fixtures';
import { staff } from './tables-fixtures';

const HOUR = 3_600_000;

describe('throttling tracking codes', () => {
	const limits = trackingLimits({ TRACKING_LOOKUP_LIMIT: '3/1h', TRACKING_LOOKUP_GLOBAL_LIMIT: '5/1h', TRACKING_CHANGE_LIMIT: '2/1h', TRACKING_CHANGE_GLOBAL_LIMIT: 'off' });

	it('reads its four limits from the environment, with defaults', () => {
		expect(trackingLimits({})).toEqual({
			lookup: { max: 30, windowMs: HOUR },
			lookupGlobal: { max: 300, windowMs: HOUR },
			change: { max: 10, windowMs: HOUR },
			changeGlobal: { max: 200, windowMs: HOUR }
		});
		expect(limits.changeGlobal).toBeNull();
		expect(trackingLimits({ TRACKING_LOOKUP_LIMIT: 'lots' }).lookup).toEqual({ max: 30, windowMs: HOUR });
	});

	it('holds up an address after its misses, for every lookup, until the window ends', async () => {
		const now = 10 * HOUR;
		for (let i = 0; i < 3; i++) {
			expect(await lookupAllowed('a', 'ABCDE-FGHJK-MNPQR', limits, now)).toEqual({ ok: true });
			await countMiss('a', 'ABCDE-FGHJK-MNPQR', limits, now);
		}
		expect(await lookupAllowed('a', 'ABCDE-FGHJK-MNPQR', limits, now)).toEqual({ ok: false, retryAfterMs: HOUR });
		expect(await lookupAllowed('b', 'ABCDE-FGHJK-MNPQR', limits, now)).toEqual({ ok: true });
		expect(await lookupAllowed('a', 'ABCDE-FGHJK-MNPQR', limits, now + HOUR)).toEqual({ ok: true });
	});

	it('counts misses of short codes site-wide and then holds up short codes only', async () => {
		const now = 20 * HOUR;
		for (let i = 0; i < 5; i++) await countMiss(`bot${i}`, 'ABC-234', limits, now);
		expect(await lookupAllowed('fresh', 'DEM-ABA', limits, now)).toMatchObject({ ok: false });
		expect(await lookupAllowed('fresh', 'ABCDE-FGHJK-MNPQR', limits, now)).toEqual({ ok: true });
	});

	it('counts refused changes per address', async () => {
		const now = 30 * HOUR;
		await countRefusal('c', limits, now);
		expect(await changeAllowed('c', limits, now)).toEqual({ ok: true });
		await countRefusal('c', limits, now);
		expect(await changeAllowed('c', limits, now)).toMatchObject({ ok: false });
		expect(await changeAllowed('d', limits, now)).toEqual({ ok: true });
	});
});

describe('the withdrawal key', () => {
	it('is made for online, kiosk and API cards, stored only as a hash, and not for paper cards', async () => {
		await demo();
		const r = await submitPostcard(SLUG, { text: 'Meer licht in de tunnel.', locale: 'nl', channel: 'online' });
		if (!r.ok) throw new Error(r.problems.join());
		expect(r.key).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
		const row = getDb().select().from(schema.postcards).where(eq(schema.postcards.id, r.postcardId)).get()!;
		expect(row.withdrawKeyHash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(row)).not.toContain(r.key!);
		const campaign = getDb().select().from(schema.campaigns).where(eq(schema.campaigns.slug, SLUG)).get()!;
		const [paperCode] = (await issuePaperCodes(campaign.id, 1)).codes;
		const paper = await submitPostcard(SLUG, { text: 'Op papier.', locale: 'nl', channel: 'paper', paperCode });
		expect(paper).toMatchObject({ ok: true, code: paperCode, key: null });
	});

	it('a retried submission (its first answer was lost) gets a fresh key; the old one stops working', async () => {
		await demo();
		const input = { text: 'Een bank bij de halte.', locale: 'nl', channel: 'online' as const, submissionId: 'retry-0123456789abcdef' };
		const first = await submitPostcard(SLUG, input);
		const again = await submitPostcard(SLUG, input);
		if (!first.ok || !again.ok) throw new Error('not stored');
		expect(again).toMatchObject({ duplicate: true, code: first.code });
		expect(again.key).not.toBe(first.key);
		expect(await withdrawText(first.code, first.key)).toEqual({ ok: false, error: 'factor_wrong' });
		expect(await withdrawText(first.code, again.key)).toMatchObject({ ok: true });
	});

	it('an old card with neither key nor address: refused online, done by staff (moderator) on request', async () => {
		await demo();
		expect(await withdrawText('DEM-ABA', 'ABCDE-FGHJK')).toEqual({ ok: false, error: 'no_factor' });
		const facilitator = await staff(['facilitator']);
		expect(await withdrawTextForResident(facilitator, 'DEM-ABA')).toEqual({ ok: false, error: 'forbidden' });
		const moderator = await staff(['moderator']);
		expect(await withdrawTextForResident(moderator, 'dem aba')).toMatchObject({ ok: true, already: false });
		expect(await deleteContactForResident(moderator, 'DEM-ABA')).toEqual({ ok: true, deleted: false });
		const row = getDb().select().from(schema.postcards).where(eq(schema.postcards.code, 'DEM-ABA')).get()!;
		expect(row).toMatchObject({ text: '' });
		expect(row.textWithdrawnAt).toBeInstanceOf(Date);
	});
});

describe('the stop link', () => {
	it('previewing (a GET) says what it would do and changes nothing', async () => {
		await demo();
		const r = await submitPostcard(SLUG, { text: 'Hou me op de hoogte.', locale: 'nl', channel: 'online', email: 'x@example.org' });
		if (!r.ok) throw new Error('not stored');
		const token = signContact({ kind: 'postcard', id: r.postcardId });
		expect(await previewStop(token)).toEqual({ ok: true, kind: 'postcard', held: true });
		expect(await previewStop(token)).toEqual({ ok: true, kind: 'postcard', held: true });
		expect(await previewStop(token + 'x')).toEqual({ ok: false, error: 'forged' });
	});

	it("reads RFC 8058's body as a URL-encoded or multipart form, and nothing else", async () => {
		const req = (body: BodyInit, type?: string) => new Request('http://x/', { method: 'POST', body, headers: type ? { 'content-type': type } : {} });
		expect(await isOneClickBody(req('List-Unsubscribe=One-Click'), 'application/x-www-form-urlencoded')).toBe(true);
		const form = new FormData();
		form.set('List-Unsubscribe', 'One-Click');
		const multipart = new Request('http://x/', { method: 'POST', body: form });
		expect(await isOneClickBody(multipart, multipart.headers.get('content-type'))).toBe(true);
		expect(await isOneClickBody(req('List-Unsubscribe=Yes'), 'application/x-www-form-urlencoded')).toBe(false);
		expect(await isOneClickBody(req('x'.repeat(10_000)), 'application/x-www-form-urlencoded')).toBe(false);
	});

	it('only POSTs to /stop/<token> without this site in their Origin go to the one-click endpoint', () => {
		const req = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers: { host: 'city.example', 'content-type': 'application/x-www-form-urlencoded', ...headers } });
		const mail = req('POST', '/stop/p.1.abc');
		expect(routeOneClick(mail as never)).toBe(true);
		expect(mail).toMatchObject({ url: '/stop/p.1.abc/one-click', headers: { 'content-type': 'application/x-meespraak-one-click', 'x-meespraak-one-click-type': 'application/x-www-form-urlencoded' } });
		expect(routeOneClick(req('POST', '/stop/p.1.abc', { origin: 'https://mail.example' }) as never)).toBe(true);
		expect(routeOneClick(req('POST', '/stop/p.1.abc', { origin: 'https://city.example' }) as never)).toBe(false);
		expect(routeOneClick(req('GET', '/stop/p.1.abc') as never)).toBe(false);
		expect(routeOneClick(req('POST', '/k/ABC-234') as never)).toBe(false);
		expect(routeOneClick(req('POST', '/stop/p.1.abc/other') as never)).toBe(false);
	});
});
