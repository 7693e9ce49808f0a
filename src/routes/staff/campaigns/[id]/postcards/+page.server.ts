import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { parseFilter, postcardsOfCampaign, searchPostcards } from '$lib/server/postcards/search';
import { addTag, labelTags, parseTagValue, removeTag, tagOptions, tagsFor, type Tag, type TagOptions } from '$lib/server/signals/tags';
import { planReference, suggestTags, type PlanReference } from '$lib/server/signals/suggestions';
import { getPlan } from '$lib/server/plan';
import { labelTagValue } from '$lib/tags';
import { addEvidence, createSignal, listSignals, signalsBackedBy } from '$lib/server/signals';
import { POSTCARD_CHANNELS, POSTCARD_STATUSES, SIGNAL_TYPES } from '$lib/server/db/schema';
import { staffCampaign } from '../../campaign.server';
import { tagAction, tagProblemText } from '../../../tags.server';

/** A suggested plan tag as the page shows it: best first within its kind, without its score. */
export type SuggestedTag = { kind: 'theme' | 'goal' | 'action'; refId: string; label: string };

/** Languages of the app: a card's reference is in its own language, an unknown one gets the staff member's. */
const LOCALES = ['nl', 'fr', 'en', 'ar'];

/**
 * For each card shown: the themes, goals and actions the suggestion engine finds in its own text,
 * minus the tags it has (the resident's or staff), in the engine's order (themes, goals, actions, each
 * best first; the scores stay here). One read of the live plan per page; the engine's reference for
 * it is built once per plan content and language and cached (shared with the boards' suggestions).
 * Nothing is tagged here: a person clicks a suggestion or not.
 */
export async function _suggestionsFor(
	cards: readonly { id: number; text: string; locale: string }[],
	tags: Map<number, Tag[]>,
	options: TagOptions,
	locale: string
): Promise<Map<number, SuggestedTag[]>> {
	const out = new Map<number, SuggestedTag[]>();
	if (!cards.length) return out;
	const p = await getPlan();
	const references = new Map<string, PlanReference>();
	for (const card of cards) {
		const language = LOCALES.includes(card.locale) ? card.locale : locale;
		let reference = references.get(language);
		if (!reference) references.set(language, (reference = planReference(p, language)));
		const have = new Set((tags.get(card.id) ?? []).map((t) => `${t.kind}:${t.refId}`));
		out.set(
			card.id,
			suggestTags(card.text, reference)
				.filter((s) => !have.has(`${s.kind}:${s.refId}`))
				.map(({ kind, refId }) => ({ kind, refId, label: labelTagValue(`${kind}:${refId}`, options) }))
		);
	}
	return out;
}

export const load: PageServerLoad = async (event) => {
	const { campaign, title } = await staffCampaign(event);
	const locale = event.locals.locale;
	const filter = parseFilter(event.url.searchParams);
	const [result, options, signals] = await Promise.all([searchPostcards(campaign.id, filter), tagOptions(locale), listSignals()]);
	const ids = result.rows.map((r) => r.id);
	const [tags, backs] = await Promise.all([tagsFor('postcard', ids), signalsBackedBy('postcard', ids)]);
	const suggestions = await _suggestionsFor(result.rows, tags, options, locale);
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
			signals: backs.get(r.id) ?? [],
			suggestions: suggestions.get(r.id) ?? []
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
