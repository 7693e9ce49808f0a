/**
 * A Doc as an A4 PDF, drawn with pdfkit.
 *
 * Fonts: DejaVu Sans (regular, bold, oblique) is embedded, subset, for every piece of text, so that Dutch,
 * French and Arabic letters print whatever the reader has installed. The regular face is given to the
 * constructor, so pdfkit never loads its built-in Helvetica (an AFM file it reads from next to its own JS).
 * Both pdfkit and dejavu-fonts-ttf are runtime dependencies that the production build leaves in node_modules.
 *
 * Right to left: pdfkit has no bidi algorithm. It lays text out word by word, and fontkit shapes an Arabic
 * word and puts its letters in visual order, but the words of a line stay in reading order, left to right.
 * So text in a right-to-left document ('ar'), or holding Arabic or Hebrew at all, is wrapped here, and each
 * line's words are put in visual order before pdfkit draws it: runs of the other direction keep their order,
 * the line is aligned right. A best effort, not Unicode's bidi algorithm: brackets are not mirrored, and
 * neutral words (numbers, dashes) at the edge of a run may land on the wrong side of it.
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { isRtl, type Block, type Doc } from './model';

const require = createRequire(import.meta.url);

type Fonts = { regular: string; bold: string; oblique: string };

/** Paths, resolved on first use so that importing this module never fails on a missing font package. */
let fonts: Fonts | undefined;
function fontFiles(): Fonts {
	fonts ??= {
		regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
		bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
		oblique: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf')
	};
	return fonts;
}

const CM = 72 / 2.54;
const MARGIN = 2 * CM;
const INK = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#b0b0b0';
const SHADE = '#f0f0f0';

const SIZE = { title: 20, subtitle: 13, body: 10.5, note: 9.5, small: 9, table: 9 };
const HEADING = { 1: 15, 2: 12.5, 3: 11 } as const;
const LINE_GAP = 2;
const CELL_PAD = 4;

type Pdf = PDFKit.PDFDocument;
/** How a piece of text is set: `rtl` is its base direction (and aligns it right); `height` cuts it off (tables). */
type Style = { font: string; size: number; color?: string; rtl: boolean; lineGap?: number; height?: number };

export function toPdf(doc: Doc): Promise<Buffer> {
	const f = fontFiles();
	const pdf: Pdf = new PDFDocument({
		size: 'A4',
		margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
		font: f.regular,
		// Page numbers say 'n / total': the total is known only at the end, so pages stay in memory until then.
		bufferPages: true,
		lang: doc.lang,
		displayTitle: true,
		info: { Title: doc.title, ...(doc.subtitle ? { Subject: doc.subtitle } : {}), Creator: 'Meespraak' }
	});
	const done = collect(pdf);
	const r = new Renderer(pdf, f, isRtl(doc.lang));
	r.cover(doc);
	for (const b of doc.blocks) r.block(b);
	r.pageNumbers();
	pdf.end();
	return done;
}

function collect(pdf: Pdf): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		pdf.on('data', (c: Buffer) => chunks.push(c));
		pdf.on('end', () => resolve(Buffer.concat(chunks)));
		pdf.on('error', reject);
	});
}

class Renderer {
	constructor(
		private pdf: Pdf,
		private f: Fonts,
		private rtl: boolean
	) {}

	private get left() {
		return this.pdf.page.margins.left;
	}
	private get width() {
		return this.pdf.page.width - this.pdf.page.margins.left - this.pdf.page.margins.right;
	}
	private get bottom() {
		return this.pdf.page.maxY();
	}
	/** Height of a page's text area: the most that fits on a fresh page. */
	private get pageHeight() {
		return this.bottom - this.pdf.page.margins.top;
	}

	/** Starts a new page unless `height` more points fit on this one. */
	private room(height: number) {
		if (this.pdf.y + height > this.bottom) this.pdf.addPage();
	}

