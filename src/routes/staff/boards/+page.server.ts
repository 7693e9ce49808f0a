import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { hasRole } from '$lib/server/auth';
import { requireStaff } from '$lib/server/auth/guard';
import { createBoard, listBoards, TITLE_MAX } from '$lib/server/boards';
import { frameTitle } from '$lib/boards/labels';
import { isLocale } from '$lib/i18n';

/** Every board a staff member can open, and a form to start one (facilitators and moderators). */
export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event);
	const boards = await listBoards(user);
	return {
		canCreate: hasRole(user, 'facilitator', 'moderator'),
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
			phaseTitle: b.phaseTitle
		}))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireStaff(event, 'facilitator', 'moderator');
		const f = await event.request.formData();
		const values = { title: String(f.get('title') ?? ''), template: String(f.get('template') ?? 'empty'), locale: String(f.get('locale') ?? event.locals.locale) };
		const r = await createBoard(user, { title: values.title, template: values.template, locale: isLocale(values.locale) ? values.locale : event.locals.locale }, frameTitle);
		if (!r.ok) return fail(400, { values, error: r.error });
		redirect(303, `/staff/boards/${r.boardId}`);
	}
};
