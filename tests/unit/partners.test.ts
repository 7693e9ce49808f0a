import { describe, expect, it, vi } from 'vitest';
import { isRedirect } from '@sveltejs/kit';
import { render } from 'svelte/server';
import { eq } from 'drizzle-orm';
import { getDb, schema } from '../../src/lib/server/db';
import {
	ARENA_DOTS,
	arenaPartners,
	arenaTable,
	createInvite,
	listInvites,
	openInvite,
	revokeInvite,
	submitArena,
	submitEnrichment,
	workshopResponses
} from '../../src/lib/server/personas/partners';
import { mergeAddition } from '../../src/lib/server/personas/workshops';
import { actions, load, type PartnerPage } from '../../src/routes/partner/[token]/+page.server';
import { arenaRows, workshopWithChallenges } from './personas-fixtures';
import { staff } from './tables-fixtures';

vi.mock('$app/forms', () => ({ enhance: () => ({ destroy() {} }) }));
vi.mock('$app/navigation', () => ({ invalidateAll: async () => {} }));

const DAY = 86_400_000;
// Links made now, so that the page server (which asks at the real time) sees them open.
const T0 = Date.now();

type Made = { inviteId: number; token: string };

async function invite(workshop: { facilitator: Parameters<typeof createInvite>[0]; workshopId: number }, organisation: string, kind = 'enrichment', extra: { days?: number; contactName?: string } = {}): Promise<Made> {
	const r = await createInvite(workshop.facilitator, workshop.workshopId, { kind, organisation, ...extra }, T0);
	if (!r.ok) throw new Error(r.error);
	return { inviteId: r.inviteId, token: r.token };
}

const responsesRows = () => getDb().select().from(schema.enrichmentResponses).all();
const votesRows = () => getDb().select().from(schema.arenaVotes).all();
const inviteRow = (id: number) => getDb().select().from(schema.partnerInvites).where(eq(schema.partnerInvites.id, id)).get()!;

function allConfirm(ids: number[]) {
	return ids.map((challengeId) => ({ challengeId, verdict: 'confirm', text: '' }));
}