	private gap(points: number) {
		// No space carried to the top of a fresh page.
		if (this.pdf.y > this.pdf.page.margins.top) this.pdf.y += points;
	}

	private lineHeight(s: Pick<Style, 'font' | 'size' | 'lineGap'>) {
		return this.pdf.font(s.font).fontSize(s.size).currentLineHeight(true) + (s.lineGap ?? 0);
	}

	/** Whether we wrap the text ourselves (see the top of this file) rather than leave it to pdfkit. */
	private ownLayout(text: string, s: Style) {
		return s.rtl || RTL_CHAR.test(text);
	}

	/** DejaVu Sans Oblique has no Arabic or Hebrew letters: such words are set upright. */
	private wordFont(word: string, s: Style) {
		return s.font === this.f.oblique && RTL_CHAR.test(word) ? this.f.regular : s.font;
	}

	private wordWidth(word: string, s: Style) {
		return this.pdf.font(this.wordFont(word, s)).fontSize(s.size).widthOfString(word);
	}

	private lines(text: string, width: number, s: Style): string[][] {
		return wrap(text, width, this.wordWidth(' ', s), (w) => this.wordWidth(w, s));
	}

	/** The height `write` will take. */
	private measure(text: string, width: number, s: Style): number {
		if (this.ownLayout(text, s)) return this.lines(text, width, s).length * this.lineHeight(s);
		this.pdf.font(s.font).fontSize(s.size);
		return this.pdf.heightOfString(text, { width, lineGap: s.lineGap ?? 0 });
	}

	/** Sets text in `width` from (x, pdf.y) down, onto new pages if need be (unless cut off by `height`). */
	private write(text: string, x: number, width: number, s: Style) {
		const { pdf } = this;
		pdf.fillColor(s.color ?? INK);
		if (!this.ownLayout(text, s)) {
			// Left-to-right text only: pdfkit wraps it, and breaks the page when it runs on.
			pdf.font(s.font).fontSize(s.size);
			const cut = s.height !== undefined;
			pdf.text(text, x, pdf.y, { width, lineGap: s.lineGap ?? 0, height: s.height, ellipsis: cut });
			pdf.x = this.left;
			return;
		}
		const lh = this.lineHeight(s);
		const lines = this.lines(text, width, s);
		const top = pdf.y;
		const space = this.wordWidth(' ', s);
		for (const words of lines) {
			if (s.height !== undefined && pdf.y + lh > top + s.height + 0.01) break;
			if (s.height === undefined) this.room(lh);
			const y = pdf.y;
			// Each word placed on its own: given 'word ', fontkit reverses an Arabic word together with its
			// trailing space, which would glue two words together. They are drawn in reading order, at their
			// places in visual order, so that copying or searching the text finds it as it is read.
			const widths = words.map((w) => this.wordWidth(w, s));
			const used = widths.reduce((a, b) => a + b, 0) + space * Math.max(0, words.length - 1);
			let at = s.rtl ? x + width - used : x;
			const xs: number[] = [];
			for (const i of visualOrder(words, s.rtl)) {
				xs[i] = at;
				at += widths[i] + space;
			}
			words.forEach((word, i) => pdf.font(this.wordFont(word, s)).text(word, xs[i], y, { lineBreak: false }));
			pdf.y = y + lh;
		}
		pdf.x = this.left;
	}

