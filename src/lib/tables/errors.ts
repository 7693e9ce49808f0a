/** A plain-language sentence for every error a table event can answer. */
import { m } from '$lib/paraglide/messages';

export function tableErrorText(error: string | undefined | null): string {
	switch (error) {
		case 'bad_code':
			return m.table_error_bad_code();
		case 'table_not_found':
			return m.table_error_table_not_found();
		case 'table_locked':
			return m.table_error_table_locked();
		case 'table_ended':
			return m.table_error_table_ended();
		case 'table_not_live':
			return m.table_error_table_not_live();
		case 'phase_not_open':
		case 'phase_not_found':
		case 'wrong_phase_kind':
			return m.table_error_phase_not_open();
		case 'over_budget':
			return m.table_error_over_budget();
		case 'rate_limited':
			return m.table_error_rate_limited();
		case 'offline':
		case 'timeout':
			return m.table_queued();
		case 'empty_text':
		case 'text_too_long':
			return m.table_error_text();
		case 'name_too_long':
			return m.table_error_name_too_long();
		case 'unknown_lens':
			return m.workshop_error_unknown_lens();
		case 'too_many_connections':
			return m.sect_error_too_many_connections();
		case 'too_many_joins':
			return m.sect_error_too_many_joins();
		case 'table_full':
			return m.sect_error_table_full();
		case 'too_many_contributions':
			return m.sect_error_too_many_contributions();
		case 'participant_removed':
			return m.sect_error_participant_removed();
		default:
			return m.table_error_generic();
	}
}
