import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb, schema } from '../../src/lib/server/db';
import {
	addContribution,
	answerPoll,
	applyAction,
	castVotes,
	chooseGroup,
	contributeOnBehalf,
	copyTemplate,
	joinTable
} from '../../src/lib/server/tables';
import {
	buildReport,
	canReadReport,
	findReportTable,
	mdText,
	REPORT_CSV_HEADER,
	reportFileName,
	reportToCsv,
	reportToMarkdown,
	type TableReport
} from '../../src/lib/server/tables/report';
import { createSignal, getSignal } from '../../src/lib/server/signals';
import { seedAccounts, seedDemo, seedDemoCampaign, seedPlan } from '../../src/lib/server/seed';
import { FINISHED_TABLE_CODE, seedDemoTables, seedFinishedTable } from '../../src/lib/server/seed/tables';
import { staff, table } from './tables-fixtures';

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
	if (!r.ok) throw new Error(JSON.stringify(r));
	return r as Extract<T, { ok: true }>;
}

async function report(tableId: number, locale = 'nl'): Promise<TableReport> {
	const r = await buildReport(tableId, locale);
	if (!r) throw new Error('no report');
	return r;
}

/** Parses the CSV the way a spreadsheet would (quoted fields, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
	expect(text.charCodeAt(0)).toBe(0xfeff);
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 1; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
			else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') row.push(field), (field = '');
		else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
		else field += ch;
	}
	return rows;
}

/**
 * A dialogue table run to the end: testimony typed by the facilitator, problems (one merged, one
 * hidden, one highlighted), one typed on someone's behalf, recommendations voted on with dots.
 */
async function dialogueTable() {
	const f = await staff(['facilitator']);
	const note = await staff(['moderator']);
	const t = await table(f, {
		themeIds: [],
		place: 'Buurtcentrum Sint-Pieters',
		staff: [{ userId: note.id, role: 'note_taker' }],
		phases: [...copyTemplate('dialogue_table'), { kind: 'poll_single', title: 'Gehoord?', prompt: 'Voelde je je gehoord?', options: ['Ja', 'Nee'] }]
	});
	const s = await report(t.tableId);
	const [testimony, problems, , recommendations, dots, poll] = s.phases;
	ok(await contributeOnBehalf(f, t.tableId, { clientId: 'tm', text: 'Mijn verhaal over schoolkosten.', phaseId: testimony.id }));
	const amina = ok(await joinTable(t.code, 'Amina')).participantId;
	const anon1 = ok(await joinTable(t.code)).participantId;
	const anon2 = ok(await joinTable(t.code, '   ')).participantId;
	ok(await applyAction(f, t.tableId, { type: 'start' }));
	ok(await applyAction(f, t.tableId, { type: 'next' }));
	const p1 = ok(await addContribution(amina, { clientId: 'p1', text: 'Geen maximumfactuur in het secundair.' })).contributionId;
	const p2 = ok(await addContribution(anon1, { clientId: 'p2', text: 'Geen maxfactuur in het middelbaar' })).contributionId;
	const p3 = ok(await addContribution(anon2, { clientId: 'p3', text: 'Die directeur moet buiten.' })).contributionId;
	const p4 = ok(await applyAction(note, t.tableId, { type: 'on_behalf', clientId: 'p4', text: 'Brieven die ik niet begrijp.' })).contributionId!;
	ok(await applyAction(f, t.tableId, { type: 'merge', targetId: p1, sourceIds: [p2] }));
	ok(await applyAction(f, t.tableId, { type: 'moderate', contributionId: p3, op: 'hide' }));
	ok(await applyAction(f, t.tableId, { type: 'moderate', contributionId: p1, op: 'highlight' }));
	ok(await applyAction(f, t.tableId, { type: 'goto', phaseId: recommendations.id }));
	const r1 = ok(await addContribution(amina, { clientId: 'r1', text: 'Een plafond per schooljaar.' })).contributionId;
	const r2 = ok(await addContribution(anon1, { clientId: 'r2', text: 'Een neutrale infoavond.' })).contributionId;
	const r3 = ok(await addContribution(anon2, { clientId: 'r3', text: 'Een vertrouwenspersoon.' })).contributionId;
	const r4 = ok(await addContribution(anon2, { clientId: 'r4', text: 'Klare taal.' })).contributionId;
	ok(await applyAction(f, t.tableId, { type: 'next' }));
	ok(await castVotes(amina, dots.id, [{ contributionId: r2, count: 2 }, { contributionId: r1, count: 1 }]));
	ok(await castVotes(anon1, dots.id, [{ contributionId: r2, count: 1 }, { contributionId: r3, count: 1 }, { contributionId: r4, count: 1 }]));
	ok(await castVotes(anon2, dots.id, [{ contributionId: r1, count: 1 }, { contributionId: r3, count: 1 }, { contributionId: r2, count: 1 }]));
	ok(await applyAction(f, t.tableId, { type: 'next' }));
	ok(await answerPoll(amina, poll.id, [0]));
	ok(await answerPoll(anon1, poll.id, [0]));
	ok(await answerPoll(anon2, poll.id, [1]));
	ok(await applyAction(f, t.tableId, { type: 'end' }));
	return { f, note, ...t, ids: { p1, p2, p3, p4, r1, r2, r3, r4 }, phaseIds: { testimony: testimony.id, problems: problems.id, recommendations: recommendations.id } };
}

