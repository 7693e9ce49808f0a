/** What a refused workshop action means, in the page's language. */
import { m } from '$lib/paraglide/messages';

const PROBLEMS: Record<string, () => string> = {
	forbidden: m.workshop_problem_forbidden,
	region_not_found: m.workshop_problem_region,
	workshop_not_found: m.workshop_problem_not_found,
	challenge_not_found: m.workshop_problem_challenge,
	bundle_not_found: m.workshop_problem_bundle,
	bad_title: m.workshop_problem_title,
	bad_date: m.workshop_problem_date,
	bad_personas: m.workshop_problem_personas,
	bad_timeline: m.workshop_problem_timeline,
	text_too_long: m.workshop_problem_too_long,
	empty_text: m.workshop_problem_empty,
	challenge_in_use: m.workshop_problem_in_use,
	vote_has_no_votes: m.workshop_problem_no_votes,
	already_signal: m.workshop_problem_already_signal,
	bad_organisation: m.workshop_problem_organisation,
	bad_days: m.workshop_problem_days,
	item_has_votes: m.workshop_problem_item_votes,
	too_many_items: m.workshop_problem_too_many_items,
	type_unknown: m.workshop_problem_type,
	response_not_found: m.workshop_problem_response
};

export function workshopProblem(code: string): string {
	return (PROBLEMS[code] ?? m.workshop_problem_other)();
}
