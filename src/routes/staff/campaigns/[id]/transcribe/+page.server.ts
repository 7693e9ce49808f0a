import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getPlan } from '$lib/server/plan';
import { label, isLocale } from '$lib/i18n';
import { campaignState } from '$lib/server/postcards/campaigns';
import { knownCollectionPlaces, paperCodeUse, recentTranscriptions } from '$lib/server/postcards/paper';
import { MAX_TEXT, PROBLEM_STATUS, submitPostcard, type SubmitProblem } from '$lib/server/postcards/submit';
import { normalizeCode } from '$lib/server/postcards/codes';
import { staffCampaign } from '../../campaign.server';

const PLACE_COOKIE = 'meespraak_paper_place';
const LANG_COOKIE = 'meespraak_paper_lang';

export const load: PageServerLoad = async (event) => {
	const { campaign, title, user } = await staffCampaign(event);
	const locale = event.locals.locale;
	const plan = await getPlan();
	const themeLabel = new Map(plan.themes.map((t) => [t.id, label(t.labels, locale)]));
	return {
		campaign: { id: campaign.id, slug: campaign.slug, state: campaignState(campaign) },
		title,
		maxText: MAX_TEXT,
		themes: campaign.themes
			.filter((t) => themeLabel.has(String(t.themeId)))
			.map((t) => ({ id: String(t.themeId), label: themeLabel.get(String(t.themeId))!, pictogram: t.pictogram })),
		targetGroups: plan.targetGroups.map((g) => ({ id: g.id, label: label(g.labels, locale) })),
		neighbourhoods: plan.neighbourhoods.filter((n) => campaign.neighbourhoodIds.includes(n.id)).map((n) => ({ id: n.id, label: label(n.labels, locale) })),
		places: await knownCollectionPlaces(campaign.id),
		recent: await recentTranscriptions(campaign.id, user.id),
		lastPlace: event.cookies.get(PLACE_COOKIE) ?? '',
		lastLang: event.cookies.get(LANG_COOKIE) ?? 'nl'
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { campaign, user } = await staffCampaign(event);
		const form = await event.request.formData();
		const values = {
			code: String(form.get('code') ?? ''),
			text: String(form.get('text') ?? ''),
			themeIds: form.getAll('theme').map(String),
			targetGroupIds: form.getAll('target_group').map(String),
			neighbourhoodId: String(form.get('neighbourhood') ?? ''),
			place: String(form.get('place') ?? '').slice(0, 120),
			lang: String(form.get('lang') ?? 'nl'),
			consent: form.get('consent') === 'on'
		};
		const lang = isLocale(values.lang) ? values.lang : 'nl';
		const remember = { path: '/staff', httpOnly: true, sameSite: 'lax' as const, maxAge: 60 * 60 * 24 * 365, secure: event.url.protocol === 'https:' };
		event.cookies.set(PLACE_COOKIE, values.place.trim(), remember);
		event.cookies.set(LANG_COOKIE, lang, remember);

		const result = await submitPostcard(campaign.slug, {
			channel: 'paper',
			paperCode: values.code,
			text: values.text,
			themeIds: values.themeIds,
			targetGroupIds: values.targetGroupIds,
			neighbourhoodId: values.neighbourhoodId || null,
			consentPublish: values.consent,
			collectionPlace: values.place,
			locale: lang,
			enteredBy: user.id
		});
		if (!result.ok) {
			const problems: SubmitProblem[] = result.problems;
			const code = normalizeCode(values.code);
			const used = problems.includes('paper_code_used') && code ? await paperCodeUse(code) : null;
			const status = Math.max(...problems.map((p) => PROBLEM_STATUS[p]));
			return fail(status, {
				values,
				problems,
				code: code ?? values.code.trim(),
				used: used ? { at: used.createdAt, by: used.enteredBy } : null
			});
		}
		return { saved: result.code, care: result.care };
	}
};
