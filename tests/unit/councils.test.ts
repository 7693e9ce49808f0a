import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { isHttpError } from '@sveltejs/kit';
import * as Y from 'yjs';
import { createStaff, type StaffUser } from '../../src/lib/server/auth';
import { getDb, schema } from '../../src/lib/server/db';
import type { Role } from '../../src/lib/server/db/schema';
import { seedPlan } from '../../src/lib/server/seed';
import { seedDemoCouncils, councilMemberEmail } from '../../src/lib/server/seed/councils';
import { createSignal, getSignal } from '../../src/lib/server/signals';
import { timeline } from '../../src/lib/server/signals/lifecycle';
import {
	castVote,
	councilAccess,
	getCouncil,
	getRequest,
	inbox,
	listCouncils,
	openVote,
	postMessage,
	publishAdvice,
	raiseOwnInitiative,
	replaceDraft,
	sendToCouncil,
	setQuorum
} from '../../src/lib/server/councils';
import { appendDraftUpdate, draftLogSize, draftText, readDraft, DRAFT_UPDATE_MAX } from '../../src/lib/server/councils/draft';
import { cityInputValue, parseCityTime, quorumMet, verdictOf, voteState, isOverdue } from '../../src/lib/server/councils/rules';
import { adviceData, adviceDoc } from '../../src/lib/server/councils/advice-pdf';
import { toPdf } from '../../src/lib/server/documents/pdf';
import { toMarkdown } from '../../src/lib/server/documents/markdown';
import { load as requestLoad, actions as requestActions } from '../../src/routes/staff/councils/requests/[rid]/+page.server';
import { GET as advicePdf } from '../../src/routes/staff/councils/requests/[rid]/advice.pdf/+server';
import { councilAction } from '../../src/routes/staff/signals/[id]/council.server';
import { render } from 'svelte/server';
import RequestPage from '../../src/routes/staff/councils/requests/[rid]/+page.svelte';
import InboxPage from '../../src/routes/staff/councils/[id]/+page.svelte';
import CouncilsPage from '../../src/routes/staff/councils/+page.svelte';
import { load as inboxLoad } from '../../src/routes/staff/councils/[id]/+page.server';
import { load as councilsLoad } from '../../src/routes/staff/councils/+page.server';
import SendToCouncil from '../../src/routes/staff/signals/[id]/SendToCouncil.svelte';
import { staff } from './tables-fixtures';
import { pdfText } from './pdf-text';

// The pages render on the server as a browser without JavaScript gets them: SvelteKit's client modules are stand-ins.
vi.mock('$app/forms', () => ({ enhance: () => ({ destroy() {} }), applyAction: async () => {} }));
vi.mock('$app/navigation', () => ({ invalidateAll: async () => {} }));

const DAY = 86_400_000;
let n = 0;

/** A council member of `councilIds` (the fixture `staff()` makes users without councils). */
async function member(councilIds: string[], roles: Role[] = ['council_member']): Promise<StaffUser> {
	n++;
	const email = `lid${n}-${Date.now()}@example.org`;
	const name = `Raadslid ${n}`;
	const { id } = await createStaff({ email, name, roles, councilIds });
	return { id, email, name, roles, councilIds };
}

async function signal(title = 'Geen opvang na vijf uur') {
	const r = await createSignal({ title, summary: 'Ouders die laat werken vinden geen opvang.', type: 'need' }, null);
	if (!r.ok) throw new Error(r.problems.join());
	return r.id;
}

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
	if (!r.ok) throw new Error(`refused: ${(r as { error?: string }).error}`);
	return r as Extract<T, { ok: true }>;
}

/** A plan, a plan owner, three members of 'loko' (quorum 2), one of 'sar', and a signal sent to 'loko'. */
async function setup(quorum = 2) {
	await seedPlan();
	const owner = await staff(['plan_owner']);
	const moderator = await staff(['moderator']);
	const [a, b, c] = [await member(['loko']), await member(['loko']), await member(['loko'])];
	const other = await member(['sar']);
	ok(await setQuorum(owner, 'loko', quorum));
	const signalId = await signal();
	const { requestId } = ok(await sendToCouncil(moderator, signalId, 'loko', { question: 'Is flexibele opvang een goed antwoord?', deadline: new Date(Date.now() + 30 * DAY) }));
	return { owner, moderator, a, b, c, other, signalId, requestId };
}