describe('enrichment links', () => {
	it('shows the workshop, its region and the challenges in rank order, each written out', async () => {
		const w = await workshopWithChallenges();
		const a = await invite(w, 'Lokaal dienstencentrum Asse', 'enrichment', { contactName: 'Onthaal' });
		const r = await openInvite(a.token, T0 + DAY);
		if (!r.ok) throw new Error(r.error);
		expect(r.view.invite).toMatchObject({ id: a.inviteId, kind: 'enrichment', organisation: 'Lokaal dienstencentrum Asse', contactName: 'Onthaal', submittedAt: null });
		expect(+r.view.invite.expiresAt).toBe(T0 + 21 * DAY);
		expect(r.view.workshop).toMatchObject({ regionName: 'DAW+', locale: 'nl' });
		expect(r.view.challenges.map((c) => c.id)).toEqual(w.challengeIds);
		expect(r.view.challenges.map((c) => c.position)).toEqual([1, 2, 3]);
		expect(r.view.challenges[1].bundle.title).toBe('mensen met medische klachten');
		expect(r.view.challenges[0].composed.intro).toBe(
			'In de regio DAW+ zijn er heel wat anderstaligen met een migratieachtergrond met drive en/of capaciteiten tot zelfontplooiing, al dan niet i.f.v. werk.'
		);
		expect(r.view.challenges[1].composed.questions).toEqual([
			'Hoe kunnen we hen inzicht geven in hun mogelijkheden?',
			'Hoe kunnen we werken aan veerkracht, zodat ze zich nuttig voelen voor hun omgeving?'
		]);
		expect(r.view.responses).toEqual([]);
	});

	it('keeps a response per challenge with its organisation and date (confirm on condition of additions)', async () => {
		const w = await workshopWithChallenges();
		const a = await invite(w, 'Welzijnsschakel Merchtem');
		const at = T0 + 2 * DAY;
		const [c1, c2, c3] = w.challengeIds;
		const r = await submitEnrichment(
			a.token,
			a.inviteId,
			[
				{ challengeId: c1, verdict: 'confirm_with_additions', text: '  Betrek ook de lokale taalcafés.  ' },
				{ challengeId: c2, verdict: 'confirm', text: '' },
				{ challengeId: c3, verdict: 'propose_changes', text: 'Noem ook grootouders en buren als opvang.' }
			],
			at
		);
		if (!r.ok) throw new Error(r.error);
		expect(+r.view.invite.submittedAt!).toBe(at);
		const rows = responsesRows();
		expect(rows.map((x) => [x.challengeId, x.verdict, x.text, +x.createdAt, x.inviteId])).toEqual([
			[c1, 'confirm_with_additions', 'Betrek ook de lokale taalcafés.', at, a.inviteId],
			[c2, 'confirm', '', at, a.inviteId],
			[c3, 'propose_changes', 'Noem ook grootouders en buren als opvang.', at, a.inviteId]
		]);
		expect(+inviteRow(a.inviteId).submittedAt!).toBe(at);
		const listed = await workshopResponses(w.workshopId);
		expect(listed.map((x) => [x.challengeId, x.organisation, x.verdict, +x.createdAt, x.merged])).toEqual([
			[c1, 'Welzijnsschakel Merchtem', 'confirm_with_additions', at, false],
			[c2, 'Welzijnsschakel Merchtem', 'confirm', at, false],
			[c3, 'Welzijnsschakel Merchtem', 'propose_changes', at, false]
		]);
		// Opening the link again shows what was sent, also after it expired.
		const again = await openInvite(a.token, T0 + 60 * DAY);
		if (!again.ok) throw new Error(again.error);
		expect(again.view.responses.map((x) => [x.challengeId, x.verdict])).toEqual([
			[c1, 'confirm_with_additions'],
			[c2, 'confirm'],
			[c3, 'propose_changes']
		]);
		const invites = await listInvites(w.facilitator, w.workshopId, T0 + 3 * DAY);
		if (!invites.ok) throw new Error(invites.error);
		expect(invites.invites.map((i) => [i.state, i.responseCount])).toEqual([['submitted', 3]]);
	});

	it('refuses a missing verdict or a missing text for additions or a change, and stores nothing', async () => {
		const w = await workshopWithChallenges();
		const a = await invite(w, 'CGG regio');
		const [c1, c2, c3] = w.challengeIds;
		const r = await submitEnrichment(
			a.token,
			a.inviteId,
			[
				{ challengeId: c1, verdict: 'confirm_with_additions', text: '   ' },
				{ challengeId: c2, verdict: 'propose_changes', text: '' }
			],
			T0 + DAY
		);
		expect(r).toEqual({
			ok: false,
			error: 'invalid',
			problems: [
				{ challengeId: c1, problem: 'text_missing' },
				{ challengeId: c2, problem: 'text_missing' },
				{ challengeId: c3, problem: 'verdict_missing' }
			]
		});
		expect(responsesRows()).toEqual([]);
		expect(inviteRow(a.inviteId).submittedAt).toBeNull();
		// The link still works: the corrected form goes through.
		const ok = await submitEnrichment(a.token, a.inviteId, allConfirm(w.challengeIds), T0 + DAY);
		expect(ok.ok).toBe(true);
	});

	it('refuses a text that is too long', async () => {
		const w = await workshopWithChallenges();
		const a = await invite(w, 'CGG regio');
		const responses = allConfirm(w.challengeIds);
		responses[0] = { challengeId: w.challengeIds[0], verdict: 'confirm_with_additions', text: 'x'.repeat(2001) };
		const r = await submitEnrichment(a.token, a.inviteId, responses, T0 + DAY);
		expect(r).toEqual({ ok: false, error: 'invalid', problems: [{ challengeId: w.challengeIds[0], problem: 'text_too_long' }] });
		expect(responsesRows()).toEqual([]);
	});

	it('refuses an expired link, both to open and to send', async () => {
		const w = await workshopWithChallenges();
		const a = await invite(w, 'Bibliotheek Opwijk', 'enrichment', { days: 1 });
		expect((await openInvite(a.token, T0 + DAY - 1)).ok).toBe(true);
		expect(await openInvite(a.token, T0 + DAY)).toEqual({ ok: false, error: 'link_expired' });
		expect(await submitEnrichment(a.token, a.inviteId, allConfirm(w.challengeIds), T0 + 2 * DAY)).toEqual({ ok: false, error: 'link_expired' });
		expect(responsesRows()).toEqual([]);
	});

	it('refuses a second submission and keeps the first', async () => {
		const w = await workshopWithChallenges();
		const a = await invite(w, 'Lokaal dienstencentrum Asse');
		const first = w.challengeIds.map((challengeId) => ({ challengeId, verdict: 'confirm_with_additions', text: 'Eerste reactie' }));
		expect((await submitEnrichment(a.token, a.inviteId, first, T0 + DAY)).ok).toBe(true);
		const second = w.challengeIds.map((challengeId) => ({ challengeId, verdict: 'propose_changes', text: 'Tweede reactie' }));
		expect(await submitEnrichment(a.token, a.inviteId, second, T0 + 2 * DAY)).toEqual({ ok: false, error: 'already_submitted' });
		const rows = responsesRows();
		expect(rows).toHaveLength(3);
		expect(rows.every((x) => x.verdict === 'confirm_with_additions' && x.text === 'Eerste reactie' && +x.createdAt === T0 + DAY)).toBe(true);
		expect(+inviteRow(a.inviteId).submittedAt!).toBe(T0 + DAY);
	});

	it("refuses a form that belonged to another organisation's link ('not_yours') and stores nothing", async () => {
		const w = await workshopWithChallenges();
		const a = await invite(w, 'Organisatie A');
		const b = await invite(w, 'Organisatie B');
		expect(await submitEnrichment(b.token, a.inviteId, allConfirm(w.challengeIds), T0 + DAY)).toEqual({ ok: false, error: 'not_yours' });
		expect(await submitEnrichment(a.token, b.inviteId, allConfirm(w.challengeIds), T0 + DAY)).toEqual({ ok: false, error: 'not_yours' });
		// A form without the invite the page showed is not this link's either (what the page sends when it is missing).
		expect(await submitEnrichment(a.token, null, allConfirm(w.challengeIds), T0 + DAY)).toEqual({ ok: false, error: 'not_yours' });
		expect(responsesRows()).toEqual([]);
		expect(inviteRow(a.inviteId).submittedAt).toBeNull();
		expect(inviteRow(b.inviteId).submittedAt).toBeNull();
	});

	it('refuses a revoked link; a link that was used cannot be revoked and keeps showing what was sent', async () => {
		const w = await workshopWithChallenges();
		const a = await invite(w, 'Organisatie A');
		const b = await invite(w, 'Organisatie B');
		expect((await submitEnrichment(b.token, b.inviteId, allConfirm(w.challengeIds), T0 + DAY)).ok).toBe(true);
		expect((await revokeInvite(w.facilitator, w.workshopId, a.inviteId)).ok).toBe(true);
		expect(await revokeInvite(w.facilitator, w.workshopId, b.inviteId)).toEqual({ ok: false, error: 'already_submitted' });
		expect(await openInvite(a.token, T0 + DAY)).toEqual({ ok: false, error: 'link_revoked' });
		const used = await openInvite(b.token, T0 + DAY);
		expect(used.ok && used.view.responses).toHaveLength(3);
		expect(await submitEnrichment(a.token, a.inviteId, allConfirm(w.challengeIds), T0 + DAY)).toEqual({ ok: false, error: 'link_revoked' });
		expect(responsesRows().map((x) => x.inviteId)).toEqual([b.inviteId, b.inviteId, b.inviteId]);
	});

	it('refuses an unknown link, the wrong kind of form, and only lets the workshop runners make links', async () => {
		const w = await workshopWithChallenges();
		expect(await openInvite('bestaat-niet-bestaat-niet')).toEqual({ ok: false, error: 'link_unknown' });
		expect(await openInvite('kort')).toEqual({ ok: false, error: 'link_unknown' });
		const a = await invite(w, 'Organisatie A');
		expect(await submitArena(a.token, a.inviteId, { 1: 1 }, T0 + DAY)).toEqual({ ok: false, error: 'wrong_kind' });
		const outsider = await staff(['facilitator']);
		expect(await createInvite(outsider, w.workshopId, { kind: 'enrichment', organisation: 'X' })).toEqual({ ok: false, error: 'forbidden' });
		expect(await createInvite(w.facilitator, w.workshopId, { kind: 'enrichment', organisation: '  ' })).toEqual({ ok: false, error: 'bad_organisation' });
		expect(await createInvite(w.facilitator, w.workshopId, { kind: 'enrichment', organisation: 'X', days: 91 })).toEqual({ ok: false, error: 'bad_days' });
	});

	it('lists responses with their organisation and whether they were merged', async () => {
		const w = await workshopWithChallenges();
		const a = await invite(w, 'Organisatie A');
		const b = await invite(w, 'Organisatie B');
		const [c1] = w.challengeIds;
		const withAddition = (text: string) => w.challengeIds.map((challengeId, i) => ({ challengeId, verdict: i === 0 ? 'confirm_with_additions' : 'confirm', text: i === 0 ? text : '' }));
		expect((await submitEnrichment(a.token, a.inviteId, withAddition('Werk samen met de OCMW’s.'), T0 + DAY)).ok).toBe(true);
		expect((await submitEnrichment(b.token, b.inviteId, withAddition('Denk aan mensen zonder internet.'), T0 + 2 * DAY)).ok).toBe(true);
		const before = await workshopResponses(w.workshopId);
		expect(before.map((x) => x.organisation)).toEqual(['Organisatie A', 'Organisatie A', 'Organisatie A', 'Organisatie B', 'Organisatie B', 'Organisatie B']);
		const fromB = before.find((x) => x.organisation === 'Organisatie B' && x.challengeId === c1)!;
		const merged = await mergeAddition(w.facilitator, w.workshopId, { responseId: fromB.id });
		expect(merged.ok).toBe(true);
		const after = await workshopResponses(w.workshopId);
		expect(after.filter((x) => x.merged).map((x) => [x.id, x.organisation, x.text])).toEqual([[fromB.id, 'Organisatie B', 'Denk aan mensen zonder internet.']]);
		const addition = getDb().select().from(schema.workshopAdditions).all();
		expect(addition.map((x) => [x.challengeId, x.responseId, x.text])).toEqual([[c1, fromB.id, 'Denk aan mensen zonder internet.']]);
	});
});

