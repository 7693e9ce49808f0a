// Exports of a board (src/lib/boards/export.js): the image as SVG, the outline as Markdown and CSV.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addFrame, addNote, listNotes, listFrames, vote, type Note } from '../../src/lib/boards/doc.js';
import { boardCsv, boardMarkdown, boardSvg, isRtl, svgToPng, wrapText } from '../../src/lib/boards/export.js';
import { toCsv as sharedToCsv } from '../../src/lib/csv';
import { toCsv as postcardsToCsv } from '../../src/lib/server/postcards/export';

const LONG =
	'Kinderen uit gezinnen met een laag inkomen kunnen vaak niet mee op schoolreis, naar de muziekschool of naar de sportclub, ' +
	'omdat de kosten te hoog zijn en de tegemoetkomingen te weinig bekend; scholen zouden de kosten vooraf moeten tonen en spreiden.';
const ARABIC = 'نريد المزيد من الحدائق للأطفال';
const SPECIAL = 'Kosten <&> "schoolreis" & meer';

function board() {
	const doc = new Y.Doc();
	const more = addFrame(doc, { id: 'fmore', title: 'Meer', x: 0, y: 0, w: 700, h: 420, color: 'green' });
	const less = addFrame(doc, { id: 'fless', title: 'Minder', x: 800, y: 0, w: 700, h: 420, color: 'red' });
	const ideas = addFrame(doc, { id: 'fideas', title: 'Ideeën', x: 0, y: 500, w: 700, h: 300, color: 'blue', tags: ['goal:1.2', 'theme:3'] });
	const ids = {
		play: addNote(doc, { id: 'nplay', text: 'Speelpleinen openhouden', author: 'Fatima', x: 20, y: 60, frame: more, tags: ['goal:1.2'] }),
		special: addNote(doc, { id: 'nspecial', text: SPECIAL, x: 240, y: 60, frame: more, color: 'pink' }),
		long: addNote(doc, { id: 'nlong', text: LONG, x: 20, y: 220, frame: more }),
		formula: addNote(doc, { id: 'nformula', text: '=1+1', x: 820, y: 60, frame: less, color: 'blue' }),
		arabic: addNote(doc, { id: 'narabic', text: ARABIC, author: 'سارة', x: 1040, y: 60, frame: less }),
		lines: addNote(doc, { id: 'nlines', text: 'Eerste regel\n# tweede regel\n- derde\n1. vierde', x: 20, y: 560, frame: ideas }),
		loose: addNote(doc, { id: 'nloose', text: 'Losse gedachte', author: 'Jan', x: 1600, y: 900 }),
		corner: addNote(doc, { id: 'ncorner', text: 'Links boven', x: -300, y: -200, color: 'orange' })
	};
	for (const voter of ['v1', 'v1', 'v2']) expect(vote(doc, ids.play, voter, 1)).toBe(true);
	expect(vote(doc, ids.loose, 'v3', 1)).toBe(true);
	return { doc, ids, frames: { more, less, ideas } };
}

const svgLabels = { dots: (n: number) => `${n} DOTS-LABEL` };
const tagLabel = (t: string) => `TAG(${t})`;
const mdLabels = { dots: (n: number) => `${n} DOTS-LABEL`, loose: 'LOOSE-HEADING', empty: 'EMPTY-LINE' };
const HEADER = ['c', 't', 'a', 'k', 'd', 'g', 'x', 'y'];

// ---------------------------------------------------------------- a tiny XML reader (well-formedness)

type El = { name: string; attrs: Record<string, string>; children: (El | string)[] };

function decode(s: string): string {
	const bad = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(s);
	if (bad) throw new Error(`bare & at ${bad.index}: ${s.slice(bad.index, bad.index + 20)}`);
	return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
		e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
	);
}

