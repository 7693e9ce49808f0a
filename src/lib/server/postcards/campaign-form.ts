/**
 * The staff campaign form: turns what was posted into a CampaignInput for campaignProblems(), and a
 * campaign back into form values, in one shape, so that a refused form shows exactly what was typed.
 * Dates are calendar days in the city's time zone: a campaign opens at the start of its first day and
 * closes at the end of its last day.
 */
import type { CampaignFields, CampaignTheme, Labels } from '../db/schema';
import type { Campaign, CampaignInput } from './campaigns';

export const CAMPAIGN_LOCALES = ['nl', 'fr', 'en', 'ar'] as const;
export const FIELD_KEYS = ['themes', 'neighbourhood', 'targetGroups', 'ageBand', 'contact'] as const satisfies readonly (keyof CampaignFields)[];
export const CITY_TIME_ZONE = process.env.CITY_TIME_ZONE || 'Europe/Brussels';
const DAY = 86_400_000;

export type CampaignFormValues = {
	slug: string;
	titles: Record<(typeof CAMPAIGN_LOCALES)[number], string>;
	questions: Record<(typeof CAMPAIGN_LOCALES)[number], string>;
	opens: string;
	closes: string;
	/** Chosen themes, in the order offered. */
	themeIds: string[];
	/** Pictogram typed per theme (also for themes not chosen, so nothing typed is lost). */
	pictograms: Record<string, string>;
	neighbourhoodIds: string[];
	fields: CampaignFields;
};

/** Milliseconds the zone is ahead of UTC at `at`. */
function zoneOffset(at: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(new Date(at));
	const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
	return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(at / 1000) * 1000;
}

/** Midnight at the start of `day` (YYYY-MM-DD) in the city's time zone; Invalid Date when malformed. */
export function dayStart(day: string, timeZone = CITY_TIME_ZONE): Date {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
	if (!m) return new Date(NaN);
	const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	if (isNaN(utc) || new Date(utc).getUTCDate() !== Number(m[3])) return new Date(NaN);
	const first = utc - zoneOffset(utc, timeZone);
	return new Date(utc - zoneOffset(first, timeZone));
}

/** The calendar day (YYYY-MM-DD) of an instant in the city's time zone. */
export function dayOf(at: Date, timeZone = CITY_TIME_ZONE): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const str = (form: FormData, key: string) => String(form.get(key) ?? '');

/** What was posted, kept as typed. */
export function formValues(form: FormData): CampaignFormValues {
	const per = (prefix: string) =>
		Object.fromEntries(CAMPAIGN_LOCALES.map((l) => [l, str(form, `${prefix}_${l}`)])) as CampaignFormValues['titles'];
	const pictograms: Record<string, string> = {};
	for (const [key, value] of form.entries()) {
		const m = /^pictogram_(\d+)$/.exec(key);
		if (m) pictograms[m[1]] = String(value);
	}
	return {
		slug: str(form, 'slug'),
		titles: per('title'),
		questions: per('question'),
		opens: str(form, 'opens'),
		closes: str(form, 'closes'),
		themeIds: form.getAll('theme').map(String),
		pictograms,
		neighbourhoodIds: form.getAll('neighbourhood').map(String),
		fields: Object.fromEntries(FIELD_KEYS.map((k) => [k, form.get(`field_${k}`) === 'on'])) as CampaignFields
	};
}

function labels(values: Record<string, string>): Labels {
	const out: Labels = { nl: values.nl.trim() };
	for (const l of CAMPAIGN_LOCALES) if (l !== 'nl' && values[l]?.trim()) out[l] = values[l].trim();
	return out;
}

/** The campaign the form describes. `defaultPictogram` fills in a theme whose pictogram was left empty. */
export function toCampaignInput(v: CampaignFormValues, defaultPictogram: (themeId: string) => string): CampaignInput {
	const themes: CampaignTheme[] = [...new Set(v.themeIds)].map((id) => ({
		themeId: Number(id),
		pictogram: [...(v.pictograms[id]?.trim() ?? '')].slice(0, 4).join('') || defaultPictogram(id)
	}));
	const closeDay = dayStart(v.closes);
	return {
		slug: v.slug.trim().toLowerCase(),
		titles: labels(v.titles),
		questions: labels(v.questions),
		opensAt: dayStart(v.opens),
		// the closing day is the last day cards are accepted
		closesAt: new Date(closeDay.getTime() + DAY),
		themes,
		neighbourhoodIds: [...new Set(v.neighbourhoodIds)],
		fields: v.fields
	};
}

/** A saved campaign as form values. */
export function campaignValues(c: Campaign): CampaignFormValues {
	const all = (l: Labels) => Object.fromEntries(CAMPAIGN_LOCALES.map((k) => [k, l[k] ?? ''])) as CampaignFormValues['titles'];
	return {
		slug: c.slug,
		titles: all(c.titles),
		questions: all(c.questions),
		opens: dayOf(c.opensAt),
		closes: dayOf(new Date(c.closesAt.getTime() - 1)),
		themeIds: c.themes.map((t) => String(t.themeId)),
		pictograms: Object.fromEntries(c.themes.map((t) => [String(t.themeId), t.pictogram])),
		neighbourhoodIds: [...c.neighbourhoodIds],
		fields: { ...c.fields }
	};
}

/** Values for a new campaign: opens today, runs eight weeks, asks for themes and neighbourhood. */
export function blankValues(now = new Date()): CampaignFormValues {
	const empty = { nl: '', fr: '', en: '', ar: '' };
	return {
		slug: '',
		titles: { ...empty },
		questions: { ...empty },
		opens: dayOf(now),
		closes: dayOf(new Date(now.getTime() + 56 * DAY)),
		themeIds: [],
		pictograms: {},
		neighbourhoodIds: [],
		fields: { themes: true, neighbourhood: true, targetGroups: false, ageBand: false, contact: false }
	};
}
