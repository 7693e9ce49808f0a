import { fail, redirect, type Cookies } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { normalizeCode } from '$lib/server/postcards/codes';
import { findTableByCode } from '$lib/server/tables';
import { deleteTableContact, getTableContact, saveTableContact } from '$lib/server/tables/contacts';
import { TOKEN_COOKIE } from './token';

/*
 * How the server knows which participant leaves an address. The phone's participant token is made over
 * the socket and kept in localStorage (`meespraak:table:<code>:token`); the page copies it into two
 * places, and the server takes whichever it gets:
 * - a cookie `meespraak_table_token` scoped to `/t/<code>` (written by the page script as soon as it has
 *   the token). It rides along with every request to this page, so the contact form also works when it
 *   is sent before the page's script has started (a slow phone) or as a plain form post without
 *   JavaScript, and the server can draw "your address is saved / remove it" on the first render.
 * - a hidden field `token` in the forms, for browsers that refuse cookies.
 * Joining a table needs JavaScript (the socket) in any case, so a phone without a token never had one.
 */
function tokenOf(form: FormData, cookies: Cookies): string {
	const field = form.get('token');
	if (typeof field === 'string' && field) return field;
	return cookies.get(TOKEN_COOKIE) ?? '';
}

/** Checks the code on the server so an unknown or ended table says so even before the socket connects. */
export const load: PageServerLoad = async ({ params, cookies, setHeaders }) => {
	const code = normalizeCode(params.code);
	if (!code) redirect(303, `/t?code=${encodeURIComponent(params.code)}`);
	if (code !== params.code) redirect(303, `/t/${code}`);
	setHeaders({ 'cache-control': 'no-store' });
	const found = await findTableByCode(code);
	// Known only when this phone's token came along as a cookie: lets the page show the saved address at once.
	let contact: { email: string | null; title: string } | null = null;
	const token = cookies.get(TOKEN_COOKIE);
	if (found.ok && token) {
		const c = await getTableContact(code, token);
		if (c.ok) contact = { email: c.email, title: c.title };
	}
	return { code, problem: found.ok ? (found.status === 'ended' ? 'table_ended' : null) : found.error, contact };
};

export const actions: Actions = {
	/** Leave (or change) an email address to hear what became of the recommendations. */
	contact: async ({ params, request, cookies }) => {
		const form = await request.formData();
		const typed = typeof form.get('email') === 'string' ? (form.get('email') as string) : '';
		const r = await saveTableContact(params.code, tokenOf(form, cookies), typed);
		if (!r.ok) return fail(r.error === 'email_missing' || r.error === 'email_invalid' ? 400 : 403, { contactError: r.error, email: typed });
		return { contactEmail: r.email, contactSaved: true };
	},
	/** Remove the address again: the row is deleted. */
	forgetContact: async ({ params, request, cookies }) => {
		const form = await request.formData();
		const r = await deleteTableContact(params.code, tokenOf(form, cookies));
		if (!r.ok) return fail(403, { contactError: r.error, email: '' });
		return { contactEmail: null, contactDeleted: true };
	}
};
