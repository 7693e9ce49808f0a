import { json, type RequestHandler } from '@sveltejs/kit';
import { ping } from '$lib/server/db';

export const GET: RequestHandler = async () => {
	try {
		await ping();
		return json({ status: 'ok', database: 'reachable', time: new Date().toISOString() });
	} catch (e) {
		return json({ status: 'error', database: 'unreachable', detail: (e as Error).message }, { status: 503 });
	}
};
