/**
 * Personas are fictional. These checks spot text that looks like a real person's contact data or
 * national register number, so the persona form can warn before anything is saved. They only warn:
 * a facilitator may know better. They are tuned to stay quiet on ordinary persona text (years, dates,
 * ages, postcodes, amounts, times), because a warning that cries wolf gets ignored.
 */

export type RealDataKind = 'email' | 'phone' | 'national_number';
export type RealDataWarning = { kind: RealDataKind; match: string };
export type RealDataFieldWarning = RealDataWarning & { field: string; index?: number };

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/**
 * Rijksregisternummer: YY.MM.DD-XXX.CC, or the same digits with spaces or none. Not glued to more
 * digits (a digit right before or after, or one separator away, means it is part of something longer).
 */
const NATIONAL = /(?<![\p{N}+])(?<!\p{N}[./-])\d{2}[. ]?\d{2}[. ]?\d{2}[ .-]?\d{3}[ .-]?\d{2}(?![\p{N}])(?![./-]\p{N})/gu;

/** Dates and times are masked before looking for phone numbers, so '04/09/2023 14' is never a phone. */
const DATES_AND_TIMES = [
	/(?<![\d-])(?:19|20)\d{2}-[01]\d-[0-3]\d(?:T\d{2}:\d{2}(?::\d{2})?)?(?![\d-])/g,
	/(?<![\d./-])[0-3]?\d[./-][01]?\d[./-](?:19|20)\d{2}(?![\d./-])/g,
	/(?<!\d)\d{1,2}[:u]\d{2}(?!\d)/g
];

/**
 * A run of digit groups that could be a phone number: an optional + or 00, then digits separated by
 * single spaces, dots, slashes or dashes (spaces allowed around the last three), and '(0)' as in
 * '+32 (0)470'. Letters or a + right before, or letters right after, rule the run out.
 */
const PHONE_RUN =
	/(?<![\p{L}\p{N}_+])\+?\d+(?:(?:[ \u00a0]?\(0\)[ \u00a0]?|[ \u00a0]?[./-][ \u00a0]?|[ \u00a0])\d+)*(?![\p{L}\p{N}_])/gu;

/** The 11 digits of a national number pass the mod-97 check (born before or from 2000). */
export function isNationalNumber(digits: string): boolean {
	if (!/^\d{11}$/.test(digits)) return false;
	const base = Number(digits.slice(0, 9));
	const check = Number(digits.slice(9));
	return 97 - (base % 97) === check || 97 - ((2_000_000_000 + base) % 97) === check;
}

/** Replace a match with filler of the same length, so later patterns neither see it nor join across it. */
function mask(text: string, start: number, length: number): string {
	return text.slice(0, start) + 'x'.repeat(length) + text.slice(start + length);
}

/** Does this digit string (with the leading + or 00 kept) read as a phone number? */
function isPhoneDigits(raw: string, groups: string[]): boolean {
	const digits = raw.replace(/\D/g, '');
	if (raw.startsWith('+') || digits.startsWith('00')) {
		const international = raw.startsWith('+') ? digits : digits.slice(2);
		if (international.startsWith('0')) return false;
		if (international.startsWith('32')) {
			// Belgium: 8 digits for a landline, 9 for a mobile, after an optional (wrongly typed) trunk 0.
			const national = international.slice(2).replace(/^0/, '');
			return national.length === 8 || (national.length === 9 && national.startsWith('4'));
		}
		// Elsewhere: a country code and a number, at least 8 digits in all (E.164 allows 15).
		return international.length >= 8 && international.length <= 15;
	}
	if (!digits.startsWith('0')) return false;
	// Belgian trunk format: 0 + 8 digits (landlines, zone codes 02 .. 089), 04 + 8 digits (mobiles).
	if (!(digits.length === 9 || (digits.length === 10 && digits.startsWith('04')))) return false;
	if (groups.length === 1) return true;
	// Written in groups, the first group is the zone or mobile prefix, and no later group is one digit.
	return groups[0].length >= 2 && groups[0].length <= 4 && groups.slice(1).every((g) => g.length >= 2);
}

