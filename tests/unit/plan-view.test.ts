import { describe, expect, it } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { render } from 'svelte/server';
import type { StaffUser } from '../../src/lib/server/auth';
import { load as viewLoad } from '../../src/routes/staff/plan/view/+page.server';
import { load as drillLoad } from '../../src/routes/staff/plan/view/[theme]/+page.server';
import { load as reportLoad } from '../../src/routes/staff/plan/report/[year]/+page.server';
import { load as dashboardLoad } from '../../src/routes/staff/plan/dashboard/+page.server';
import { GET as reportPdf } from '../../src/routes/staff/plan/report/[year]/report.pdf/+server';
import { GET as reportCsv } from '../../src/routes/staff/plan/report/[year]/report.csv/+server';
import { GET as openJson, OPTIONS as openOptions } from '../../src/routes/api/v1/open/signals.json/+server';
import { GET as openCsv } from '../../src/routes/api/v1/open/signals.csv/+server';
import ViewPage from '../../src/routes/staff/plan/view/+page.svelte';
import DrillPage from '../../src/routes/staff/plan/view/[theme]/+page.svelte';
import ReportPage from '../../src/routes/staff/plan/report/[year]/+page.svelte';
import DashboardPage from '../../src/routes/staff/plan/dashboard/+page.svelte';
import { eq } from 'drizzle-orm';
import { getDb, schema } from '../../src/lib/server/db';
import { seedPlan } from '../../src/lib/server/seed';
import { createSignal, type EvidenceRef } from '../../src/lib/server/signals';
import { addTag } from '../../src/lib/server/signals/tags';
import { changeStatus, decide, mergeSignals } from '../../src/lib/server/signals/lifecycle';
import { suppressRow, suppressSmall } from '../../src/lib/server/plan/privacy';
import { cachedOpenSignals, dashboard, matrix, openSignals, openSignalsCsv, parseFilter, themeDrill, yearReport, yearReportCsv, yearReportDoc, type Matrix } from '../../src/lib/server/plan/view';
import { toPdf } from '../../src/lib/server/documents/pdf';
import { toMarkdown } from '../../src/lib/server/documents/markdown';
import { pdfText } from './pdf-text';
import { staff } from './tables-fixtures';
import { otherCampaign } from './postcards-fixtures';

const DAY = 86_400_000;
type Tag = { kind: 'theme' | 'attention_point' | 'goal' | 'action' | 'target_group' | 'neighbourhood'; refId: string };

let campaignId = 0;
let codes = 0;
/** A postcard (the plan must be seeded), with neighbourhood / target group tags as the resident chose them. */
async function postcard(opts: { text?: string; tags?: Tag[]; createdAt?: Date; email?: string } = {}): Promise<number> {
	const db = getDb();
	if (!campaignId || !(await db.select().from(schema.campaigns).where(eq(schema.campaigns.id, campaignId)).get()))
		campaignId = (await otherCampaign(`pv${Date.now()}${Math.floor(Math.random() * 1e4)}`)).id;
	codes++;
	const p = await db
		.insert(schema.postcards)
		.values({ campaignId, code: `PV${String(codes).padStart(4, '0')}`, text: opts.text ?? `Kaartje ${codes}`, channel: 'online', locale: 'nl', careCategories: [], createdAt: opts.createdAt ?? new Date() })
		.returning({ id: schema.postcards.id })
		.get();
	for (const t of opts.tags ?? []) await db.insert(schema.taggings).values({ subjectType: 'postcard', subjectId: p.id, kind: t.kind, refId: t.refId, source: 'resident', createdAt: new Date() });
	if (opts.email) await db.insert(schema.postcardContacts).values({ postcardId: p.id, email: opts.email, createdAt: new Date() });
	return p.id;
}

async function cards(n: number, opts: Parameters<typeof postcard>[0] = {}): Promise<EvidenceRef[]> {
	const out: EvidenceRef[] = [];
	for (let i = 0; i < n; i++) out.push({ sourceType: 'postcard', sourceId: await postcard(opts) });
	return out;
}

