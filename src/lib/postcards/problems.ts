/**
 * Why a postcard was refused, in words a resident understands, in their language. Used by the form
 * (browser and server rendering) and by the JSON API, so a problem reads the same everywhere.
 */
import { m } from '$lib/paraglide/messages';
import type { ReceiveProblem } from '$lib/server/postcards/limits';

/** What the resident typed, sent back with the problems so that nothing is lost. */
export type PostcardFormValues = {
	text: string;
	themeIds: string[];
	neighbourhoodId: string;
	targetGroupIds: string[];
	ageBand: string;
	consentPublish: boolean;
	email: string;
	submissionId: string;
};

export type FormProblem = ReceiveProblem | 'kiosk_not_registered';
export type FormField = 'text' | 'themes' | 'neighbourhood' | 'targetGroups' | 'ageBand' | 'email';

/** The field a problem belongs next to; null for problems about the whole postcard. */
export function problemField(problem: FormProblem): FormField | null {
	switch (problem) {
		case 'text_empty':
		case 'text_too_long':
			return 'text';
		case 'theme_unknown':
			return 'themes';
		case 'neighbourhood_unknown':
			return 'neighbourhood';
		case 'target_group_unknown':
			return 'targetGroups';
		case 'age_band_unknown':
			return 'ageBand';
		case 'email_invalid':
			return 'email';
		default:
			return null;
	}
}

type Locale = 'nl' | 'fr' | 'en' | 'ar';

/** The message for a problem; `minutes` is the wait for 'rate_limited', `max` the text limit. */
export function problemMessage(problem: FormProblem, opts: { locale?: Locale; minutes?: number; max?: number } = {}): string {
	const o = opts.locale ? { locale: opts.locale } : {};
	switch (problem) {
		case 'text_empty':
			return m.postcard_problem_text_empty({}, o);
		case 'text_too_long':
			return m.postcard_problem_text_too_long({ max: opts.max ?? 1000 }, o);
		case 'campaign_unknown':
			return m.postcard_problem_campaign_unknown({}, o);
		case 'campaign_not_open':
			return m.postcard_problem_campaign_not_open({}, o);
		case 'campaign_closed':
			return m.postcard_problem_campaign_closed({}, o);
		case 'theme_unknown':
			return m.postcard_problem_theme_unknown({}, o);
		case 'neighbourhood_unknown':
			return m.postcard_problem_neighbourhood_unknown({}, o);
		case 'target_group_unknown':
			return m.postcard_problem_target_group_unknown({}, o);
		case 'age_band_unknown':
			return m.postcard_problem_age_band_unknown({}, o);
		case 'email_invalid':
			return m.postcard_problem_email_invalid({}, o);
		case 'paper_code_invalid':
			return m.secp_paper_code_invalid({}, o);
		case 'paper_code_unknown':
			return m.postcard_problem_paper_code_unknown({}, o);
		case 'paper_code_used':
			return m.postcard_problem_paper_code_used({}, o);
		case 'rate_limited':
			return m.postcard_problem_rate_limited({ minutes: opts.minutes ?? 10 }, o);
		case 'submission_id_invalid':
			return m.postcard_problem_submission_id_invalid({}, o);
		case 'submission_id_conflict':
			return m.postcard_problem_submission_id_conflict({}, o);
		case 'kiosk_not_registered':
			return m.postcard_problem_kiosk_not_registered({}, o);
	}
}