/**
 * Phone numbers inside one run of digit groups. A run can hold more than a number ('0470 12 34 56 2
 * keer'), so pieces that start and end at a space are tried too, longest first.
 */
function phonesInRun(run: string): string[] {
	// Split into groups, remembering which boundaries are plain spaces (where a number may start or end).
	const parts = run.split(/([ \u00a0]?\(0\)[ \u00a0]?|[ \u00a0]?[./-][ \u00a0]?|[ \u00a0])/);
	const groups: string[] = [];
	const seps: string[] = [];
	for (let i = 0; i < parts.length; i++) (i % 2 ? seps : groups).push(parts[i]);
	const found: string[] = [];
	const cut = (i: number) => i === 0 || /^[ \u00a0]$/.test(seps[i - 1]);
	const end = (j: number) => j === groups.length - 1 || /^[ \u00a0]$/.test(seps[j]);
	let i = 0;
	while (i < groups.length) {
		let matched = -1;
		if (cut(i) && (groups[i].startsWith('+') || groups[i].startsWith('0'))) {
			for (let j = groups.length - 1; j >= i; j--) {
				if (!end(j)) continue;
				const text = groups.slice(i, j + 1).map((g, k) => (k === 0 ? g : seps[i + k - 1] + g)).join('');
				const plain = groups.slice(i, j + 1).map((g) => g.replace('+', ''));
				// '(0)' after a country code is a trunk hint, not a group of its own.
				if (isPhoneDigits(text.replace(/\(0\)/g, ''), plain)) {
					found.push(text);
					matched = j;
					break;
				}
			}
		}
		i = matched >= 0 ? matched + 1 : i + 1;
	}
	return found;
}

/** Everything in `text` that looks like a real person's email, phone or national number, in text order. */
export function realDataWarnings(text: string): RealDataWarning[] {
	if (!text) return [];
	const hits: { at: number; warning: RealDataWarning }[] = [];
	let rest = text;
	for (const m of text.matchAll(EMAIL)) {
		hits.push({ at: m.index, warning: { kind: 'email', match: m[0] } });
		rest = mask(rest, m.index, m[0].length);
	}
	for (const m of rest.matchAll(NATIONAL)) {
		if (!isNationalNumber(m[0].replace(/\D/g, ''))) continue;
		hits.push({ at: m.index, warning: { kind: 'national_number', match: m[0] } });
		rest = mask(rest, m.index, m[0].length);
	}
	for (const pattern of DATES_AND_TIMES) {
		for (const m of rest.matchAll(pattern)) rest = mask(rest, m.index, m[0].length);
	}
	for (const m of rest.matchAll(PHONE_RUN)) {
		let from = 0;
		for (const phone of phonesInRun(m[0])) {
			const offset = m[0].indexOf(phone, from);
			from = offset + phone.length;
			hits.push({ at: m.index + offset, warning: { kind: 'phone', match: text.slice(m.index + offset, m.index + from) } });
		}
	}
	hits.sort((a, b) => a.at - b.at);
	// One warning per distinct finding: the form names what to remove, not how often it occurs.
	const seen = new Set<string>();
	return hits
		.map((h) => h.warning)
		.filter((w) => {
			const key = `${w.kind}\u0000${w.match}`;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
}

/**
 * The same check over a whole form. List fields (barriers, needs) report the item's index, so the form
 * can point at the right input.
 */
export function realDataInForm(fields: Record<string, string | string[] | null | undefined>): RealDataFieldWarning[] {
	const out: RealDataFieldWarning[] = [];
	for (const [field, value] of Object.entries(fields)) {
		if (Array.isArray(value)) {
			value.forEach((item, index) => {
				for (const w of realDataWarnings(item ?? '')) out.push({ field, index, ...w });
			});
		} else if (typeof value === 'string') {
			for (const w of realDataWarnings(value)) out.push({ field, ...w });
		}
	}
	return out;
}
