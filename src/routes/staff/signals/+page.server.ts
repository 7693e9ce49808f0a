import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { listSignals, SIGNAL_ROLES } from '$lib/server/signals';
import { labelTags, tagOptions } from '$lib/server/signals/tags';
import { SIGNAL_TYPES } from '$lib/server/db/schema';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, ...SIGNAL_ROLES, 'plan_owner');
	const type = event.url.searchParams.get('type');
	const themeId = event.url.searchParams.get('theme');
	const [signals, options] = await Promise.all([listSignals({ type, themeId }), tagOptions(event.locals.locale)]);
	return {
		type: type ?? '',
		themeId: themeId ?? '',
		signalTypes: SIGNAL_TYPES,
		themes: options.theme.filter((t) => !t.archived),
		// A merged signal lives on in the one it went into.
		signals: signals.filter((s) => !s.mergedInto).map((s) => ({ ...s, tags: labelTags(s.tags, options) }))
	};
};
