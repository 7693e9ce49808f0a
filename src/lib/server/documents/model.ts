/**
 * The one document model behind every downloadable document (a workshop's local addendum, a council's
 * advice, a yearly report). A feature builds a `Doc` from its data; `toMarkdown` and `toPdf` render it.
 * The model holds plain strings only: no inline markup, so that every renderer escapes in one place.
 */

/** The languages the product speaks; `lang` is a BCP 47 tag, and 'ar' is printed right to left. */
export type DocLang = 'nl' | 'fr' | 'en' | 'ar';

export type Doc = {
	title: string;
	subtitle?: string;
	/** A DocLang in practice; a string so that a locale read from the database fits without a cast. */
	lang: string;
	/** Short facts under the title, e.g. { label: 'Datum', value: '12 maart 2026' }. */
	meta?: { label: string; value: string }[];
	blocks: Block[];
};

export type Block =
	/** Level 1 is a section under the document's title (which is the only heading above it). */
	| { type: 'heading'; level: 1 | 2 | 3; text: string }
	/** `emphasis` marks a quote (a resident's words); `lang` for a paragraph in another language than the document. */
	| { type: 'paragraph'; text: string; emphasis?: boolean; lang?: string }
	| { type: 'list'; ordered?: boolean; items: string[] }
	/** `widths` are fractions of the text width, one per column; columns share the width equally without them. */
	| { type: 'table'; header: string[]; rows: string[][]; widths?: number[] }
	/** A boxed aside, e.g. 'Fictional personas: any likeness is chance'. */
	| { type: 'note'; title?: string; text: string }
	| { type: 'pagebreak' };

/** Right to left: Arabic, also as a regional tag like 'ar-MA'. */
export const isRtl = (lang: string | undefined): boolean => lang?.split('-')[0].toLowerCase() === 'ar';
