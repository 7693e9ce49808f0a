import { error, redirect } from '@sveltejs/kit';
import QRCode from 'qrcode';
import type { PageServerLoad } from './$types';
import { normalizeCode } from '$lib/server/postcards/codes';
import { canFacilitate, findTableByCode } from '$lib/server/tables';

/**
 * The projector: the join code with a QR code to the phone page; everything else comes live over the socket.
 * A table that has ended shows only that it has ended (its staff still get their console's view).
 */
export const load: PageServerLoad = async ({ params, url, locals, setHeaders }) => {
	const code = normalizeCode(params.code);
	if (!code) error(404, 'table_not_found');
	if (code !== params.code) redirect(303, `/present/${code}`);
	setHeaders({ 'cache-control': 'no-store' });
	const found = await findTableByCode(code);
	if (found.ok && found.status === 'ended' && !(await canFacilitate(found.tableId, locals.user)))
		return { code, joinUrl: '', joinHost: '', qr: '', problem: 'table_ended' };
	const joinUrl = `${url.origin}/t/${code}`;
	const qr = await QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
	return { code, joinUrl, joinHost: `${url.host}/t`, qr, problem: found.ok ? null : found.error };
};