async function signal(title: string, tags: Tag[], evidence: EvidenceRef[] = []): Promise<number> {
	const r = await createSignal({ title, summary: `Samenvatting van ${title}`, type: 'need', evidence }, null);
	if (!r.ok) throw new Error(r.problems.join());
	for (const t of tags) {
		const res = await addTag('signal', r.id, t.kind, t.refId);
		if (!res.ok) throw new Error(`${t.kind}:${t.refId} ${res.problem}`);
	}
	return r.id;
}

const at = (mx: Matrix, themeId: string, apId: string) => mx.cells[mx.themes.findIndex((t) => t.id === themeId)][mx.attentionPoints.findIndex((a) => a.id === apId)];
const row = (mx: Matrix, themeId: string) => mx.themes.findIndex((t) => t.id === themeId);

/** Two signals in (1, preventie), one merged into them, one on goal 2.1 with 'participatie', one on theme 3 only. */
async function smallSet() {
	await seedPlan();
	const owner = await staff(['plan_owner', 'moderator']);
	const a = await signal('Te weinig opvang na school', [{ kind: 'theme', refId: '1' }, { kind: 'attention_point', refId: 'preventie' }], await cards(3, { tags: [{ kind: 'neighbourhood', refId: 'binnenstad' }] }));
	const b = await signal('Geen speelplein in de buurt', [{ kind: 'theme', refId: '1' }, { kind: 'attention_point', refId: 'preventie' }], await cards(6, { tags: [{ kind: 'neighbourhood', refId: 'zeebrugge' }] }));
	const c = await signal('Opvang na school (dubbel)', [{ kind: 'theme', refId: '1' }, { kind: 'attention_point', refId: 'preventie' }], await cards(1));
	const merged = await mergeSignals(owner, a, [c], 'zelfde vraag');
	expect(merged.ok).toBe(true);
	const d = await signal('Vacatures in klare taal', [{ kind: 'goal', refId: '2.1' }, { kind: 'attention_point', refId: 'participatie' }]);
	const e = await signal('Wachtlijst sociale woningen', [{ kind: 'theme', refId: '3' }]);
	return { owner, a, b, c, d, e };
}