describe('arena links', () => {
	it('refuses more dots than the budget, or none, and stores nothing', async () => {
		const w = await workshopWithChallenges();
		const [r1, r2] = await arenaRows(w.facilitator, w.workshopId, 3);
		const a = await invite(w, 'Werkwinkel regio', 'arena');
		expect(ARENA_DOTS).toBe(5);
		expect(await submitArena(a.token, a.inviteId, { [r1]: 3, [r2]: 3 }, T0 + DAY)).toEqual({ ok: false, error: 'over_budget' });
		expect(await submitArena(a.token, a.inviteId, { [r1]: 0 }, T0 + DAY)).toEqual({ ok: false, error: 'no_dots' });
		expect(await submitArena(a.token, a.inviteId, { [r1]: -1 }, T0 + DAY)).toEqual({ ok: false, error: 'bad_payload' });
		expect(votesRows()).toEqual([]);
		expect(inviteRow(a.inviteId).submittedAt).toBeNull();
		const ok = await submitArena(a.token, a.inviteId, { [r1]: 3, [r2]: 2 }, T0 + DAY);
		if (!ok.ok) throw new Error(ok.error);
		expect(ok.view.dots).toEqual({ [r1]: 3, [r2]: 2 });
		expect(await submitArena(a.token, a.inviteId, { [r1]: 1 }, T0 + DAY)).toEqual({ ok: false, error: 'already_submitted' });
		expect(await submitEnrichment(a.token, a.inviteId, [], T0 + DAY)).toEqual({ ok: false, error: 'already_submitted' });
	});

	it('ranks the rows by dots, ties sharing a rank, and counts the partners', async () => {
		const w = await workshopWithChallenges();
		const [r1, r2, r3, r4] = await arenaRows(w.facilitator, w.workshopId, 4);
		const a = await invite(w, 'Werkwinkel regio', 'arena');
		const b = await invite(w, 'Gemeente Dilbeek', 'arena');
		await invite(w, 'Gemeente Asse', 'arena');
		expect((await submitArena(a.token, a.inviteId, { [r2]: 3, [r3]: 2 }, T0 + DAY)).ok).toBe(true);
		expect((await submitArena(b.token, b.inviteId, { [r3]: 1, [r4]: 2, [r1]: 2 }, T0 + DAY)).ok).toBe(true);
		const table = await arenaTable(w.workshopId);
		// r2: 3, r3: 3, r1: 2, r4: 2 → ranks 1, 1, 3, 3 (ties keep their order of position).
		expect(table.map((r) => [r.id, r.dots, r.partners, r.rank])).toEqual([
			[r2, 3, 1, 1],
			[r3, 3, 2, 1],
			[r1, 2, 1, 3],
			[r4, 2, 1, 3]
		]);
		expect(await arenaPartners(w.workshopId)).toEqual({ invited: 3, voted: 2 });
	});
});

