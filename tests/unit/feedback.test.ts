// From input to what the city did with it, and back to the resident: the chain on the tracking page,
// the public 'you said, we did' pages, the email outbox (to an SMTP catcher started here, never a real
// address), the signed stop link, withdrawing a text, retention and the staff export.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, schema, transaction } from '../../src/lib/server/db';
import { createSignal, getSignal } from '../../src/lib/server/signals';
import { adviseIn, changeStatus, decide, publishFeedback, strengthOf, toCouncilIn } from '../../src/lib/server/signals/lifecycle';
import { submitPostcard } from '../../src/lib/server/postcards/submit';
import { trackPostcard } from '../../src/lib/server/postcards/status';
import { listWall } from '../../src/lib/server/postcards/wall';
import { moderationQueue } from '../../src/lib/server/postcards/moderation';
import { searchPostcards } from '../../src/lib/server/postcards/search';
import { statusJson } from '../../src/lib/server/postcards/api';
import { applyAction, addContribution, joinTable } from '../../src/lib/server/tables';
import { saveTableContact } from '../../src/lib/server/tables/contacts';
import { chainForPostcard, chainForTableContact } from '../../src/lib/server/feedback/chain';
import { publicCampaign, publicPlan, publicTable } from '../../src/lib/server/feedback/public';
import { handleBounce, mailSettings, MAX_ATTEMPTS, queueNotifications, resetMailTransport, sendPending, startMailWorker } from '../../src/lib/server/feedback/mail';
import { applyRetention, deleteContact, exportTrackingCode, retentionDays, stopByToken, withdrawText } from '../../src/lib/server/feedback/privacy';
import { forgetSecret, secret, signContact, verifyContact } from '../../src/lib/server/feedback/unsubscribe';
import { withdrawnText } from '../../src/lib/server/feedback/withdrawn';
import { demo, SLUG, DAY } from './postcards-fixtures';
import { staff, table } from './tables-fixtures';
import { startCatcher } from '../../scripts/smtp-catcher.js';

vi.mock('../../src/lib/server/realtime', () => ({ notify: vi.fn() }));

type Caught = { envelope: { to: string[] }; subject: string; text: string; html: string; headers: Record<string, string> };
type Catcher = { smtpPort: number; httpPort: number; dir: string; messages(): Caught[]; clear(): void; close(): Promise<void> };

let catcher: Catcher;
let mailDir: string;
let env: Record<string, string | undefined>;

beforeAll(async () => {
	mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meespraak-mail-'));
	catcher = await startCatcher({ smtpPort: 0, httpPort: 0, dir: mailDir });
	env = { VITEST: '1', SMTP_URL: `smtp://127.0.0.1:${catcher.smtpPort}`, MAIL_FROM: 'Meespraak <meespraak@localhost>', ORIGIN: 'https://meespraak.test' };
});
afterAll(async () => {
	resetMailTransport();
	await catcher?.close();
	fs.rmSync(mailDir, { recursive: true, force: true });
});
beforeEach(() => {
	catcher.clear();
	resetMailTransport();
});

const TEXT = 'Na vijf uur is er geen opvang meer voor mijn dochter.';

async function card(opts: { email?: string | null; consent?: boolean; text?: string; locale?: string } = {}) {
	const r = await submitPostcard(SLUG, { text: opts.text ?? TEXT, consentPublish: opts.consent ?? true, email: opts.email ?? null, locale: opts.locale ?? 'nl', channel: 'online' });
	if (!r.ok) throw new Error(r.problems.join());
	return r;
}

async function publish(postcardId: number) {
	await getDb().update(schema.postcards).set({ status: 'published', publishedAt: new Date() }).where(eq(schema.postcards.id, postcardId));
}

async function signalOf(postcardIds: number[], title = 'Geen kinderopvang na vijf uur') {
	const r = await createSignal({ title, summary: '', type: 'need', evidence: postcardIds.map((sourceId) => ({ sourceType: 'postcard' as const, sourceId })) }, null);
	if (!r.ok) throw new Error(r.problems.join());
	return r.id;
}

