import { redirect, type RequestHandler } from '@sveltejs/kit';
import { normalizeCode } from '$lib/server/postcards/codes';

/** The 'follow your postcard' form on the home page sends the typed code here. */
export const GET: RequestHandler = ({ url }) => {
	const typed = url.searchParams.get('code') ?? '';
	const code = normalizeCode(typed) ?? typed.trim().toUpperCase();
	redirect(303, `/k/${encodeURIComponent(code || '-')}`);
};
