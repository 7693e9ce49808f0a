/** Words for a signal's life: its states, what happened on its timeline, refusals. */
import { m } from '$lib/paraglide/messages';

const STATUS: Record<string, () => string> = {
	new: m.lifecycle_status_new,
	triage: m.lifecycle_status_triage,
	with_council: m.lifecycle_status_with_council,
	advised: m.lifecycle_status_advised,
	taken_up: m.lifecycle_status_taken_up,
	not_taken_up: m.lifecycle_status_not_taken_up,
	passed_on: m.lifecycle_status_passed_on,
	feedback_published: m.lifecycle_status_feedback_published
};
export const statusText = (s: string | null | undefined) => (s ? (STATUS[s] ?? (() => s))() : '');

const OUTCOME: Record<string, () => string> = {
	taken_up: m.lifecycle_outcome_taken_up,
	not_taken_up: m.lifecycle_outcome_not_taken_up,
	passed_on: m.lifecycle_outcome_passed_on
};
export const outcomeText = (o: string) => (OUTCOME[o] ?? (() => o))();

const LEVEL: Record<string, () => string> = { flemish: m.lifecycle_level_flemish, federal: m.lifecycle_level_federal, european: m.lifecycle_level_european };
export const levelText = (l: string) => (LEVEL[l] ?? (() => l))();

export function eventText(e: { kind: string; fromStatus: string | null; toStatus: string | null; otherSignalId: number | null; councilId: string | null }): string {
	switch (e.kind) {
		case 'status':
			return m.lifecycle_event_status({ from: statusText(e.fromStatus), to: statusText(e.toStatus) });
		case 'merged_into':
			return m.lifecycle_event_merged_into({ id: e.otherSignalId ?? '?' });
		case 'merged_from':
			return m.lifecycle_event_merged_from({ id: e.otherSignalId ?? '?' });
		case 'split_from':
			return m.lifecycle_event_split_from({ id: e.otherSignalId ?? '?' });
		case 'split_into':
			return m.lifecycle_event_split_into({ id: e.otherSignalId ?? '?' });
		case 'retagged':
			return m.lifecycle_event_retagged();
		case 'council_request':
			return m.lifecycle_event_council_request({ council: e.councilId ?? '' });
		case 'advice_published':
			return m.lifecycle_event_advice({ council: e.councilId ?? '' });
		case 'registered':
			return m.lifecycle_event_registered();
		default:
			return e.kind;
	}
}

const PROBLEM: Record<string, () => string> = {
	forbidden: m.lifecycle_problem_forbidden,
	not_found: m.lifecycle_problem_not_found,
	merged: m.lifecycle_problem_merged,
	bad_status: m.lifecycle_problem_bad_status,
	transition_not_allowed: m.lifecycle_problem_transition,
	reason_required: m.lifecycle_problem_reason,
	plan_link_required: m.lifecycle_problem_plan_link,
	plan_link_unknown: m.lifecycle_problem_plan_unknown,
	level_required: m.lifecycle_problem_level,
	addressee_required: m.lifecycle_problem_addressee,
	bad_merge: m.lifecycle_problem_merge,
	bad_split: m.lifecycle_problem_split,
	invalid: m.lifecycle_problem_split_title,
	text_too_long: m.lifecycle_problem_too_long
};
export const lifecycleProblem = (code: string) => (PROBLEM[code] ?? m.lifecycle_problem_other)();
