import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { normalizeCode } from '$lib/server/postcards/codes';

/** /t?code=… (a plain GET form) goes straight to the table. */
export const load: PageServerLoad = async ({ url }) => {
	const raw = url.searchParams.get('code');
	if (raw === null) return { code: '', invalid: false };
	const code = normalizeCode(raw);
	if (code) redirect(303, `/t/${code}`);
	return { code: raw, invalid: true };
};

export const actions: Actions = {
	default: async ({ request }) => {
		const raw = String((await request.formData()).get('code') ?? '');
		const code = normalizeCode(raw);
		if (!code) return fail(400, { code: raw, invalid: true });
		redirect(303, `/t/${code}`);
	}
};
