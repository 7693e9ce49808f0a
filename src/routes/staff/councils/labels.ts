/** Names of the councils' fixed values (verdicts, vote states, signal states) and refusals, in the current language. */
import { m } from '$lib/paraglide/messages';

type Msg = () => string;
const pick = (table: Record<string, Msg>, key: string | null | undefined) => (key && table[key] ? table[key]() : (key ?? ''));

export const VERDICTS = ['favourable', 'conditional', 'unfavourable'] as const;

export const verdictText = (v: string | null | undefined) =>
	pick({ favourable: m.council_verdict_favourable, conditional: m.council_verdict_conditional, unfavourable: m.council_verdict_unfavourable }, v);

/** The explanation under each choice on the ballot. */
export const verdictHint = (v: string) =>
	pick({ favourable: m.council_verdict_favourable_hint, conditional: m.council_verdict_conditional_hint, unfavourable: m.council_verdict_unfavourable_hint }, v);

export const voteStateText = (s: string) => pick({ not_open: m.council_vote_state_not_open, open: m.council_vote_state_open, closed: m.council_vote_state_closed }, s);

export const signalStatusText = (s: string) =>
	pick(
		{
			new: m.council_status_new,
			triage: m.council_status_triage,
			with_council: m.council_status_with_council,
			advised: m.council_status_advised,
			taken_up: m.council_status_taken_up,
			not_taken_up: m.council_status_not_taken_up,
			passed_on: m.council_status_passed_on,
			feedback_published: m.council_status_feedback_published
		},
		s
	);

const PROBLEMS: Record<string, Msg> = {
	forbidden: m.council_problem_forbidden,
	not_member: m.council_problem_not_member,
	not_found: m.council_problem_not_found,
	council_not_found: m.council_problem_council_not_found,
	signal_not_found: m.council_problem_signal_not_found,
	merged: m.council_problem_merged,
	transition_not_allowed: m.council_problem_transition_not_allowed,
	bad_quorum: m.council_problem_bad_quorum,
	question_required: m.council_problem_question_required,
	note_required: m.council_problem_note_required,
	text_too_long: m.council_problem_text_too_long,
	deadline_required: m.council_problem_deadline_required,
	deadline_past: m.council_problem_deadline_past,
	already_with_council: m.council_problem_already_with_council,
	message_empty: m.council_problem_message_empty,
	message_too_long: m.council_problem_message_too_long,
	closes_required: m.council_problem_closes_required,
	closes_in_past: m.council_problem_closes_in_past,
	closes_too_late: m.council_problem_closes_too_late,
	vote_already_open: m.council_problem_vote_already_open,
	vote_not_open: m.council_problem_vote_not_open,
	vote_closed: m.council_problem_vote_closed,
	bad_verdict: m.council_problem_bad_verdict,
	no_quorum: m.council_problem_no_quorum,
	tie: m.council_problem_tie,
	draft_empty: m.council_problem_draft_empty,
	draft_too_long: m.council_problem_draft_too_long,
	draft_changed: m.council_problem_draft_changed,
	published: m.council_problem_published,
	update_too_large: m.council_problem_draft_too_long,
	bad_update: m.council_problem_generic,
	out_of_order: m.council_problem_generic
};

/** What a refused council action says, in plain words (a generic sentence for a code it does not know). */
export const councilProblemText = (code: string | null | undefined): string => (code ? (PROBLEMS[code] ?? m.council_problem_generic)() : '');
