/** The thank-you screen after sending: the code, and help lines when the text touched a care category. */
import { and, eq } from 'drizzle-orm';
import { getDb, schema } from '../db';
import { CARE_CATEGORIES, HELP_LINES, type CareCategory } from './care';
import type { Cookies } from '@sveltejs/kit';
import { normalizeCode, normalizeKey } from './codes';
import { countMiss, lookupAllowed } from './tracking-limits';

export type HelpLine = { category: CareCategory; name: string; number: string; url: string };

/** The help lines for these categories, each line once (Tele-Onthaal serves several). */
export function helpLinesFor(categories: readonly string[]): HelpLine[] {
	const out: HelpLine[] = [];
	for (const category of CARE_CATEGORIES) {
		if (!categories.includes(category)) continue;
		for (const line of HELP_LINES[category]) {
			if (!out.some((o) => o.number === line.number)) out.push({ category, ...line });
		}
	}
	return out;
}

/**
 * The thank-you view for whoever asks with a code, behind the lookup throttle (it tells whether a code
 * exists, so it must not be an unthrottled way to guess one): 'throttled' with the wait, null for an
 * unknown code (counted as a miss).
 */
export async function sentViewFor(
	address: string,
	campaignId: number,
	typedCode: string | null,
	opts: { justSent?: boolean } = {}
): Promise<{ code: string; helpLines: HelpLine[] } | null | { throttled: number }> {
	const typed = typedCode ?? '';
	// The one who just sent the card (its key came with them) always sees its code.
	const allowed = opts.justSent ? ({ ok: true } as const) : await lookupAllowed(address, typed);
	if (!allowed.ok) return { throttled: allowed.retryAfterMs };
	const view = await sentView(campaignId, typed);
	if (!view) await countMiss(address, typed);
	return view;
}

/** The code and help lines of a postcard of this campaign; null when the code is not one of its cards. */
export async function sentView(campaignId: number, typedCode: string | null): Promise<{ code: string; helpLines: HelpLine[] } | null> {
	const code = normalizeCode(typedCode ?? '');
	if (!code) return null;
	const row = await getDb()
		.select({ code: schema.postcards.code, care: schema.postcards.careCategories })
		.from(schema.postcards)
		.where(and(eq(schema.postcards.code, code), eq(schema.postcards.campaignId, campaignId)))
		.get();
	if (!row) return null;
	return { code: row.code, helpLines: helpLinesFor(row.care) };
}

/**
 * The withdrawal key travels from the form's answer to the thank-you page in a short-lived cookie
 * (never in the address, which stays in the browser's history), and is shown once: the page that
 * shows it deletes the cookie. Only the campaign's pages receive it.
 */
export const KEY_COOKIE = 'meespraak_key';
const KEY_COOKIE_SECONDS = 600;

export function keepKeyForSentPage(cookies: Cookies, url: URL, slug: string, code: string, key: string): void {
	cookies.set(KEY_COOKIE, `${code}.${key}`, { path: `/p/${slug}`, httpOnly: true, sameSite: 'strict', secure: url.protocol === 'https:', maxAge: KEY_COOKIE_SECONDS });
}

/** The key of the card with this code, once; null when there is none (any more). */
export function takeKey(cookies: Cookies, slug: string, code: string): string | null {
	const raw = cookies.get(KEY_COOKIE);
	if (!raw) return null;
	cookies.delete(KEY_COOKIE, { path: `/p/${slug}` });
	const dot = raw.lastIndexOf('.');
	if (dot < 0 || raw.slice(0, dot) !== code) return null;
	return normalizeKey(raw.slice(dot + 1));
}
