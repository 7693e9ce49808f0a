import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { seedAccounts, seedDemoCampaign, seedPlan, DEMO_CAMPAIGN_SLUG } from '../../src/lib/server/seed';
import { findUserByEmail } from '../../src/lib/server/auth';
import { getDb, schema } from '../../src/lib/server/db';
import { submitPostcard } from '../../src/lib/server/postcards/submit';
import { issuePaperCodes, paperBatch, paperBatches, paperCodeUse, printCount, recentTranscriptions } from '../../src/lib/server/postcards/paper';
import { csvCell, exportRows, rowsToCsv, toCsv } from '../../src/lib/server/postcards/export';
import { addTag } from '../../src/lib/server/signals/tags';
import { createSignal } from '../../src/lib/server/signals';
import { campaignValues, dayStart, formValues, toCampaignInput } from '../../src/lib/server/postcards/campaign-form';
import { campaignProblems } from '../../src/lib/server/postcards/campaigns';

vi.mock('../../src/lib/server/realtime', () => ({ notify: vi.fn() }));

async function setup() {
	await seedPlan();
	await seedAccounts();
	await seedDemoCampaign();
	const moderator = (await findUserByEmail('moderator@meespraak.demo'))!;
	const campaign = (await getDb().query.campaigns.findFirst({ where: (c, { eq }) => eq(c.slug, DEMO_CAMPAIGN_SLUG) }))!;
	return { moderator, campaign };
}