const counts = async (table: 'councilAdvice' | 'councilVotes' | 'councilMessages' | 'adviceUpdates') => (await getDb().select().from(schema[table])).length;

describe('the rules', () => {
	it('quorum: enough votes, a quorum between 1 and 50', () => {
		expect(quorumMet(2, 3)).toBe(false);
		expect(quorumMet(3, 3)).toBe(true);
		expect(quorumMet(4, 3)).toBe(true);
		expect(quorumMet({ favourable: 1, conditional: 1, unfavourable: 1 }, 3)).toBe(true);
		expect(quorumMet(5, 0)).toBe(false);
		expect(quorumMet(60, 51)).toBe(false);
	});

	it('verdictOf: the verdict with most votes, a tie, or none', () => {
		expect(verdictOf({ favourable: 2, conditional: 1, unfavourable: 0 })).toBe('favourable');
		expect(verdictOf({ favourable: 0, conditional: 0, unfavourable: 1 })).toBe('unfavourable');
		expect(verdictOf({ favourable: 2, conditional: 2, unfavourable: 1 })).toBe('tie');
		expect(verdictOf({ favourable: 1, conditional: 1, unfavourable: 1 })).toBe('tie');
		expect(verdictOf({ favourable: 0, conditional: 0, unfavourable: 0 })).toBeNull();
	});

	it('voteState and overdue', () => {
		const now = new Date('2026-03-10T12:00:00Z');
		expect(voteState({ closesAt: null }, now)).toBe('not_open');
		expect(voteState({ closesAt: new Date('2026-03-11T00:00:00Z') }, now)).toBe('open');
		expect(voteState({ closesAt: now }, now)).toBe('closed');
		expect(voteState({ openAt: new Date('2026-03-10T13:00:00Z'), closesAt: new Date('2026-03-11T00:00:00Z') }, now)).toBe('not_open');
		expect(isOverdue(new Date('2026-03-09T00:00:00Z'), false, now)).toBe(true);
		expect(isOverdue(new Date('2026-03-09T00:00:00Z'), true, now)).toBe(false);
		expect(isOverdue(null, false, now)).toBe(false);
	});

	it('reads a form date and time on the city clock (Brussels, summer and winter time)', () => {
		expect(parseCityTime('2026-01-15T18:00', 'Europe/Brussels')?.toISOString()).toBe('2026-01-15T17:00:00.000Z');
		expect(parseCityTime('2026-07-15T18:00', 'Europe/Brussels')?.toISOString()).toBe('2026-07-15T16:00:00.000Z');
		expect(parseCityTime('2026-07-15', 'Europe/Brussels')?.toISOString()).toBe('2026-07-15T21:59:00.000Z');
		expect(parseCityTime('2026-02-30', 'Europe/Brussels')).toBeNull();
		expect(parseCityTime('morgen')).toBeNull();
		expect(cityInputValue(new Date('2026-07-15T16:00:00Z'), true, 'Europe/Brussels')).toBe('2026-07-15T18:00');
	});
});

