import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { label } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { getPlan } from '$lib/server/plan';
import { channelLabel, parseFilter, themeDrill } from '$lib/server/plan/view';

/** One theme of the plan: its goals and actions, the signals on each, the councils' advice and the decisions. */
export const load: PageServerLoad = async (event) => {
	requireStaff(event, 'plan_owner', 'moderator', 'facilitator');
	const locale = event.locals.locale;
	const { filter, form } = parseFilter(event.url.searchParams);
	const drill = await themeDrill(event.params.theme, filter, locale);
	if (!drill) error(404, m.error_not_found());
	const plan = await getPlan({ includeArchived: true });
	const name = (items: { id: string; labels: Parameters<typeof label>[0] }[], id: string) => label(items.find((i) => i.id === id)?.labels, locale) || id;
	return {
		drill,
		form,
		/** The filters in force, in words, for the line under the title. */
		active: [
			form.neighbourhood ? name(plan.neighbourhoods, form.neighbourhood) : '',
			form.targetGroup ? name(plan.targetGroups, form.targetGroup) : '',
			filter.channel ? channelLabel(filter.channel, locale) : '',
			form.from || form.to ? `${form.from || '…'} – ${form.to || '…'}` : ''
		].filter(Boolean)
	};
};
