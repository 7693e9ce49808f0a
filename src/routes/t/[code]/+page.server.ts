import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { normalizeCode } from '$lib/server/postcards/codes';
import { findTableByCode } from '$lib/server/tables';

/** Checks the code on the server so an unknown or ended table says so even before the socket connects. */
export const load: PageServerLoad = async ({ params }) => {
	const code = normalizeCode(params.code);
	if (!code) redirect(303, `/t?code=${encodeURIComponent(params.code)}`);
	if (code !== params.code) redirect(303, `/t/${code}`);
	const found = await findTableByCode(code);
	return { code, problem: found.ok ? (found.status === 'ended' ? 'table_ended' : null) : found.error };
};