	cover(doc: Doc) {
		const { pdf, f, rtl } = this;
		this.write(doc.title, this.left, this.width, { font: f.bold, size: SIZE.title, rtl });
		if (doc.subtitle) {
			pdf.y += 4;
			this.write(doc.subtitle, this.left, this.width, { font: f.oblique, size: SIZE.subtitle, color: MUTED, rtl });
		}
		if (doc.meta?.length) {
			pdf.y += 10;
			const meta: Style = { font: f.regular, size: SIZE.small, color: MUTED, rtl };
			for (const m of doc.meta) {
				if (this.ownLayout(m.label + m.value, meta)) {
					// Label and value as two runs ('continued') would be laid out left to right.
					this.write(`${m.label}: ${m.value}`, this.left, this.width, meta);
				} else {
					pdf.fontSize(SIZE.small).fillColor(MUTED);
					pdf.font(f.bold).text(`${m.label}: `, this.left, pdf.y, { width: this.width, continued: true });
					pdf.font(f.regular).text(m.value);
				}
			}
		}
		// A rule closes the title block.
		pdf.y += 8;
		pdf.moveTo(this.left, pdf.y).lineTo(this.left + this.width, pdf.y).lineWidth(0.75).strokeColor(RULE).stroke();
		pdf.y += 14;
		pdf.x = this.left;
		pdf.fillColor(INK);
	}

	/** A page break waits for the next block, so that one at the end does not leave a blank page. */
	private breakPending = false;

	block(b: Block) {
		if (b.type === 'pagebreak') {
			this.breakPending = true;
			return;
		}
		// Not when already at the top of a page, which would leave a blank one.
		if (this.breakPending && this.pdf.y > this.pdf.page.margins.top) this.pdf.addPage();
		this.breakPending = false;
		switch (b.type) {
			case 'heading':
				return this.heading(b.level, b.text);
			case 'paragraph':
				return this.paragraph(b.text, b.emphasis ?? false, b.lang === undefined ? this.rtl : isRtl(b.lang));
			case 'list':
				return this.list(b.items, b.ordered ?? false);
			case 'table':
				return this.table(b.header, b.rows, b.widths);
			case 'note':
				return this.note(b.title, b.text);
		}
	}

	private heading(level: 1 | 2 | 3, text: string) {
		this.gap(level === 1 ? 12 : 8);
		const s: Style = { font: this.f.bold, size: HEADING[level], rtl: this.rtl };
		// Keep a heading with the first lines below it rather than alone at the foot of a page.
		const body = { font: this.f.regular, size: SIZE.body, lineGap: LINE_GAP };
		this.room(this.measure(text, this.width, s) + 3 * this.lineHeight(body));
		this.write(text, this.left, this.width, s);
		this.pdf.y += 4;
	}

	private paragraph(text: string, emphasis: boolean, rtl: boolean) {
		const { pdf } = this;
		const s: Style = emphasis
			? { font: this.f.oblique, size: SIZE.body, color: MUTED, rtl, lineGap: LINE_GAP }
			: { font: this.f.regular, size: SIZE.body, rtl, lineGap: LINE_GAP };
		this.room(this.lineHeight(s));
		if (!emphasis) {
			this.write(text, this.left, this.width, s);
		} else {
			// A quote: indented, with a bar on the side its lines start from.
			const indent = 14;
			const top = pdf.y;
			const page = pdf.page;
			this.write(text, rtl ? this.left : this.left + indent, this.width - indent, s);
			// Only when the quote stayed on one page: the bar cannot follow it onto the next.
			if (pdf.page === page) {
				const barX = rtl ? this.left + this.width - 2 : this.left + 2;
				pdf.moveTo(barX, top).lineTo(barX, pdf.y - LINE_GAP).lineWidth(2).strokeColor(RULE).stroke();
			}
		}
		pdf.y += 6;
	}

	private list(items: string[], ordered: boolean) {
		const { pdf, rtl } = this;
		const indent = ordered ? 22 : 14;
		const s: Style = { font: this.f.regular, size: SIZE.body, rtl, lineGap: LINE_GAP };
		items.forEach((item, i) => {
			// The marker and the first line of its item on the same page.
			this.room(this.lineHeight(s));
			const top = pdf.y;
			const marker = ordered ? (rtl ? `.${i + 1}` : `${i + 1}.`) : '•';
			pdf.font(s.font).fontSize(s.size).fillColor(INK);
			if (rtl) {
				const x = this.left + this.width - indent;
				pdf.text(marker, x, top, { width: indent, align: 'right', lineBreak: false });
			} else {
				pdf.text(marker, this.left, top, { width: indent, lineBreak: false });
			}
			pdf.y = top;
			this.write(item, rtl ? this.left : this.left + indent, this.width - indent - (rtl ? 4 : 0), s);
			pdf.y += 2;
		});
		pdf.y += 4;
	}