// ---------------------------------------------------------------- the page server

function event(token: string, body?: Record<string, string>, search = '') {
	const url = new URL(`http://x/partner/${token}${search}`);
	const headers: Record<string, string> = {};
	return {
		params: { token },
		url,
		locals: { locale: 'nl', user: null },
		setHeaders: (h: Record<string, string>) => Object.assign(headers, h),
		headers,
		request: new Request(url, body ? { method: 'POST', body: new URLSearchParams(body), headers: { 'content-type': 'application/x-www-form-urlencoded' } } : undefined)
	};
}

type LoadData = { problem: string | null; page: PartnerPage | null; justSent: boolean };
const loadPage = async (e: ReturnType<typeof event>) => (await load(e as never)) as LoadData;

type ActData = {
	kind: string;
	error: string;
	values: { challengeId?: number; itemId?: number; verdict?: string; text?: string; value?: string }[];
	problems?: unknown[];
	invalidRows?: number[];
};
type Acted = { status: number; redirect?: string; data?: ActData };

async function act(name: 'enrichment' | 'arena', e: ReturnType<typeof event>): Promise<Acted> {
	try {
		return (await actions[name](e as never)) as Acted;
	} catch (x) {
		if (isRedirect(x)) return { redirect: x.location, status: x.status };
		throw x;
	}
}