/** Parses a well-formed XML document (no comments, CDATA or doctype: the export writes none), or throws. */
function parseXml(xml: string): El {
	const src = xml.replace(/^<\?xml[^?]*\?>/, '');
	const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
	const text = /[^<]+/y;
	const root: El = { name: '#document', attrs: {}, children: [] };
	const stack: El[] = [root];
	let pos = 0;
	while (pos < src.length) {
		tag.lastIndex = pos;
		text.lastIndex = pos;
		const t = tag.exec(src);
		if (t) {
			pos = tag.lastIndex;
			const [, closing, name, rawAttrs, selfClosing] = t;
			if (closing) {
				if (rawAttrs || selfClosing) throw new Error(`bad closing tag ${t[0]}`);
				const open = stack.pop();
				if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
				continue;
			}
			const attrs: Record<string, string> = {};
			for (const a of rawAttrs.matchAll(/([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
				if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]}`);
				attrs[a[1]] = decode(a[2] ?? a[3]);
			}
			const el: El = { name, attrs, children: [] };
			stack[stack.length - 1].children.push(el);
			if (!selfClosing) stack.push(el);
			continue;
		}
		const x = text.exec(src);
		if (!x) throw new Error(`not XML at ${pos}: ${src.slice(pos, pos + 30)}`);
		pos = text.lastIndex;
		if (stack.length === 1) {
			if (x[0].trim()) throw new Error('text outside the root element');
			continue;
		}
		stack[stack.length - 1].children.push(decode(x[0]));
	}
	if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
	const roots = root.children.filter((c): c is El => typeof c !== 'string');
	if (roots.length !== 1) throw new Error('not exactly one root element');
	return roots[0];
}

const elements = (el: El): El[] => [el, ...el.children.flatMap((c) => (typeof c === 'string' ? [] : elements(c)))];
const textOf = (el: El): string => el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
const child = (el: El, name: string) => el.children.find((c): c is El => typeof c !== 'string' && c.name === name);
/** Visible lines of a <text>: its <tspan>s, or itself. */
const linesOf = (el: El) => {
	const spans = el.children.filter((c): c is El => typeof c !== 'string' && c.name === 'tspan');
	return spans.length ? spans.map(textOf) : [textOf(el)];
};

/** The <g> of a note: the group whose tooltip starts with its text. */
function noteGroup(svg: El, note: Note): El {
	const groups = elements(svg).filter((e) => e.name === 'g' && child(e, 'title') && textOf(child(e, 'title')!).split('\n')[0] === note.text.split('\n')[0]);
	expect(groups, `one group for note ${note.id}`).toHaveLength(1);
	return groups[0];
}

// ---------------------------------------------------------------- a tiny CSV reader (RFC 4180)

function parseCsv(csv: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < csv.length; i++) {
		const ch = csv[i];
		if (quoted) {
			if (ch === '"' && csv[i + 1] === '"') (cell += '"'), i++;
			else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') row.push(cell), (cell = '');
		else if (ch === '\r' && csv[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			(row = []), (cell = ''), i++;
		} else cell += ch;
	}
	if (cell || row.length) throw new Error('the last line does not end with CRLF');
	return rows;
}

// ---------------------------------------------------------------- the image

describe('board image (SVG)', () => {
	it('is well-formed XML with only elements a canvas can draw, and the board title on top', () => {
		const { doc } = board();
		const xml = boardSvg(doc, { title: 'Schoolkosten & <vrije tijd>', labels: svgLabels });
		const svg = parseXml(xml);
		expect(svg.name).toBe('svg');
		expect(svg.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
		const names = new Set(elements(svg).map((e) => e.name));
		for (const n of names) expect(['svg', 'g', 'rect', 'text', 'tspan', 'title']).toContain(n);
		expect(xml).not.toMatch(/foreignObject|<image|<script|href=/i);
		expect(svg.attrs['font-family']).toContain("'Noto Sans Arabic'");
		expect(textOf(child(svg, 'title')!)).toBe('Schoolkosten & <vrije tijd>');
		const heading = elements(svg).find((e) => e.name === 'text' && textOf(e) === 'Schoolkosten & <vrije tijd>');
		expect(heading?.attrs['font-weight']).toBe('bold');
		// The heading sits above every frame and note.
		expect(Number(heading!.attrs.y)).toBeLessThan(Math.min(...listNotes(doc).map((n) => n.y), ...listFrames(doc).map((f) => f.y)));
	});

	it('shows every note (escaped), with its author and dots, inside a viewBox that holds the whole board', () => {
		const { doc, ids } = board();
		const xml = boardSvg(doc, { title: 'Bord', labels: svgLabels });
		expect(xml).toContain('Kosten &lt;&amp;&gt; &quot;schoolreis&quot; &amp; meer');
		expect(xml).not.toContain(SPECIAL);
		const svg = parseXml(xml);

		const [vx, vy, vw, vh] = svg.attrs.viewBox.split(/\s+/).map(Number);
		expect(Number(svg.attrs.width)).toBeGreaterThanOrEqual(vw);
		expect(Number(svg.attrs.height)).toBeGreaterThanOrEqual(vh);
		const background = elements(svg).find((e) => e.name === 'rect')!;
		expect(background.attrs.fill).toBe('#ffffff');
		expect([background.attrs.x, background.attrs.y, background.attrs.width, background.attrs.height].map(Number)).toEqual([vx, vy, vw, vh]);
		for (const b of [...listNotes(doc), ...listFrames(doc)]) {
			expect(b.x, b.id).toBeGreaterThan(vx);
			expect(b.y, b.id).toBeGreaterThan(vy);
			expect(b.x + b.w, b.id).toBeLessThan(vx + vw);
			expect(b.y + b.h, b.id).toBeLessThan(vy + vh);
		}

		const notes = listNotes(doc);
		expect(notes).toHaveLength(8);
		for (const note of notes) {
			const g = noteGroup(svg, note);
			expect(textOf(child(g, 'title')!)).toContain(note.text.trim());
			const rects = g.children.filter((c): c is El => typeof c !== 'string' && c.name === 'rect');
			const face = rects.find((r) => r.attrs.x === String(note.x) && r.attrs.y === String(note.y))!;
			expect(face, `the rect of ${note.id}`).toBeDefined();
			expect(Number(face.attrs.width)).toBe(note.w);
			const texts = g.children.filter((c): c is El => typeof c !== 'string' && c.name === 'text');
			const body = texts[0];
			const lines = linesOf(body);
			// Each visible line lies inside the note.
			for (const t of [body, ...body.children.filter((c): c is El => typeof c !== 'string')]) {
				expect(Number(t.attrs.y)).toBeGreaterThan(note.y);
				expect(Number(t.attrs.y)).toBeLessThan(note.y + note.h);
			}
			if (note.id === ids.long) {
				expect(lines.length).toBeGreaterThan(2);
				expect(lines.at(-1)!.endsWith('…')).toBe(true);
				expect(LONG.replace(/\s+/g, ' ')).toContain(lines.join(' ').replace(/…$/, '').trim().slice(0, 60));
				for (const l of lines) expect(l.length * 15 * 0.55).toBeLessThanOrEqual(note.w - 2 * 12 + 1);
			} else {
				expect(lines.filter(Boolean).join(' ')).toBe(note.text.replace(/\s+/g, ' ').trim());
			}
			// The author in small text at the bottom, when there is one.
			if (note.author) {
				const author = texts.find((t) => textOf(t) === note.author)!;
				expect(author, `the author of ${note.id}`).toBeDefined();
				expect(Number(author.attrs['font-size'])).toBeLessThan(Number(body.attrs['font-size']));
				expect(Number(author.attrs.y)).toBeGreaterThan(Math.max(...[body, ...body.children.filter((c): c is El => typeof c !== 'string')].map((t) => Number(t.attrs.y))));
			} else {
				expect(texts).toHaveLength(1);
			}
		}

		// Dots as a badge, with the caller's words as its tooltip.
		const play = noteGroup(svg, notes.find((n) => n.id === ids.play)!);
		const badge = play.children.find((c): c is El => typeof c !== 'string' && c.name === 'g')!;
		expect(textOf(child(badge, 'title')!)).toBe('3 DOTS-LABEL');
		expect(textOf(child(badge, 'text')!)).toBe('3');
		const plain = noteGroup(svg, notes.find((n) => n.id === ids.special)!);
		expect(plain.children.some((c) => typeof c !== 'string' && c.name === 'g')).toBe(false);
	});

	it('gives right-to-left notes direction="rtl", and only them', () => {
		const { doc, ids } = board();
		const svg = parseXml(boardSvg(doc, { title: 'Bord', labels: svgLabels }));
		for (const note of listNotes(doc)) {
			const body = noteGroup(svg, note).children.find((c): c is El => typeof c !== 'string' && c.name === 'text')!;
			expect(body.attrs.direction, note.id).toBe(note.id === ids.arabic ? 'rtl' : undefined);
		}
		expect(isRtl('  "' + ARABIC)).toBe(true);
		expect(isRtl('123 abc')).toBe(false);
	});

	it('writes notes without an author as the caller says, and an empty board as a valid image', () => {
		const { doc } = board();
		const svg = parseXml(boardSvg(doc, { title: 'Bord', labels: { ...svgLabels, anonymous: 'ANON-LABEL' } }));
		const anonymous = listNotes(doc).filter((n) => !n.author);
		expect(elements(svg).filter((e) => e.name === 'text' && textOf(e) === 'ANON-LABEL')).toHaveLength(anonymous.length);

		const by = parseXml(boardSvg(doc, { title: 'Bord', labels: { ...svgLabels, by: (name: string) => `BY(${name})` } }));
		expect(elements(by).filter((e) => e.name === 'text' && textOf(e) === 'BY(Jan)')).toHaveLength(1);

		const empty = parseXml(boardSvg(new Y.Doc(), { title: '', labels: svgLabels }));
		expect(empty.name).toBe('svg');
		expect(empty.attrs.viewBox.split(' ').map(Number).every(Number.isFinite)).toBe(true);
	});

	it('strips characters XML cannot hold, so a stray control character never breaks the image', () => {
		const doc = new Y.Doc();
		addNote(doc, { text: 'bel\u0007 me \uD800 ooit', x: 0, y: 0 });
		const xml = boardSvg(doc, { title: 'x\u0001y', labels: svgLabels });
		expect(() => parseXml(xml)).not.toThrow();
		expect(xml).not.toMatch(/[\u0000-\u0008\uD800]/);
	});

	it('wraps text at word boundaries and cuts what does not fit with an ellipsis', () => {
		expect(wrapText('een twee drie vier', 9, 5)).toEqual(['een twee', 'drie vier']);
		expect(wrapText('een twee drie vier vijf zes', 9, 2)).toEqual(['een twee', 'drie vie…']);
		expect(wrapText('aaaaaaaaaaaaaaaaaaaa', 8, 5)).toEqual(['aaaaaaaa', 'aaaaaaaa', 'aaaa']);
		expect(wrapText('a\n\n\nb', 10, 5)).toEqual(['a', '', 'b']);
		expect(wrapText('😀😀😀😀😀', 3, 1)).toEqual(['😀😀…']);
	});

	it('imports in Node, where svgToPng refuses instead of failing at import', async () => {
		await expect(svgToPng('<svg xmlns="http://www.w3.org/2000/svg"/>')).rejects.toThrow(/browser/);
	});
});

// ---------------------------------------------------------------- Markdown

describe('board outline (Markdown)', () => {
	it('lists the clusters in order with their notes, tags, authors and dots, and the loose notes last', () => {
		const { doc } = board();
		const md = boardMarkdown(doc, { title: 'Schoolkosten', tagLabel, labels: mdLabels });
		const lines = md.split('\n');
		expect(lines[0]).toBe('# Schoolkosten');
		const headings = lines.filter((l) => l.startsWith('## '));
		expect(headings).toEqual(['## Meer', '## Minder', '## Ideeën', '## LOOSE-HEADING']);
		/** The list items under a heading. */
		const section = (h: string) => {
			const from = lines.indexOf(h);
			const to = lines.findIndex((l, i) => i > from && l.startsWith('## '));
			return lines.slice(from + 1, to === -1 ? undefined : to).filter((l) => l.trim());
		};
		const more = section('## Meer').filter((l) => l.startsWith('- '));
		expect(more).toHaveLength(3);
		expect(more[0]).toBe('- Speelpleinen openhouden — Fatima (3 DOTS-LABEL)');
		// & is escaped too, so that no entity (&lt; …) can be spelled: the text reads as typed.
		expect(more[1]).toBe('- Kosten \\<\\&\\> "schoolreis" \\& meer');
		expect(more[2].startsWith('- Kinderen uit gezinnen')).toBe(true);
		expect(more[2]).toContain('spreiden.');

		const less = section('## Minder');
		expect(less).toEqual(['- \\=1+1', `- ${ARABIC} — سارة`]);

		const ideas = section('## Ideeën');
		expect(ideas[0]).toBe('_TAG(goal:1.2), TAG(theme:3)_');
		// Multi-line text stays one list item, and what Markdown would read as a heading or a list is escaped.
		expect(ideas.slice(1)).toEqual(['- Eerste regel  ', '  \\# tweede regel  ', '  \\- derde  ', '  1\\. vierde']);

		const loose = section('## LOOSE-HEADING');
		expect(loose).toEqual(['- Links boven', '- Losse gedachte — Jan (1 DOTS-LABEL)']);
		expect(lines.indexOf('## LOOSE-HEADING')).toBeGreaterThan(lines.indexOf('## Ideeën'));
	});

	it('uses the caller\'s words for the tag line and for notes without an author', () => {
		const { doc } = board();
		const md = boardMarkdown(doc, { title: 'B', tagLabel, labels: { ...mdLabels, tags: 'TAGS-LABEL', anonymous: 'ANON' } });
		expect(md).toContain('\nTAGS-LABEL: TAG(goal:1.2), TAG(theme:3)\n');
		expect(md).toContain('\n- Links boven — ANON\n');
		const by = boardMarkdown(doc, { title: 'B', tagLabel, labels: { ...mdLabels, by: (name: string) => `BY(${name})` } });
		expect(by).toContain('\n- Losse gedachte — BY(Jan) (1 DOTS-LABEL)\n');
		expect(by).toContain('\n- Links boven\n');
	});

	it('writes an empty board as its title and one line', () => {
		expect(boardMarkdown(new Y.Doc(), { title: 'Leeg', tagLabel, labels: mdLabels }).trim()).toBe('# Leeg\n\nEMPTY-LINE');
		const framesOnly = new Y.Doc();
		addFrame(framesOnly, { title: 'Meer', x: 0, y: 0 });
		expect(boardMarkdown(framesOnly, { title: 'Leeg', tagLabel, labels: mdLabels })).toContain('EMPTY-LINE');
	});
});

// ---------------------------------------------------------------- CSV

describe('board outline (CSV)', () => {
	it('has one row per note with its cluster, a BOM, CRLF and neutralised formulas', () => {
		const { doc, ids } = board();
		const csv = boardCsv(doc, { tagLabel, header: HEADER });
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		const [header, ...rows] = parseCsv(csv.slice(1));
		expect(header).toEqual(HEADER);
		const notes = listNotes(doc);
		expect(rows).toHaveLength(notes.length);
		for (const r of rows) expect(r).toHaveLength(8);

		const cluster: Record<string, string> = { fmore: 'Meer', fless: 'Minder', fideas: 'Ideeën' };
		for (const note of notes) {
			const shown = note.text.startsWith('=') ? `'${note.text}` : note.text;
			const matching = rows.filter((r) => r[1] === shown);
			expect(matching, note.id).toHaveLength(1);
			const [c, , author, colour, , , x, y] = matching[0];
			expect(c).toBe(note.frame ? cluster[note.frame] : '');
			expect(author).toBe(note.author ?? '');
			expect(colour).toBe(note.color);
			expect([Number(x), Number(y)]).toEqual([note.x, note.y]);
		}
		const byId = (id: string) => rows.find((r) => r[1] === listNotes(doc).find((n) => n.id === id)!.text)!;
		expect(rows.find((r) => r[1].includes('1+1'))![1]).toBe("'=1+1");
		expect(byId(ids.play)[4]).toBe('3');
		expect(byId(ids.play)[5]).toBe('TAG(goal:1.2)');
		expect(byId(ids.special)[4]).toBe('0');
		expect(byId(ids.arabic)[1]).toBe(ARABIC);
		// The outline's order: clusters first, the loose notes last.
		expect(rows.map((r) => r[0])).toEqual(['Meer', 'Meer', 'Meer', 'Minder', 'Minder', 'Ideeën', '', '']);
	});

	it('names colours as the caller says and refuses a header of the wrong size', () => {
		const { doc } = board();
		const rows = parseCsv(boardCsv(doc, { tagLabel, header: HEADER, colorLabel: (c) => `COLOUR-${c}` }).slice(1)).slice(1);
		expect(rows.every((r) => r[3].startsWith('COLOUR-'))).toBe(true);
		expect(() => boardCsv(doc, { tagLabel, header: HEADER.slice(1) })).toThrow();
	});

	it('uses the shared toCsv, which the postcard export re-exports unchanged', () => {
		expect(postcardsToCsv).toBe(sharedToCsv);
		expect(sharedToCsv(['a'], [['=x'], ['b,c']])).toBe("\uFEFFa\r\n'=x\r\n\"b,c\"\r\n");
	});
});
