import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { label } from '$lib/i18n';
import { listCampaigns } from '$lib/server/postcards/campaigns';
import { isModerationAction, moderate, moderationLogFor, moderationQueue, queueCounts, recentlyModerated, type QueueCard } from '$lib/server/postcards/moderation';
import { labelTags, tagOptions, tagsFor } from '$lib/server/signals/tags';
import { POSTCARD_STATUSES, type PostcardStatus } from '$lib/server/db/schema';

/** Cards shown at once; more appear as these are handled. */
const QUEUE_PAGE = 100;

export const load: PageServerLoad = async (event) => {
	requireStaff(event, 'moderator');
	const locale = event.locals.locale;
	const campaigns = (await listCampaigns()).filter((c) => !c.archivedAt);
	const chosen = Number(event.url.searchParams.get('campaign'));
	const campaign = campaigns.find((c) => c.id === chosen) ?? null;
	const ids = campaign ? [campaign.id] : campaigns.map((c) => c.id);
	const [queue, recent, counts] = await Promise.all([moderationQueue(ids, QUEUE_PAGE), recentlyModerated(ids, 15), queueCounts()]);
	const cardIds = [...queue, ...recent].map((c) => c.id);
	const [tags, logs, options] = await Promise.all([tagsFor('postcard', cardIds), moderationLogFor(cardIds), tagOptions(locale)]);
	const titles = new Map(campaigns.map((c) => [c.id, label(c.titles, locale)]));
	const view = (c: QueueCard) => ({
		...c,
		campaignTitle: titles.get(c.campaignId) ?? '',
		tags: labelTags(tags.get(c.id) ?? [], options),
		log: (logs.get(c.id) ?? []).map((l) => ({ id: l.id, action: l.action, reason: l.reason, at: l.createdAt, by: l.userName }))
	});
	return {
		campaigns: campaigns.map((c) => ({ id: c.id, title: titles.get(c.id)! })),
		campaignId: campaign?.id ?? null,
		liveIds: ids,
		waiting: ids.reduce((n, id) => n + (counts.get(id)?.waiting ?? 0), 0),
		queue: queue.map(view),
		recent: recent.map((c) => ({ ...view(c), decidedAt: c.decidedAt }))
	};
};

export const actions: Actions = {
	moderate: async (event) => {
		const user = requireStaff(event, 'moderator');
		const form = await event.request.formData();
		const postcardId = Number(form.get('postcard'));
		const action = String(form.get('action') ?? '');
		const reason = String(form.get('reason') ?? '');
		const from = String(form.get('from') ?? '');
		if (!Number.isInteger(postcardId) || !isModerationAction(action)) return fail(400, { postcardId, problem: 'action_unknown', reason });
		const expected = (POSTCARD_STATUSES as readonly string[]).includes(from) ? (from as PostcardStatus) : null;
		const result = await moderate(postcardId, action, user.id, reason, expected);
		if (!result.ok) {
			const status = result.problem === 'not_found' ? 404 : result.problem === 'stale' || result.problem === 'no_change' ? 409 : 400;
			return fail(status, { postcardId, problem: result.problem, reason, action });
		}
		return { postcardId, done: action, status: result.status };
	}
};