/** Plan, demo campaign, the plan owner, one card with an email in a signal in triage. */
async function setUp(email: string | null = 'moeder@example.org') {
	await demo();
	const owner = await staff(['plan_owner']);
	const c = await card({ email });
	await publish(c.postcardId);
	const signalId = await signalOf([c.postcardId]);
	expect((await changeStatus(owner, signalId, 'triage')).ok).toBe(true);
	return { owner, c, signalId };
}

async function adviseBy(owner: Awaited<ReturnType<typeof staff>>, signalId: number, councilId = 'loko', verdict: 'favourable' | 'conditional' | 'unfavourable' = 'conditional') {
	const now = new Date();
	await transaction((tx) => {
		toCouncilIn(tx, signalId, owner, councilId, 'Hoe kijken jullie hiernaar?');
		const req = tx.insert(schema.councilRequests).values({ signalId, councilId, question: 'Hoe kijken jullie hiernaar?', requestedAt: now }).returning().get();
		tx.insert(schema.councilAdvice).values({ requestId: req.id, verdict, text: 'Doen, maar samen met de scholen.', votes: { favourable: 1, conditional: 3, unfavourable: 0 }, publishedAt: now }).run();
		adviseIn(tx, signalId, owner, councilId, 'Voorwaardelijk gunstig');
	});
}

const notifications = () => getDb().select().from(schema.notifications).orderBy(schema.notifications.id).all();
const contacts = () => getDb().select().from(schema.postcardContacts).all();