describe('the matrix of themes and attention points', () => {
	it('counts live signals per cell, leaves out a merged one, and counts a goal-tagged signal for its theme', async () => {
		await smallSet();
		const mx = await matrix();
		expect(mx.themes).toHaveLength(7);
		expect(mx.attentionPoints).toHaveLength(7);
		expect(at(mx, '1', 'preventie')).toEqual({ signals: 2, strength: 10 }); // 3 + 1 moved by the merge + 6
		expect(at(mx, '2', 'participatie').signals).toBe(1);
		expect(at(mx, '2', 'participatie').strength).toBe(0);
		expect(mx.rowTotals[row(mx, '1')].signals).toBe(2);
		expect(mx.rowTotals[row(mx, '2')].signals).toBe(1);
		expect(mx.noAttentionPoint[row(mx, '3')].signals).toBe(1);
		expect(mx.columnTotals[mx.attentionPoints.findIndex((a) => a.id === 'preventie')].signals).toBe(2);
		expect(mx.total.signals).toBe(4);
		expect(mx.max).toBe(2);
		expect(mx.cells.flat().reduce((n, c) => n + c.signals, 0)).toBe(3);
	});

	it('hides a cell strength under five', async () => {
		await seedPlan();
		await signal('Eén kaartje', [{ kind: 'theme', refId: '4' }, { kind: 'attention_point', refId: 'toegankelijkheid' }], await cards(2));
		const mx = await matrix();
		expect(at(mx, '4', 'toegankelijkheid')).toEqual({ signals: 1, strength: null });
	});

	it('changes with the neighbourhood, channel and period filters', async () => {
		const { d } = await smallSet();
		expect(at(await matrix({ neighbourhood: 'zeebrugge' }), '1', 'preventie').signals).toBe(1);
		expect(at(await matrix({ neighbourhood: 'binnenstad' }), '1', 'preventie').signals).toBe(1);
		expect((await matrix({ neighbourhood: 'dudzele' })).total.signals).toBe(0);
		const byPostcard = await matrix({ channel: 'postcard' });
		expect(at(byPostcard, '1', 'preventie').signals).toBe(2);
		expect(at(byPostcard, '2', 'participatie').signals).toBe(0); // no evidence at all
		expect((await matrix({ channel: 'table' })).total.signals).toBe(0);
		// Signal d was made last year: a period from the start of this year leaves it out.
		const lastYear = new Date(Date.now() - 400 * DAY);
		await getDb().update(schema.signals).set({ createdAt: lastYear }).where(eq(schema.signals.id, d));
		const thisYear = parseFilter(new URLSearchParams({ from: new Date(Date.now() - 30 * DAY).toISOString().slice(0, 10) })).filter;
		expect(at(await matrix(thisYear), '2', 'participatie').signals).toBe(0);
		expect(at(await matrix(thisYear), '1', 'preventie').signals).toBe(2);
		const before = parseFilter(new URLSearchParams({ to: new Date(Date.now() - 100 * DAY).toISOString().slice(0, 10) })).filter;
		expect((await matrix(before)).total.signals).toBe(1);
	});

	it('reads the filter form and drops what it does not know', () => {
		const { filter, problems } = parseFilter(new URLSearchParams({ channel: 'fax', from: '2026-02-30', to: '2026-03-01', neighbourhood: 'zeebrugge' }));
		expect(problems.sort()).toEqual(['channel', 'from']);
		expect(filter.channel).toBeUndefined();
		expect(filter.neighbourhood).toBe('zeebrugge');
		// 'to' includes the whole last day: the filter ends at the start of the next (Brussels time).
		expect(filter.to?.toISOString()).toBe('2026-03-01T23:00:00.000Z');
	});
});

describe('the drill-down into a theme', () => {
	it("lists the theme's goals and actions with their signals, the '(inwoner)' mark, the advice and the decision", async () => {
		await seedPlan();
		const owner = await staff(['plan_owner', 'moderator']);
		const f = await signal('Speelstraten in elke wijk', [{ kind: 'theme', refId: '1' }], await cards(5));
		expect((await changeStatus(owner, f, 'triage')).ok).toBe(true);
		const decided = await decide(owner, f, { outcome: 'taken_up', goalId: '1.1', newAction: { label: 'Een speelstraat in elke wijk', fromResident: true }, reason: 'Kan met het bestaande budget' });
		expect(decided.ok).toBe(true);
		const actionId = decided.ok ? decided.actionId! : '';
		const g = await signal('Gratis zwembad voor kinderen', [{ kind: 'theme', refId: '1' }]);
		await changeStatus(owner, g, 'triage');
		expect((await decide(owner, g, { outcome: 'not_taken_up', reason: 'Het zwembad is van de provincie' })).ok).toBe(true);
		const h = await signal('Huiswerkklas in de bib', [{ kind: 'action', refId: '1.1.1' }]);
		const db = getDb();
		const req = db.insert(schema.councilRequests).values({ signalId: f, councilId: 'dialoogstad', question: 'Wat vinden jullie?', requestedAt: new Date() }).returning().get();
		db.insert(schema.councilAdvice).values({ requestId: req.id, verdict: 'favourable', text: 'Goed idee', votes: { favourable: 3, conditional: 0, unfavourable: 0 }, publishedAt: new Date() }).run();
		db.insert(schema.councilRequests).values({ signalId: h, councilId: 'sar', question: 'En voor ouderen?', deadline: new Date(Date.now() - DAY), requestedAt: new Date() }).run();

		const drill = (await themeDrill('1'))!;
		expect(drill.theme.id).toBe('1');
		expect(drill.total).toBe(3);
		const goal = drill.goals.find((x) => x.id === '1.1')!;
		const action = goal.actions.find((a) => a.id === actionId)!;
		expect(action.fromResident).toBe(true);
		expect(action.signals.map((s) => s.title)).toEqual(['Speelstraten in elke wijk']);
		const s = action.signals[0];
		expect(s.via).toBe('decision');
		expect(s.evidence).toBe(5);
		expect(s.decision).toMatchObject({ outcome: 'taken_up', reason: 'Kan met het bestaande budget' });
		expect(s.decision?.planLink).toContain('(inwoner)');
		expect(s.advice).toEqual([expect.objectContaining({ councilId: 'dialoogstad', verdict: 'favourable' })]);
		const huiswerk = goal.actions.find((a) => a.id === '1.1.1')!.signals[0];
		expect(huiswerk.title).toBe('Huiswerkklas in de bib');
		expect(huiswerk.evidence).toBe(0);
		expect(huiswerk.waiting).toEqual([expect.objectContaining({ councilId: 'sar', overdue: true })]);
		// On the theme but on no goal or action: listed apart, with its decision.
		expect(drill.themeOnly.signals.map((x) => x.title)).toEqual(['Gratis zwembad voor kinderen']);
		expect(drill.themeOnly.signals[0].decision).toMatchObject({ outcome: 'not_taken_up', reason: 'Het zwembad is van de provincie' });
		// Other themes do not see them; an unknown theme is null.
		expect((await themeDrill('2'))!.total).toBe(0);
		expect(await themeDrill('99')).toBeNull();
		// A filter on an attention point keeps only the signals that have it.
		expect((await themeDrill('1', { attentionPoint: 'preventie' }))!.total).toBe(0);
		expect((await themeDrill('1', { attentionPoint: '-' }))!.total).toBe(3);
	});
});

