/**
 * Markdown downloads never carry a live link or HTML that residents or staff typed: the documents
 * (addendum, advice: documents/markdown.ts), a board's outline (boards/export.js) and a table's report
 * (tables/report.ts). Each is rendered with markdown-it as a permissive viewer would (raw HTML on,
 * bare links on, and no filter of javascript: links), and the result has no link, image or HTML of
 * the attacker's; the text itself is still there to read.
 */
import { describe, expect, it } from 'vitest';
import MarkdownIt from 'markdown-it';
import * as Y from 'yjs';
import { toMarkdown } from '../../src/lib/server/documents/markdown';
import { boardMarkdown } from '../../src/lib/boards/export.js';
import { addFrame, addNote } from '../../src/lib/boards/doc.js';
import { mdText } from '../../src/lib/server/tables/report';

/** A viewer that trusts everything: any scheme, raw HTML, bare URLs turned into links. */
const viewer = new MarkdownIt({ html: true, linkify: true });
viewer.validateLink = () => true;

const ATTACKS = [
	'[klik hier](javascript:alert(1))',
	'[klik](JaVaScRiPt:alert(document.cookie))',
	'![beeld](javascript:alert(1))',
	'[x](vbscript:msgbox(1))',
	'[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
	'[x](&#106;avascript:alert(1))',
	'[x](<javascript:alert(1)>)',
	'[x]( javascript:alert(1) "titel")',
	'<javascript:alert(1)>',
	'<data:text/html,<script>alert(1)</script>>',
	'<a href="javascript:alert(1)">lees meer</a>',
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'<iframe src="https://evil.example"></iframe>',
	'[x][ref]\n\n[ref]: javascript:alert(1)',
	'[ref]\n\n[ref]: data:text/html,hoi',
	'[x]: javascript:alert(1)\n[x]',
	'\\[x](javascript:alert(1))',
	'&lt;script&gt;alert(1)&lt;/script&gt;',
	'`[x](javascript:alert(1))`',
	'| a | [x](javascript:alert(1)) |'
];

/** The elements plain text may become: structure only, no attributes but a list's start. */
const STRUCTURE = /^<\/?(?:h[1-6]|p|em|strong|s|del|ul|li|blockquote|table|thead|tbody|tr|th|td|br|hr|code|pre)\s*\/?>$|^<ol(?: start="\d+")?>$|^<\/ol>$/i;

/**
 * A web address typed as text is shown as a link by GFM viewers (linkify): that is the reader's choice and
 * only ever http(s). Any other link, an image, a script, a frame or an attribute is the attacker's.
 */
const WEB_LINK = /^<a href="https?:\/\/[^"]*">$|^<\/a>$/;

/** The rendered HTML holds no element of the attacker's. */
function expectInert(md: string, where: string) {
	const html = viewer.render(md);
	const foreign = (html.match(/<[^>]*>/g) ?? []).filter((tag) => !STRUCTURE.test(tag) && !WEB_LINK.test(tag));
	expect(foreign, `${where}\n${md}`).toEqual([]);
	return html;
}

/** The visible text of rendered HTML (tags dropped, the entities markdown-it writes decoded). */
const visible = (html: string) =>
	html
		.replace(/<[^>]*>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&');

describe('documents (addendum, advice) as Markdown', () => {
	it('every place text goes: title, subtitle, facts, headings, paragraphs, quotes, lists, tables, notes', () => {
		for (const a of ATTACKS) {
			const md = toMarkdown({
				title: a,
				subtitle: a,
				lang: 'nl',
				meta: [{ label: a, value: a }],
				blocks: [
					{ type: 'heading', level: 1, text: a },
					{ type: 'paragraph', text: a },
					{ type: 'paragraph', text: a, emphasis: true },
					{ type: 'list', items: [a, a] },
					{ type: 'list', ordered: true, items: [a] },
					{ type: 'table', header: [a, 'b'], rows: [[a, a]] },
					{ type: 'note', title: a, text: a }
				]
			});
			const html = expectInert(md, a);
			// The text is still there to read, as it was typed (its first line).
			expect(visible(html)).toContain(a.split('\n')[0]);
		}
	});
});

describe("a board's outline as Markdown", () => {
	it('cluster titles, notes, authors and tags', () => {
		for (const a of ATTACKS) {
			const doc = new Y.Doc();
			const frame = addFrame(doc, { id: 'f', title: a, x: 0, y: 0, w: 500, h: 400, color: 'green', tags: ['t'] });
			addNote(doc, { id: 'n1', text: a, author: a, x: 10, y: 10, frame });
			addNote(doc, { id: 'n2', text: a, x: 900, y: 900 });
			const md = boardMarkdown(doc, { title: a, tagLabel: () => a, labels: { dots: (n: number) => `${n}`, loose: 'Los', empty: 'Leeg', tags: 'Tags' } });
			const html = expectInert(md, a);
			// A note is one line per typed line: the first line reads as typed (spaces collapsed).
			expect(visible(html)).toContain(a.split('\n')[0].replace(/\s+/g, ' ').trim());
		}
	});
});

describe("a table's report as Markdown", () => {
	it('contributions, titles and names go through mdText', () => {
		for (const a of ATTACKS) {
			const md = [`# ${mdText(a)}`, '', `- ${mdText(a, '  ')}`, '', `| ${mdText(a)} | x |`, '| --- | --- |', `| ${mdText(a)} | y |`].join('\n');
			expectInert(md, a);
		}
	});
});

describe('the test renderer itself would show such links', () => {
	it('unescaped, the same texts give live javascript: and data: links and raw HTML', () => {
		expect(viewer.render('[x](javascript:alert(1))')).toContain('href="javascript:alert(1)"');
		expect(viewer.render('<javascript:alert(1)>')).toContain('href="javascript:alert(1)"');
		expect(viewer.render('[x][r]\n\n[r]: data:text/html,hoi')).toContain('href="data:text/html,hoi"');
		expect(viewer.render('<img src=x onerror=alert(1)>')).toContain('onerror');
	});
});
