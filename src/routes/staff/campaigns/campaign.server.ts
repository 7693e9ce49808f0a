import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { label } from '$lib/i18n';
import { requireStaff } from '$lib/server/auth/guard';
import { getPlan } from '$lib/server/plan';
import { formValues, toCampaignInput } from '$lib/server/postcards/campaign-form';
import { campaignProblems, getCampaign, type CampaignInput } from '$lib/server/postcards/campaigns';

/** For pages under /staff/campaigns/[id]: a moderator, and the campaign named in the URL (404 otherwise). */
export async function staffCampaign(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const user = requireStaff(event, 'moderator');
	const id = Number((event.params as { id?: string }).id);
	const campaign = Number.isInteger(id) && id > 0 ? await getCampaign(id) : undefined;
	if (!campaign) error(404, m.error_not_found());
	return { user, campaign, title: label(campaign.titles, event.locals.locale) };
}

/** The live themes (with their default pictogram) and neighbourhoods a campaign can offer. */
export async function campaignFormOptions(locale: string) {
	const plan = await getPlan();
	return {
		themes: plan.themes.map((t) => ({ id: t.id, label: label(t.labels, locale), pictogram: t.pictogram })),
		neighbourhoods: plan.neighbourhoods.map((n) => ({ id: n.id, label: label(n.labels, locale), priority: n.priority }))
	};
}

/** Reads the posted campaign form: the input to save, or a 400 that gives back every typed value with the problems. */
export async function readCampaignForm(request: Request, existingId?: number) {
	const values = formValues(await request.formData());
	const plan = await getPlan();
	const input: CampaignInput = toCampaignInput(values, (id) => plan.themes.find((t) => t.id === id)?.pictogram ?? '💬');
	const problems = await campaignProblems(input, existingId);
	if (problems.length) return { failure: fail(400, { values, problems }) };
	return { input };
}