describe('small groups stay hidden', () => {
	it('suppressSmall hides 1 to 4 and shows 0 and 5 or more', () => {
		for (const n of [1, 2, 3, 4]) expect(suppressSmall(n)).toBeNull();
		expect(suppressSmall(0)).toBe(0);
		for (const n of [5, 6, 42, 10_000]) expect(suppressSmall(n)).toBe(n);
		expect(suppressSmall(7, 10)).toBeNull();
	});

	it('hides a second count of a row when one hidden count could be worked out from the total', () => {
		expect(suppressRow([3, 8, 20])).toEqual({ counts: [null, null, 20], total: 31 });
		expect(suppressRow([3, 2, 20])).toEqual({ counts: [null, null, 20], total: 25 });
		expect(suppressRow([6, 0, 9])).toEqual({ counts: [6, 0, 9], total: 15 });
		expect(suppressRow([1, 0, 2])).toEqual({ counts: [null, 0, null], total: null });
	});

	it('the dashboard never returns a figure under five for a group', async () => {
		await seedPlan();
		const now = new Date();
		await cards(3, { tags: [{ kind: 'neighbourhood', refId: 'dudzele' }, { kind: 'target_group', refId: 'senioren' }] });
		await cards(7, { tags: [{ kind: 'neighbourhood', refId: 'binnenstad' }, { kind: 'target_group', refId: 'jongeren' }] });
		await cards(2, { tags: [{ kind: 'neighbourhood', refId: 'binnenstad' }], createdAt: new Date(now.getTime() - 40 * DAY) });
		const owner = await staff(['plan_owner']);
		const late = await signal('Geen lift in het dienstencentrum', [{ kind: 'theme', refId: '5' }]);
		await getDb().update(schema.signals).set({ status: 'with_council' }).where(eq(schema.signals.id, late));
		getDb().insert(schema.councilRequests).values({ signalId: late, councilId: 'rph', question: 'Advies?', deadline: new Date(now.getTime() - 3 * DAY), requestedAt: new Date(now.getTime() - 20 * DAY), requestedBy: owner.id }).run();

		for (const f of [{}, { neighbourhood: 'binnenstad' }, { targetGroup: 'senioren' }]) {
			const d = await dashboard(f, 'nl', now);
			expect(d.months).toHaveLength(12);
			const figures = [
				...d.channels.flatMap((r) => [...r.counts, r.total]),
				...d.neighbourhoods.flatMap((r) => [...r.counts, r.total]),
				...d.reach.targetGroups.map((r) => r.count),
				...d.reach.neighbourhoods.map((r) => r.count)
			];
			for (const n of figures) expect(n === null || n === 0 || n >= 5).toBe(true);
		}
		const d = await dashboard({}, 'nl', now);
		expect(d.reach.neighbourhoods.find((n) => n.id === 'dudzele')?.count).toBeNull();
		expect(d.reach.neighbourhoods.find((n) => n.id === 'binnenstad')?.count).toBe(9);
		expect(d.reach.targetGroups.find((n) => n.id === 'jongeren')?.count).toBe(7);
		expect(d.channels.find((c) => c.id === 'postcard')?.total).toBe(12);
		// Month by month: 10 this month, 2 forty days ago (hidden, and with it the 10: the total would give it away).
		expect(d.channels.find((c) => c.id === 'postcard')?.counts.slice(-3).filter((c) => c !== 0)).toEqual([null, null]);
		await cards(5, { createdAt: new Date(now.getTime() - 40 * DAY) });
		const again = await dashboard({}, 'nl', now);
		expect(again.channels.find((c) => c.id === 'postcard')?.counts.slice(-3).filter((c) => c !== 0)).toEqual([7, 10]);
		expect(d.overdue).toEqual([expect.objectContaining({ signalId: late, title: 'Geen lift in het dienstencentrum', daysOverdue: 3 })]);
		expect(d.statuses.find((s) => s.status === 'with_council')?.count).toBe(1);
		// A period that ends before it starts counts nothing (and does not fail).
		const empty = await dashboard(parseFilter(new URLSearchParams({ from: '2026-05-01', to: '2026-04-01' })).filter, 'nl', now);
		expect(empty.months).toEqual([]);
		expect(empty.channels.every((c) => c.total === 0)).toBe(true);
	});
});

