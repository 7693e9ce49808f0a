// @ts-check
/**
 * Exports of a board: an image (SVG, and PNG drawn from it in the browser) and its outline as Markdown
 * and CSV. Plain JavaScript (checked by TypeScript) like doc.js; `boardSvg`, `boardMarkdown` and
 * `boardCsv` run in the browser and in Node (vitest), `svgToPng` and `download` in the browser only.
 *
 * No words are written here: the caller passes every user-facing word in the user's language.
 * The SVG uses only <svg>, <g>, <rect>, <text>, <tspan> and <title> (no foreignObject), so the browser
 * can draw it onto a canvas without tainting it, and every text in it is XML-escaped.
 */
import { toCsv } from '$lib/csv';
import { COLOR_HEX, FRAME_HEX, dotTally, listFrames, listNotes, outline } from './doc.js';

/** @typedef {import('yjs').Doc} YDoc */
/** @typedef {import('./doc.js').Note} Note */
/** @typedef {import('./doc.js').Frame} Frame */

/**
 * Words the image needs, in the user's language.
 * @typedef {{
 *   dots: (n: number) => string;
 *   anonymous?: string;
 *   by?: (name: string) => string;
 * }} SvgLabels
 * `dots(n)`: the tooltip of a note's dot badge, e.g. "3 dots". `anonymous`: written under notes without an
 * author; left out (or empty), such notes show no author line. `by(name)`: how an author is written
 * ("by Fatima"); left out, just the name.
 */

/**
 * Words the Markdown outline needs, in the user's language.
 * @typedef {{
 *   dots: (n: number) => string;
 *   loose: string;
 *   empty: string;
 *   tags?: string;
 *   anonymous?: string;
 *   by?: (name: string) => string;
 * }} MarkdownLabels
 * `dots(n)`: "3 dots" (written as " (3 dots)" after a note with dots). `loose`: the heading of the notes
 * outside any cluster. `empty`: the one line under the title of a board without notes. `tags`: a prefix
 * for a cluster's tag line ("Tags" gives "Tags: a, b"); without it the line is just the names, in italics.
 * `anonymous`: written as the author of notes without one; left out, they get no author. `by(name)`: how
 * an author is written after the text (" — by Fatima"); left out, just the name (" — Fatima").
 */

export const FONT_FAMILY = "system-ui, 'Noto Sans', 'Noto Sans Arabic', sans-serif";
/** The width of a character, as a share of the font size: a rough average for proportional fonts. */
const CHAR_WIDTH = 0.55;
const MARGIN = 40;
const TITLE_SIZE = 28;
const FRAME_TITLE_SIZE = 20;
const NOTE_SIZE = 15;
const NOTE_LINE = 1.3;
const NOTE_PAD = 12;
const AUTHOR_SIZE = 12;
const BADGE_SIZE = 12;
/** Longest text read for one note in the image: more could never fit on it anyway. */
const MAX_NOTE_CHARS = 4000;

// ---------------------------------------------------------------- text helpers

