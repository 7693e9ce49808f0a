/**
 * A Doc as GitHub-flavoured Markdown: for people who paste the document into their own tools.
 * The model holds plain text, so characters Markdown would read as markup are escaped. That also keeps
 * text from residents and staff inert: without '[', ']' and '<' no link, image, reference definition,
 * autolink or raw HTML can start (so no live `javascript:` link), and '&' cannot spell an entity.
 */
import type { Block, Doc } from './model';

/** Inline markup characters, and what would start a block at the beginning of a line (heading, quote, list). */
function escape(text: string): string {
	return text
		.replace(/[\\`*_~[\]<>&]/g, '\\$&')
		.replace(/^([ \t]*)([#>+=-])/gm, '$1\\$2')
		.replace(/^([ \t]*)(\d+)([.)])(?=\s|$)/gm, '$1$2\\$3');
}

/** Escaped text whose single newlines stay line breaks (a backslash at the end of a line), as in the PDF. */
const text = (value: string): string => escape(value).replace(/\r?\n/g, '\n').replace(/([^\n])\n(?=[^\n])/g, '$1\\\n');

/** A table cell is one line: pipes would end the cell and newlines the row. */
function cell(text: string): string {
	return escape(text).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** Every line of a quote needs its own '>', or the quote ends at the first newline. */
const quote = (text: string): string =>
	text
		.split(/\r?\n/)
		.map((line) => (line ? `> ${line}` : '>'))
		.join('\n');

/** Continuation lines of a list item are indented under its text. */
const indent = (text: string, by: number): string => text.replace(/\r?\n/g, '\n' + ' '.repeat(by));

function block(b: Block): string {
	switch (b.type) {
		case 'heading':
			// The document title is the only level-1 heading, so the model's levels shift one down.
			return `${'#'.repeat(b.level + 1)} ${escape(b.text).replace(/\r?\n/g, ' ')}`;
		case 'paragraph':
			return b.emphasis ? quote(text(b.text)) : text(b.text);
		case 'list':
			return b.items
				.map((item, i) => {
					const marker = b.ordered ? `${i + 1}.` : '-';
					return `${marker} ${indent(text(item), marker.length + 1)}`;
				})
				.join('\n');
		case 'table': {
			const columns = Math.max(b.header.length, ...b.rows.map((r) => r.length));
			const row = (cells: string[]) =>
				`| ${Array.from({ length: columns }, (_, i) => cell(cells[i] ?? '')).join(' | ')} |`;
			return [row(b.header), `|${' --- |'.repeat(columns)}`, ...b.rows.map(row)].join('\n');
		}
		case 'note':
			return quote(b.title ? `**${escape(b.title)}**\n\n${text(b.text)}` : text(b.text));
		case 'pagebreak':
			// A thematic break is the nearest thing Markdown has.
			return '---';
	}
}

export function toMarkdown(doc: Doc): string {
	const parts = [`# ${escape(doc.title)}`];
	if (doc.subtitle) parts.push(`_${escape(doc.subtitle)}_`);
	if (doc.meta?.length) parts.push(doc.meta.map((m) => `- **${escape(m.label)}:** ${escape(m.value)}`).join('\n'));
	for (const b of doc.blocks) parts.push(block(b));
	return parts.join('\n\n') + '\n';
}