describe('the partner page', () => {
	it('explains an unknown link (no page data, the link_unknown message) and keeps the page out of caches', async () => {
		const e = event('bestaat-niet-bestaat-niet');
		const data = await loadPage(e);
		expect(data.problem).toBe('link_unknown');
		expect(data.page).toBeNull();
		expect(e.headers['cache-control']).toMatch(/no-store/);
	});

	it('shows the organisation, the date until which the link works and the challenges', async () => {
		const w = await workshopWithChallenges();
		const a = await invite(w, 'Bibliotheek Opwijk', 'enrichment', { days: 90 });
		const data = await loadPage(event(a.token));
		expect(data.problem).toBeNull();
		expect(data.page!.invite).toMatchObject({ id: a.inviteId, organisation: 'Bibliotheek Opwijk', submittedOn: null });
		expect(data.page!.invite.expiresOn).toMatch(/\d{4}/);
		expect(data.page!.challenges.map((c) => [c.id, c.position, c.bundle])).toEqual([
			[w.challengeIds[0], 1, 'anderstaligen met een migratieachtergrond'],
			[w.challengeIds[1], 2, 'mensen met medische klachten'],
			[w.challengeIds[2], 3, '(alleenstaande) ouders']
		]);
		// Only what the page needs goes to the browser.
		expect(Object.keys(data.page!.challenges[0]).sort()).toEqual(['barriers', 'bundle', 'id', 'intro', 'position', 'questions']);
	});

	it('action: a refused form returns every verdict and text as typed, with the problems', async () => {
		const w = await workshopWithChallenges();
		const a = await invite(w, 'Organisatie A');
		const [c1, c2, c3] = w.challengeIds;
		const body = {
			invite: String(a.inviteId),
			[`verdict-${c1}`]: 'confirm_with_additions',
			[`text-${c1}`]: 'Betrek de taalcafés.\nEn de bibliotheek.',
			[`verdict-${c2}`]: 'propose_changes',
			[`text-${c2}`]: '   ',
			[`text-${c3}`]: 'Een notitie zonder keuze'
		};
		const r = await act('enrichment', event(a.token, body));
		expect(r.status).toBe(400);
		expect(r.data).toEqual({
			kind: 'enrichment',
			error: 'invalid',
			values: [
				{ challengeId: c1, verdict: 'confirm_with_additions', text: 'Betrek de taalcafés.\nEn de bibliotheek.' },
				{ challengeId: c2, verdict: 'propose_changes', text: '   ' },
				{ challengeId: c3, verdict: '', text: 'Een notitie zonder keuze' }
			],
			problems: [
				{ challengeId: c2, problem: 'text_missing' },
				{ challengeId: c3, problem: 'verdict_missing' }
			]
		});
		expect(responsesRows()).toEqual([]);
	});

	it('action: sending redirects to the thank-you; the link then shows what was sent and refuses again', async () => {
		const w = await workshopWithChallenges();
		const a = await invite(w, 'Organisatie A');
		const body: Record<string, string> = { invite: String(a.inviteId) };
		for (const id of w.challengeIds) Object.assign(body, { [`verdict-${id}`]: 'confirm', [`text-${id}`]: '' });
		const r = await act('enrichment', event(a.token, body));
		expect(r).toEqual({ redirect: `/partner/${a.token}?sent=1`, status: 303 });
		const data = await loadPage(event(a.token, undefined, '?sent=1'));
		expect(data.page!.invite.submittedOn).toMatch(/\d{4}/);
		expect(data.justSent).toBe(true);
		const again = await act('enrichment', event(a.token, { ...body, [`verdict-${w.challengeIds[0]}`]: 'propose_changes', [`text-${w.challengeIds[0]}`]: 'Toch iets anders' }));
		expect(again.status).toBe(409);
		expect(again.data!.error).toBe('already_submitted');
		expect(again.data!.values[0].text).toBe('Toch iets anders');
		expect(responsesRows().map((x) => x.verdict)).toEqual(['confirm', 'confirm', 'confirm']);
	});

	it("action: another organisation's form is refused (403, not_yours) with the typed values", async () => {
		const w = await workshopWithChallenges();
		const a = await invite(w, 'Organisatie A');
		const b = await invite(w, 'Organisatie B');
		const body: Record<string, string> = { invite: String(a.inviteId) };
		for (const id of w.challengeIds) Object.assign(body, { [`verdict-${id}`]: 'confirm', [`text-${id}`]: 'x' });
		const r = await act('enrichment', event(b.token, body));
		expect(r.status).toBe(403);
		expect(r.data!.error).toBe('not_yours');
		expect(r.data!.values).toHaveLength(3);
		const missing = await act('enrichment', event(b.token, { ...body, invite: 'abc' }));
		expect(missing.data!.error).toBe('not_yours');
		expect(responsesRows()).toEqual([]);
	});

	it('action: an expired or unknown link keeps what was typed', async () => {
		const w = await workshopWithChallenges();
		const a = await createInvite(w.facilitator, w.workshopId, { kind: 'enrichment', organisation: 'Organisatie A', days: 1 }, Date.now() - 2 * DAY);
		if (!a.ok) throw new Error(a.error);
		const body = { invite: String(a.inviteId), [`verdict-${w.challengeIds[0]}`]: 'propose_changes', [`text-${w.challengeIds[0]}`]: 'Mijn voorstel' };
		const r = await act('enrichment', event(a.token, body));
		expect(r.status).toBe(410);
		expect(r.data).toMatchObject({ error: 'link_expired', values: [{ challengeId: w.challengeIds[0], verdict: 'propose_changes', text: 'Mijn voorstel' }] });
		expect((await loadPage(event(a.token))).problem).toBe('link_expired');
		const unknown = await act('enrichment', event('bestaat-niet-bestaat-niet', body));
		expect(unknown.status).toBe(404);
	});

	it('arena action: too many dots, a number that is not one, and a good submit', async () => {
		const w = await workshopWithChallenges();
		const [r1, r2, r3] = await arenaRows(w.facilitator, w.workshopId, 3);
		const a = await invite(w, 'Werkwinkel regio', 'arena');
		const over = await act('arena', event(a.token, { invite: String(a.inviteId), [`dots-${r1}`]: '4', [`dots-${r2}`]: '2', [`dots-${r3}`]: '' }));
		expect(over).toEqual({
			status: 400,
			data: {
				kind: 'arena',
				error: 'over_budget',
				values: [
					{ itemId: r1, value: '4' },
					{ itemId: r2, value: '2' },
					{ itemId: r3, value: '' }
				],
				invalidRows: [],
				used: 6,
				budget: 5
			}
		});
		const single = await act('arena', event(a.token, { invite: String(a.inviteId), [`dots-${r1}`]: '7' }));
		expect(single.data!.error).toBe('over_budget');
		const odd = await act('arena', event(a.token, { invite: String(a.inviteId), [`dots-${r1}`]: '1.5', [`dots-${r2}`]: '-1' }));
		expect(odd.data!).toMatchObject({ error: 'dots_invalid', invalidRows: [r1, r2] });
		const none = await act('arena', event(a.token, { invite: String(a.inviteId), [`dots-${r1}`]: '0' }));
		expect(none.data!.error).toBe('no_dots');
		expect(votesRows()).toEqual([]);
		const ok = await act('arena', event(a.token, { invite: String(a.inviteId), [`dots-${r1}`]: '2', [`dots-${r3}`]: '3', [`dots-${r2}`]: '' }));
		expect(ok).toEqual({ redirect: `/partner/${a.token}?sent=1`, status: 303 });
		expect(Object.fromEntries(votesRows().map((v) => [v.itemId, v.dots]))).toEqual({ [r1]: 2, [r3]: 3 });
	});
});

