/** What went wrong on a board, said to the person in their language (edits refused here or by the server, a board that cannot be opened). */
import { m } from '$lib/paraglide/messages';

const TEXTS: Record<string, () => string> = {
	view_only: m.board_problem_view_only,
	empty_text: m.board_problem_empty_text,
	note_too_long: m.board_problem_note_too_long,
	board_full: m.board_problem_board_full,
	no_dots_left: m.board_problem_no_dots_left,
	update_too_large: m.board_problem_update_too_large,
	bad_update: m.board_problem_bad_update,
	bad_content: m.secb_problem_bad_content,
	field_too_long: m.secb_problem_field_too_long,
	board_too_large: m.secb_problem_board_too_large,
	not_your_dots: m.secb_problem_not_your_dots,
	facilitator_only: m.secb_problem_facilitator_only,
	board_not_found: m.board_problem_board_not_found,
	link_unknown: m.board_problem_link_unknown,
	link_expired: m.board_problem_link_expired,
	board_archived: m.board_problem_board_archived,
	forbidden: m.board_problem_forbidden,
	no_notes: m.board_problem_no_notes,
	not_joined: m.board_problem_not_joined
};

export function problemText(code: string | null | undefined): string {
	return (code && TEXTS[code]?.()) || m.board_problem_other();
}