describe('table report', () => {
	it('describes the table: method, place, staff with their roles, participants, agenda in order', async () => {
		const { tableId, f, note } = await dialogueTable();
		const r = await report(tableId);
		expect(r.table).toMatchObject({ title: 'Gelijke kansen in het onderwijs', template: 'dialogue_table', status: 'ended', place: 'Buurtcentrum Sint-Pieters' });
		expect(r.table.endedAt).toBeInstanceOf(Date);
		expect(r.staff).toEqual([
			{ name: f.name, role: 'facilitator' },
			{ name: note.name, role: 'note_taker' }
		]);
		expect(r.participantCount).toBe(3);
		// '   ' is no name: only Amina chose one
		expect(r.namedCount).toBe(1);
		expect(r.phases.map((p) => [p.number, p.kind, p.title])).toEqual([
			[1, 'testimony', 'Getuigenis'],
			[2, 'open', 'Problemen in kaart'],
			[3, 'open', 'Samen naar antwoorden'],
			[4, 'open', 'Aanbevelingen'],
			[5, 'dots', 'Stemmen'],
			[6, 'poll_single', 'Gehoord?']
		]);
		expect(r.phases[1].timerSeconds).toBe(15 * 60);
		const md = reportToMarkdown(r, 'nl');
		expect(md).toContain('# Verslag: Gelijke kansen in het onderwijs');
		expect(md).toContain(`${f.name} (begeleider), ${note.name} (notulist)`);
		expect(md).toContain('3 aangemeld, van wie 1 met een zelfgekozen naam');
		expect(md).toContain('| 2 | Problemen in kaart | Open bijdragen | Welke problemen herken je? | 15 min | 2 |');
		// for a vote: the dots given; for a poll: who answered
		expect(md).toContain('| 5 | Stemmen | Stippen verdelen | Welke aanbevelingen zijn voor jou het belangrijkst? | 5 min | 9 |');
		expect(md).toContain('| 6 | Gehoord? | Peiling (één antwoord) | Voelde je je gehoord? | – | 3 |');
		expect(md.indexOf('## 1. Getuigenis')).toBeLessThan(md.indexOf('## 2. Problemen in kaart'));
		expect(reportToMarkdown(r, 'fr')).toContain('# Compte rendu : Gelijke kansen in het onderwijs');
	});

	it('names a participant only when they gave a name, and marks what staff typed', async () => {
		const { tableId, ids, f, note } = await dialogueTable();
		const r = await report(tableId);
		const all = r.phases.flatMap((p) => [...p.shown, ...p.notShown]);
		const by = (id: number) => all.find((c) => c.id === id)!;
		expect(by(ids.p1)).toMatchObject({ author: 'Amina', enteredBy: null });
		expect(by(ids.p2)).toMatchObject({ author: null, enteredBy: null });
		expect(by(ids.p3)).toMatchObject({ author: null });
		expect(by(ids.p4)).toMatchObject({ author: null, enteredBy: note.name });
		const testimony = r.phases[0].shown[0];
		expect(testimony).toMatchObject({ text: 'Mijn verhaal over schoolkosten.', enteredBy: f.name, author: null });

		const md = reportToMarkdown(r, 'nl');
		expect(md).toContain(`*getuigenis, ingetypt door ${f.name}*`);
		expect(md).toContain(`voor iemand zonder telefoon, ingetypt door ${note.name}`);
		expect(md).toMatch(/Een neutrale infoavond\.\s+\*anoniem · stippen: 4\*/);
		expect(md).toMatch(/Een plafond per schooljaar\.\s+\*Amina · stippen: 2\*/);
		// nobody is numbered or otherwise singled out
		expect(md).not.toMatch(/deelnemer \d|participant \d/i);

		const rows = parseCsv(reportToCsv(r));
		const col = (name: string) => REPORT_CSV_HEADER.indexOf(name);
		const row = (id: number) => rows.find((x) => x[col('contribution_id')] === String(id))!;
		expect(row(ids.p1)[col('author')]).toBe('Amina');
		expect(row(ids.p2)[col('author')]).toBe('');
		expect(row(ids.p4)[col('author')]).toBe('');
		expect(row(ids.p4)[col('entered_by_staff')]).toBe(note.name);
	});

	it('ranks the recommendations by dots, equal totals sharing a place, and counts poll answers per option', async () => {
		const { tableId, ids } = await dialogueTable();
		const r = await report(tableId);
		expect(r.recommendations!.phaseTitle).toBe('Aanbevelingen');
		expect(r.recommendations!.items.map((c) => [c.id, c.dots])).toEqual([
			[ids.r2, 4],
			[ids.r1, 2],
			[ids.r3, 2],
			[ids.r4, 1]
		]);
		const dots = r.phases.find((p) => p.kind === 'dots')!.dots!;
		expect(dots).toMatchObject({ voters: 3, cast: 9 });
		expect(dots.ranking.map((x) => [x.rank, x.contribution.id, x.dots, x.phaseTitle])).toEqual([
			[1, ids.r2, 4, 'Aanbevelingen'],
			[2, ids.r1, 2, 'Aanbevelingen'],
			[2, ids.r3, 2, 'Aanbevelingen'],
			[4, ids.r4, 1, 'Aanbevelingen']
		]);
		expect(r.phases.find((p) => p.kind === 'poll_single')!.poll).toEqual({ voters: 3, options: [{ text: 'Ja', count: 2 }, { text: 'Nee', count: 1 }] });

		const md = reportToMarkdown(r, 'nl');
		const reco = md.slice(md.indexOf('## Aanbevelingen'), md.indexOf('## Verloop'));
		expect(reco.indexOf('1. Een neutrale infoavond.')).toBeGreaterThan(-1);
		expect(reco.indexOf('Een neutrale infoavond.')).toBeLessThan(reco.indexOf('Een plafond per schooljaar.'));
		expect(reco.indexOf('Een vertrouwenspersoon.')).toBeLessThan(reco.indexOf('Klare taal.'));
		expect(md).toContain('| 2 | Een plafond per schooljaar. | Aanbevelingen | 2 |');
		expect(md).toContain('| 2 | Een vertrouwenspersoon. | Aanbevelingen | 2 |');
		expect(md).toContain('Deelnemers die stemden: 3 · stippen gegeven: 9');
		expect(md).toContain('| Ja | 2 |');

		const rows = parseCsv(reportToCsv(r));
		const col = (name: string) => REPORT_CSV_HEADER.indexOf(name);
		const options = rows.filter((x) => x[col('row_type')] === 'poll_option');
		expect(options.map((x) => [x[col('text')], x[col('votes')], x[col('voters')]])).toEqual([
			['Ja', '2', '3'],
			['Nee', '1', '3']
		]);
		const reco1 = rows.find((x) => x[col('contribution_id')] === String(ids.r2))!;
		expect([reco1[col('recommendation')], reco1[col('dots')]]).toEqual(['true', '4']);
	});

	it('keeps hidden and merged contributions, marked and apart from what the room saw', async () => {
		const { tableId, ids } = await dialogueTable();
		const r = await report(tableId);
		const problems = r.phases[1];
		expect(problems.shown.map((c) => c.id)).toEqual([ids.p1, ids.p4]);
		expect(problems.shown[0]).toMatchObject({ highlighted: true, mergedFrom: [ids.p2] });
		expect(problems.notShown.map((c) => [c.id, c.state, c.mergedInto])).toEqual([
			[ids.p2, 'merged', ids.p1],
			[ids.p3, 'hidden', null]
		]);
		const md = reportToMarkdown(r, 'nl');
		const section = md.slice(md.indexOf('## 2. Problemen in kaart'), md.indexOf('## 3.'));
		const apart = section.slice(section.indexOf('### Niet getoond in de zaal'));
		expect(section.indexOf('### Niet getoond in de zaal')).toBeGreaterThan(section.indexOf('Geen maximumfactuur in het secundair.'));
		expect(apart).toContain(`samengevoegd met #${ids.p1}`);
		expect(apart).toMatch(/Die directeur moet buiten\.\s+\*anoniem · verborgen\*/);
		expect(section).toContain('Uitgelicht');
		expect(section).toContain(`hierin samengevoegd: #${ids.p2}`);

		const rows = parseCsv(reportToCsv(r));
		const col = (name: string) => REPORT_CSV_HEADER.indexOf(name);
		const state = (id: number) => rows.find((x) => x[col('contribution_id')] === String(id))!;
		expect(state(ids.p3)[col('state')]).toBe('hidden');
		expect([state(ids.p2)[col('state')], state(ids.p2)[col('merged_into')]]).toEqual(['merged', String(ids.p1)]);
		expect(state(ids.p1)[col('highlighted')]).toBe('true');
	});

	it('writes CSV with a byte order mark that no spreadsheet runs as a formula', async () => {
		const f = await staff();
		const t = await table(f, { template: 'talk_cafe', title: 'Tafel, met "komma" en =formule' });
		const p = ok(await joinTable(t.code, '=cmd|calc')).participantId;
		ok(await applyAction(f, t.tableId, { type: 'start' }));
		const c = ok(await addContribution(p, { clientId: 'x', text: '=HYPERLINK("http://evil.example","klik")\nen een tweede regel' })).contributionId;
		ok(await addContribution(p, { clientId: 'y', text: '+32 470 12 34 56' }));
		ok(await addContribution(p, { clientId: 'z', text: '@SUM(A1:A2), -1' }));
		const csv = reportToCsv(await report(t.tableId));
		expect(csv.startsWith('\uFEFFtable_code,table_title,phase_number')).toBe(true);
		expect(csv).toContain('"Tafel, met ""komma"" en =formule"');
		expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""klik"")\nen een tweede regel"`);
		expect(csv).toContain(",'+32 470 12 34 56,");
		expect(csv).toContain(`"'@SUM(A1:A2), -1"`);
		expect(csv).toContain(",'=cmd|calc,");
		const rows = parseCsv(csv);
		expect(rows[0]).toEqual(REPORT_CSV_HEADER);
		expect(rows.every((r) => r.length === REPORT_CSV_HEADER.length)).toBe(true);
		expect(rows.find((r) => r[7] === String(c))![8]).toBe(`'=HYPERLINK("http://evil.example","klik")\nen een tweede regel`);
		expect(reportFileName(await report(t.tableId), 'csv')).toMatch(new RegExp(`^tafel-${t.code}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
	});

	it('makes participant text inert in Markdown: no HTML, links, emphasis, headings or broken tables', async () => {
		expect(mdText('<script>alert(1)</script>')).toBe('\\<script\\>alert(1)\\</script\\>');
		expect(mdText('*vet* en _schuin_ [klik](javascript:alert(1)) a|b `code`')).toBe(
			'\\*vet\\* en \\_schuin\\_ \\[klik\\](javascript:alert(1)) a\\|b \\`code\\`'
		);
		expect(mdText('# geen titel\n- geen lijst\n1. geen nummer\n> geen citaat')).toBe('\\# geen titel  \n\\- geen lijst  \n1\\. geen nummer  \n\\> geen citaat');
		expect(mdText('&copy; blijft tekst, R&D ook')).toBe('\\&copy; blijft tekst, R&D ook');

		const f = await staff();
		const t = await table(f, { template: 'talk_cafe', title: 'Titel met *sterren*' });
		const p = ok(await joinTable(t.code, '<b>Bram</b>')).participantId;
		ok(await applyAction(f, t.tableId, { type: 'start' }));
		ok(await addContribution(p, { clientId: 'x', text: '# Kop\n<img src=x onerror=alert(1)> | kolom' }));
		const md = reportToMarkdown(await report(t.tableId), 'nl');
		expect(md).toContain('# Verslag: Titel met \\*sterren\\*');
		expect(md).toContain('- \\# Kop  \n  \\<img src=x onerror=alert(1)\\> \\| kolom');
		expect(md).toContain('*\\<b\\>Bram\\</b\\>* (#');
		// no unescaped tag anywhere
		expect(md).not.toMatch(/(^|[^\\])<(img|b|\/b)/m);
	});

	it('groups world café contributions by sub-table and counts a word cloud', async () => {
		const f = await staff();
		const t = await table(f, { template: 'world_cafe', groups: [{ name: 'Tafel Oost', hostName: 'Hilde' }, { name: 'Tafel West' }] });
		const groups = (await report(t.tableId)).groups;
		expect(groups.map((g) => [g.name, g.host])).toEqual([
			['Tafel Oost', 'Hilde'],
			['Tafel West', null]
		]);
		const a = ok(await joinTable(t.code)).participantId;
		const b = ok(await joinTable(t.code)).participantId;
		ok(await chooseGroup(a, groups[0].id));
		ok(await chooseGroup(b, groups[1].id));
		ok(await applyAction(f, t.tableId, { type: 'start' }));
		ok(await addContribution(a, { clientId: 'a1', text: 'Oost zegt iets' }));
		ok(await addContribution(b, { clientId: 'b1', text: 'West zegt iets' }));
		const phases = (await report(t.tableId)).phases;
		ok(await applyAction(f, t.tableId, { type: 'goto', phaseId: phases[3].id }));
		ok(await addContribution(a, { clientId: 'a2', text: 'Vertrouwen' }));
		ok(await addContribution(b, { clientId: 'b2', text: ' vertrouwen ' }));
		ok(await addContribution(b, { clientId: 'b3', text: 'Tijd' }));
		const r = await report(t.tableId);
		expect(r.phases[0].shown.map((c) => [c.text, c.groupName])).toEqual([
			['Oost zegt iets', 'Tafel Oost'],
			['West zegt iets', 'Tafel West']
		]);
		expect(r.phases[3].words).toEqual([
			{ text: 'vertrouwen', count: 2 },
			{ text: 'tijd', count: 1 }
		]);
		expect(r.recommendations).toBeNull();
		const md = reportToMarkdown(r, 'en');
		const round = md.slice(md.indexOf('## 1. Ronde 1'), md.indexOf('## 2.'));
		expect(round.indexOf('**Sub-table: Tafel Oost (host: Hilde)**')).toBeLessThan(round.indexOf('Oost zegt iets'));
		expect(round.indexOf('**Sub-table: Tafel West**')).toBeGreaterThan(round.indexOf('Oost zegt iets'));
		const rows = parseCsv(reportToCsv(r));
		expect(rows.find((x) => x[8] === 'West zegt iets')![5]).toBe('Tafel West');
	});

	it('is read by the table’s staff, admins, moderators and plan owners; not by council members or other facilitators', async () => {
		const { tableId, code, f, note } = await dialogueTable();
		expect(await canReadReport(f, tableId)).toBe(true);
		expect(await canReadReport(note, tableId)).toBe(true);
		expect(await canReadReport(await staff(['admin']), tableId)).toBe(true);
		expect(await canReadReport(await staff(['moderator']), tableId)).toBe(true);
		expect(await canReadReport(await staff(['plan_owner']), tableId)).toBe(true);
		expect(await canReadReport(await staff(['council_member']), tableId)).toBe(false);
		expect(await canReadReport(await staff(['facilitator']), tableId)).toBe(false);
		expect(await canReadReport(null, tableId)).toBe(false);
		expect(await findReportTable(String(tableId))).toBe(tableId);
		expect(await findReportTable(code.toLowerCase())).toBe(tableId);
		expect(await findReportTable('9999')).toBeNull();
		expect(await findReportTable('nope')).toBeNull();
	});

	it('shows which signals a contribution backs, and on the signal where it was said (table, phase, sub-table)', async () => {
		const { tableId, code, ids, f, phaseIds } = await dialogueTable();
		const made = await createSignal({ title: 'Neutrale infoavond', summary: '', type: 'proposal', evidence: [{ sourceType: 'table_contribution', sourceId: ids.r2 }] }, f.id);
		if (!made.ok) throw new Error('signal');
		const r = await report(tableId);
		expect(r.recommendations!.items[0].signals).toEqual([{ id: made.id, title: 'Neutrale infoavond' }]);
		expect(reportToMarkdown(r, 'nl')).toContain(`Onderbouwt: #${made.id} Neutrale infoavond`);
		expect(parseCsv(reportToCsv(r)).find((x) => x[7] === String(ids.r2))![REPORT_CSV_HEADER.indexOf('signal_ids')]).toBe(String(made.id));

		const detail = (await getSignal(made.id))!;
		expect(detail.evidence[0]).toMatchObject({
			reference: `${code} #${ids.r2}`,
			channel: 'table',
			context: 'Gelijke kansen in het onderwijs',
			contextHref: `/staff/tables/${tableId}/report#c-${ids.r2}`,
			origin: [{ kind: 'phase', text: 'Aanbevelingen' }]
		});
		expect(phaseIds.recommendations).toBe(r.recommendations!.phaseId);

		const wc = await table(f, { template: 'world_cafe', groups: [{ name: 'Tafel Noord' }] });
		const group = (await report(wc.tableId)).groups[0];
		ok(await applyAction(f, wc.tableId, { type: 'start' }));
		const typed = ok(await contributeOnBehalf(f, wc.tableId, { clientId: 'g', text: 'Gezegd aan tafel Noord', groupId: group.id })).contributionId;
		const s2 = await createSignal({ title: 'x', summary: '', type: 'need', evidence: [{ sourceType: 'table_contribution', sourceId: typed }] }, f.id);
		if (!s2.ok) throw new Error('signal');
		expect((await getSignal(s2.id))!.evidence[0]).toMatchObject({
			channel: 'facilitator',
			origin: [
				{ kind: 'phase', text: 'Ronde 1' },
				{ kind: 'sub_table', text: 'Tafel Noord' }
			]
		});
	});
});

describe('the finished demo table', () => {
	it('has a report that reads like a real one, and is seeded once', async () => {
		await seedPlan();
		await seedAccounts();
		await seedDemoCampaign();
		await seedDemoTables();
		expect(await seedFinishedTable()).toBe(true);
		const id = (await findReportTable(FINISHED_TABLE_CODE))!;
		const r = await report(id);
		expect(r.table.status).toBe('ended');
		expect(r.table.template).toBe('dialogue_table');
		expect(r.themes.map((t) => t.label)).toEqual(['Kansen voor kinderen en jongeren', 'Iedereen mee']);
		expect(r.staff.map((s) => [s.name, s.role])).toEqual([
			['Fien Begeleider', 'facilitator'],
			['Pieter Regisseur', 'note_taker']
		]);
		expect(r.participantCount).toBe(11);
		expect(r.namedCount).toBe(4);
		expect(r.phases.every((p) => p.kind === 'dots' || p.kind === 'poll_single' || p.shown.length > 0)).toBe(true);
		expect(r.phases[0].shown[0]).toMatchObject({ enteredBy: 'Fien Begeleider' });
		expect(r.phases[1].notShown.map((c) => c.state).sort()).toEqual(['hidden', 'merged']);
		expect(r.recommendations!.items.map((c) => c.dots)).toEqual([9, 7, 6, 4, 2, 2]);
		expect(r.recommendations!.items.some((c) => c.signals.length === 1)).toBe(true);
		expect(r.phases.find((p) => p.kind === 'poll_single')!.poll!.voters).toBe(10);
		// it happened before it ended, and the contributions in between
		const times = r.phases.flatMap((p) => p.shown).map((c) => +c.createdAt);
		expect(Math.min(...times)).toBeGreaterThanOrEqual(+r.table.scheduledAt!);
		expect(Math.max(...times)).toBeLessThan(+r.table.endedAt!);
		expect(+r.table.endedAt!).toBeLessThan(Date.now() - 7 * 86_400_000);
		const signalId = r.recommendations!.items.find((c) => c.signals.length)!.signals[0].id;
		const seededSignal = (await getSignal(signalId))!;
		expect(seededSignal.evidence.map((e) => e.sourceType).sort()).toEqual(['postcard', 'table_contribution', 'table_contribution']);
		// made by the analyst after the meeting, not at the moment the demo started
		expect(+seededSignal.createdAt).toBeGreaterThan(+r.table.endedAt!);
		expect(+seededSignal.createdAt).toBeLessThan(Date.now() - 7 * 86_400_000);

		// every start runs the seed again: nothing is added twice, the live table is left alone
		const db = getDb();
		await seedDemo();
		const signalsBefore = (await db.select().from(schema.signals)).length;
		await seedDemo();
		expect(await seedFinishedTable()).toBe(false);
		expect(await db.select().from(schema.dialogueTables).where(eq(schema.dialogueTables.code, FINISHED_TABLE_CODE))).toHaveLength(1);
		// the two demo tables and the two persona workshops' tables, each once
		expect((await db.select().from(schema.dialogueTables)).map((t) => t.code).sort()).toEqual(['DAW-245', 'PRS-362', 'SCH-258', 'TAF-234']);
		expect(await db.select().from(schema.signals)).toHaveLength(signalsBefore);
		const live = (await db.select().from(schema.dialogueTables).where(eq(schema.dialogueTables.code, 'TAF-234')).get())!;
		expect(live.status).toBe('live');
	});
});
