/**
 * Words about boards in the page's language: template names, and the titles a template writes onto a
 * new board (in the board's language; they become the board's own text, renamed like any other title).
 */
import { m } from '$lib/paraglide/messages';
import type { BoardTemplate } from '$lib/boards/doc.js';
import type { Locale } from '$lib/i18n';

type Options = { locale: Locale };
const TITLES: Record<string, (o: Options, n: number) => string> = {
	more: (o) => m.board_frame_more({}, o),
	less: (o) => m.board_frame_less({}, o),
	words: (o) => m.board_frame_words({}, o),
	effects: (o) => m.board_frame_effects({}, o),
	problem: (o) => m.board_frame_problem({}, o),
	causes: (o) => m.board_frame_causes({}, o),
	need: (o, n) => m.board_frame_need({ n }, o),
	service: (o, n) => m.board_frame_service({ n }, o),
	persona_name: (o) => m.board_frame_persona_name({}, o),
	persona_background: (o) => m.board_frame_persona_background({}, o),
	persona_strengths: (o) => m.board_frame_persona_strengths({}, o),
	persona_needs: (o) => m.board_frame_persona_needs({}, o),
	persona_barriers: (o) => m.board_frame_persona_barriers({}, o),
	persona_quote: (o) => m.board_frame_persona_quote({}, o)
};

/** A template frame's title in `locale` (`n`: the row of numbered frames). */
export function frameTitle(key: string, locale: string, n = 1): string {
	const f = TITLES[key];
	return f ? f({ locale: locale as Locale }, n) : key;
}

/** A template's name in the page's language. */
export function templateName(template: BoardTemplate | string): string {
	switch (template) {
		case 'more_less':
			return m.board_template_more_less();
		case 'add_words':
			return m.board_template_add_words();
		case 'problem_tree':
			return m.board_template_problem_tree();
		case 'needs_services':
			return m.board_template_needs_services();
		case 'persona_canvas':
			return m.board_template_persona_canvas();
		default:
			return m.board_template_empty();
	}
}

/** A note colour's name, for the colour buttons' accessible names. */
export function colourName(colour: string): string {
	const names: Record<string, () => string> = {
		yellow: m.board_colour_yellow,
		pink: m.board_colour_pink,
		green: m.board_colour_green,
		blue: m.board_colour_blue,
		orange: m.board_colour_orange,
		purple: m.board_colour_purple
	};
	return names[colour]?.() ?? colour;
}
