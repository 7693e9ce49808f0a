import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb, schema } from '../../src/lib/server/db';
import { DEFAULT_POSTCARD_LIMIT, isSubmissionId, postcardLimit, receivePostcard, receiveStatus, type Sender } from '../../src/lib/server/postcards/limits';
import type { PostcardInput } from '../../src/lib/server/postcards/submit';
import { demo, otherCampaign, SLUG } from './postcards-fixtures';

vi.mock('../../src/lib/server/realtime', () => ({ notify: vi.fn() }));

const LIMIT = { max: 3, windowMs: 10 * 60_000 };
const phone: Sender = { clientAddress: '203.0.113.7', kiosk: false, staff: false };
const card = (text: string, extra: Partial<PostcardInput> = {}): PostcardInput => ({ text, locale: 'nl', channel: 'online', ...extra });
const count = () => getDb().select().from(schema.postcards).all().length;

afterEach(() => vi.restoreAllMocks());

describe('POSTCARD_RATE_LIMIT', () => {
	it('is 10 per 10 minutes by default, can be changed, and switched off', () => {
		expect(postcardLimit(undefined)).toEqual({ max: 10, windowMs: 600_000 });
		expect(postcardLimit('')).toEqual(DEFAULT_POSTCARD_LIMIT);
		expect(postcardLimit('10/10m')).toEqual({ max: 10, windowMs: 600_000 });
		expect(postcardLimit('5/30s')).toEqual({ max: 5, windowMs: 30_000 });
		expect(postcardLimit('100/1h')).toEqual({ max: 100, windowMs: 3_600_000 });
		expect(postcardLimit('off')).toBeNull();
	});

	it('falls back to the default (and says so in the log) when it cannot be read', () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		expect(postcardLimit('ten per minute')).toEqual(DEFAULT_POSTCARD_LIMIT);
		expect(log).toHaveBeenCalledWith(expect.stringContaining('POSTCARD_RATE_LIMIT'));
	});
});

describe('receivePostcard: the limit per device', () => {
	it('refuses the 4th card of a device within the window (429) and says how long to wait', async () => {
		await demo();
		const now = Date.UTC(2026, 10, 1, 10, 0, 0);
		for (let i = 0; i < 3; i++) expect((await receivePostcard(SLUG, card(`Kaart ${i}`), phone, { limit: LIMIT, now })).ok).toBe(true);
		const refused = await receivePostcard(SLUG, card('Kaart 4'), phone, { limit: LIMIT, now: now + 60_000 });
		expect(refused).toEqual({ ok: false, problems: ['rate_limited'], retryAfterMs: 9 * 60_000 });
		expect(receiveStatus(['rate_limited'])).toBe(429);
		// Another device is not affected; the next window is open again.
		expect((await receivePostcard(SLUG, card('Ander toestel'), { ...phone, clientAddress: '198.51.100.2' }, { limit: LIMIT, now })).ok).toBe(true);
		expect((await receivePostcard(SLUG, card('Later'), phone, { limit: LIMIT, now: now + 10 * 60_000 })).ok).toBe(true);
	});

	it('lets no more through than the limit when a device sends a burst at once', async () => {
		await demo();
		const now = Date.UTC(2026, 10, 1, 10, 0, 0);
		const before = count();
		const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => receivePostcard(SLUG, card(`Tegelijk ${i}`), phone, { limit: LIMIT, now })));
		expect(answers.filter((a) => a.ok)).toHaveLength(3);
		expect(answers.filter((a) => !a.ok && a.problems[0] === 'rate_limited')).toHaveLength(9);
		expect(count() - before).toBe(3);
		// The refused ones took nothing away: the next window lets the device send again.
		expect((await receivePostcard(SLUG, card('Later'), phone, { limit: LIMIT, now: now + 10 * 60_000 })).ok).toBe(true);
	});

	it('does not count cards that were refused for a mistake', async () => {
		await demo();
		const now = Date.UTC(2026, 10, 1, 10, 0, 0);
		for (let i = 0; i < 5; i++) expect((await receivePostcard(SLUG, card(''), phone, { limit: LIMIT, now })).ok).toBe(false);
		expect((await receivePostcard(SLUG, card('Nu wel iets'), phone, { limit: LIMIT, now })).ok).toBe(true);
	});

	it('does not apply to a registered kiosk or to staff', async () => {
		await demo();
		const before = count();
		const now = Date.UTC(2026, 10, 1, 10, 0, 0);
		for (let i = 0; i < 6; i++) {
			expect((await receivePostcard(SLUG, card(`Zuil ${i}`, { channel: 'kiosk' }), { ...phone, kiosk: true }, { limit: LIMIT, now })).ok).toBe(true);
			expect((await receivePostcard(SLUG, card(`Medewerker ${i}`), { ...phone, staff: true }, { limit: LIMIT, now })).ok).toBe(true);
		}
		expect(count()).toBe(before + 12);
		// …and their cards did not use up the device's own allowance.
		expect((await receivePostcard(SLUG, card('Gewoon'), phone, { limit: LIMIT, now })).ok).toBe(true);
	});

	it('never refuses the retry of a card that was stored (same submissionId): it returns the same code', async () => {
		await demo();
		const now = Date.UTC(2026, 10, 1, 10, 0, 0);
		const ids = ['a', 'b', 'c'].map((x) => `${x.repeat(8)}-0000-4000-8000-000000000000`);
		const codes: string[] = [];
		for (const submissionId of ids) {
			const r = await receivePostcard(SLUG, card(`Kaart ${submissionId}`, { submissionId }), phone, { limit: LIMIT, now });
			if (r.ok) codes.push(r.code);
		}
		expect(codes.length).toBe(3);
		const retry = await receivePostcard(SLUG, card(`Kaart ${ids[2]}`, { submissionId: ids[2] }), phone, { limit: LIMIT, now });
		expect(retry).toMatchObject({ ok: true, code: codes[2], duplicate: true });
	});

	it('is off when the limit is null', async () => {
		await demo();
		for (let i = 0; i < 12; i++) expect((await receivePostcard(SLUG, card(`Kaart ${i}`), phone, { limit: null })).ok).toBe(true);
	});
});

describe('receivePostcard: submission ids', () => {
	it('must be long and plain enough not to be guessed', async () => {
		expect(isSubmissionId('0b6f3a4e-8f7e-4a43-9a55-2f1b9a0c1d2e')).toBe(true);
		expect(isSubmissionId('1')).toBe(false);
		expect(isSubmissionId('a b c d e f g h i j k')).toBe(false);
		await demo();
		expect(await receivePostcard(SLUG, card('Hallo', { submissionId: '1' }), phone, { limit: null })).toEqual({ ok: false, problems: ['submission_id_invalid'] });
	});

	it('used for one campaign cannot return that card from another (409)', async () => {
		await demo();
		const other = await otherCampaign('tweede');
		const submissionId = 'f'.repeat(32);
		expect((await receivePostcard(SLUG, card('Eerste', { submissionId }), phone, { limit: null })).ok).toBe(true);
		expect(await receivePostcard(other.slug, card('Tweede', { submissionId }), phone, { limit: null })).toEqual({ ok: false, problems: ['submission_id_conflict'] });
		expect(receiveStatus(['submission_id_conflict'])).toBe(409);
	});
});
