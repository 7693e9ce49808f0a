/**
 * Personas are fictional. These checks spot text that looks like a real person's contact data or
 * national register number, so the persona form can warn before anything is saved. They only warn:
 * a facilitator may know better. They are tuned to stay quiet on ordinary persona text (years, dates,
 * ages, postcodes, amounts, times), because a warning that cries wolf gets ignored.
 */

export type RealDataKind = 'email' | 'phone' | 'national_number';
export type RealDataWarning = { kind: RealDataKind; match: string };
export type RealDataFieldWarning = RealDataWarning & { field: string; index?: number };

/**
 * An email address: local part, '@', domain with a dot and a top-level domain of two letters or more.
 * Found around each '@' (see `emails`), not by one unanchored pattern: a pattern that starts a match at
 * every letter of a long word retries the whole word each time (quadratic; 16,000 characters took seconds).
 */
const EMAIL_LOCAL = /[\p{L}\p{N}._%+-]/u;
const EMAIL_DOMAIN_CHAR = /[\p{L}\p{N}.-]/u;
const EMAIL_DOMAIN = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;

/** The email addresses in `text`, as the pattern local@domain would find them from left to right. */
function emails(text: string): { index: number; match: string }[] {
	const out: { index: number; match: string }[] = [];
	let from = 0; // a match never starts before the end of the previous one
	for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
		let start = at;
		while (start > from && EMAIL_LOCAL.test(charBefore(text, start))) start -= charBefore(text, start).length;
		if (start === at) continue;
		let end = at + 1;
		while (end < text.length && EMAIL_DOMAIN_CHAR.test(charAt(text, end))) end += charAt(text, end).length;
		const domain = EMAIL_DOMAIN.exec(text.slice(at + 1, end));
		if (!domain) continue;
		out.push({ index: start, match: text.slice(start, at + 1 + domain[0].length) });
		from = at + 1 + domain[0].length;
	}
	return out;
}

/** The character (a whole code point) at or before a position. */
function charAt(text: string, i: number): string {
	return String.fromCodePoint(text.codePointAt(i)!);
}
function charBefore(text: string, i: number): string {
	const low = text.charCodeAt(i - 1);
	if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
		const high = text.charCodeAt(i - 2);
		if (high >= 0xd800 && high <= 0xdbff) return text.slice(i - 2, i);
	}
	return text[i - 1];
}

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
const PHONE_RUN = /(?<![\p{L}\p{N}_+])\+?\d+(?:(?:[ \u00a0]?\(0\)[ \u00a0]?|[ \u00a0]?[./-][ \u00a0]?|[ \u00a0])\d+)*/gu;
/** What separates the digit groups of a run (captured, so that splitting keeps it). */
const GROUP_SEPARATOR = /([ \u00a0]?\(0\)[ \u00a0]?|[ \u00a0]?[./-][ \u00a0]?|[ \u00a0])/;

/** A run's digit groups and the separators between them. */
function splitRun(run: string): { groups: string[]; seps: string[] } {
	const parts = run.split(GROUP_SEPARATOR);
	const groups: string[] = [];
	const seps: string[] = [];
	for (let i = 0; i < parts.length; i++) (i % 2 ? seps : groups).push(parts[i]);
	return { groups, seps };
}
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * The runs of PHONE_RUN that are not glued to letters or digits after them. The pattern itself has no
 * such check at its end: with one, a long run followed by a letter is retried from each of its groups
 * (quadratic). A run glued to a letter loses its last group, as the check would have it.
 */
function phoneRuns(text: string): { index: number; run: string }[] {
	const out: { index: number; run: string }[] = [];
	for (const m of text.matchAll(PHONE_RUN)) {
		let run = m[0];
		const after = m.index + run.length;
		if (after < text.length && WORD_CHAR.test(charAt(text, after))) {
			const { groups, seps } = splitRun(run);
			if (groups.length < 2) continue;
			run = run.slice(0, run.length - groups[groups.length - 1].length - seps[seps.length - 1].length);
		}
		out.push({ index: m.index, run });
	}
	return out;
}

