import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { hasRole } from '$lib/server/auth';
import { requireStaff } from '$lib/server/auth/guard';
import { createBoard, listBoards, TITLE_MAX } from '$lib/server/boards';
import { frameTitle } from '$lib/boards/labels';
import { isLocale, label } from '$lib/i18n';
import { listCampaigns } from '$lib/server/postcards/campaigns';

/** Every board a staff member can open, and a form to start one (facilitators and moderators). */
export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event);
	const [boards, campaigns] = await Promise.all([listBoards(user), listCampaigns()]);
	return {
		canCreate: hasRole(user, 'facilitator', 'moderator'),
		campaigns: campaigns.filter((c) => !c.archivedAt).map((c) => ({ id: c.id, title: label(c.titles, event.locals.locale) })),
		titleMax: TITLE_MAX,
		boards: boards.map((b) => ({
			id: b.id,
			title: b.title,
			template: b.template,
			level: b.level,
			archived: b.archived,
			createdAt: b.createdAt.getTime(),
			tableCode: b.tableCode,
			tableTitle: b.tableTitle,
			phaseTitle: b.phaseTitle,
			campaignTitle: b.campaignId ? (campaigns.find((c) => c.id === b.campaignId)?.titles ?? null) : null
		})).map((b) => ({ ...b, campaignTitle: b.campaignTitle ? label(b.campaignTitle, event.locals.locale) : null }))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireStaff(event, 'facilitator', 'moderator');
		const f = await event.request.formData();
		const values = {
			title: String(f.get('title') ?? ''),
			template: String(f.get('template') ?? 'empty'),
			locale: String(f.get('locale') ?? event.locals.locale),
			campaign: String(f.get('campaign') ?? '')
		};
		const campaignId = Number(values.campaign) || null;
		const r = await createBoard(user, { title: values.title, template: values.template, locale: isLocale(values.locale) ? values.locale : event.locals.locale, campaignId }, frameTitle);
		if (!r.ok) return fail(400, { values, error: r.error });
		redirect(303, `/staff/boards/${r.boardId}`);
	}
};