describe('sending a signal to a council', () => {
	it('moves the signal to with_council and puts it in the inbox; refuses a council member, a past deadline, a second open request', async () => {
		const { moderator, a, signalId, requestId } = await setup();
		expect((await getSignal(signalId))!.status).toBe('with_council');
		const box = ok(await inbox(a, 'loko'));
		expect(box.requests.map((r) => r.id)).toEqual([requestId]);
		expect(box.requests[0]).toMatchObject({ overdue: false, published: false, vote: { state: 'not_open', votes: 0 } });
		expect(await sendToCouncil(a, signalId, 'sar', { question: 'Q', deadline: new Date(Date.now() + DAY) })).toEqual({ ok: false, error: 'forbidden' });
		expect(await sendToCouncil(moderator, signalId, 'sar', { question: 'Q', deadline: new Date(Date.now() - DAY) })).toEqual({ ok: false, error: 'deadline_past' });
		expect(await sendToCouncil(moderator, signalId, 'sar', { question: '  ', deadline: new Date(Date.now() + DAY) })).toEqual({ ok: false, error: 'question_required' });
		expect(await sendToCouncil(moderator, signalId, 'loko', { question: 'Nog eens?', deadline: new Date(Date.now() + DAY) })).toEqual({ ok: false, error: 'already_with_council' });
		expect(await sendToCouncil(moderator, signalId, 'nope', { question: 'Q', deadline: new Date(Date.now() + DAY) })).toEqual({ ok: false, error: 'council_not_found' });
		expect((await getDb().select().from(schema.councilRequests)).length).toBe(1);
	});

	it('a member raises a signal on the council’s own initiative; a member of another council cannot', async () => {
		const { a, other } = await setup();
		const id = await signal('Bushaltes niet bereikbaar met rolstoel');
		expect(await raiseOwnInitiative(other, 'loko', id, 'Wij willen dit bespreken')).toEqual({ ok: false, error: 'not_member' });
		expect(await raiseOwnInitiative(a, 'loko', id, ' ')).toEqual({ ok: false, error: 'note_required' });
		const { requestId } = ok(await raiseOwnInitiative(a, 'loko', id, 'Wij willen dit bespreken'));
		const view = ok(await getRequest(a, requestId)).request;
		expect(view).toMatchObject({ ownInitiative: true, deadline: null, question: 'Wij willen dit bespreken' });
		expect((await getSignal(id))!.status).toBe('with_council');
	});
});

describe('who sees what', () => {
	it('a member of council A cannot read council B’s request; the plan owner can', async () => {
		const { owner, a, other, requestId } = await setup();
		expect(await getRequest(other, requestId)).toEqual({ ok: false, error: 'forbidden' });
		expect(await inbox(other, 'loko')).toEqual({ ok: false, error: 'forbidden' });
		expect(await getCouncil(other, 'loko')).toEqual({ ok: false, error: 'forbidden' });
		expect(ok(await getRequest(owner, requestId)).request.access).toBe('overseer');
		expect(ok(await getRequest(a, requestId)).request.access).toBe('member');
		expect(ok(await listCouncils(other)).councils.map((c) => c.id)).toEqual(['sar']);
		expect(ok(await listCouncils(owner)).councils.map((c) => c.id)).toEqual(['dialoogstad', 'sar', 'loko', 'rph']);
		expect(await listCouncils(await staff(['moderator']))).toEqual({ ok: false, error: 'forbidden' });
		expect(councilAccess(await staff(['admin']), 'rph')).toBe('overseer');
	});

	it('the request page refuses another council’s member with a 403 that says why, and the PDF too', async () => {
		const { other, requestId } = await setup();
		const url = new URL(`http://x/staff/councils/requests/${requestId}`);
		const ev = { params: { rid: String(requestId) }, url, locals: { user: other, locale: 'nl' }, request: new Request(url) } as never;
		for (const run of [() => requestLoad(ev), () => advicePdf(ev)]) {
			let caught: unknown = null;
			try {
				await run();
			} catch (e) {
				caught = e;
			}
			expect(isHttpError(caught)).toBe(true);
			if (isHttpError(caught)) {
				expect(caught.status).toBe(403);
				// The page's language comes from paraglide's request context: Dutch (the base) in a unit test.
				expect(caught.body.message).toBe('Deze adviesvraag hoort bij een andere adviesraad. Alleen de leden van die raad en de regisseur kunnen ze openen.');
			}
		}
	});
});