	/**
	 * Rows are measured before they are drawn: a row that does not fit goes to the next page whole, under a
	 * repeated header. A single row taller than a page is cut off at the page's foot.
	 */
	private table(header: string[], rows: string[][], widths?: number[]) {
		const { pdf, f, rtl } = this;
		const columns = Math.max(header.length, ...rows.map((r) => r.length));
		if (columns === 0) return;
		const colWidths = columnFractions(columns, widths).map((w) => w * this.width);
		// Left to right, or mirrored so that the first column is on the right.
		const xs: number[] = [];
		let at = rtl ? this.left + this.width : this.left;
		for (const w of colWidths) {
			if (rtl) at -= w;
			xs.push(at);
			if (!rtl) at += w;
		}
		const inner = (c: number) => colWidths[c] - 2 * CELL_PAD;
		const style = (font: string): Style => ({ font, size: SIZE.table, rtl, lineGap: 1 });
		let headerHeight = 0;
		// Capped so that a row always fits on a page under the header.
		const measure = (cells: string[], font: string) => {
			let h = this.lineHeight(style(font));
			for (let c = 0; c < columns; c++) {
				if (cells[c]) h = Math.max(h, this.measure(cells[c], inner(c), style(font)));
			}
			return Math.min(h + 2 * CELL_PAD, this.pageHeight - headerHeight);
		};
		const draw = (cells: string[], font: string, height: number, shaded: boolean) => {
			const top = pdf.y;
			if (shaded) pdf.rect(this.left, top, this.width, height).fillColor(SHADE).fill();
			for (let c = 0; c < columns; c++) {
				if (!cells[c]) continue;
				pdf.y = top + CELL_PAD;
				this.write(cells[c], xs[c] + CELL_PAD, inner(c), { ...style(font), height: height - 2 * CELL_PAD });
			}
			pdf.lineWidth(0.5).strokeColor(RULE);
			for (let c = 0; c < columns; c++) pdf.rect(xs[c], top, colWidths[c], height).stroke();
			pdf.y = top + height;
		};

		headerHeight = header.length ? measure(header, f.bold) : 0;
		const drawHeader = () => {
			if (header.length) draw(header, f.bold, headerHeight, true);
		};

		this.gap(4);
		this.room(headerHeight + (rows.length ? measure(rows[0], f.regular) : 0));
		drawHeader();
		for (const row of rows) {
			const height = measure(row, f.regular);
			if (pdf.y + height > this.bottom) {
				pdf.addPage();
				drawHeader();
			}
			draw(row, f.regular, height, false);
		}
		pdf.y += 10;
	}

	private note(title: string | undefined, text: string) {
		const { pdf, f, rtl } = this;
		const pad = 8;
		const width = this.width - 2 * pad;
		const head: Style = { font: f.bold, size: SIZE.body, rtl, lineGap: LINE_GAP };
		const body: Style = { font: f.regular, size: SIZE.note, rtl, lineGap: LINE_GAP };
		const titleHeight = title ? this.measure(title, width, head) + 2 : 0;
		const height = titleHeight + this.measure(text, width, body) + 2 * pad;
		this.gap(4);
		if (height > this.pageHeight) {
			// Longer than a page: no box, but a heading and a quote that may run on.
			if (title) this.heading(3, title);
			return this.paragraph(text, true, rtl);
		}
		this.room(height);
		const top = pdf.y;
		pdf.rect(this.left, top, this.width, height).lineWidth(0.75).fillAndStroke(SHADE, RULE);
		pdf.y = top + pad;
		if (title) {
			this.write(title, this.left + pad, width, head);
			pdf.y = top + pad + titleHeight;
		}
		this.write(text, this.left + pad, width, body);
		pdf.y = top + height + 10;
	}

