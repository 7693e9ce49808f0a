import { error, redirect } from '@sveltejs/kit';
import QRCode from 'qrcode';
import type { PageServerLoad } from './$types';
import { normalizeCode } from '$lib/server/postcards/codes';
import { findTableByCode } from '$lib/server/tables';

/** The projector: the join code with a QR code to the phone page; everything else comes live over the socket. */
export const load: PageServerLoad = async ({ params, url }) => {
	const code = normalizeCode(params.code);
	if (!code) error(404, 'table_not_found');
	if (code !== params.code) redirect(303, `/present/${code}`);
	const found = await findTableByCode(code);
	const joinUrl = `${url.origin}/t/${code}`;
	const qr = await QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
	return { code, joinUrl, joinHost: `${url.host}/t`, qr, problem: found.ok ? null : found.error };
};