describe('the yearly adjustment report', () => {
	it("holds a decided signal's title and reason, on screen, in the PDF and in the CSV", async () => {
		await seedPlan();
		const owner = await staff(['plan_owner']);
		const g = await signal('Gratis zwembad voor kinderen', [{ kind: 'goal', refId: '1.2' }], await cards(6));
		await changeStatus(owner, g, 'triage');
		expect((await decide(owner, g, { outcome: 'not_taken_up', reason: 'Het zwembad is van de provincie' })).ok).toBe(true);
		const p = await signal('Belastingbrief in klare taal', [{ kind: 'theme', refId: '7' }]);
		await changeStatus(owner, p, 'triage');
		expect((await decide(owner, p, { outcome: 'passed_on', level: 'federal', addressee: 'FOD Financiën', reason: 'Een federale bevoegdheid' })).ok).toBe(true);
		await signal('Nog niet getagd', []);
		const year = new Date().getFullYear();
		const report = await yearReport(year, 'nl');
		expect(report.totals).toMatchObject({ cameIn: 3, notTakenUp: 1, passedOn: 1, takenUp: 0 });
		const t1 = report.themes.find((t) => t.id === '1')!;
		expect(t1.signals[0]).toMatchObject({ title: 'Gratis zwembad voor kinderen', evidence: 6, decision: expect.objectContaining({ reason: 'Het zwembad is van de provincie' }) });
		expect(report.themes.find((t) => t.id === '7')!.signals[0].decision?.passedOnTo).toBe('Federale overheid: FOD Financiën');
		expect(report.themes.find((t) => t.id === null)!.signals.map((s) => s.title)).toEqual(['Nog niet getagd']);

		const pdf = await pdfText(await toPdf(yearReportDoc(report)));
		expect(pdf.lang).toBe('nl');
		expect(pdf.text).toContain('Gratis zwembad voor kinderen');
		expect(pdf.text).toContain('Het zwembad is van de provincie');
		expect(pdf.text).toContain('FOD Financiën');
		expect(toMarkdown(yearReportDoc(report))).toContain('Het zwembad is van de provincie');
		const csv = yearReportCsv(report);
		expect(csv).toContain('Gratis zwembad voor kinderen');
		expect(csv).toContain('Het zwembad is van de provincie');
		// Another year has none of it; the French report speaks French.
		expect((await yearReport(year - 1, 'nl')).totals.cameIn).toBe(0);
		expect(yearReportDoc(await yearReport(year, 'fr')).title).toContain('Ajustement annuel');
	});
});