describe('the vote', () => {
	it('refuses a vote by someone outside the council, before the vote opened and after it closed; a member may change their vote', async () => {
		const { owner, a, b, other, requestId } = await setup();
		expect(await castVote(a, requestId, 'favourable')).toEqual({ ok: false, error: 'vote_not_open' });
		const now = new Date();
		ok(await openVote(a, requestId, new Date(+now + 2 * DAY), now));
		expect(await openVote(b, requestId, new Date(+now + 3 * DAY), now)).toEqual({ ok: false, error: 'vote_already_open' });
		expect(await castVote(other, requestId, 'favourable')).toEqual({ ok: false, error: 'not_member' });
		expect(await castVote(owner, requestId, 'favourable')).toEqual({ ok: false, error: 'not_member' });
		expect(await castVote(a, requestId, 'maybe')).toEqual({ ok: false, error: 'bad_verdict' });
		ok(await castVote(a, requestId, 'favourable'));
		const changed = ok(await castVote(a, requestId, 'conditional'));
		expect(changed.counts).toEqual({ favourable: 0, conditional: 1, unfavourable: 0 });
		expect(await counts('councilVotes')).toBe(1);
		// After the closing time.
		expect(await castVote(b, requestId, 'favourable', new Date(+now + 2 * DAY + 1))).toEqual({ ok: false, error: 'vote_closed' });
		expect(await castVote(a, requestId, 'unfavourable', new Date(+now + 3 * DAY))).toEqual({ ok: false, error: 'vote_closed' });
		const view = ok(await getRequest(a, requestId, 'nl', new Date(+now + 3 * DAY))).request;
		expect(view.vote).toMatchObject({ state: 'closed', total: 1, mine: 'conditional', counts: { favourable: 0, conditional: 1, unfavourable: 0 } });
		// Who voted what is not in the view of another member: only counts and their own vote.
		expect(ok(await getRequest(b, requestId)).request.vote.mine).toBeNull();
	});

	it('refuses a closing time in the past or too far ahead', async () => {
		const { a, requestId } = await setup();
		expect(await openVote(a, requestId, new Date(Date.now() - 1000))).toEqual({ ok: false, error: 'closes_in_past' });
		expect(await openVote(a, requestId, new Date(Date.now() + 120 * DAY))).toEqual({ ok: false, error: 'closes_too_late' });
		expect(await openVote(a, requestId, null)).toEqual({ ok: false, error: 'closes_required' });
	});
});