	/** 'n / total' in the foot margin of every page. */
	pageNumbers() {
		const { pdf } = this;
		const { start, count } = pdf.bufferedPageRange();
		for (let i = start; i < start + count; i++) {
			pdf.switchToPage(i);
			// Text below maxY would otherwise make pdfkit start yet another page.
			const bottom = pdf.page.margins.bottom;
			pdf.page.margins.bottom = 0;
			pdf.font(this.f.regular).fontSize(SIZE.small).fillColor(MUTED);
			pdf.text(`${i + 1} / ${count}`, this.left, pdf.page.height - MARGIN / 2 - SIZE.small / 2, {
				width: this.width,
				align: 'center',
				lineBreak: false
			});
			pdf.page.margins.bottom = bottom;
		}
	}
}

/** Letters of the right-to-left scripts. */
const RTL_CHAR = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const RTL_WORD = new RegExp(`^[^\\p{L}]*${RTL_CHAR.source}`, 'u');
const LTR_WORD = /^[^\p{L}]*\p{L}/u;

/** Greedy word wrap: each source line becomes one or more lines of words that fit `width`. */
function wrap(text: string, width: number, space: number, measure: (word: string) => number): string[][] {
	const lines: string[][] = [];
	for (const source of text.split(/\r?\n/)) {
		let line: string[] = [];
		let used = 0;
		for (const word of source.split(/\s+/).filter(Boolean).flatMap((w) => split(w, width, measure))) {
			const w = measure(word);
			if (line.length && used + space + w > width) {
				lines.push(line);
				line = [];
				used = 0;
			}
			used += (line.length ? space : 0) + w;
			line.push(word);
		}
		lines.push(line);
	}
	return lines;
}

/** A word wider than the line is cut into pieces that fit, as pdfkit does: better than running off the page. */
function split(word: string, width: number, measure: (word: string) => number): string[] {
	if (measure(word) <= width) return [word];
	const pieces: string[] = [];
	let piece = '';
	for (const char of word) {
		if (piece && measure(piece + char) > width) {
			pieces.push(piece);
			piece = '';
		}
		piece += char;
	}
	return [...pieces, piece];
}

/**
 * Where a line's words go, left to right, as indexes into `words` (in reading order). In a right-to-left line
 * the words are reversed, except that a run of left-to-right words keeps its order; in a left-to-right line,
 * runs of right-to-left words are reversed. A word without letters (a number) inside a run joins it.
 */
export function visualOrder(words: string[], rtl: boolean): number[] {
	const other = (w: string) => (rtl ? LTR_WORD.test(w) && !RTL_WORD.test(w) : RTL_WORD.test(w));
	const neutral = (w: string) => !LTR_WORD.test(w);
	const runs: number[][] = [];
	for (let i = 0; i < words.length; ) {
		if (!other(words[i])) {
			runs.push([i++]);
			continue;
		}
		let end = i + 1;
		for (let j = end; j < words.length && (other(words[j]) || neutral(words[j])); j++) if (other(words[j])) end = j + 1;
		runs.push(Array.from({ length: end - i }, (_, k) => i + k));
		i = end;
	}
	if (rtl) return runs.reverse().flat();
	return runs.flatMap((run) => (other(words[run[0]]) ? [...run].reverse() : run));
}

/** Given fractions, scaled to fill the width (missing or invalid ones get an average share); else equal columns. */
function columnFractions(columns: number, widths?: number[]): number[] {
	const given = Array.from({ length: columns }, (_, i) => {
		const w = widths?.[i];
		return w !== undefined && Number.isFinite(w) && w > 0 ? w : undefined;
	});
	const known = given.filter((w): w is number => w !== undefined);
	const share = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1;
	const raw = given.map((w) => w ?? share);
	const sum = raw.reduce((a, b) => a + b, 0);
	return raw.map((w) => w / sum);
}
