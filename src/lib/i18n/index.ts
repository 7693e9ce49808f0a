/** Language helpers shared by server and browser. User-facing text itself comes from paraglide messages. */
import type { Labels } from '$lib/server/db/schema';

export const LOCALES = ['nl', 'fr', 'en', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language's name in that language, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
	nl: 'Nederlands',
	fr: 'Français',
	en: 'English',
	ar: 'العربية'
};

export function textDirection(locale: string): 'rtl' | 'ltr' {
	return locale === 'ar' ? 'rtl' : 'ltr';
}

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The label in `locale`, falling back to Dutch (the base language). */
export function label(labels: Labels | null | undefined, locale: string): string {
	if (!labels) return '';
	return (isLocale(locale) && labels[locale]) || labels.nl;
}