describe('publishing the advice', () => {
	it('without quorum: refused, nothing stored, the signal stays with the council', async () => {
		const { a, signalId, requestId } = await setup(2);
		ok(await replaceDraft(a, requestId, 'Gunstig, op voorwaarde dat de prijs volgens inkomen blijft.'));
		ok(await openVote(a, requestId, new Date(Date.now() + DAY)));
		ok(await castVote(a, requestId, 'favourable'));
		expect(await publishAdvice(a, requestId)).toEqual({ ok: false, error: 'no_quorum' });
		expect(await counts('councilAdvice')).toBe(0);
		expect((await getSignal(signalId))!.status).toBe('with_council');
		const view = ok(await getRequest(a, requestId)).request;
		expect(view.publishBlocked).toBe('no_quorum');
		expect(view.can.publish).toBe(false);
		expect(view.can.post).toBe(true);
	});

	it('a tie is refused and said so; an empty draft is refused', async () => {
		const { a, b, requestId } = await setup(2);
		ok(await openVote(a, requestId, new Date(Date.now() + DAY)));
		ok(await castVote(a, requestId, 'favourable'));
		ok(await castVote(b, requestId, 'unfavourable'));
		expect(await publishAdvice(a, requestId)).toEqual({ ok: false, error: 'tie' });
		ok(await castVote(b, requestId, 'favourable'));
		expect(await publishAdvice(a, requestId)).toEqual({ ok: false, error: 'draft_empty' });
		expect(await counts('councilAdvice')).toBe(0);
	});

	it('with quorum: stores the draft text, the verdict and the counts, moves the signal to advised; the request is read-only after', async () => {
		const { owner, a, b, c, signalId, requestId } = await setup(2);
		ok(await postMessage(a, requestId, 'Ik ben voor, als de prijs volgens inkomen blijft.'));
		ok(await postMessage(b, requestId, 'Akkoord.'));
		const text = 'Het LOKO geeft een voorwaardelijk gunstig advies.\n\nDe prijs blijft volgens het inkomen.';
		ok(await replaceDraft(a, requestId, text));
		ok(await openVote(a, requestId, new Date(Date.now() + DAY)));
		ok(await castVote(a, requestId, 'conditional'));
		ok(await castVote(b, requestId, 'conditional'));
		ok(await castVote(c, requestId, 'favourable'));
		const published = ok(await publishAdvice(owner, requestId));
		expect(published.verdict).toBe('conditional');
		const [advice] = await getDb().select().from(schema.councilAdvice);
		expect(advice).toMatchObject({ requestId, verdict: 'conditional', text, votes: { favourable: 1, conditional: 2, unfavourable: 0 }, publishedBy: owner.id });
		expect((await getSignal(signalId))!.status).toBe('advised');
		expect((await timeline(signalId)).map((e) => `${e.fromStatus}→${e.toStatus}`)).toEqual(['new→triage', 'triage→with_council', 'with_council→advised']);
		// Read-only: nothing changes any more.
		expect(await postMessage(a, requestId, 'Nog iets')).toEqual({ ok: false, error: 'published' });
		expect(await replaceDraft(a, requestId, 'Andere tekst')).toEqual({ ok: false, error: 'published' });
		expect(await castVote(a, requestId, 'favourable')).toEqual({ ok: false, error: 'vote_closed' });
		expect(await openVote(a, requestId, new Date(Date.now() + DAY))).toEqual({ ok: false, error: 'published' });
		expect(await publishAdvice(a, requestId)).toEqual({ ok: false, error: 'published' });
		expect(await counts('councilMessages')).toBe(2);
		const view = ok(await getRequest(a, requestId)).request;
		expect(view.advice).toMatchObject({ verdict: 'conditional', text });
		expect(view.vote.state).toBe('closed');
		expect(view.can).toEqual({ post: false, editDraft: false, openVote: false, vote: false, publish: false });
		expect(ok(await inbox(a, 'loko')).requests[0]).toMatchObject({ published: true, verdict: 'conditional' });
	});

	it('the PDF holds the council, the verdict, the vote counts and the advice text', async () => {
		const { a, b, requestId } = await setup(2);
		const text = 'Het LOKO vraagt flexibele opvang in twee buurtcentra, open van 6 tot 21 uur.';
		ok(await replaceDraft(a, requestId, text));
		ok(await openVote(a, requestId, new Date(Date.now() + DAY)));
		ok(await castVote(a, requestId, 'favourable'));
		ok(await castVote(b, requestId, 'favourable'));
		ok(await publishAdvice(b, requestId));
		const data = adviceData(ok(await getRequest(a, requestId)).request)!;
		const doc = adviceDoc(data, 'nl');
		expect(doc.title).toBe('Advies van Lokaal Overleg Kinderopvang (LOKO)');
		const buf = await toPdf(doc);
		const { text: pdf, title, lang } = await pdfText(buf);
		expect(title).toBe('Advies van Lokaal Overleg Kinderopvang (LOKO)');
		expect(lang).toBe('nl');
		const flat = pdf.replace(/\s+/g, '');
		expect(flat).toContain('Oordeel'.replace(/\s+/g, ''));
		expect(flat).toContain('Gunstig');
		expect(flat).toContain(text.replace(/\s+/g, ''));
		expect(flat).toContain('Is flexibele opvang een goed antwoord?'.replace(/\s+/g, ''));
		expect(toMarkdown(adviceDoc(data, 'en'))).toContain('Favourable');
		// The route answers the same PDF as a download.
		const url = new URL(`http://x/staff/councils/requests/${requestId}/advice.pdf`);
		const res = await advicePdf({ params: { rid: String(requestId) }, url, locals: { user: a, locale: 'nl' }, request: new Request(url) } as never);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		expect(res.headers.get('content-disposition')).toBe(`attachment; filename="advies-loko-signaal-${data.signal.id}.pdf"`);
		expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
	});
});

