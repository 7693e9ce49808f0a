import type { PageServerLoad } from './$types';
import { findTableByCode } from '$lib/server/tables';
import { lensPersonas } from '$lib/server/personas/workshops';

/**
 * The personas a participant may speak as on this board: the workshop's own, when the table is a
 * persona workshop; none for other tables. An unknown code is no error here: the page explains it.
 */
export const load: PageServerLoad = async ({ params }) => {
	const found = await findTableByCode(params.code);
	return { lenses: found.ok ? await lensPersonas(found.tableId) : [] };
};
