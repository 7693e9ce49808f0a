/** Console labels: phase kinds, table statuses and error codes as messages. */
import { m } from '$lib/paraglide/messages';

const KINDS: Record<string, () => string> = {
	open: m.console_kind_open,
	dots: m.console_kind_dots,
	poll_single: m.console_kind_poll_single,
	poll_multi: m.console_kind_poll_multi,
	word_cloud: m.console_kind_word_cloud,
	testimony: m.console_kind_testimony
};

export const PHASE_KINDS = Object.keys(KINDS);

export const kindLabel = (kind: string) => (KINDS[kind] ?? (() => kind))();

const STATUSES: Record<string, () => string> = {
	draft: m.console_status_draft,
	live: m.console_status_live,
	locked: m.console_status_locked,
	ended: m.console_status_ended
};

export const statusLabel = (status: string) => (STATUSES[status] ?? (() => status))();

const MESSAGES: Record<string, () => string> = {
	err_title: m.console_err_title,
	err_date: m.console_err_date,
	err_timer: m.console_err_timer,
	err_dots: m.console_err_dots,
	err_options: m.console_err_options,
	err_phase: m.console_err_phase,
	err_too_many: m.console_err_too_many,
	err_no_phases: m.console_err_no_phases,
	forbidden: m.console_err_forbidden,
	facilitator_only: m.console_err_forbidden,
	table_locked: m.console_err_table_locked,
	table_ended: m.console_err_table_ended,
	table_not_live: m.console_err_table_not_live,
	no_next_phase: m.console_err_no_next_phase,
	no_previous_phase: m.console_err_no_previous_phase,
	no_timer: m.console_err_no_timer,
	bad_merge: m.console_err_bad_merge,
	phase_not_open: m.console_err_phase_not_open,
	empty_text: m.console_err_empty_text,
	text_too_long: m.console_err_text_too_long,
	wrong_phase_kind: m.console_err_wrong_phase_kind,
	rate_limited: m.console_err_rate_limited,
	participant_removed: m.sect_error_participant_removed,
	offline: m.console_err_offline,
	timeout: m.console_err_offline
};

/** A message key or action error code as a sentence. */
export function msg(key: string, code?: string): string {
	const f = MESSAGES[key];
	return f ? f() : m.console_err_other({ code: code ?? key });
}
