import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { createTable, type TableStaffInput } from '$lib/server/tables';
import { applyOp, blankValues, checkValues, formOptions, readValues } from '../table-form.server';

export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event, 'facilitator');
	return { values: blankValues(event.locals.locale), ...(await formOptions(event.locals.locale, user.id)) };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const f = await event.request.formData();
		const values = readValues(f);
		const op = typeof f.get('op') === 'string' ? (f.get('op') as string) : 'create';
		if (op !== 'create') {
			applyOp(values, op);
			return { values, errors: {} };
		}
		const checked = checkValues(values);
		if (!checked.ok) return fail(400, { values, errors: checked.errors });
		const staff: TableStaffInput[] = values.co.map((userId) => ({ userId, role: 'co_facilitator' as const }));
		const note = Number(values.note);
		if (Number.isSafeInteger(note) && note > 0 && !values.co.includes(note)) staff.push({ userId: note, role: 'note_taker' });
		const r = await createTable(user, {
			title: values.title,
			themeIds: values.themeIds,
			locale: values.locale,
			scheduledAt: checked.scheduledAt,
			place: values.place,
			template: values.template,
			phases: checked.phases,
			staff,
			preModeration: values.preModeration
		});
		if (!r.ok) return fail(400, { values, errors: r.error === 'bad_title' ? { title: 'err_title' } : { phases: 'err_other', code: r.error } });
		redirect(303, `/staff/tables/${r.tableId}?created=1`);
	}
};
