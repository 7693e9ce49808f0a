/**
 * A postcard whose writer withdrew the text still counts in every figure but shows no text anywhere:
 * the text is erased when it is withdrawn (privacy.ts), and every place that shows postcard text shows
 * this neutral line instead. Small on purpose: the postcard and signal modules import it.
 */
import { sql, type SQL } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { schema } from '../db';
import { isLocale } from '../../i18n';

/** 'Tekst ingetrokken door de schrijver.' in `locale` (the request's language when not given). */
export function withdrawnText(locale?: string): string {
	return locale ? m.feedback_text_withdrawn({}, { locale: isLocale(locale) ? locale : 'nl' }) : m.feedback_text_withdrawn();
}

/** A postcard's text as staff pages select it: the neutral line once withdrawn. */
export function postcardTextColumn(locale?: string): SQL<string> {
	return sql<string>`case when ${schema.postcards.textWithdrawnAt} is not null then ${withdrawnText(locale)} else ${schema.postcards.text} end`.mapWith(String);
}
