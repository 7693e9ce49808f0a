import type { PageServerLoad } from './$types';
import { stopByToken } from '$lib/server/feedback/privacy';

// The stop link in every message: one click stops the messages and deletes the address, then says
// so. A link that does not verify (made up, changed, cut off) changes nothing and says that clearly.
// A HEAD request (a mail client checking the link) changes nothing either.
export const load: PageServerLoad = async ({ params, request, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	if (request.method === 'HEAD') return { state: 'checked' as const, kind: null, postcardCode: null, tableCode: null };
	const r = await stopByToken(params.token);
	if (!r.ok) return { state: 'forged' as const, kind: null, postcardCode: null, tableCode: null };
	return { state: r.deleted ? ('stopped' as const) : ('already' as const), kind: r.kind, postcardCode: r.postcardCode, tableCode: r.tableCode };
};
