import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { parseFilter, postcardsOfCampaign, searchPostcards } from '$lib/server/postcards/search';
import { addTag, labelTags, parseTagValue, removeTag, tagOptions, tagsFor } from '$lib/server/signals/tags';
import { addEvidence, createSignal, listSignals, signalsBackedBy } from '$lib/server/signals';
import { POSTCARD_CHANNELS, POSTCARD_STATUSES, SIGNAL_TYPES } from '$lib/server/db/schema';
import { staffCampaign } from '../../campaign.server';
import { tagAction, tagProblemText } from '../../../tags.server';

export const load: PageServerLoad = async (event) => {
	const { campaign, title } = await staffCampaign(event);
	const locale = event.locals.locale;
	const filter = parseFilter(event.url.searchParams);
	const [result, options, signals] = await Promise.all([searchPostcards(campaign.id, filter), tagOptions(locale), listSignals()]);
	const ids = result.rows.map((r) => r.id);
	const [tags, backs] = await Promise.all([tagsFor('postcard', ids), signalsBackedBy('postcard', ids)]);
	return {
		campaign: { id: campaign.id, slug: campaign.slug },
		title,
		filter,
		total: result.total,
		page: result.page,
		pages: result.pages,
		cards: result.rows.map((r) => ({
			id: r.id,
			code: r.code,
			text: r.text,
			channel: r.channel,
			collectionPlace: r.collectionPlace,
			locale: r.locale,
			status: r.status,
			needsCare: r.needsCare,
			careCategories: r.careCategories,
			consentPublish: r.consentPublish,
			createdAt: r.createdAt,
			tags: labelTags(tags.get(r.id) ?? [], options),
			signals: backs.get(r.id) ?? []
		})),
		options,
		statuses: POSTCARD_STATUSES,
		channels: POSTCARD_CHANNELS,
		signalTypes: SIGNAL_TYPES,
		filterThemes: options.theme.filter((t) => !t.archived || t.id === filter.themeId),
		filterNeighbourhoods: options.neighbourhood.filter((n) => campaign.neighbourhoodIds.includes(n.id) || n.id === filter.neighbourhoodId),
		signals: signals.map((s) => ({ id: s.id, title: s.title, type: s.type, evidenceCount: s.evidenceCount }))
	};
};

/** The selected postcards that really belong to this campaign. */
async function selected(form: FormData, campaignId: number): Promise<number[]> {
	const ids = form.getAll('ids').map(Number).filter((n) => Number.isInteger(n) && n > 0);
	return postcardsOfCampaign(campaignId, ids);
}

export const actions: Actions = {
	tagAdd: async (event) => {
		const { campaign } = await staffCampaign(event);
		return tagAction(event.request, 'postcard', 'add', async (id) => (await postcardsOfCampaign(campaign.id, [id])).length === 1);
	},
	tagRemove: async (event) => {
		const { campaign } = await staffCampaign(event);
		return tagAction(event.request, 'postcard', 'remove', async (id) => (await postcardsOfCampaign(campaign.id, [id])).length === 1);
	},
	bulkTag: async (event) => {
		const { campaign } = await staffCampaign(event);
		const form = await event.request.formData();
		const ids = await selected(form, campaign.id);
		const tag = parseTagValue(form.get('tag'));
		const op = form.get('op') === 'remove' ? 'remove' : 'add';
		if (!ids.length) return fail(400, { bulk: 'tag', bulkProblem: tagProblemText('nothing_selected'), ids });
		if (!tag) return fail(400, { bulk: 'tag', bulkProblem: tagProblemText('ref_unknown'), ids });
		const result = op === 'add' ? await addTag('postcard', ids, tag.kind, tag.refId) : await removeTag('postcard', ids, tag.kind, tag.refId);
		if (!result.ok) return fail(400, { bulk: 'tag', bulkProblem: tagProblemText(result.problem), ids });
		return { bulk: 'tag', bulkDone: op, count: ids.length, changed: result.changed, ids };
	},
	group: async (event) => {
		const { campaign, user } = await staffCampaign(event);
		const form = await event.request.formData();
		const ids = await selected(form, campaign.id);
		const values = {
			title: String(form.get('title') ?? ''),
			summary: String(form.get('summary') ?? ''),
			type: String(form.get('type') ?? ''),
			theme: String(form.get('signal_theme') ?? '')
		};
		if (!ids.length) return fail(400, { bulk: 'group', bulkProblem: tagProblemText('nothing_selected'), ids, values });
		const result = await createSignal(
			{
				...values,
				evidence: ids.map((sourceId) => ({ sourceType: 'postcard' as const, sourceId })),
				tags: values.theme ? [{ kind: 'theme' as const, refId: values.theme }] : []
			},
			user.id
		);
		if (!result.ok) return fail(400, { bulk: 'group', signalProblems: result.problems, ids, values });
		return { bulk: 'group', signalId: result.id, signalTitle: values.title.trim(), count: ids.length, ids: [] as number[] };
	},
	evidence: async (event) => {
		const { campaign, user } = await staffCampaign(event);
		const form = await event.request.formData();
		const ids = await selected(form, campaign.id);
		const signalId = Number(form.get('signal'));
		if (!ids.length) return fail(400, { bulk: 'evidence', bulkProblem: tagProblemText('nothing_selected'), ids });
		const result = await addEvidence(signalId, ids.map((sourceId) => ({ sourceType: 'postcard' as const, sourceId })), user.id);
		if (!result.ok) return fail(400, { bulk: 'evidence', signalProblems: result.problems, ids });
		return { bulk: 'evidence', signalId, added: result.added, count: ids.length, ids: [] as number[] };
	}
};
