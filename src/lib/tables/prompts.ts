/**
 * Phase titles, prompts and poll options on the phone, in the participant's own language where we can.
 *
 * A table's phases start as a copy of an agenda template (src/lib/server/tables/templates.ts), whose texts are
 * Dutch. As long as the facilitator left such a text as it was, we know what it says, and the phone shows our
 * translation of it in the language the participant chose. A text the facilitator wrote is shown as written and
 * marked with the table's language, so that screen readers and the browser read it right.
 *
 * Every template text needs an entry below whose Dutch message is that exact text (tests/unit/tables-prompts.test.ts
 * checks this), so a template edit without a translation fails the tests.
 */
import { m } from '$lib/paraglide/messages';
import { getLocale, type Locale } from '$lib/paraglide/runtime';

type Message = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

/** The messages for the templates' titles, prompts and options; the key is their Dutch (base locale) text. */
const MESSAGES: Message[] = [
	m.table_tpl_testimony_title,
	m.table_tpl_testimony_prompt,
	m.table_tpl_problems_title,
	m.table_tpl_problems_prompt,
	m.table_tpl_answers_title,
	m.table_tpl_answers_prompt,
	m.table_tpl_recommendations_title,
	m.table_tpl_recommendations_prompt,
	m.table_tpl_vote_title,
	m.table_tpl_vote_recommendations_prompt,
	m.table_tpl_vote_prompt,
	m.table_tpl_theme1_title,
	m.table_tpl_theme1_prompt,
	m.table_tpl_theme2_title,
	m.table_tpl_theme2_prompt,
	m.table_tpl_meta_title,
	m.table_tpl_meta_prompt,
	m.table_tpl_open_round_title,
	m.table_tpl_open_round_prompt,
	m.table_tpl_round1_title,
	m.table_tpl_round1_prompt,
	m.table_tpl_round2_title,
	m.table_tpl_round2_prompt,
	m.table_tpl_round3_title,
	m.table_tpl_round3_prompt,
	m.table_tpl_harvest_title,
	m.table_tpl_harvest_prompt
];

const BY_DUTCH = new Map<string, Message>(MESSAGES.map((message) => [message({}, { locale: 'nl' }), message]));

/** Whether we have a translation of this exact (template) text. */
export function isTemplateText(text: string): boolean {
	return BY_DUTCH.has(text);
}

export type PhaseText = {
	text: string;
	/** The text's language when it differs from the page's: the table's language for what the facilitator wrote. */
	lang: string | null;
};

/**
 * A phase title, prompt or poll option as the phone shows it: a template text unchanged by the facilitator in
 * `locale` (the participant's UI language); anything else as written, in `tableLocale`.
 */
export function localizedPhaseText(text: string, tableLocale: string, locale: Locale = getLocale()): PhaseText {
	const message = BY_DUTCH.get(text);
	return message ? { text: message({}, { locale }), lang: null } : { text, lang: tableLocale };
}