describe('paper postcards', () => {
	it('issues unique codes per print run, transcribes one, and refuses the same code twice', async () => {
		const { moderator, campaign } = await setup();
		const batch = await issuePaperCodes(campaign.id, 8);
		expect(batch.codes).toHaveLength(8);
		expect(new Set(batch.codes).size).toBe(8);
		for (const code of batch.codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
		expect(await paperBatch(campaign.id, batch.printedAt.getTime())).toEqual(batch.codes);
		expect((await paperBatches(campaign.id))[0]).toEqual({ printedAt: batch.printedAt, printed: 8, transcribed: 0 });

		const code = batch.codes[2];
		const typed = code.toLowerCase().replace('-', ' ');
		const first = await submitPostcard(DEMO_CAMPAIGN_SLUG, {
			text: 'Op papier: meer zitbanken aan de bushalte.',
			channel: 'paper',
			paperCode: typed,
			enteredBy: moderator.id,
			collectionPlace: 'Buurtcentrum Assebroek',
			consentPublish: true,
			locale: 'nl'
		});
		expect(first).toMatchObject({ ok: true, code });
		const stored = getDb().select().from(schema.postcards).where(eq(schema.postcards.code, code)).get()!;
		expect(stored).toMatchObject({ channel: 'paper', enteredBy: moderator.id, collectionPlace: 'Buurtcentrum Assebroek', status: 'received' });
		expect((await paperBatches(campaign.id))[0].transcribed).toBe(1);
		expect(await paperCodeUse(code)).toMatchObject({ postcardId: stored.id, enteredBy: 'Mo Moderator' });
		expect((await recentTranscriptions(campaign.id, moderator.id))[0].code).toBe(code);

		const again = await submitPostcard(DEMO_CAMPAIGN_SLUG, { text: 'Nog eens', channel: 'paper', paperCode: code, enteredBy: moderator.id, locale: 'nl' });
		expect(again).toEqual({ ok: false, problems: ['paper_code_used'] });
		const unknown = await submitPostcard(DEMO_CAMPAIGN_SLUG, { text: 'Onbekend', channel: 'paper', paperCode: 'ZZZ-ZZZ', enteredBy: moderator.id, locale: 'nl' });
		expect(unknown).toEqual({ ok: false, problems: ['paper_code_unknown'] });
		expect(await paperCodeUse('ZZZ-ZZZ')).toBeNull();
	});

	it('limits how many cards one print run makes', () => {
		expect(printCount('4')).toBe(4);
		expect(printCount('0')).toBeNull();
		expect(printCount('401')).toBeNull();
		expect(printCount('2.5')).toBeNull();
		expect(printCount('abc')).toBeNull();
	});
});

describe('export', () => {
	it('writes CSV with a BOM, CRLF, RFC 4180 quoting and defused formulas', () => {
		const csv = toCsv(['a', 'b'], [['=1+1', 'he said "hi", twice'], ['+32 50 00', 'line\nbreak'], ['-minus', '@user'], [3, null], [true, 'gewoon']]);
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(csv).toBe('\uFEFFa,b\r\n\'=1+1,"he said ""hi"", twice"\r\n\'+32 50 00,"line\nbreak"\r\n\'-minus,\'@user\r\n3,\r\ntrue,gewoon\r\n');
		expect(csvCell('\tx')).toBe("'\tx");
		expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
		expect(csvCell('مرحبا')).toBe('مرحبا');
	});

	it('exports every card of the campaign with tags by kind and signal ids, never an e-mail address', async () => {
		const { moderator, campaign } = await setup();
		const res = await submitPostcard(DEMO_CAMPAIGN_SLUG, {
			text: '=cmd|calc; "quoted", and\nmore',
			email: 'bewoner@example.org',
			themeIds: ['1'],
			channel: 'online',
			locale: 'fr'
		});
		if (!res.ok) throw new Error();
		await addTag('postcard', res.postcardId, 'goal', '1.1');
		const sig = await createSignal({ title: 'S', summary: '', type: 'need', evidence: [{ sourceType: 'postcard', sourceId: res.postcardId }] }, moderator.id);
		if (!sig.ok) throw new Error();

		const rows = await exportRows(campaign.id);
		expect(rows).toHaveLength(26);
		const mine = rows.find((r) => r.code === res.code)!;
		expect(mine.tags.theme).toEqual([{ id: '1', label: expect.any(String), source: 'resident' }]);
		expect(mine.tags.goal).toEqual([{ id: '1.1', label: expect.any(String), source: 'staff' }]);
		expect(mine.signalIds).toEqual([sig.id]);
		expect(JSON.stringify(rows)).not.toContain('bewoner@example.org');

		const csv = rowsToCsv(rows);
		expect(csv).not.toContain('bewoner@example.org');
		const lines = csv.slice(1).split('\r\n');
		expect(lines[0]).toBe('code,created_at,channel,collection_place,locale,age_band,status,published_at,needs_care,care_categories,consent_publish,text,themes,attention_points,goals,actions,target_groups,neighbourhood,signal_ids');
		const line = lines.find((l) => l.startsWith(res.code))!;
		expect(line).toContain(`"'=cmd|calc; ""quoted"", and\nmore"`.split('\n')[0]);
		expect(line).toContain('(inwoner)');
		expect(line).toContain(`1.1 `);
		expect(line.endsWith(`,${sig.id}`)).toBe(true);
	});
});

describe('campaign form', () => {
	it('keeps what was typed and turns days into the city time zone', async () => {
		await seedPlan();
		const form = new FormData();
		form.set('slug', 'Zomer-2026');
		form.set('title_nl', 'Zomer');
		form.set('title_ar', 'صيف');
		form.set('question_nl', '');
		form.set('opens', '2026-07-01');
		form.set('closes', '2026-06-01');
		form.append('theme', '2');
		form.set('pictogram_2', '');
		form.set('pictogram_3', '🏠');
		form.append('neighbourhood', 'nope');
		form.set('field_themes', 'on');
		const values = formValues(form);
		expect(values).toMatchObject({ slug: 'Zomer-2026', titles: { nl: 'Zomer', fr: '', en: '', ar: 'صيف' }, pictograms: { '2': '', '3': '🏠' }, themeIds: ['2'] });
		const input = toCampaignInput(values, () => '💬');
		expect(input.themes).toEqual([{ themeId: 2, pictogram: '💬' }]);
		expect(input.titles).toEqual({ nl: 'Zomer', ar: 'صيف' });
		expect(input.opensAt.toISOString()).toBe('2026-06-30T22:00:00.000Z');
		expect(await campaignProblems(input)).toEqual(['question_missing', 'dates_invalid', 'neighbourhood_unknown']);
		expect(dayStart('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
		expect(isNaN(+dayStart('2026-02-30'))).toBe(true);
	});

	it('shows a saved campaign with its last day as the closing day', async () => {
		const { campaign } = await setup();
		const v = campaignValues(campaign);
		const back = toCampaignInput(v, () => '💬');
		expect(v.themeIds).toHaveLength(7);
		expect(back.closesAt.getTime()).toBeGreaterThanOrEqual(campaign.closesAt.getTime());
		expect(back.closesAt.getTime() - campaign.closesAt.getTime()).toBeLessThan(86_400_000);
	});
});