describe('the shared draft', () => {
	it('is a Yjs text: the plain form replaces it, a live update appends, a stale form is refused', async () => {
		const { a, requestId } = await setup();
		ok(await replaceDraft(a, requestId, 'Eerste versie'));
		expect(await draftText(requestId)).toBe('Eerste versie');
		// An editor (the future live one) sends an update made against the stored document.
		const doc = await readDraft(requestId);
		const before = Y.encodeStateVector(doc);
		doc.getText('advice').insert(doc.getText('advice').length, ', aangevuld');
		ok(await appendDraftUpdate(requestId, Y.encodeStateAsUpdate(doc, before)));
		expect(await draftText(requestId)).toBe('Eerste versie, aangevuld');
		// A form that started from the old text is refused instead of overwriting.
		expect(await replaceDraft(a, requestId, 'Mijn versie', 'Eerste versie')).toEqual({ ok: false, error: 'draft_changed' });
		expect(await draftText(requestId)).toBe('Eerste versie, aangevuld');
		ok(await replaceDraft(a, requestId, 'Mijn versie', 'Eerste versie, aangevuld'));
		expect(await draftText(requestId)).toBe('Mijn versie');
	});

	it('refuses updates that do not decode, are too large or touch anything but the text; nothing is stored', async () => {
		const { requestId } = await setup();
		expect(await appendDraftUpdate(requestId, new TextEncoder().encode('hello world garbage'))).toEqual({ ok: false, error: 'bad_update' });
		expect(await appendDraftUpdate(requestId, new Uint8Array(DRAFT_UPDATE_MAX + 1))).toEqual({ ok: false, error: 'update_too_large' });
		const other = new Y.Doc();
		other.getMap('elsewhere').set('x', 1);
		expect(await appendDraftUpdate(requestId, Y.encodeStateAsUpdate(other))).toEqual({ ok: false, error: 'bad_update' });
		expect(await appendDraftUpdate(999, Y.encodeStateAsUpdate(new Y.Doc()))).toEqual({ ok: false, error: 'not_found' });
		expect(await counts('adviceUpdates')).toBe(0);
	});

	it('is compacted into one row after N updates, keeping the text', async () => {
		const { a, requestId } = await setup();
		process.env.ADVICE_COMPACT_EVERY = '5';
		try {
			for (let i = 1; i <= 4; i++) ok(await replaceDraft(a, requestId, `Versie ${i}`));
			expect((await draftLogSize(requestId)).rows).toBe(4);
			ok(await replaceDraft(a, requestId, 'Versie 5'));
			expect((await draftLogSize(requestId)).rows).toBe(1);
			expect(await draftText(requestId)).toBe('Versie 5');
			ok(await replaceDraft(a, requestId, 'Versie 6'));
			expect((await draftLogSize(requestId)).rows).toBe(2);
			expect(await draftText(requestId)).toBe('Versie 6');
		} finally {
			delete process.env.ADVICE_COMPACT_EVERY;
		}
	});
});

describe('the page’s forms', () => {
	it('a vote through the form action, and a refused vote that says why', async () => {
		const { a, other, requestId } = await setup();
		ok(await openVote(a, requestId, new Date(Date.now() + DAY)));
		const post = (user: StaffUser, fields: Record<string, string>) => {
			const url = new URL(`http://x/staff/councils/requests/${requestId}?/vote`);
			const body = new FormData();
			for (const [k, v] of Object.entries(fields)) body.set(k, v);
			return { params: { rid: String(requestId) }, url, locals: { user, locale: 'nl' }, request: new Request(url, { method: 'POST', body }) } as never;
		};
		const vote = requestActions.vote as (e: never) => Promise<unknown>;
		expect(await vote(post(a, { verdict: 'favourable' }))).toEqual({ action: 'vote', done: true, verdict: 'favourable' });
		expect(await vote(post(other, { verdict: 'favourable' }))).toMatchObject({ status: 403, data: { action: 'vote', error: 'not_member' } });
		expect(await counts('councilVotes')).toBe(1);
	});

	it('the signal page’s ?/council action sends the signal, and refuses a council member', async () => {
		await seedPlan();
		const moderator = await staff(['moderator']);
		const lid = await member(['loko']);
		const id = await signal();
		const ev = (user: StaffUser) => {
			const url = new URL(`http://x/staff/signals/${id}?/council`);
			const body = new FormData();
			body.set('council', 'sar');
			body.set('question', 'Wat vindt de seniorenraad?');
			body.set('deadline', cityInputValue(new Date(Date.now() + 14 * DAY), false));
			return { params: { id: String(id) }, url, locals: { user, locale: 'nl' }, request: new Request(url, { method: 'POST', body }) } as never;
		};
		const sent = (await councilAction(ev(moderator))) as { council: { sent: boolean; requestId: number; councilName: string } };
		expect(sent.council).toMatchObject({ sent: true, councilName: 'Seniorenadviesraad (SAR)' });
		try {
			await councilAction(ev(lid));
			expect.unreachable();
		} catch (e) {
			expect(isHttpError(e) && e.status).toBe(403);
		}
		expect((await getSignal(id))!.status).toBe('with_council');
	});
});

