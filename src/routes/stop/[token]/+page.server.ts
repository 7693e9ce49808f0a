import type { Actions, PageServerLoad } from './$types';
import { previewStop, stopByToken } from '$lib/server/feedback/privacy';

// The stop link in every message. Opening it (GET, HEAD: mail scanners and link previews fetch links)
// changes nothing and asks for a press of the button; the button's POST stops the messages and deletes
// the address, then says so. A link that does not verify (made up, changed, cut off) changes nothing
// and says that clearly. Mail programs' one-click stop (RFC 8058) posts to the same address without
// this page: server.js hands that POST to ./one-click.
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const r = await previewStop(params.token);
	if (!r.ok) return { state: 'forged' as const, kind: null };
	return { state: r.held ? ('confirm' as const) : ('already' as const), kind: r.kind };
};

export const actions: Actions = {
	default: async ({ params }) => {
		const r = await stopByToken(params.token);
		if (!r.ok) return { state: 'forged' as const, kind: null, postcardCode: null, tableCode: null };
		return { state: r.deleted ? ('stopped' as const) : ('already' as const), kind: r.kind, postcardCode: r.postcardCode, tableCode: r.tableCode };
	}
};
