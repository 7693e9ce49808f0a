import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { canEditPersonas, listRegions } from '$lib/server/personas';
import { createWorkshop, listWorkshops } from '$lib/server/personas/workshops';
import { getPlan } from '$lib/server/plan';
import { label, isLocale } from '$lib/i18n';

export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event, 'facilitator', 'moderator', 'plan_owner');
	const plan = await getPlan();
	return {
		workshops: await listWorkshops(user),
		regions: (await listRegions()).map((r) => ({ id: r.id, name: r.name, personaCount: r.personaCount })),
		themes: plan.themes.filter((t) => !t.archived).map((t) => ({ id: Number(t.id), label: label(t.labels, event.locals.locale) })),
		canCreate: canEditPersonas(user),
		locale: event.locals.locale
	};
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const f = await event.request.formData();
		const values = {
			title: String(f.get('title') ?? ''),
			regionId: String(f.get('region') ?? ''),
			locale: String(f.get('locale') ?? 'nl'),
			date: String(f.get('date') ?? ''),
			place: String(f.get('place') ?? ''),
			themeIds: f.getAll('theme').map(Number).filter((n) => Number.isSafeInteger(n) && n > 0)
		};
		let scheduledAt: Date | null = null;
		if (values.date) {
			scheduledAt = new Date(values.date);
			if (isNaN(+scheduledAt)) return fail(400, { values, error: 'bad_date' });
		}
		const r = await createWorkshop(user, {
			regionId: values.regionId,
			title: values.title,
			locale: isLocale(values.locale) ? values.locale : 'nl',
			themeIds: values.themeIds,
			scheduledAt,
			place: values.place || null
		});
		if (!r.ok) return fail(r.error === 'forbidden' ? 403 : 400, { values, error: r.error });
		redirect(303, `/staff/workshops/${r.workshopId}?created=1`);
	}
};
