// The local addendum of a persona workshop: the data gathered from the finished DAW+ demo workshop, the
// document made of it (Markdown and PDF), who may read it, and the page and download handlers called
// with a fake RequestEvent as SvelteKit would call them.
import { describe, expect, it } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { render } from 'svelte/server';
import { eq } from 'drizzle-orm';
import { findUserByEmail, type StaffUser } from '../../src/lib/server/auth';
import { getDb, schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/seed';
import { FINISHED_WORKSHOP_CODE, NEW_WORKSHOP_CODE } from '../../src/lib/server/seed/personas';
import { addendum, addendumDoc, timelineDateText, type Addendum } from '../../src/lib/server/personas/addendum';
import { toMarkdown } from '../../src/lib/server/documents/markdown';
import { toPdf } from '../../src/lib/server/documents/pdf';
import { load } from '../../src/routes/staff/workshops/[id]/addendum/+page.server';
import { GET as getPdf } from '../../src/routes/staff/workshops/[id]/addendum/addendum.pdf/+server';
import { GET as getMd } from '../../src/routes/staff/workshops/[id]/addendum/addendum.md/+server';
import AddendumPage from '../../src/routes/staff/workshops/[id]/addendum/+page.svelte';
import daw from '../../src/lib/server/seed/data/persona-workshop-daw.json';
import { pdfText } from './pdf-text';

const TARGET_GROUPS = ['anderstaligen met een migratieachtergrond', 'mensen met medische klachten', '(alleenstaande) ouders', 'mensen met een verslaving'];

async function user(email: string): Promise<StaffUser> {
	const row = (await findUserByEmail(email))!;
	return { id: row.id, email: row.email, name: row.name, roles: row.roles, councilIds: row.councilIds };
}

async function workshopByCode(code: string): Promise<number> {
	const db = getDb();
	const table = (await db.select({ id: schema.dialogueTables.id }).from(schema.dialogueTables).where(eq(schema.dialogueTables.code, code)).get())!;
	return (await db.select({ id: schema.workshops.id }).from(schema.workshops).where(eq(schema.workshops.tableId, table.id)).get())!.id;
}

/** The demo, the finished DAW+ workshop and its addendum in Dutch, as the facilitator reads it. */
async function finished(locale = 'nl'): Promise<{ id: number; a: Addendum; fien: StaffUser }> {
	await seedDemo();
	const fien = await user('begeleider@meespraak.demo');
	const id = await workshopByCode(FINISHED_WORKSHOP_CODE);
	const r = await addendum(fien, id, locale, new Date('2023-06-20T10:00:00Z'));
	if (!r.ok) throw new Error(r.error);
	return { id, a: r.addendum, fien };
}

function event(u: StaffUser | null, id: number | string, path = 'addendum', locale = 'nl') {
	const url = new URL(`http://x/staff/workshops/${id}/${path}`);
	return { params: { id: String(id) }, url, locals: { user: u, locale }, request: new Request(url) } as never;
}

async function outcome(p: unknown): Promise<{ status?: number; message?: string; redirect?: string; value?: unknown }> {
	try {
		return { value: await p };
	} catch (e) {
		if (isRedirect(e)) return { redirect: e.location, status: e.status };
		if (isHttpError(e)) return { status: e.status, message: e.body.message };
		throw e;
	}
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

describe('addendum(): the finished DAW+ workshop', () => {
	it('gathers challenges, enrichment, arena, personas and timeline in the order of the method', async () => {
		const { a } = await finished();
		expect(a.title).toBe('Lokaal addendum – DAW+');
		expect(a.subtitle).toBe('Persona-workshop DAW+: regio-uitdagingen');
		expect(a.fileName).toBe('lokaal-addendum-daw-plus');
		expect(a.draft).toBeNull();
		expect(a.facts).toEqual([
			{ label: 'Regio', value: 'DAW+ (Dilbeek, Asse, Wemmel, Opwijk, Merchtem)' },
			{ label: 'Workshop', value: '9 mei 2023, Gemeentehuis Wemmel, raadzaal' },
			{ label: 'Opgemaakt op', value: '20 juni 2023' }
		]);
		expect(a.sections.map((s) => s.id)).toEqual(['personas', 'challenges', 'enrichment', 'arena', 'other', 'timeline']);

		// Challenges in rank order, each with who it is for, the sentence and its questions.
		expect(a.challenges.map((c) => c.label)).toEqual(TARGET_GROUPS.map((t, i) => `${i + 1}. ${t}`));
		expect(a.challenges.map((c) => c.personas)).toEqual([['Nassim'], ['Marc', 'Mieke'], ['Sabine', 'Marc'], ['Marc']]);
		expect(a.challenges[1].forWhom).toBe("Persona's: Marc, Mieke");
		expect(a.challenges[0].sentence).toMatch(/^In de regio DAW\+ zijn er heel wat anderstaligen met een migratieachtergrond met drive/);
		expect(a.challenges.map((c) => c.questions.length)).toEqual([1, 2, 3, 1]);
		for (const c of a.challenges) for (const q of c.questions) expect(q).toMatch(/^Hoe kunnen we .+\?$/);
		expect(a.challenges[0].questions[0]).toContain('taalondersteuning');
		// The room voted: every challenge has its votes, the first the most.
		expect(a.challenges.every((c) => typeof c.votes === 'number')).toBe(true);
		expect(a.challenges[0].votes).toBeGreaterThanOrEqual(a.challenges[1].votes!);

		// Enrichment: three organisations, a verdict from each on each challenge, the six merged additions for all.
		expect(a.enrichment.partners).toEqual([
			'Lokaal dienstencentrum Asse, reageerde op 30 mei 2023',
			'Centrum voor geestelijke gezondheidszorg (regio), reageerde op 30 mei 2023',
			'Welzijnsschakel Merchtem, reageerde op 30 mei 2023'
		]);
		expect(a.enrichment.responses).toHaveLength(12);
		expect(a.enrichment.responses.map((r) => r.challenge)).toEqual(a.challenges.flatMap((c) => [c.label, c.label, c.label]));
		expect(a.enrichment.responses.find((r) => r.organisation === 'Welzijnsschakel Merchtem' && r.challenge.startsWith('3.'))?.verdictLabel).toBe('Wijziging voorgesteld');
		expect(a.enrichment.responses[0].verdictLabel).toBe('Bevestigd mits aanvullingen');
		expect(a.enrichment.additions.count).toBe(6);
		expect(a.enrichment.additions.forAll.heading).toBe('Voor alle uitdagingen');
		expect(a.enrichment.additions.forAll.items.map((x) => x.text)).toEqual(daw.enrichment_additions);
		expect(a.enrichment.additions.forAll.items[0].line).toBe('Een trajectgezel is belangrijk voor een vertrouwensband (brugfiguur) – Lokaal dienstencentrum Asse');
		expect(a.enrichment.additions.perChallenge).toEqual([]);

		// Arena: ranked by dots, ties share a rank.
		const rows = a.arena.rows;
		expect(rows).toHaveLength(daw.needs_services.length);
		expect(rows.map((r) => r.dots)).toEqual([4, 4, 3, 3, 2, 1, 1, 1, 1, 0, 0]);
		expect(rows.map((r) => r.rank)).toEqual([1, 1, 3, 3, 5, 6, 6, 6, 6, 10, 10]);
		expect(rows[0].need).toBe('Ontwikkelen van een sociaal netwerk');
		expect(rows[1].need).toMatch(/^Inclusieve werkkansen creëren/);
		expect(a.arena.partnersLine).toBe('Kernpartners die stippen gaven: 4');

		// The timeline as the facilitator filled it in, and in words.
		expect(a.timeline.map((t) => t.date)).toEqual(daw.call_timeline.map((t) => t.date));
		expect(a.timeline[0]).toEqual({ step: 'Lancering addendum', date: '2023-06-23', dateText: '23 juni 2023' });
		expect(a.timeline.map((t) => t.dateText)).toEqual([
			'23 juni 2023',
			'1 september 2023 om 23:59',
			'11–15 september 2023',
			'20 september 2023',
			'6 oktober 2023',
			'20 oktober 2023'
		]);
		expect(a.otherInput[0]).toMatch(/^De lokale besturen vragen projecten/);

		// Personas by their bundles' rank, written from strengths.
		expect(a.personas.map((p) => p.name)).toEqual(['Nassim', 'Marc', 'Mieke', 'Sabine']);
		const nassim = a.personas[0];
		expect(nassim.driveAndStrengths[0]).toBe(daw.personas[0].drive);
		expect(nassim.driveAndStrengths).toContain('Vakkennis als elektricien');
		expect(nassim.needs).toEqual(daw.personas[0].needs);
		expect(nassim.barriers).toEqual(daw.personas[0].barriers);
		expect(nassim.quote).toBe('“Ik wil werken en mensen leren kennen, maar ik weet niet waar ik moet beginnen.”');
		expect(nassim.facts).toMatch(/^Leeftijd: 30 tot 49 jaar · Talen: Arabisch, Frans, Nederlands \(leert\) · Doelgroepen: /);
		expect(a.ranking[0]).toBe('anderstaligen met een migratieachtergrond: Nassim');
	});

	it('labels in the reader’s language and keeps what the workshop wrote as written', async () => {
		const { a } = await finished('fr');
		expect(a.title).toBe('Addendum local – DAW+');
		expect(a.sections[1].title).toBe('Défis régionaux');
		expect(a.facts.at(-1)).toEqual({ label: 'Langue du contenu', value: 'Néerlandais' });
		expect(a.challenges[0].label).toBe('1. anderstaligen met een migratieachtergrond');
		expect(a.challenges[0].questions[0]).toMatch(/^Hoe kunnen we /);
		expect(a.timeline[2].dateText).toBe('11–15 septembre 2023');
		const doc = addendumDoc(a, 'fr');
		expect(doc.lang).toBe('fr');
		expect(doc.blocks).toContainEqual(expect.objectContaining({ type: 'paragraph', text: a.challenges[0].sentence, lang: 'nl' }));
	});
});

describe('addendumDoc(): the document', () => {
	it('as Markdown: sections in order, numbered challenges with their questions, tables, personas strengths first', async () => {
		const { a } = await finished();
		const md = toMarkdown(addendumDoc(a, 'nl'));
		expect(md.startsWith('# Lokaal addendum – DAW+\n\n_Persona-workshop DAW+: regio-uitdagingen_\n\n- **Regio:** DAW+ (Dilbeek, Asse, Wemmel, Opwijk, Merchtem)\n')).toBe(true);
		const at = (s: string) => md.indexOf(s);
		const order = ["\n## Persona's\n", '\n## Regio-uitdagingen\n', '\n## Verrijkingssessie\n', '\n## Arena-analyse\n', '\n## Andere lokale input\n', '\n## Tijdlijn van de oproep\n'];
		order.forEach((h) => expect(at(h), h).toBeGreaterThan(0));
		expect(order.map(at)).toEqual([...order.map(at)].sort((x, y) => x - y));

		expect(md).toContain("> **Fictieve persona's**");
		TARGET_GROUPS.forEach((t, i) => expect(md).toContain(`\n### ${i + 1}\\. ${t}\n`));
		expect(at('### 1\\. anderstaligen')).toBeLessThan(at('### 4\\. mensen met een verslaving'));
		for (const c of a.challenges) for (const q of c.questions) expect(md).toContain(`\n- ${q}`);

		expect(md).toContain('| Organisatie | Uitdaging | Oordeel | Datum |');
		expect(md).toContain('| Lokaal dienstencentrum Asse | 1\\. anderstaligen met een migratieachtergrond | Bevestigd mits aanvullingen | 30 mei 2023 |');
		for (const text of daw.enrichment_additions) expect(md).toMatch(new RegExp(`\\n- ${text.replace(/[()]/g, '\\$&')} – [^\\n]+\\n`));
		expect(md).toContain('| Nood | Type dienstverlening | Stippen | Rang |');
		expect(md).toMatch(/\| Ontwikkelen van een sociaal netwerk \| .+ \| 4 \| 1 \|/);
		expect(md).toContain('| Lancering addendum | 23 juni 2023 |');
		expect(md).toContain('| Beoordelen schriftelijke projectvoorstellen | 11–15 september 2023 |');
		expect(md).toContain('| Deadline kandidaturen | 1 september 2023 om 23:59 |');

		// Each persona: drive and strengths, then needs, then barriers, then the quote.
		for (const name of ['Nassim', 'Marc', 'Mieke', 'Sabine']) {
			const part = md.slice(at(`\n### ${name}\n`));
			const end = part.indexOf('\n### ', 5);
			const card = end > 0 ? part.slice(0, end) : part;
			const idx = ['#### Drive en sterktes', '#### Noden', '#### Drempels', '\n> “'].map((s) => card.indexOf(s));
			expect(idx.every((i) => i > 0), name).toBe(true);
			expect(idx).toEqual([...idx].sort((x, y) => x - y));
		}

		// Partners as organisations; no participant, staff member or unanswered invite is named.
		expect(md).not.toMatch(/Deelnemer|Fien|Begeleider|Bibliotheek Opwijk|@/);
	});

	it('as PDF: the challenges, their questions and the personas', async () => {
		const { a } = await finished();
		const buf = await toPdf(addendumDoc(a, 'nl'));
		expect(buf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const { text, pages, title, lang } = await pdfText(buf);
		expect(title).toBe('Lokaal addendum – DAW+');
		expect(lang).toBe('nl');
		expect(pages.length).toBeGreaterThan(3);
		const flat = squeeze(text);
		for (const c of a.challenges) {
			expect(flat).toContain(squeeze(c.label));
			expect(flat).toContain(squeeze(c.targetGroup));
			for (const q of c.questions) expect(flat).toContain(squeeze(q.slice(0, 70)));
		}
		for (const name of ['Nassim', 'Marc', 'Mieke', 'Sabine']) expect(text).toContain(name);
		expect(text).toContain("Fictieve persona's");
		expect(flat).toContain(squeeze(daw.enrichment_additions[5]));
		expect(flat).toContain(squeeze('Lancering addendum 23 juni 2023'));
		// The big sections start on a page of their own.
		expect(pages.some((p) => p.startsWith('Regio-uitdagingen'))).toBe(true);
		expect(pages.some((p) => p.startsWith('Arena-analyse'))).toBe(true);
	});

	it('a workshop that has just started: a draft, and every empty section says so', async () => {
		await seedDemo();
		const fien = await user('begeleider@meespraak.demo');
		const r = await addendum(fien, await workshopByCode(NEW_WORKSHOP_CODE), 'nl');
		if (!r.ok) throw new Error(r.error);
		const a = r.addendum;
		expect(a.draft?.title).toBe('Concept');
		expect(a.challenges).toEqual([]);
		const md = toMarkdown(addendumDoc(a));
		for (const [heading, none] of [
			['Regio-uitdagingen', 'Nog geen uitdagingen geschreven.'],
			['Verrijkingssessie', 'Nog geen reacties van partners.'],
			['Arena-analyse', 'Nog geen arena-analyse.'],
			['Andere lokale input', 'Nog geen andere lokale input.']
		])
			expect(md).toContain(`\n## ${heading}\n\n${none}\n`);
		// Nothing to explain in an empty section, and no fresh page for it.
		expect(a.sections.filter((s) => s.empty).map((s) => [s.id, s.intro, s.freshPage])).toEqual([
			['challenges', '', false],
			['enrichment', '', false],
			['arena', '', false],
			['other', '', false]
		]);
		expect(md).not.toContain('\n---\n');
		// The default timeline: its steps, dates still to be decided.
		expect(md).toContain('| Lancering addendum | nog te bepalen |');
		// No section heading directly followed by another one.
		expect(md).not.toMatch(/\n## [^\n]+\n\n## /);
	});
});

describe('who may read the addendum', () => {
	it('facilitators, moderators and plan owners; others are refused, unknown workshops are not found', async () => {
		const { id } = await finished();
		for (const email of ['moderator@meespraak.demo', 'regisseur@meespraak.demo']) expect((await addendum(await user(email), id, 'nl')).ok).toBe(true);
		expect(await addendum(await user('adviesraad@meespraak.demo'), id, 'nl')).toEqual({ ok: false, error: 'forbidden' });
		expect(await addendum(null, id, 'nl')).toEqual({ ok: false, error: 'forbidden' });
		expect(await addendum(await user('moderator@meespraak.demo'), 99999, 'nl')).toEqual({ ok: false, error: 'workshop_not_found' });
	});
});

describe('the addendum pages and downloads', () => {
	it('serves the PDF and the Markdown as attachments, and the page from the same data', async () => {
		const { id, fien } = await finished();
		const pdf = await getPdf(event(fien, id, 'addendum/addendum.pdf'));
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="lokaal-addendum-daw-plus.pdf"');
		const bytes = Buffer.from(await pdf.arrayBuffer());
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(squeeze((await pdfText(bytes)).text)).toContain(squeeze(TARGET_GROUPS[3]));

		const md = await getMd(event(fien, id, 'addendum/addendum.md'));
		expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
		expect(md.headers.get('content-disposition')).toBe('attachment; filename="lokaal-addendum-daw-plus.md"');
		const text = await md.text();
		expect(text).toContain('# Lokaal addendum – DAW+');
		expect(text).toContain('### 4\\. mensen met een verslaving');

		const page = (await load(event(await user('regisseur@meespraak.demo'), id) as never)) as { addendum: Addendum };
		expect(page.addendum.challenges.map((c) => c.label)).toEqual(TARGET_GROUPS.map((t, i) => `${i + 1}. ${t}`));
		expect(page.addendum.sections.map((s) => s.title)).toEqual(addendumDoc(page.addendum).blocks.filter((b) => b.type === 'heading' && b.level === 1).map((b) => (b as { text: string }).text));
	});

	it('renders the page: the same sections and challenges, the buttons, content marked with its language', async () => {
		// Without comments and scoped class names.
		const page = (a: Addendum) =>
			render(AddendumPage, { props: { data: { addendum: a } } as never })
				.body.replace(/<!--[^>]*-->/g, '')
				.replace(/ class="([^"]*)"/g, (_, c: string) => {
					const kept = c.split(/\s+/).filter((x) => x && !x.startsWith('svelte-'));
					return kept.length ? ` class="${kept.join(' ')}"` : '';
				});
		const { a } = await finished('nl');
		const html = page(a);
		expect(html).toContain('<h1>Lokaal addendum – DAW+</h1>');
		const h2 = [...html.matchAll(/<h2 id="h-[a-z]+">([^<]+)<\/h2>/g)].map((x) => x[1]);
		expect(h2).toEqual(a.sections.map((s) => s.title));
		a.challenges.forEach((c) => expect(html).toContain(`>${c.label}</h3>`));
		expect(html).toContain(`href="/staff/workshops/${a.workshop.id}/addendum/addendum.pdf" download="">PDF downloaden</a>`);
		expect(html).toContain(`href="/staff/workshops/${a.workshop.id}/addendum/addendum.md" download="">Markdown downloaden</a>`);
		expect([...html.matchAll(/<section id="([a-z]+)"[^>]*class="fresh-page"/g)].map((x) => x[1])).toEqual(['challenges', 'enrichment', 'arena']);
		expect(html).toContain("Fictieve persona's");
		expect(html).toContain('<td class="nowrap">30 mei 2023</td>');
		expect(html).not.toMatch(/Deelnemer|Fien/);

		// Read in English: the labels in English, what the workshop wrote marked as Dutch.
		const english = await addendum(await user('moderator@meespraak.demo'), a.workshop.id, 'en');
		if (!english.ok) throw new Error(english.error);
		const en = page(english.addendum);
		expect(en).toContain('<h2 id="h-challenges">Regional challenges</h2>');
		expect(en).toContain(`<h3 id="challenge-${a.challenges[0].id}" lang="nl" dir="ltr">1. anderstaligen met een migratieachtergrond</h3>`);
	});

	it('refuses staff without the role, and says so when the workshop does not exist', async () => {
		const { id } = await finished();
		const council = await user('adviesraad@meespraak.demo');
		expect(await outcome(getPdf(event(council, id, 'addendum/addendum.pdf')))).toMatchObject({ status: 403 });
		expect(await outcome(getMd(event(council, id, 'addendum/addendum.md')))).toMatchObject({ status: 403 });
		expect(await outcome(load(event(council, id) as never))).toMatchObject({ status: 403 });
		const mod = await user('moderator@meespraak.demo');
		expect(await outcome(getMd(event(mod, 99999, 'addendum/addendum.md')))).toMatchObject({ status: 404, message: 'Deze workshop bestaat niet (meer): er is geen lokaal addendum.' });
		expect(await outcome(getPdf(event(mod, 'abc', 'addendum/addendum.pdf')))).toMatchObject({ status: 404 });
		expect((await outcome(getMd(event(null, id, 'addendum/addendum.md')))).redirect).toMatch(/^\/login\?next=/);
	});
});

describe('timelineDateText', () => {
	it('writes dates, dates with a time and periods in words', () => {
		expect(timelineDateText('2023-06-23', 'nl')).toBe('23 juni 2023');
		expect(timelineDateText('2023-09-01T23:59', 'en')).toBe('September 1, 2023 at 11:59 PM');
		expect(timelineDateText('2023-09-11/2023-09-15', 'fr')).toBe('11–15 septembre 2023');
		// Intl puts thin spaces around the dash of a period across months.
		expect(timelineDateText('2023-09-30/2023-10-02', 'nl').replace(/\s/gu, ' ')).toBe('30 september – 2 oktober 2023');
		expect(timelineDateText('', 'nl')).toBe('nog te bepalen');
		expect(timelineDateText('begin oktober', 'nl')).toBe('begin oktober');
	});
});