/** A phone number has at most 15 digits, 17 with a leading 00. */
const PHONE_MAX_DIGITS = 17;

/** The 11 digits of a national number pass the mod-97 check (born before or from 2000). */
export function isNationalNumber(digits: string): boolean {
	if (!/^\d{11}$/.test(digits)) return false;
	const base = Number(digits.slice(0, 9));
	const check = Number(digits.slice(9));
	return 97 - (base % 97) === check || 97 - ((2_000_000_000 + base) % 97) === check;
}

/**
 * Replace matches (in text order, not overlapping) with filler of the same length, so later patterns
 * neither see them nor join across them. One pass, whatever the number of matches.
 */
function maskAll(text: string, found: { index: number; match: string }[]): string {
	if (!found.length) return text;
	const out: string[] = [];
	let at = 0;
	for (const { index, match } of found) {
		out.push(text.slice(at, index), 'x'.repeat(match.length));
		at = index + match.length;
	}
	out.push(text.slice(at));
	return out.join('');
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
	const { groups, seps } = splitRun(run);
	const found: string[] = [];
	const cut = (i: number) => i === 0 || /^[ \u00a0]$/.test(seps[i - 1]);
	const end = (j: number) => j === groups.length - 1 || /^[ \u00a0]$/.test(seps[j]);
	let i = 0;
	while (i < groups.length) {
		let matched = -1;
		if (cut(i) && (groups[i].startsWith('+') || groups[i].startsWith('0'))) {
			// Longest first, but never longer than a phone number can be (this keeps long runs linear).
			const texts = [groups[i]];
			const plain = [groups[i].replace('+', '')];
			for (let digits = plain[0].length, j = i + 1; j < groups.length; j++) {
				const g = groups[j].replace('+', '');
				if ((digits += g.length) > PHONE_MAX_DIGITS) break;
				texts.push(texts[texts.length - 1] + seps[j - 1] + groups[j]);
				plain.push(g);
			}
			const digitsUpTo = plain.map(((sum) => (g: string) => (sum += g.length))(0));
			// Cheap checks first (the same isPhoneDigits makes): at least 8 digits; a national number written
			// in groups starts with a group of 2 to 4 digits.
			const national = !groups[i].startsWith('+') && !groups[i].startsWith('00');
			const grouped = !national || (groups[i].length >= 2 && groups[i].length <= 4);
			for (let j = i + texts.length - 1; j >= i; j--) {
				if (!end(j) || digitsUpTo[j - i] < 8 || (j > i && !grouped)) continue;
				const text = texts[j - i];
				// '(0)' after a country code is a trunk hint, not a group of its own.
				if (isPhoneDigits(text.replace(/\(0\)/g, ''), plain.slice(0, j - i + 1))) {
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
	const found = emails(text);
	for (const m of found) hits.push({ at: m.index, warning: { kind: 'email', match: m.match } });
	rest = maskAll(rest, found);
	const nationals = [...rest.matchAll(NATIONAL)]
		.filter((m) => isNationalNumber(m[0].replace(/\D/g, '')))
		.map((m) => ({ index: m.index, match: m[0] }));
	for (const m of nationals) hits.push({ at: m.index, warning: { kind: 'national_number', match: m.match } });
	rest = maskAll(rest, nationals);
	for (const pattern of DATES_AND_TIMES) rest = maskAll(rest, [...rest.matchAll(pattern)].map((m) => ({ index: m.index, match: m[0] })));
	for (const { index, run } of phoneRuns(rest)) {
		let from = 0;
		for (const phone of phonesInRun(run)) {
			const offset = run.indexOf(phone, from);
			from = offset + phone.length;
			hits.push({ at: index + offset, warning: { kind: 'phone', match: text.slice(index + offset, index + from) } });
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
