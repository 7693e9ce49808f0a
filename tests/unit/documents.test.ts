import { describe, expect, it } from 'vitest';
import type { Doc } from '../../src/lib/server/documents/model';
import { toMarkdown } from '../../src/lib/server/documents/markdown';
import { toPdf, visualOrder } from '../../src/lib/server/documents/pdf';
import { pdfText } from './pdf-text';

const DUTCH = 'Een naïeve vraag over de coöperatie: wordt het café aan de Sint-Pietersnieuwstraat één ontmoetingsplek?';
const ARABIC = 'مرحبا بكم في الحي';

const rows = Array.from({ length: 40 }, (_, i) => [
	`Rij ${i + 1}`,
	i === 3 ? 'Fietsen | wandelen' : `Opmerking bij rij ${i + 1}, lang genoeg om in een smalle kolom over meer regels te lopen.`,
	i % 2 ? 'ja' : 'nee'
]);

const doc: Doc = {
	title: 'Lokale aanvulling: persona-workshop Gent',
	subtitle: 'Wat de deelnemers toevoegden',
	lang: 'nl',
	meta: [
		{ label: 'Datum', value: '12 maart 2026' },
		{ label: 'Plaats', value: 'Wijkcentrum De Brug' }
	],
	blocks: [
		{ type: 'heading', level: 1, text: 'Wat we hoorden' },
		{ type: 'paragraph', text: DUTCH },
		{ type: 'paragraph', text: 'Ik kom hier elke dag, ook als het regent.', emphasis: true },
		{ type: 'paragraph', text: ARABIC, lang: 'ar' },
		{ type: 'note', title: 'Fictieve persona’s', text: 'Elke gelijkenis met bestaande personen berust op toeval.' },
		{ type: 'heading', level: 2, text: 'Volgende stappen' },
		{ type: 'list', ordered: true, items: ['Terugkoppeling naar de wijkraad', 'Tweede workshop in mei'] },
		{ type: 'list', items: ['Zitbanken', 'Meer groen'] },
		{ type: 'heading', level: 2, text: 'Alle reacties' },
		{ type: 'table', header: ['Rij', 'Opmerking', 'Akkoord'], rows, widths: [0.15, 0.65, 0.2] }
	]
};

describe('toMarkdown', () => {
	const md = toMarkdown(doc);

	it('puts the title, subtitle and meta on top', () => {
		expect(md.startsWith('# Lokale aanvulling: persona-workshop Gent\n\n_Wat de deelnemers toevoegden_\n\n')).toBe(true);
		expect(md).toContain('- **Datum:** 12 maart 2026\n- **Plaats:** Wijkcentrum De Brug');
	});

	it('nests headings under the title', () => {
		expect(md).toContain('\n## Wat we hoorden\n');
		expect(md).toContain('\n### Volgende stappen\n');
	});

	it('writes paragraphs, quotes, notes and lists', () => {
		expect(md).toContain(`\n${DUTCH}\n`);
		expect(md).toContain('\n> Ik kom hier elke dag, ook als het regent.\n');
		expect(md).toContain('\n> **Fictieve persona’s**\n>\n> Elke gelijkenis');
		expect(md).toContain('\n1. Terugkoppeling naar de wijkraad\n2. Tweede workshop in mei\n');
		expect(md).toContain('\n- Zitbanken\n- Meer groen\n');
	});

	it('writes a table with pipes and newlines escaped in cells', () => {
		expect(md).toContain('\n| Rij | Opmerking | Akkoord |\n| --- | --- | --- |\n| Rij 1 | Opmerking bij rij 1,');
		expect(md).toContain('| Rij 4 | Fietsen \\| wandelen | ja |');
		expect(md).toContain('| Rij 40 |');
		const table = toMarkdown({
			title: 'T',
			lang: 'nl',
			blocks: [{ type: 'table', header: ['a|b'], rows: [['regel 1\nregel 2'], []] }]
		});
		expect(table).toContain('| a\\|b |\n| --- |\n| regel 1<br>regel 2 |\n|  |\n');
	});

	it('escapes what Markdown would read as markup', () => {
		const md = toMarkdown({
			title: 'T',
			lang: 'nl',
			blocks: [
				{ type: 'paragraph', text: '# geen kop\n1. geen lijst\n*niet vet* en [geen](link)' },
				{ type: 'list', items: ['twee\nregels'] }
			]
		});
		// A newline stays a line break: a backslash at the end of the line.
		expect(md).toContain('\\# geen kop\\\n1\\. geen lijst\\\n\\*niet vet\\* en \\[geen\\](link)');
		expect(md).toContain('- twee\\\n  regels');
	});
});