/** Characters not allowed in XML 1.0 (control characters, lone surrogates, U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text (or an attribute value) safe inside XML. @param {string} s */
export function xmlEscape(s) {
	return s
		.replace(NOT_XML, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

/** Right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their presentation forms. */
const RTL_CHAR = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/;
const LETTER = /[\p{L}]/u;

/** Whether a text reads right to left: its first letter is from a right-to-left script. @param {string} s */
export function isRtl(s) {
	for (const ch of s) if (LETTER.test(ch) || RTL_CHAR.test(ch)) return RTL_CHAR.test(ch);
	return false;
}

/** Length in code points (so an emoji counts once and is never cut in half). @param {string} s */
const len = (s) => Array.from(s).length;

/** How many characters of `size` fit in `width`, by the rough estimate. @param {number} width @param {number} size */
const fits = (width, size) => Math.max(1, Math.floor(width / (size * CHAR_WIDTH)));

/** `s` cut to `max` characters, ending with an ellipsis. @param {string} s @param {number} max */
function ellipsis(s, max) {
	const cps = Array.from(s.trimEnd());
	if (cps.length + 1 <= max) return cps.join('') + '…';
	return cps.slice(0, Math.max(0, max - 1)).join('').trimEnd() + '…';
}

/** One line: whitespace collapsed, cut with an ellipsis beyond `max` characters. @param {string} s @param {number} max */
function oneLine(s, max) {
	const t = s.replace(/\s+/g, ' ').trim();
	return len(t) > max ? ellipsis(t, max) : t;
}

/**
 * Text wrapped at word boundaries into lines of at most `maxChars` characters (longer words are broken),
 * at most `maxLines` of them: the last one ends with an ellipsis when the text does not fit.
 * @param {string} text @param {number} maxChars @param {number} maxLines
 * @returns {string[]}
 */
export function wrapText(text, maxChars, maxLines) {
	const limit = Math.max(1, maxChars) * Math.max(1, maxLines) * 2;
	let overflow = len(text) > limit;
	const source = overflow ? Array.from(text).slice(0, limit).join('') : text;
	/** @type {string[]} */
	const lines = [];
	for (const paragraph of source.split(/\r\n|\r|\n/)) {
		const words = paragraph.split(/\s+/).filter(Boolean);
		if (!words.length) {
			if (lines.length && lines[lines.length - 1] !== '') lines.push('');
			continue;
		}
		let line = '';
		for (let word of words) {
			while (len(word) > maxChars) {
				const cps = Array.from(word);
				const room = line ? maxChars - len(line) - 1 : maxChars;
				if (room < 4 && line) {
					lines.push(line);
					line = '';
					continue;
				}
				lines.push((line ? line + ' ' : '') + cps.slice(0, room).join(''));
				line = '';
				word = cps.slice(room).join('');
			}
			if (!line) line = word;
			else if (len(line) + 1 + len(word) <= maxChars) line += ' ' + word;
			else {
				lines.push(line);
				line = word;
			}
		}
		if (line) lines.push(line);
	}
	while (lines.length && lines[lines.length - 1] === '') lines.pop();
	const max = Math.max(1, maxLines);
	if (lines.length > max) {
		lines.length = max;
		overflow = true;
	}
	if (overflow && lines.length) {
		// A blank last line says nothing: end on the last line with words.
		while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
		lines[lines.length - 1] = ellipsis(lines[lines.length - 1], maxChars);
	}
	return lines;
}

/** A number for an attribute: at most one decimal. @param {number} n */
const n1 = (n) => String(Math.round(n * 10) / 10);

/**
 * A <text> element: one line at (x, y), or several as <tspan>s `lineHeight` apart. Right-to-left text is
 * anchored at `xEnd` (the right edge of its box) with direction="rtl".
 * @param {string[]} lines @param {{ x: number; xEnd: number; y: number; size: number; lineHeight?: number; rtl: boolean; attrs?: string }} o
 */
function textElement(lines, o) {
	const x = o.rtl ? o.xEnd : o.x;
	const dir = o.rtl ? ' direction="rtl" text-anchor="start"' : '';
	const attrs = `x="${n1(x)}" y="${n1(o.y)}" font-size="${o.size}"${dir}${o.attrs ? ' ' + o.attrs : ''}`;
	if (lines.length === 1) return `<text ${attrs}>${xmlEscape(lines[0])}</text>`;
	const step = o.lineHeight ?? o.size * NOTE_LINE;
	const spans = lines.map((l, i) => `<tspan x="${n1(x)}" y="${n1(o.y + i * step)}">${xmlEscape(l)}</tspan>`).join('');
	return `<text ${attrs}>${spans}</text>`;
}

// ---------------------------------------------------------------- the image

/**
 * The whole board as a standalone SVG document: white background, the board's title at the top, every
 * frame (its colour, a border, its title in bold) and every note (its colour, a slight shadow, its text
 * wrapped to fit, the author at the bottom, a badge with its dots). The viewBox fits the content with a
 * margin; width and height are the same in pixels (1 board unit = 1 px).
 * @param {YDoc} doc
 * @param {{ title: string; labels: SvgLabels }} options
 * @returns {string}
 */
export function boardSvg(doc, { title, labels }) {
	const frames = listFrames(doc);
	const notes = listNotes(doc);
	const dots = dotTally(doc).perNote;

	// The content's bounds (a loop, not Math.min(...): a board may hold more notes than a call has arguments).
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (const b of [...frames, ...notes]) {
		// Dot badges sit on a note's top right corner and stick out a little.
		const badge = 'text' in b && (dots.get(b.id) ?? 0) > 0 ? BADGE_SIZE : 0;
		minX = Math.min(minX, b.x);
		minY = Math.min(minY, b.y - badge);
		maxX = Math.max(maxX, b.x + b.w + badge * 2);
		maxY = Math.max(maxY, b.y + b.h);
	}
	if (minX === Infinity) [minX, minY, maxX, maxY] = [0, 0, 400, 200];
	const heading = oneLine(title, 200);
	const headingHeight = heading ? TITLE_SIZE * 2 : 0;
	// Wide enough for the title too (up to a limit: a very long title is cut).
	const titleWidth = Math.min(len(heading) * TITLE_SIZE * CHAR_WIDTH, 2400);
	if (maxX - minX < titleWidth) maxX = minX + titleWidth;

	const vx = minX - MARGIN;
	const vy = minY - MARGIN - headingHeight;
	const vw = maxX - minX + 2 * MARGIN;
	const vh = maxY - minY + 2 * MARGIN + headingHeight;

	/** @type {string[]} */
	const out = [];
	out.push('<?xml version="1.0" encoding="UTF-8"?>');
	out.push(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${n1(vx)} ${n1(vy)} ${n1(vw)} ${n1(vh)}" width="${Math.ceil(vw)}" height="${Math.ceil(vh)}"` +
			` font-family="${xmlEscape(FONT_FAMILY)}" fill="#111827">`
	);
	if (heading) out.push(`<title>${xmlEscape(heading)}</title>`);
	out.push(`<rect x="${n1(vx)}" y="${n1(vy)}" width="${n1(vw)}" height="${n1(vh)}" fill="#ffffff"/>`);
	if (heading) {
		const shown = oneLine(heading, fits(maxX - minX, TITLE_SIZE));
		out.push(textElement([shown], { x: minX, xEnd: maxX, y: minY - MARGIN / 2 - TITLE_SIZE * 0.6, size: TITLE_SIZE, rtl: isRtl(shown), attrs: 'font-weight="bold"' }));
	}

	// Frames: the larger ones first, so a frame inside another stays visible.
	for (const f of [...frames].sort((a, b) => b.w * b.h - a.w * a.h)) {
		const fill = FRAME_HEX[/** @type {keyof typeof FRAME_HEX} */ (f.color)] ?? FRAME_HEX.grey;
		out.push('<g>');
		if (f.title) out.push(`<title>${xmlEscape(f.title)}</title>`);
		out.push(`<rect x="${n1(f.x)}" y="${n1(f.y)}" width="${n1(f.w)}" height="${n1(f.h)}" rx="12" fill="${fill}" stroke="#9ca3af" stroke-width="2"/>`);
		const frameTitle = oneLine(f.title, fits(f.w - 32, FRAME_TITLE_SIZE));
		if (frameTitle) {
			out.push(
				textElement([frameTitle], { x: f.x + 16, xEnd: f.x + f.w - 16, y: f.y + 16 + FRAME_TITLE_SIZE, size: FRAME_TITLE_SIZE, rtl: isRtl(frameTitle), attrs: 'font-weight="bold"' })
			);
		}
		out.push('</g>');
	}

	// Notes, oldest first (the newest on top, as on the board).
	for (const note of notes) {
		const count = dots.get(note.id) ?? 0;
		const author = note.author ? (labels.by ? labels.by(note.author) : note.author) : labels.anonymous || null;
		const inner = note.w - 2 * NOTE_PAD;
		const authorHeight = author ? AUTHOR_SIZE + 6 : 0;
		const lineHeight = NOTE_SIZE * NOTE_LINE;
		const maxLines = Math.max(1, Math.floor((note.h - 2 * NOTE_PAD - authorHeight) / lineHeight));
		const text = note.text.length > MAX_NOTE_CHARS ? note.text.slice(0, MAX_NOTE_CHARS) : note.text;
		const lines = wrapText(text, fits(inner, NOTE_SIZE), maxLines);
		const rtl = isRtl(note.text);

		out.push('<g>');
		const tooltip = [note.text.trim(), author ? `— ${author}` : '', count > 0 ? labels.dots(count) : ''].filter(Boolean).join('\n');
		if (tooltip) out.push(`<title>${xmlEscape(tooltip)}</title>`);
		out.push(`<rect x="${n1(note.x + 2)}" y="${n1(note.y + 3)}" width="${n1(note.w)}" height="${n1(note.h)}" rx="6" fill="#000000" fill-opacity="0.12"/>`);
		out.push(`<rect x="${n1(note.x)}" y="${n1(note.y)}" width="${n1(note.w)}" height="${n1(note.h)}" rx="6" fill="${COLOR_HEX[note.color] ?? COLOR_HEX.yellow}" stroke="#000000" stroke-opacity="0.15"/>`);
		if (lines.length) {
			out.push(textElement(lines, { x: note.x + NOTE_PAD, xEnd: note.x + note.w - NOTE_PAD, y: note.y + NOTE_PAD + NOTE_SIZE, size: NOTE_SIZE, lineHeight, rtl }));
		}
		if (author) {
			const shown = oneLine(author, fits(inner, AUTHOR_SIZE));
			out.push(
				textElement([shown], { x: note.x + NOTE_PAD, xEnd: note.x + note.w - NOTE_PAD, y: note.y + note.h - NOTE_PAD + 2, size: AUTHOR_SIZE, rtl: isRtl(shown), attrs: 'fill="#374151"' })
			);
		}
		if (count > 0) {
			const digits = String(count);
			const bh = BADGE_SIZE * 2;
			const bw = Math.max(bh, digits.length * BADGE_SIZE * 0.65 + BADGE_SIZE);
			const bx = note.x + note.w - bw / 2 - 4;
			const by = note.y - bh / 2 + 2;
			out.push('<g>');
			out.push(`<title>${xmlEscape(labels.dots(count))}</title>`);
			out.push(`<rect x="${n1(bx)}" y="${n1(by)}" width="${n1(bw)}" height="${bh}" rx="${BADGE_SIZE}" fill="#1f2937"/>`);
			out.push(`<text x="${n1(bx + bw / 2)}" y="${n1(by + bh / 2 + BADGE_SIZE * 0.36)}" font-size="${BADGE_SIZE}" font-weight="bold" text-anchor="middle" fill="#ffffff">${digits}</text>`);
			out.push('</g>');
		}
		out.push('</g>');
	}
	out.push('</svg>');
	return out.join('\n') + '\n';
}

// ---------------------------------------------------------------- the outline as Markdown

/**
 * Inline text safe in Markdown, one line: no raw HTML or autolink ('<'), no link, image or reference
 * definition ('[', ']': so never a live `javascript:` link), no entity ('&'), no code span.
 * @param {string} s
 */
const mdInline = (s) => s.replace(/\s+/g, ' ').trim().replace(/[\\<>`[\]&]/g, (c) => `\\${c}`);

/**
 * One line of a note, with what Markdown would read as structure at its start escaped: headings,
 * quotes, list markers, numbered lists, thematic breaks, setext underlines, code fences, tables.
 * @param {string} s
 */
function mdLine(s) {
	let t = mdInline(s);
	t = t.replace(/^([#>+\-*_=|~:])/, '\\$1');
	t = t.replace(/^(\d+)([.)])/, '$1\\$2');
	return t;
}

/** A heading's text: inline-safe, without a closing sequence of #s being eaten. @param {string} s */
const mdHeading = (s) => mdInline(s).replace(/^#/, '\\#').replace(/(\s)(#+)$/, (_, sp, h) => `${sp}${h.replace(/#/g, '\\#')}`);

/**
 * The outline as Markdown: `# title`, then each cluster as `## title` (with its tags as a line) and its
 * notes as a list (`- text — author (n dots)`), then the notes outside any cluster under `labels.loose`.
 * A board without notes gives the title and `labels.empty`.
 * @param {YDoc} doc
 * @param {{ title: string; tagLabel: (tag: string) => string; labels: MarkdownLabels }} options
 * @returns {string}
 */
export function boardMarkdown(doc, { title, tagLabel, labels }) {
	const { clusters, loose } = outline(doc);
	const dots = dotTally(doc).perNote;
	/** @type {string[]} */
	const out = [`# ${mdHeading(title)}`, ''];
	if (!clusters.some((c) => c.notes.length) && !loose.length) {
		out.push(mdLine(labels.empty), '');
		return out.join('\n');
	}
	/** @param {Note} note */
	const item = (note) => {
		const lines = note.text
			.split(/\r\n|\r|\n/)
			.map((l) => l.trim())
			.filter(Boolean)
			.map(mdLine);
		if (!lines.length) lines.push('');
		const author = note.author ? (labels.by ? labels.by(note.author) : note.author) : labels.anonymous || null;
		const count = dots.get(note.id) ?? 0;
		const tail = (author ? ` — ${mdInline(author)}` : '') + (count > 0 ? ` (${mdInline(labels.dots(count))})` : '');
		// Lines after the first: indented under the item, with a hard line break (two spaces) before each.
		return `- ${lines.join('  \n  ')}${tail}`.replace(/^- $/, '-');
	};
	for (const c of clusters) {
		out.push(`## ${mdHeading(c.title)}`, '');
		const tags = c.tags.map((t) => mdInline(tagLabel(t))).filter(Boolean);
		if (tags.length) out.push(labels.tags ? `${mdLine(labels.tags)}: ${tags.join(', ')}` : `_${tags.join(', ')}_`, '');
		if (c.notes.length) out.push(...c.notes.map(item), '');
	}
	if (loose.length) out.push(`## ${mdHeading(labels.loose)}`, '', ...loose.map(item), '');
	return out.join('\n');
}

// ---------------------------------------------------------------- the outline as CSV

/**
 * The outline as CSV (for spreadsheets): one row per note, in the outline's order, with the columns
 * cluster, text, author, colour, dots, tags (names joined with '; '), x, y. `header` names those 8
 * columns in the user's language; `colorLabel` names a colour (default: its id, e.g. 'yellow').
 * @param {YDoc} doc
 * @param {{ tagLabel: (tag: string) => string; header: string[]; colorLabel?: (color: string) => string }} options
 * @returns {string}
 */
export function boardCsv(doc, { tagLabel, header, colorLabel }) {
	if (header.length !== 8) throw new RangeError('boardCsv: header needs 8 names (cluster, text, author, colour, dots, tags, x, y)');
	const { clusters, loose } = outline(doc);
	const dots = dotTally(doc).perNote;
	/** @param {string} cluster @param {Note} n @returns {(string | number)[]} */
	const row = (cluster, n) => [
		cluster,
		n.text,
		n.author ?? '',
		colorLabel ? colorLabel(n.color) : n.color,
		dots.get(n.id) ?? 0,
		n.tags.map(tagLabel).join('; '),
		n.x,
		n.y
	];
	return toCsv(header, [...clusters.flatMap((c) => c.notes.map((n) => row(c.title, n))), ...loose.map((n) => row('', n))]);
}

// ---------------------------------------------------------------- browser only

/**
 * Draws an SVG (from `boardSvg`) onto a canvas and resolves with a PNG. Browser only. `scale` (default
 * 2, for sharp text) is lowered so that the longest side stays within `maxSide` pixels and the whole
 * image within `maxPixels` (what tablets' browsers still draw).
 * @param {string} svg
 * @param {{ scale?: number; maxSide?: number; maxPixels?: number }} [options]
 * @returns {Promise<Blob>}
 */
export async function svgToPng(svg, { scale = 2, maxSide = 8000, maxPixels = 16_777_216 } = {}) {
	if (typeof document === 'undefined' || typeof Image === 'undefined') throw new Error('svgToPng runs in a browser only');
	const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
	try {
		const img = new Image();
		await new Promise((resolve, reject) => {
			img.onload = resolve;
			img.onerror = () => reject(new Error('svgToPng: the SVG could not be read as an image'));
			img.src = url;
		});
		let width = img.naturalWidth;
		let height = img.naturalHeight;
		if (!width || !height) {
			const box = /viewBox="[^"]*?([\d.]+)\s+([\d.]+)"/.exec(svg);
			width = box ? Number(box[1]) : 800;
			height = box ? Number(box[2]) : 600;
		}
		const s = Math.max(0.01, Math.min(scale, maxSide / Math.max(width, height), Math.sqrt(maxPixels / (width * height))));
		const canvas = document.createElement('canvas');
		canvas.width = Math.max(1, Math.floor(width * s));
		canvas.height = Math.max(1, Math.floor(height * s));
		const ctx = canvas.getContext('2d');
		if (!ctx) throw new Error('svgToPng: no 2D canvas');
		ctx.fillStyle = '#ffffff';
		ctx.fillRect(0, 0, canvas.width, canvas.height);
		ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
		return await new Promise((resolve, reject) => {
			canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('svgToPng: the canvas gave no PNG'))), 'image/png');
		});
	} finally {
		URL.revokeObjectURL(url);
	}
}

/**
 * Offers `data` as a file download (browser only): a string becomes a Blob of `type` (give a charset for
 * text, e.g. 'text/csv;charset=utf-8').
 * @param {string} filename @param {Blob | string} data @param {string} [type]
 */
export function download(filename, data, type) {
	// Text is written as UTF-8: say so, so that an editor opening the file reads accents and Arabic right.
	const mime = type && /^(text\/|image\/svg\+xml)/.test(type) && !/charset=/i.test(type) ? `${type};charset=utf-8` : type;
	const blob = typeof data === 'string' ? new Blob([data], { type: mime ?? 'text/plain;charset=utf-8' }) : mime && data.type !== mime ? new Blob([data], { type: mime }) : data;
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	a.rel = 'noopener';
	a.style.display = 'none';
	document.body.append(a);
	a.click();
	a.remove();
	// Revoked a little later: some browsers start reading the URL only after click() returns.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