describe('the pages, as rendered without JavaScript', () => {
	const ev = (user: StaffUser, params: Record<string, string>, path: string) => {
		const url = new URL(`http://x${path}`);
		return { params, url, locals: { user, locale: 'nl' }, request: new Request(url) } as never;
	};
	const headings = (html: string) => [...html.matchAll(/<h([1-6])[^>]*>/g)].map((x) => Number(x[1]));

	it('the request page: headings in order, labelled forms for the thread, the draft, the vote; the published advice with its PDF', async () => {
		const { a, b, requestId } = await setup(2);
		ok(await postMessage(a, requestId, 'Eerste bericht'));
		ok(await replaceDraft(a, requestId, 'Ontwerptekst'));
		ok(await openVote(a, requestId, new Date(Date.now() + DAY)));
		ok(await castVote(a, requestId, 'favourable'));
		const data = (await requestLoad(ev(a, { rid: String(requestId) }, `/staff/councils/requests/${requestId}`))) as object;
		let html = render(RequestPage, { props: { data, form: null } as never }).body;
		expect(html).toContain('<h1>Geen opvang na vijf uur</h1>');
		const levels = headings(html);
		expect(levels[0]).toBe(1);
		for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);
		for (const id of ['message', 'draft']) expect(html).toMatch(new RegExp(`<label for="${id}"`));
		expect(html).toContain('action="?/post"');
		expect(html).toContain('action="?/draft"');
		expect(html).toContain('action="?/vote"');
		expect(html).toContain('name="base" value="Ontwerptekst"');
		expect(html).toContain('Eerste bericht');
		expect(html).toContain('1 van de 2 nodige stemmen.');
		expect(html).toMatch(/type="radio" name="verdict" value="favourable" checked/);
		// Without quorum the publish form is not there, and the page says why.
		expect(html).not.toContain('action="?/publish"');
		expect(html).toContain('Er hebben nog niet genoeg leden gestemd');

		ok(await castVote(b, requestId, 'favourable'));
		ok(await publishAdvice(b, requestId));
		const after = (await requestLoad(ev(a, { rid: String(requestId) }, `/staff/councils/requests/${requestId}`))) as object;
		html = render(RequestPage, { props: { data: after, form: null } as never }).body;
		expect(html).toContain(`href="/staff/councils/requests/${requestId}/advice.pdf"`);
		expect(html).toContain('Gunstig');
		expect(html).not.toContain('action="?/post"');
		expect(html).not.toContain('action="?/vote"');
	});

	it('the inbox puts an overdue request first and highlighted; the council list offers the quorum to the plan owner; the send form has labels', async () => {
		const { owner, a, moderator, requestId } = await setup(2);
		const late = await signal('Wachtlijst voor de buitenschoolse opvang');
		const { requestId: lateId } = ok(await sendToCouncil(moderator, late, 'loko', { question: 'Hoe lang is te lang?', deadline: new Date(Date.now() + 1000) }));
		await getDb().update(schema.councilRequests).set({ deadline: new Date(Date.now() - DAY) }).where(eq(schema.councilRequests.id, lateId));
		await signal('Geen opvang tijdens de schoolvakanties');
		const data = (await inboxLoad(ev(a, { id: 'loko' }, '/staff/councils/loko'))) as { overdue: { id: number }[]; open: { id: number }[] };
		expect(data.overdue.map((x) => x.id)).toEqual([lateId]);
		expect(data.open.map((x) => x.id)).toEqual([requestId]);
		const html = render(InboxPage, { props: { data, form: null } as never }).body;
		expect(html.indexOf(`data-request="${lateId}"`)).toBeLessThan(html.indexOf(`data-request="${requestId}"`));
		expect(html).toMatch(new RegExp(`class="card request[^"]* late" data-request="${lateId}"`));
		expect(html).toContain('Termijn voorbij (1)');
		expect(html).toContain('<label for="raise-signal"');
		expect(html).toContain('Geen opvang tijdens de schoolvakanties');
		const levels = headings(html);
		for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);

		const list = (await councilsLoad(ev(owner, {}, '/staff/councils'))) as object;
		const listHtml = render(CouncilsPage, { props: { data: list, form: null } as never }).body;
		expect(listHtml).toContain('<label for="quorum-loko"');
		expect(listHtml).toMatch(/id="quorum-loko"[^>]*value="2"/);
		const memberList = (await councilsLoad(ev(a, {}, '/staff/councils'))) as object;
		expect(render(CouncilsPage, { props: { data: memberList, form: null } as never }).body).not.toContain('action="?/quorum"');

		const send = render(SendToCouncil, { props: { councils: [{ id: 'sar', name: 'Seniorenadviesraad (SAR)' }], defaults: { deadline: '2026-04-01', minDeadline: '2026-03-01', questionMax: 2000 } } }).body;
		for (const id of ['send-council', 'send-question', 'send-deadline']) expect(send).toContain(`<label for="${id}"`);
		expect(send).toContain('action="?/council"');
	});
});

