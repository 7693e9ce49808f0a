/** Names of the fixed values staff pages show (statuses, channels, kinds …), in the current language. */
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

type Msg = () => string;
const pick = (table: Record<string, Msg>, key: string | null | undefined) => (key && table[key] ? table[key]() : (key ?? ''));

export const statusLabel = (s: string) =>
	pick({ received: m.moderation_status_received, published: m.moderation_status_published, private: m.moderation_status_private, rejected: m.moderation_status_rejected }, s);

export const channelLabel = (c: string | null) =>
	pick({ online: m.staff_channel_online, kiosk: m.staff_channel_kiosk, paper: m.staff_channel_paper, api: m.staff_channel_api }, c);

export const careLabel = (c: string) =>
	pick({ self_harm: m.moderation_care_self_harm, violence: m.moderation_care_violence, homelessness: m.moderation_care_homelessness }, c);

export const actionLabel = (a: string) =>
	pick({ publish: m.moderation_log_publish, keep_private: m.moderation_log_keep_private, reject: m.moderation_log_reject, reopen: m.moderation_log_reopen }, a);

export const signalTypeLabel = (t: string) =>
	pick(
		{
			concern: m.signal_type_concern,
			need: m.signal_type_need,
			barrier: m.signal_type_barrier,
			gap: m.signal_type_gap,
			proposal: m.signal_type_proposal,
			system_error: m.signal_type_system_error,
			good_practice: m.signal_type_good_practice
		},
		t
	);

export const tagKindLabel = (k: string) =>
	pick(
		{
			theme: m.tag_kind_theme,
			attention_point: m.tag_kind_attention_point,
			goal: m.tag_kind_goal,
			action: m.tag_kind_action,
			target_group: m.tag_kind_target_group,
			neighbourhood: m.tag_kind_neighbourhood
		},
		k
	);

export const campaignStateLabel = (s: string) =>
	pick({ upcoming: m.campaign_state_upcoming, open: m.campaign_state_open, closed: m.campaign_state_closed, archived: m.campaign_state_archived }, s);

/** Dates as the city lives them (Brussels time), in the page's language; the same on server and browser. */
export function when(d: Date | string | number | null | undefined, withTime = true): string {
	if (d === null || d === undefined) return '';
	return new Intl.DateTimeFormat(getLocale(), {
		dateStyle: 'medium',
		...(withTime ? { timeStyle: 'short' } : {}),
		timeZone: 'Europe/Brussels'
	}).format(new Date(d));
}

export const signalProblemText = (p: string) =>
	pick(
		{
			title_missing: m.signal_problem_title_missing,
			title_too_long: m.signal_problem_title_too_long,
			summary_too_long: m.signal_problem_summary_too_long,
			type_unknown: m.signal_problem_type_unknown,
			evidence_unknown: m.signal_problem_evidence_unknown,
			tag_unknown: m.tag_problem_unknown,
			not_found: m.signal_problem_not_found
		},
		p
	);
