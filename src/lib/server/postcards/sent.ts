/** The thank-you screen after sending: the code, and help lines when the text touched a care category. */
import { and, eq } from 'drizzle-orm';
import { getDb, schema } from '../db';
import { CARE_CATEGORIES, HELP_LINES, type CareCategory } from './care';
import { normalizeCode } from './codes';

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