describe('open data', () => {
	it('lists decided signals with their decision, tags and evidence counts, and no postcard text, name or email', async () => {
		await seedPlan();
		const owner = await staff(['plan_owner']);
		const evidence = [
			...(await cards(1, { text: 'GEHEIME-KAARTTEKST van een inwoner', email: 'inwoner.geheim@example.org', tags: [{ kind: 'neighbourhood', refId: 'dudzele' }] })),
			...(await cards(6))
		];
		const s = await signal('Meer banken in het park', [{ kind: 'theme', refId: '6' }, { kind: 'neighbourhood', refId: 'sint-kruis' }], evidence);
		await changeStatus(owner, s, 'triage');
		expect((await decide(owner, s, { outcome: 'taken_up', actionId: '6.1.1', reason: 'Staat al in de planning' })).ok).toBe(true);
		const later = await signal('Nog in triage', [{ kind: 'theme', refId: '6' }], await cards(2));

		const open = await openSignals();
		expect(open).toHaveLength(1);
		expect(open[0]).toMatchObject({
			id: s,
			title: 'Meer banken in het park',
			status: 'taken_up',
			decision: { outcome: 'taken_up', reason: 'Staat al in de planning', action: expect.objectContaining({ id: '6.1.1' }), goal: expect.objectContaining({ id: '6.1' }) },
			tags: { themes: ['6'], neighbourhoods: ['sint-kruis'] },
			evidence: { postcard: 7, total: 7, table: 0 }
		});
		const json = JSON.stringify(open);
		const csv = openSignalsCsv(open);
		for (const text of [json, csv]) {
			expect(text).not.toContain('GEHEIME-KAARTTEKST');
			expect(text).not.toContain('inwoner.geheim@example.org');
			expect(text).not.toContain('@');
			expect(text).not.toContain(owner.name);
			expect(text).not.toContain('Samenvatting van');
			expect(text).toContain('Meer banken in het park');
		}
		// The endpoints' cache follows what happens to signals.
		expect((await cachedOpenSignals()).map((x) => x.id)).toEqual([s]);
		await changeStatus(owner, later, 'triage');
		expect((await decide(owner, later, { outcome: 'not_taken_up', reason: 'Dubbel' })).ok).toBe(true);
		expect((await cachedOpenSignals()).map((x) => x.id)).toEqual([s, later]);
	});
});

// ---------------------------------------------------------------- the pages, server side and rendered

function ev(user: StaffUser | null, path: string, params: Record<string, string> = {}) {
	const url = new URL(`http://x${path}`);
	return { params, url, locals: { locale: 'nl', user }, request: new Request(url), setHeaders: () => {} } as never;
}

async function outcome(p: unknown): Promise<{ status?: number; redirect?: string; value?: unknown }> {
	try {
		return { value: await p };
	} catch (e) {
		if (isRedirect(e)) return { redirect: e.location, status: e.status };
		if (isHttpError(e)) return { status: e.status };
		throw e;
	}
}