describe('the partner page as rendered', () => {
	async function html(data: unknown, form: unknown = null) {
		const { default: Page } = await import('../../src/routes/partner/[token]/+page.svelte');
		return render(Page, { props: { data, form } as never }).body;
	}

	it('explains an unknown link and is kept out of search engines', async () => {
		const { default: Page } = await import('../../src/routes/partner/[token]/+page.svelte');
		const out = render(Page, { props: { data: { problem: 'link_unknown', page: null, justSent: false, user: null }, form: null } as never });
		expect(out.head).toContain('<meta name="robots" content="noindex, nofollow"');
		expect(out.body).toContain('We kennen deze link niet');
		expect(out.body).not.toContain('<form');
	});

	it('marks a refused challenge: aria-invalid, aria-describedby, and a summary linking to it', async () => {
		const w = await workshopWithChallenges();
		const a = await invite(w, 'Organisatie A');
		const data = await loadPage(event(a.token));
		const [c1, c2, c3] = w.challengeIds;
		const form = {
			kind: 'enrichment',
			error: 'invalid',
			values: [
				{ challengeId: c1, verdict: 'confirm_with_additions', text: 'Mijn aanvulling' },
				{ challengeId: c2, verdict: 'propose_changes', text: '' },
				{ challengeId: c3, verdict: '', text: '' }
			],
			problems: [
				{ challengeId: c2, problem: 'text_missing' },
				{ challengeId: c3, problem: 'verdict_missing' }
			]
		};
		const body = await html(data, form);
		expect(body).toContain(`href="#text-${c2}"`);
		expect(body).toContain(`href="#verdict-${c3}-confirm"`);
		expect(body).toMatch(new RegExp(`id="text-${c2}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="text-${c2}"`));
		expect(body).toContain(`text-${c2}-hint text-${c2}-error`);
		expect(body).toContain(`id="text-${c2}-error"`);
		expect(body).toContain(`aria-describedby="verdict-${c3}-error"`);
		expect(body).toContain('Mijn aanvulling');
		expect(body).toMatch(new RegExp(`value="confirm_with_additions"[^>]*checked|checked[^>]*value="confirm_with_additions"`));
		expect(body).toContain(`name="invite" value="${a.inviteId}"`);
		expect(body).toMatch(/lang="nl" dir="ltr"/);
	});

	it('after sending shows what was sent and no form', async () => {
		const w = await workshopWithChallenges();
		const a = await invite(w, 'Organisatie A');
		const responses = w.challengeIds.map((challengeId, i) => ({ challengeId, verdict: i === 1 ? 'propose_changes' : 'confirm', text: i === 1 ? 'Noem ook de buren.' : '' }));
		expect((await submitEnrichment(a.token, a.inviteId, responses)).ok).toBe(true);
		const body = await html(await loadPage(event(a.token, undefined, '?sent=1')));
		expect(body).toContain('Bedankt!');
		expect(body).toContain('Noem ook de buren.');
		expect(body).toContain('We stellen een wijziging voor.');
		expect(body).toContain('Met deze link kun je niet opnieuw versturen');
		expect(body).not.toContain('<form');
	});

	it('arena: every row has a labelled number input that works without JavaScript, and the budget is said', async () => {
		const w = await workshopWithChallenges();
		const rows = await arenaRows(w.facilitator, w.workshopId, 2);
		const a = await invite(w, 'Werkwinkel regio', 'arena');
		const body = await html(await loadPage(event(a.token)));
		for (const [i, id] of rows.entries()) {
			expect(body).toContain(`<label for="dots-${id}">Jullie stippen voor rij ${i + 1}</label>`);
			expect(body).toMatch(new RegExp(`<input type="number" id="dots-${id}" name="dots-${id}"`));
		}
		expect(body).toContain('action="?/arena"');
		expect(body).toContain('Jullie organisatie krijgt 5 stippen');
		expect(body).toContain('Taalondersteuning');
		// The +/- buttons need JavaScript: they are not in the page as served.
		expect(body).not.toContain('Eén stip meer');
	});

	it('speaks the reader\'s language and keeps the workshop\'s text in its own (lang, dir)', async () => {
		const w = await workshopWithChallenges();
		const a = await invite(w, 'Organisatie A');
		const data = await loadPage(event(a.token));
		const runtime = await import('../../src/lib/paraglide/runtime');
		const before = runtime.getLocale;
		runtime.overwriteGetLocale(() => 'ar');
		try {
			const body = await html(data);
			expect(body).toContain('أبدوا رأيكم في التحديات');
			expect(body).toContain('<div class="sentence svelte');
			expect(body).toMatch(/class="sentence[^"]*" lang="nl" dir="ltr"/);
			expect(body).toContain('باللغة الهولندية');
		} finally {
			runtime.overwriteGetLocale(before);
		}
	});
});

