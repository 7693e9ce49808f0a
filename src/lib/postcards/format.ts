/** Formatting shared by the resident pages (server and browser). */
/** Dates as residents read them, in their language (Latin digits in Arabic, as on Belgian papers). */
export function formatDate(value: Date | string, locale: string): string {
	const tag = locale === 'ar' ? 'ar-u-nu-latn' : locale === 'nl' ? 'nl-BE' : locale === 'fr' ? 'fr-BE' : 'en-GB';
	return new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(new Date(value));
}