describe('the plan view pages', () => {
	it('let plan owners, moderators and facilitators in, the report only plan owners and moderators', async () => {
		await seedPlan();
		const facilitator = await staff(['facilitator']);
		const council = await staff(['council_member']);
		expect((await outcome(viewLoad(ev(null, '/staff/plan/view')))).redirect).toContain('/login');
		expect((await outcome(viewLoad(ev(council, '/staff/plan/view')))).status).toBe(403);
		expect((await outcome(viewLoad(ev(facilitator, '/staff/plan/view')))).value).toBeTruthy();
		expect((await outcome(dashboardLoad(ev(facilitator, '/staff/plan/dashboard')))).value).toBeTruthy();
		expect((await outcome(drillLoad(ev(facilitator, '/staff/plan/view/1', { theme: '1' })))).value).toBeTruthy();
		expect((await outcome(drillLoad(ev(facilitator, '/staff/plan/view/99', { theme: '99' })))).status).toBe(404);
		expect((await outcome(reportLoad(ev(facilitator, '/staff/plan/report/2026', { year: '2026' })))).status).toBe(403);
		expect((await outcome(reportPdf(ev(facilitator, '/staff/plan/report/2026/report.pdf', { year: '2026' })))).status).toBe(403);
		const moderator = await staff(['moderator']);
		expect((await outcome(reportLoad(ev(moderator, '/staff/plan/report/1999', { year: '1999' })))).status).toBe(404);
		expect((await outcome(reportLoad(ev(moderator, '/staff/plan/report/abcd', { year: 'abcd' })))).status).toBe(404);
	});

	it('render the heat map as a table with headers and links, the drill-down, the report and the dashboard', async () => {
		const { owner } = await smallSet();
		const year = String(new Date().getFullYear());
		const view = (await viewLoad(ev(owner, '/staff/plan/view?channel=postcard'))) as Record<string, unknown>;
		const html = render(ViewPage, { props: { data: view } as never }).body;
		expect(html).toContain('<table class="matrix');
		expect(html).toContain('<th scope="col"');
		expect(html).toContain('<th scope="row"');
		expect(html).toContain('href="/staff/plan/view/1?channel=postcard&amp;ap=preventie"');
		expect(html).toMatch(/<span class="n[^"]*">2<\/span>/);
		expect(html).toContain('sterkte 10');
		expect(html).toContain('<caption');

		const drill = (await drillLoad(ev(owner, '/staff/plan/view/1?ap=preventie', { theme: '1' }))) as Record<string, unknown>;
		const drillHtml = render(DrillPage, { props: { data: drill } as never }).body;
		expect(drillHtml).toContain('Te weinig opvang na school');
		expect(drillHtml).toContain('Preventie');

		const report = (await reportLoad(ev(owner, `/staff/plan/report/${year}`, { year }))) as Record<string, unknown>;
		expect(render(ReportPage, { props: { data: report } as never }).body).toContain('Geen speelplein in de buurt');
		const pdf = (await reportPdf(ev(owner, `/staff/plan/report/${year}/report.pdf`, { year }))) as Response;
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		const csv = (await reportCsv(ev(owner, `/staff/plan/report/${year}/report.csv`, { year }))) as Response;
		expect(await csv.text()).toContain('Geen speelplein in de buurt');

		const dash = (await dashboardLoad(ev(owner, '/staff/plan/dashboard'))) as Record<string, unknown>;
		const dashHtml = render(DashboardPage, { props: { data: dash } as never }).body;
		expect(dashHtml).toContain('&lt; 5');
		expect(dashHtml).toContain('<th scope="row"');
	});

	it('serve the open data to anyone, from any site', async () => {
		await seedPlan();
		const res = (await openJson(ev(null, '/api/v1/open/signals.json'))) as Response;
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
		expect(res.headers.get('cache-control')).toContain('public');
		expect(await res.json()).toMatchObject({ count: 0, signals: [] });
		const csv = (await openCsv(ev(null, '/api/v1/open/signals.csv'))) as Response;
		expect(csv.headers.get('content-type')).toContain('text/csv');
		expect((await csv.text()).split('\r\n')[0]).toContain('evidence_total');
		expect(((await openOptions(ev(null, '/api/v1/open/signals.json'))) as Response).status).toBe(204);
	});
});