describe('toPdf', () => {
	it('is a PDF of several pages whose text reads back', async () => {
		const buf = await toPdf(doc);
		expect(buf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const { pages, text, title, lang } = await pdfText(buf);
		expect(title).toBe('Lokale aanvulling: persona-workshop Gent');
		expect(lang).toBe('nl');
		expect(pages.length).toBeGreaterThan(1);

		expect(pages[0]).toContain('Lokale aanvulling: persona-workshop Gent');
		expect(pages[0]).toContain('Datum: 12 maart 2026');
		expect(text).toContain(DUTCH);
		expect(text).toContain('Fictieve persona’s');
		expect(text).toContain('Terugkoppeling naar de wijkraad');
		// pdfjs puts right-to-left text back in reading order: so the words were drawn in visual order.
		expect(pages[0]).toContain(ARABIC);

		const last = pages.findIndex((p) => p.includes('Rij 40 '));
		expect(last).toBeGreaterThan(0);
		expect(pages[last]).toContain('Opmerking bij rij 40');
		// The header row is repeated on the page the table continues on.
		expect(pages[last]).toMatch(/Rij Opmerking Akkoord/);
		pages.forEach((p, i) => expect(p.endsWith(`${i + 1} / ${pages.length}`)).toBe(true));
	});

	it('never splits a table row across pages', async () => {
		const { pages } = await pdfText(await toPdf(doc));
		for (const row of rows) {
			const on = pages.filter((p) => p.includes(`${row[0]} `));
			expect(on, row[0]).toHaveLength(1);
			// The cell's words, whatever the line breaks, are on the page of its row.
			expect(on[0].replace(/\s/g, '')).toContain(row[1].replace(/\s/g, ''));
		}
	});

	it('records title and language, and prints a right-to-left document', async () => {
		const buf = await toPdf({
			title: 'تقرير الحي',
			lang: 'ar',
			meta: [{ label: 'التاريخ', value: '2026' }],
			blocks: [
				{ type: 'paragraph', text: ARABIC },
				{ type: 'list', ordered: true, items: ['زيارة Gent Sint-Pieters'] },
				{ type: 'table', header: ['الاسم', 'رأي'], rows: [['سارة', 'نعم']] },
				{ type: 'note', text: 'شخصيات خيالية' }
			]
		});
		const { pages, title, lang } = await pdfText(buf);
		expect(title).toBe('تقرير الحي');
		expect(lang).toBe('ar');
		expect(pages).toHaveLength(1);
		expect(pages[0]).toContain(ARABIC);
		expect(pages[0]).toContain('شخصيات خيالية');
		expect(pages[0]).toContain('1 / 1');
	});
});

describe('visualOrder', () => {
	const placed = (words: string[], rtl: boolean) => visualOrder(words, rtl).map((i) => words[i]);

	it('reverses the words of a right-to-left line but keeps left-to-right runs in order', () => {
		expect(placed(['مرحبا', 'بكم', 'في', 'Sint-Pieters', 'Gent', '2026'], true)).toEqual([
			'2026',
			'Sint-Pieters',
			'Gent',
			'في',
			'بكم',
			'مرحبا'
		]);
	});

	it('reverses right-to-left runs in a left-to-right line', () => {
		expect(placed(['Ze', 'zei', 'مرحبا', 'بكم', 'en', 'lachte'], false)).toEqual([
			'Ze',
			'zei',
			'بكم',
			'مرحبا',
			'en',
			'lachte'
		]);
	});
});