describe('the demo', () => {
	it('gives each council members, quorum 3, one published advice, and Dialoogstad a vote under way; seeding twice adds nothing', async () => {
		await seedPlan();
		const first = await seedDemoCouncils();
		expect(first).toEqual({ members: 12, requests: 5, published: 4 });
		const db = getDb();
		const owner = { ...(await db.select().from(schema.users).where(eq(schema.users.email, 'regisseur@meespraak.demo')).get())! };
		const councils = ok(await listCouncils(owner)).councils;
		for (const c of councils) {
			expect(c.quorum).toBe(3);
			expect(c.advised).toBe(1);
			expect(c.memberCount).toBeGreaterThanOrEqual(3);
		}
		expect(councils.find((c) => c.id === 'dialoogstad')).toMatchObject({ open: 1, memberCount: 4 });
		const ria = (await db.select().from(schema.users).where(eq(schema.users.email, 'adviesraad@meespraak.demo')).get())!;
		const box = ok(await inbox(ria, 'dialoogstad'));
		const underWay = box.requests.find((r) => !r.published)!;
		expect(underWay.vote.state).toBe('open');
		expect(underWay.vote.votes).toBe(2);
		expect(+underWay.vote.closesAt! - Date.now()).toBeGreaterThan(4.9 * DAY);
		const view = ok(await getRequest(ria, underWay.id)).request;
		expect(view.can.vote).toBe(true);
		expect(view.draft.length).toBeGreaterThan(20);
		const lid = (await db.select().from(schema.users).where(eq(schema.users.email, councilMemberEmail('sar', 1))).get())!;
		expect(lid).toMatchObject({ roles: ['council_member'], councilIds: ['sar'] });
		expect(lid.passwordHash).toBeTruthy();
		expect(ok(await inbox(lid, 'sar')).requests[0]).toMatchObject({ published: true, verdict: 'unfavourable' });

		const size = async () => ({
			users: (await db.select().from(schema.users)).length,
			signals: (await db.select().from(schema.signals)).length,
			requests: (await db.select().from(schema.councilRequests)).length,
			messages: (await db.select().from(schema.councilMessages)).length,
			votes: (await db.select().from(schema.councilVotes)).length,
			advice: (await db.select().from(schema.councilAdvice)).length,
			drafts: (await db.select().from(schema.adviceUpdates)).length,
			events: (await db.select().from(schema.signalEvents)).length
		});
		const before = await size();
		expect(await seedDemoCouncils()).toEqual({ members: 0, requests: 0, published: 0 });
		expect(await size()).toEqual(before);
	});
});