describe('the chain on the tracking page', () => {
	it('shows input → signal → advice → decision → the city’s message, in plain words, without naming staff', async () => {
		const { owner, c, signalId } = await setUp();
		let p = (await trackPostcard(c.code, 'nl'))!;
		expect(p.chain.signals.map((s) => [s.title, s.statusText])).toEqual([['Geen kinderopvang na vijf uur', 'De stad bekijkt dit signaal.']]);
		expect(p.steps.map((s) => s.state)).toEqual(['done', 'done', 'done', 'future', 'future']);

		await adviseBy(owner, signalId);
		p = (await trackPostcard(c.code, 'nl'))!;
		expect(p.chain.signals[0].advice).toHaveLength(1);
		expect(p.chain.signals[0].advice[0].text).toMatch(/^Lokaal Overleg Kinderopvang \(LOKO\) gaf positief advies, met voorwaarden op .+\.$/);
		expect(p.steps.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done', 'current']);

		expect((await decide(owner, signalId, { outcome: 'taken_up', actionId: '1.1.1', reason: 'Past bij wat we al doen voor gezinnen.' })).ok).toBe(true);
		expect((await publishFeedback(owner, signalId, 'Vanaf september is de opvang open tot half zeven.')).ok).toBe(true);
		p = (await trackPostcard(c.code, 'nl'))!;
		const s = p.chain.signals[0];
		expect(s.decision).toMatchObject({ outcome: 'taken_up', headline: 'De stad neemt dit op in haar plan.', reason: 'Past bij wat we al doen voor gezinnen.' });
		expect(s.decision!.lines[0]).toMatch(/^In het plan bij actie 1\.1\.1: /);
		expect(s.feedback!.message).toBe('Vanaf september is de opvang open tot half zeven.');
		expect(p.steps.map((x) => x.state)).toEqual(['done', 'done', 'done', 'done', 'done']);
		expect(JSON.stringify(p)).not.toContain(owner.name);
		// In the reader's language.
		const fr = (await chainForPostcard(c.code.toLowerCase(), 'fr'))!;
		expect(fr.signals[0].advice[0].text).toContain('un avis favorable, sous conditions');
		expect(fr.signals[0].decision!.headline).toBe('La ville l’inscrit dans son plan.');
		expect(fr.steps).toEqual([
			{ key: 'input', state: 'done' },
			{ key: 'signal', state: 'done' },
			{ key: 'advice', state: 'done' },
			{ key: 'decision', state: 'done' }
		]);
		// The API still tells only what it told before.
		expect(Object.keys(statusJson(p)).sort()).toEqual(['campaign', 'code', 'inSignal', 'published', 'receivedAt', 'stage', 'text'].sort());
	});

	it('a decision without a council skips the advice; passed on names the level and the addressee', async () => {
		const { owner, c, signalId } = await setUp();
		expect((await decide(owner, signalId, { outcome: 'passed_on', level: 'flemish', addressee: 'Agentschap Opgroeien', reason: 'Kinderopvang is een Vlaamse bevoegdheid.' })).ok).toBe(true);
		const p = (await trackPostcard(c.code, 'en'))!;
		expect(p.steps.find((s) => s.key === 'advice')!.state).toBe('skipped');
		expect(p.chain.signals[0].decision!.lines).toEqual(['The city passed this on to the Flemish government: Agentschap Opgroeien.']);
	});

	it('a table participant’s chain: what the table said, by code and phone token only', async () => {
		await demo();
		const owner = await staff(['plan_owner']);
		const f = await staff();
		const t = await table(f, { template: 'talk_cafe' });
		expect(await applyAction(f, t.tableId, { type: 'start' })).toMatchObject({ ok: true });
		const joined = await joinTable(t.code);
		if (!joined.ok) throw new Error(joined.error);
		const said = await addContribution(joined.participantId, { clientId: 'c1', text: 'Opvang na school tot zes uur' });
		if (!said.ok) throw new Error(said.error);
		await saveTableContact(t.code, joined.participantToken, 'deelnemer@example.org');
		const made = await createSignal({ title: 'Naschoolse opvang', summary: '', type: 'need', evidence: [{ sourceType: 'table_contribution', sourceId: said.contributionId }] }, null);
		if (!made.ok) throw new Error('signal');
		await changeStatus(owner, made.id, 'triage');
		await decide(owner, made.id, { outcome: 'taken_up', goalId: '1.1', reason: 'Goed idee.' });
		const chain = (await chainForTableContact(t.code, joined.participantToken, 'nl'))!;
		// The participant's own page reads the phone's token from its cookie; another phone gets a clear 404.
		const { load: followLoad } = await import('../../src/routes/t/[code]/follow/+page.server');
		const event = (token: string | undefined) =>
			({ params: { code: t.code }, cookies: { get: () => token }, url: new URL(`http://x/t/${t.code}/follow`), locals: { locale: 'nl' }, setHeaders: () => {} }) as never;
		const page = (await followLoad(event(joined.participantToken))) as { chain: { signals: { title: string }[] } };
		expect(page.chain.signals.map((s) => s.title)).toEqual(['Naschoolse opvang']);
		await expect(followLoad(event('someone-elses-token'))).rejects.toMatchObject({ status: 404 });
		expect(chain).toMatchObject({ table: { code: t.code }, hasEmail: true });
		expect(chain.signals.map((s) => s.decision?.outcome)).toEqual(['taken_up']);
		expect(await chainForTableContact(t.code, 'not-my-token', 'nl')).toBeNull();
		// The table's public page shows the decision, never the contribution or the address.
		const pub = (await publicTable(t.code, 'nl'))!;
		expect(pub.signals.map((s) => s.title)).toEqual(['Naschoolse opvang']);
		expect(JSON.stringify(pub)).not.toContain('deelnemer@example.org');
		expect(JSON.stringify(pub)).not.toContain('Opvang na school tot zes uur');
		// Its participant with an address gets the news: the decision queued it (again queues nothing).
		expect((await queueNotifications(made.id, 'decided')).queued).toBe(0);
		expect(notifications()).toMatchObject([{ contactKind: 'table', contactId: joined.participantId, event: 'decided' }]);
		const sent = await sendPending(10, new Date(), env);
		expect(sent.sent).toBe(1);
		const [mail] = catcher.messages();
		expect(mail.text).toContain(`https://meespraak.test/wij-deden/tafel/${t.code}`);
		const token = /\/stop\/([^\s]+)/.exec(mail.text)![1];
		expect(verifyContact(token)).toEqual({ kind: 'table', id: joined.participantId });
	});
});

describe('you said, we did', () => {
	it('shows only decided signals, quotes only with consent, and nothing personal', async () => {
		const { owner, c, signalId } = await setUp('moeder@example.org');
		const quiet = await card({ consent: false, text: 'Ik wil dit niet op de muur.' });
		await publish(quiet.postcardId);
		const other = await signalOf([quiet.postcardId], 'Nog niet beslist');
		await getDb().insert(schema.signalEvidence).values({ signalId, sourceType: 'postcard', sourceId: quiet.postcardId, addedAt: new Date() });
		expect((await publicCampaign(SLUG, 'nl'))!.signals).toHaveLength(0);
		await decide(owner, signalId, { outcome: 'not_taken_up', reason: 'Er is al opvang in de buurt.' });
		const page = (await publicCampaign(SLUG, 'nl'))!;
		expect(page.signals.map((s) => s.id)).toEqual([signalId]);
		expect(page.signals[0]).toMatchObject({ backing: 2, quotes: [TEXT], decision: { outcome: 'not_taken_up', reason: 'Er is al opvang in de buurt.' } });
		const all = JSON.stringify(await publicPlan('nl')) + JSON.stringify(page);
		expect(all).not.toContain('Ik wil dit niet op de muur.');
		expect(all).not.toContain('moeder@example.org');
		expect(all).not.toContain(c.code);
		expect(all).not.toContain(owner.name);
		expect((await publicPlan('nl')).signals.map((s) => s.id)).not.toContain(other);
		expect((await publicPlan('nl')).campaigns).toEqual([expect.objectContaining({ href: `/wij-deden/campagne/${SLUG}`, signals: 1 })]);
		expect(await publicCampaign('bestaat-niet', 'nl')).toBeNull();
	});
});

describe('withdrawing a text', () => {
	it('shows the text nowhere (tracking, wall, staff lists, evidence, public page) but the card still counts', async () => {
		const { owner, c, signalId } = await setUp();
		await decide(owner, signalId, { outcome: 'taken_up', goalId: '1.1', reason: 'Ja.' });
		const before = (await publicCampaign(SLUG, 'nl'))!;
		expect(before.signals[0].quotes).toEqual([TEXT]);
		const wallBefore = await listWall(before.signals.length ? (await getDb().select().from(schema.campaigns).get())!.id : 0);

		// The code alone is not enough: the key shown once, or the email address left with the card.
		expect(await withdrawText(c.code, '')).toEqual({ ok: false, error: 'factor_missing' });
		expect(await withdrawText(c.code, 'AAAAA-BBBBB')).toEqual({ ok: false, error: 'factor_wrong' });
		expect(await withdrawText(c.code, 'iemand@example.org')).toEqual({ ok: false, error: 'factor_wrong' });
		expect(getDb().select().from(schema.postcards).where(eq(schema.postcards.id, c.postcardId)).get()!.text).toBe(TEXT);
		expect(await withdrawText(c.code, c.key!.toLowerCase().replace('-', ' '))).toMatchObject({ ok: true, already: false });
		expect(await withdrawText(c.code, ' Moeder@Example.org ')).toMatchObject({ ok: true, already: true });
		expect(await withdrawText('ZZZ-999', c.key)).toEqual({ ok: false, error: 'not_found' });

		const row = getDb().select().from(schema.postcards).where(eq(schema.postcards.id, c.postcardId)).get()!;
		expect(row.text).toBe('');
		expect(row.textWithdrawnAt).toBeInstanceOf(Date);
		const p = (await trackPostcard(c.code, 'nl'))!;
		expect(p).toMatchObject({ text: '', textWithdrawn: true, onWall: false, inSignal: true });
		expect(statusJson(p)).not.toHaveProperty('text');
		const campaignId = row.campaignId;
		const wall = await listWall(campaignId);
		expect(wall.total).toBe(wallBefore.total - 1);
		expect(wall.cards.map((x) => x.id)).not.toContain(c.postcardId);
		const evidence = (await getSignal(signalId, 'nl'))!.evidence;
		expect(evidence.map((e) => e.text)).toEqual([withdrawnText('nl')]);
		const after = (await publicCampaign(SLUG, 'nl'))!;
		expect(after.signals[0].quotes).toEqual([]);
		expect(JSON.stringify(after)).not.toContain(TEXT);
		// Still counted: the campaign's cards, the signal's backing and strength.
		expect(after.cards).toBe(before.cards);
		expect(after.signals[0].backing).toBe(1);
		expect((await strengthOf([signalId])).get(signalId)!.items).toBe(1);
		// Staff lists show the neutral line.
		const found = await searchPostcards(campaignId, { q: c.code });
		expect(found.rows.map((r) => r.text)).toEqual([withdrawnText()]);
		await getDb().update(schema.postcards).set({ status: 'received' }).where(eq(schema.postcards.id, c.postcardId));
		expect((await moderationQueue([campaignId])).find((x) => x.id === c.postcardId)!.text).toBe(withdrawnText());
	});
});

describe('messages to residents', () => {
	it('queues one row per contact and event, and delivers it in the contact’s language with a working stop link', async () => {
		const { owner, c, signalId } = await setUp('moeder@example.org');
		const second = await card({ email: 'vader@example.org', locale: 'fr' });
		const none = await card({ email: null });
		await getDb().insert(schema.signalEvidence).values([
			{ signalId, sourceType: 'postcard', sourceId: second.postcardId, addedAt: new Date() },
			{ signalId, sourceType: 'postcard', sourceId: none.postcardId, addedAt: new Date() }
		]);
		// The decision itself queues a message for each contact (in its transaction); queueing again adds none.
		await decide(owner, signalId, { outcome: 'taken_up', goalId: '1.1', reason: 'We breiden de opvang uit.' });
		expect(await queueNotifications(signalId, 'decided')).toEqual({ queued: 0 });
		expect(notifications().map((n) => [n.contactId, n.event, n.locale, n.status])).toEqual([
			[c.postcardId, 'decided', 'nl', 'pending'],
			[second.postcardId, 'decided', 'fr', 'pending']
		]);

		const summary = await sendPending(10, new Date(), env);
		expect(summary).toMatchObject({ sent: 2, failed: 0, bounced: 0, mail: 'on' });
		expect(notifications().map((n) => n.status)).toEqual(['sent', 'sent']);
		const mails = catcher.messages();
		expect(mails.map((m) => m.envelope.to[0]).sort()).toEqual(['moeder@example.org', 'vader@example.org']);
		const nl = mails.find((m) => m.envelope.to[0] === 'moeder@example.org')!;
		expect(nl.subject).toBe('Nieuws over wat je zei: de stad heeft beslist');
		expect(nl.text).toContain('De stad neemt dit op in haar plan.');
		expect(nl.text).toContain('We breiden de opvang uit.');
		expect(nl.text).toContain(`https://meespraak.test/k/${c.code}`);
		expect(nl.headers['list-unsubscribe']).toMatch(/^<https:\/\/meespraak\.test\/stop\/p\.\d+\.[\w-]{43}>$/);
		expect(nl.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
		const fr = mails.find((m) => m.envelope.to[0] === 'vader@example.org')!;
		expect(fr.subject).toBe('Des nouvelles de ce que vous avez dit : la ville a décidé');
		// The catcher serves them too.
		const served = await (await fetch(`http://127.0.0.1:${catcher.httpPort}/messages.json`)).json();
		expect(served).toHaveLength(2);

		// The stop link verifies and, with one click, deletes that contact and nothing else.
		const token = /\/stop\/(\S+)/.exec(nl.text)![1];
		expect(verifyContact(token)).toEqual({ kind: 'postcard', id: c.postcardId });
		expect(await stopByToken(token)).toMatchObject({ ok: true, deleted: true, kind: 'postcard', postcardCode: c.code });
		expect(contacts().map((x) => x.email)).toEqual(['vader@example.org']);
		expect(await stopByToken(token)).toMatchObject({ ok: true, deleted: false });
		// No more messages to a stopped contact.
		await publishFeedback(owner, signalId, 'De opvang is open tot half zeven.');
		expect(await queueNotifications(signalId, 'feedback')).toEqual({ queued: 0 }); // publishing queued it already
		expect(notifications().filter((n) => n.event === 'feedback').map((n) => n.contactId)).toEqual([second.postcardId]);
	});

	it('refuses a forged or changed stop link and changes nothing', async () => {
		const { c } = await setUp('moeder@example.org');
		const good = signContact({ kind: 'postcard', id: c.postcardId });
		const forged = [
			`p.${c.postcardId}.${'A'.repeat(43)}`,
			good.replace(`p.${c.postcardId}.`, `p.${c.postcardId + 1}.`),
			good.slice(0, -1),
			good.replace(/^p\./, 't.'),
			'',
			'../../etc/passwd'
		];
		for (const token of forged) {
			expect(verifyContact(token)).toBeNull();
			expect(await stopByToken(token)).toEqual({ ok: false, error: 'forged' });
		}
		expect(contacts()).toHaveLength(1);
		// Another secret, another signature: a link from another installation does not verify here.
		forgetSecret();
		const mine = secret({ MEESPRAAK_SECRET: 'a-secret-of-at-least-16-chars' });
		expect(mine.toString()).toBe('a-secret-of-at-least-16-chars');
		forgetSecret();
		expect(() => secret({ MEESPRAAK_SECRET: 'short' })).toThrow(/16 characters/);
		forgetSecret();
	});

	it('a bounce marks the message bounced, deletes the contact, and the address gets nothing more', async () => {
		const { owner, c, signalId } = await setUp('bounce@example.org');
		await adviseBy(owner, signalId);
		await queueNotifications(signalId, 'advised');
		const summary = await sendPending(10, new Date(), env);
		expect(summary).toMatchObject({ sent: 0, bounced: 1 });
		expect(notifications()).toMatchObject([{ status: 'bounced', event: 'advised' }]);
		expect(contacts()).toHaveLength(0);
		expect(catcher.messages()).toHaveLength(0);
		await decide(owner, signalId, { outcome: 'taken_up', goalId: '1.1', reason: 'Ja.' });
		expect(await queueNotifications(signalId, 'decided')).toEqual({ queued: 0 });
		expect((await trackPostcard(c.code))!.hasEmail).toBe(false);
	});

	it('a bounce report for an address marks its waiting and last sent messages bounced and deletes it', async () => {
		const { owner, signalId } = await setUp('Moeder@Example.org');
		await adviseBy(owner, signalId);
		await queueNotifications(signalId, 'advised');
		await sendPending(10, new Date(), env);
		await decide(owner, signalId, { outcome: 'taken_up', goalId: '1.1', reason: 'Ja.' });
		await queueNotifications(signalId, 'decided');
		expect(await handleBounce(' moeder@example.org ')).toEqual({ contacts: 1, notifications: 2 });
		expect(notifications().map((n) => [n.event, n.status])).toEqual([
			['advised', 'bounced'],
			['decided', 'bounced']
		]);
		expect((await sendPending(10, new Date(), env)).sent).toBe(0);
	});

	it('a malformed stored address is never sent and marked failed', async () => {
		const { owner, c, signalId } = await setUp(null);
		await getDb().insert(schema.postcardContacts).values({ postcardId: c.postcardId, email: 'niet een adres', createdAt: new Date() });
		await decide(owner, signalId, { outcome: 'taken_up', goalId: '1.1', reason: 'Ja.' });
		await queueNotifications(signalId, 'decided');
		expect(await sendPending(10, new Date(), env)).toMatchObject({ sent: 0, failed: 1 });
		expect(notifications()).toMatchObject([{ status: 'failed', lastError: 'malformed_address', attempts: 1 }]);
		expect(catcher.messages()).toHaveLength(0);
		// Leaving a malformed address is refused in the first place.
		expect(await submitPostcard(SLUG, { text: 'x', email: 'niet-goed@', locale: 'nl', channel: 'online' })).toEqual({ ok: false, problems: ['email_invalid'] });
	});

	it('retries a server that cannot be reached with backoff, and gives up after the last attempt', async () => {
		const { owner, signalId } = await setUp();
		await decide(owner, signalId, { outcome: 'taken_up', goalId: '1.1', reason: 'Ja.' });
		await queueNotifications(signalId, 'decided');
		const down = { ...env, SMTP_URL: 'smtp://127.0.0.1:1' };
		const t0 = notifications()[0].createdAt.getTime();
		expect(await sendPending(10, new Date(t0), down)).toMatchObject({ retrying: 1 });
		expect(notifications()[0]).toMatchObject({ status: 'pending', attempts: 1 });
		expect(notifications()[0].lastError).toBeTruthy();
		// Not due again until the backoff has passed.
		expect(await sendPending(10, new Date(t0 + 30_000), down)).toMatchObject({ retrying: 0 });
		for (let i = 1; i < MAX_ATTEMPTS; i++) await sendPending(10, new Date(t0 + 2 * DAY * i), down);
		expect(notifications()[0]).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
	});

	it('deleting the contact on the tracking page cancels waiting messages', async () => {
		const { owner, c, signalId } = await setUp();
		await decide(owner, signalId, { outcome: 'taken_up', goalId: '1.1', reason: 'Ja.' });
		await queueNotifications(signalId, 'decided');
		expect(await deleteContact(c.code, 'niet@example.org')).toEqual({ ok: false, error: 'factor_wrong' });
		expect(notifications()).toMatchObject([{ status: 'pending' }]);
		expect(await deleteContact(c.code, 'moeder@example.org')).toEqual({ ok: true, deleted: true });
		expect(notifications()).toMatchObject([{ status: 'cancelled' }]);
		expect(await deleteContact(c.code, 'moeder@example.org')).toEqual({ ok: true, deleted: false });
		expect((await sendPending(10, new Date(), env)).sent).toBe(0);
		expect(catcher.messages()).toHaveLength(0);
	});

	it('the worker started at server start sends what waits, on its own', async () => {
		const { owner, signalId } = await setUp('wachter@example.org');
		await decide(owner, signalId, { outcome: 'taken_up', goalId: '1.1', reason: 'Ja.' });
		await queueNotifications(signalId, 'decided');
		const saved = { SMTP_URL: process.env.SMTP_URL, ORIGIN: process.env.ORIGIN };
		process.env.SMTP_URL = env.SMTP_URL;
		process.env.ORIGIN = env.ORIGIN;
		const stop = startMailWorker({ intervalMs: 50 });
		try {
			expect(startMailWorker()).toBe(stop);
			await vi.waitFor(() => expect(notifications()[0].status).toBe('sent'), { timeout: 5_000, interval: 50 });
			expect(catcher.messages().map((m) => m.envelope.to[0])).toEqual(['wachter@example.org']);
		} finally {
			stop();
			process.env.SMTP_URL = saved.SMTP_URL;
			process.env.ORIGIN = saved.ORIGIN;
		}
	});

	it('sends mail only to this machine in tests and development; production without settings is off', () => {
		expect(mailSettings({ VITEST: '1', SMTP_URL: 'smtp://smtp.example.org:587' })).toMatchObject({ on: false });
		expect(mailSettings({ NODE_ENV: 'development' })).toMatchObject({ on: true, url: 'smtp://127.0.0.1:2525' });
		expect(mailSettings({})).toMatchObject({ on: false });
		expect(mailSettings({ SMTP_HOST: 'smtp.stad.example', SMTP_USER: 'u', SMTP_PASS: 'p' })).toMatchObject({ on: false, why: 'MAIL_FROM is not set' });
		expect(mailSettings({ SMTP_HOST: 'smtp.stad.example', MAIL_FROM: 'stad@stad.example', ORIGIN: 'https://meespraak.stad.example/' })).toMatchObject({
			on: true,
			url: 'smtp://smtp.stad.example:587',
			origin: 'https://meespraak.stad.example'
		});
	});
});

describe('retention and export', () => {
	it('deletes contacts the set number of days after the feedback was published, not before', async () => {
		const { owner, c, signalId } = await setUp();
		await decide(owner, signalId, { outcome: 'taken_up', goalId: '1.1', reason: 'Ja.' });
		// A second card backs this signal and one still open: its address stays.
		const both = await card({ email: 'beide@example.org' });
		await getDb().insert(schema.signalEvidence).values({ signalId, sourceType: 'postcard', sourceId: both.postcardId, addedAt: new Date() });
		await signalOf([both.postcardId], 'Nog open');
		await publishFeedback(owner, signalId, 'Het komt in het plan.');
		const at = getDb().select().from(schema.signalEvents).where(eq(schema.signalEvents.toStatus, 'feedback_published')).get()!.at.getTime();
		expect(retentionDays({})).toBe(90);
		expect(retentionDays({ CONTACT_RETENTION_DAYS: 'off' })).toBeNull();
		expect(await applyRetention(new Date(at + 89 * DAY), 90)).toEqual({ postcardContacts: 0, tableContacts: 0 });
		expect(contacts()).toHaveLength(2);
		expect(await applyRetention(new Date(at + 90 * DAY + 1), 90)).toEqual({ postcardContacts: 1, tableContacts: 0 });
		expect(contacts().map((x) => x.email)).toEqual(['beide@example.org']);
		expect((await trackPostcard(c.code))!.hasEmail).toBe(false);
		// A card in no signal keeps its address: nothing was communicated yet.
		const alone = await card({ email: 'alleen@example.org' });
		await applyRetention(new Date(at + 400 * DAY), 90);
		expect(contacts().map((x) => x.postcardId)).toContain(alone.postcardId);
	});

	it('the staff export holds everything about one code, the contact included; the public page never does', async () => {
		const { owner, c, signalId } = await setUp('moeder@example.org');
		await decide(owner, signalId, { outcome: 'taken_up', goalId: '1.1', reason: 'Ja.' });
		await queueNotifications(signalId, 'decided');
		const moderator = await staff(['moderator']);
		const r = await exportTrackingCode(moderator, c.code.toLowerCase());
		if (!r.ok) throw new Error(r.error);
		expect(r.data.postcard).toMatchObject({ code: c.code, text: TEXT, status: 'published', consentPublish: true });
		expect(r.data.contact).toMatchObject({ email: 'moeder@example.org' });
		expect(r.data.signals).toMatchObject([{ id: signalId, decision: { outcome: 'taken_up', goalId: '1.1' } }]);
		expect(r.data.notifications).toMatchObject([{ event: 'decided', status: 'pending' }]);
		expect(r.data.tags.length).toBeGreaterThanOrEqual(0);
		expect(await exportTrackingCode(await staff(['facilitator']), c.code)).toEqual({ ok: false, error: 'forbidden' });
		expect(await exportTrackingCode(null, c.code)).toEqual({ ok: false, error: 'forbidden' });
		expect(await exportTrackingCode(moderator, 'ZZZ-999')).toEqual({ ok: false, error: 'not_found' });
		const pub = JSON.stringify([await publicPlan('nl'), await publicCampaign(SLUG, 'nl')]);
		expect(pub).not.toContain('moeder@example.org');
		expect(pub).not.toContain(c.code);
	});
});
