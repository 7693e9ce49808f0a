/**
 * The regional challenge (regio-uitdaging) in its fixed sentence form, as in the DAW+ persona
 * workshop: an intro naming the region and the target group from their strengths, the barriers, and one
 * to three 'Hoe kunnen we ...' (how might we) questions. People fill in the slots; this module writes
 * the sentences, so that every challenge reads the same way and nobody has to fight the grammar.
 */
import { trimEndWhere } from '$lib/text';

export const CHALLENGE_LOCALES = ['nl', 'fr', 'en', 'ar'] as const;
export type ChallengeLocale = (typeof CHALLENGE_LOCALES)[number];

export const MAX_QUESTIONS = 3;
export const MAX_SLOT = 600;
/** Above this a sentence gets a plain-language (klare taal) hint. */
export const MAX_SENTENCE_WORDS = 25;

export type ChallengeQuestion = { support: string; effect: string };
export type ChallengeParts = {
	region: string;
	targetGroup: string;
	barriers: string;
	questions: ChallengeQuestion[];
};
export type ComposedChallenge = { intro: string; barriers: string; questions: string[]; text: string };
export type ChallengeProblem =
	| 'region_missing'
	| 'target_group_missing'
	| 'question_missing'
	| 'too_many_questions'
	| 'support_missing'
	| 'too_long';
export type PlainLanguageHint = { kind: 'long_sentence'; words: number; sentence: string };

type Template = {
	/** Slots: {region}, {targetGroup}. */
	intro: string;
	/** Slots: {support}, {effect}. */
	question: string;
	/** The question when there is no effect. */
	questionShort: string;
};

/** Dutch is the source (the DAW+ addendum); the others say the same, not word for word. */
export const CHALLENGE_TEMPLATES: Record<ChallengeLocale, Template> = {
	nl: {
		intro:
			'In de regio {region} zijn er heel wat {targetGroup} met drive en/of capaciteiten tot zelfontplooiing, al dan niet i.f.v. werk.',
		question: 'Hoe kunnen we {support}, zodat {effect}?',
		questionShort: 'Hoe kunnen we {support}?'
	},
	fr: {
		intro:
			"Dans la région {region}, beaucoup de {targetGroup} ont la motivation et/ou les capacités nécessaires pour s'épanouir, en vue d'un emploi ou non.",
		question: 'Comment pouvons-nous {support}, afin que {effect}\u00a0?',
		questionShort: 'Comment pouvons-nous {support}\u00a0?'
	},
	en: {
		intro:
			'In the {region} region, there are many {targetGroup} with the drive and/or the ability to develop themselves, whether or not with a view to work.',
		question: 'How might we {support}, so that {effect}?',
		questionShort: 'How might we {support}?'
	},
	ar: {
		intro:
			'في منطقة {region}، هناك الكثير من {targetGroup} ممّن لديهم الدافع و/أو القدرات لتطوير ذواتهم، سواء بهدف العمل أم لا.',
		question: 'كيف يمكننا {support}، بحيث {effect}؟',
		questionShort: 'كيف يمكننا {support}؟'
	}
};

/** What people type themselves although the template already says it: the question's lead and the 'so that'. */
const LEAD: Record<ChallengeLocale, RegExp> = {
	nl: /^hoe\s+kunnen\s+(?:we|wij)(?![\p{L}])\s*/iu,
	fr: /^comment\s+(?:pouvons|pourrions|pourrons)[-\s]nous(?![\p{L}])\s*/iu,
	en: /^how\s+(?:might|can|could|should|do|will)\s+we(?![\p{L}])\s*/iu,
	ar: /^كيف\s+(?:يمكننا|يمكن\s+لنا|نستطيع)\s*/u
};
/** Each ends at a word's end itself: the French one can end in an apostrophe ('afin qu'ils'). */
const SO_THAT: Record<ChallengeLocale, string> = {
	nl: 'zodat(?![\\p{L}])',
	fr: "(?:afin|pour)\\s+qu(?:e(?![\\p{L}])|['’])",
	en: 'so\\s+that(?![\\p{L}])',
	ar: '(?:بحيث|لكي)(?![\\p{L}])'
};
const SO_THAT_LEAD = mapLocales((l) => new RegExp(`^[,،\\s]*${SO_THAT[l]}\\s*`, 'iu'));
// The runs of commas and spaces are matched from their first character only (the lookbehinds): started
// anywhere inside a long run, the patterns would retry the whole run from each of its characters.
const SO_THAT_TAIL = mapLocales((l) => new RegExp(`(?<![,،\\s])[,،\\s]+${SO_THAT[l]}$`, 'iu'));
/** Where a typed question splits into support and effect: the first 'zodat', with or without comma. */
const SO_THAT_SPLIT = mapLocales((l) => new RegExp(`(?:[,،]|(?<![,،\\s]))\\s+${SO_THAT[l]}\\s*`, 'iu'));

/** Shown in the preview for a slot still empty, so the gap is visible rather than a double space. */
const GAP = '…';
/** One character people end a slot with (stripped from the end by trimEndWhere, never by a /…+$/ pattern). */
const TRAILING = /^[\s.,;:!?…؟،؛]$/u;

function mapLocales<T>(f: (l: ChallengeLocale) => T): Record<ChallengeLocale, T> {
	return Object.fromEntries(CHALLENGE_LOCALES.map((l) => [l, f(l)])) as Record<ChallengeLocale, T>;
}

export function isChallengeLocale(value: unknown): value is ChallengeLocale {
	return typeof value === 'string' && (CHALLENGE_LOCALES as readonly string[]).includes(value);
}

function asLocale(locale: string): ChallengeLocale {
	return isChallengeLocale(locale) ? locale : 'nl';
}

/** Trimmed, without the punctuation people end a slot with (the template adds its own). */
function bare(value: string | null | undefined): string {
	return trimEndWhere((value ?? '').trim(), TRAILING);
}

/** 'Hen' → 'hen' mid-sentence; 'OCMW' stays as it is. */
function lowerFirst(value: string): string {
	const word = value.match(/^\p{L}+/u)?.[0] ?? '';
	if ((word.match(/\p{Lu}/gu) ?? []).length > 1) return value;
	return value.charAt(0).toLocaleLowerCase() + value.slice(1);
}

/** Capitalise the first letter, also behind an opening bracket: '(vervoers)armoede' → '(Vervoers)armoede'. */
function upperFirst(value: string): string {
	return value.replace(/\p{L}/u, (c) => c.toLocaleUpperCase());
}

function cleanSupport(value: string, locale: ChallengeLocale): string {
	let s = bare(value).replace(LEAD[locale], '');
	s = bare(s.replace(SO_THAT_TAIL[locale], ''));
	return lowerFirst(s);
}

function cleanEffect(value: string, locale: ChallengeLocale): string {
	return lowerFirst(bare(bare(value).replace(SO_THAT_LEAD[locale], '')));
}

/** French drops the vowel of 'de' and 'que' before a vowel: 'beaucoup d'adultes', 'afin qu'ils'. */
function fill(template: string, values: Record<string, string>, locale: ChallengeLocale): string {
	return template.replace(/(\b(?:de|que) )?\{(\w+)\}/g, (_, before: string | undefined, key: string) => {
		const value = values[key] ?? '';
		if (before && locale === 'fr' && /^[aeiouyàâäéèêëîïôöûüœæ]/iu.test(value)) return `${before.trim().slice(0, -1)}'${value}`;
		return (before ?? '') + value;
	});
}

/** The question sentences from their slots; questions without a support are left out. */
function questionSentences(questions: ChallengeQuestion[], locale: ChallengeLocale): string[] {
	const t = CHALLENGE_TEMPLATES[locale];
	return questions.flatMap((q) => {
		const support = cleanSupport(q.support, locale);
		if (!support) return [];
		const effect = cleanEffect(q.effect, locale);
		return [fill(effect ? t.question : t.questionShort, { support, effect }, locale)];
	});
}

/** The challenge written out: the intro, the barriers as one sentence, each question, and all together. */
export function composeChallenge(parts: ChallengeParts, locale: string = 'nl'): ComposedChallenge {
	const l = asLocale(locale);
	const intro = fill(
		CHALLENGE_TEMPLATES[l].intro,
		{ region: bare(parts.region) || GAP, targetGroup: bare(parts.targetGroup) || GAP },
		l
	);
	const b = bare(parts.barriers);
	const barriers = b ? `${upperFirst(b)}.` : '';
	const questions = questionSentences(parts.questions ?? [], l);
	return { intro, barriers, questions, text: [intro, barriers, ...questions].filter(Boolean).join(' ') };
}

/** What still stands in the way of a complete challenge, in a fixed order (for the form's messages). */
export function challengeProblems(parts: ChallengeParts, locale: string = 'nl'): ChallengeProblem[] {
	const l = asLocale(locale);
	const problems: ChallengeProblem[] = [];
	const questions = (parts.questions ?? []).filter((q) => (q.support ?? '').trim() || (q.effect ?? '').trim());
	if (!(parts.region ?? '').trim()) problems.push('region_missing');
	if (!(parts.targetGroup ?? '').trim()) problems.push('target_group_missing');
	// A support of only 'Hoe kunnen we' says nothing yet.
	const hasSupport = (q: ChallengeQuestion) => cleanSupport(q.support ?? '', l) !== '';
	if (!questions.some(hasSupport)) problems.push('question_missing');
	if (questions.length > MAX_QUESTIONS) problems.push('too_many_questions');
	if (questions.some((q) => !hasSupport(q) && (q.effect ?? '').trim())) problems.push('support_missing');
	const slots = [parts.region, parts.targetGroup, parts.barriers, ...questions.flatMap((q) => [q.support, q.effect])];
	if (slots.some((s) => (s ?? '').trim().length > MAX_SLOT)) problems.push('too_long');
	return problems;
}

/**
 * An existing question back into its slots: 'Hoe kunnen we X, zodat Y?' → { support: X, effect: Y }.
 * Other Dutch leads keep their verb in the support ('Hoe werken we aan X' → 'werken aan X'), so the
 * question reads 'Hoe kunnen we werken aan X' once composed. Text without a lead is all support.
 */
export function parseQuestion(text: string, locale: string = 'nl'): ChallengeQuestion {
	const l = asLocale(locale);
	let s = bare(text);
	if (LEAD[l].test(s)) s = s.replace(LEAD[l], '');
	else if (l === 'nl') s = s.replace(/^hoe\s+(\p{L}+)\s+(?:we|wij)\s+/iu, '$1 ');
	const split = s.match(SO_THAT_SPLIT[l]);
	if (!split || split.index === undefined) return { support: lowerFirst(bare(s)), effect: '' };
	return {
		support: lowerFirst(bare(s.slice(0, split.index))),
		effect: bare(s.slice(split.index + split[0].length))
	};
}

/** Sentences, split at a full stop, question or exclamation mark followed by a new sentence. */
function sentences(text: string, locale: ChallengeLocale): string[] {
	// Latin scripts: only before a capital, so 'i.f.v. werk' and '€ 1.250' stay one sentence. Arabic has no capitals.
	const boundary =
		// (?<!\s)(?=\s) first: the look back over closing quotes runs only where a space starts, once per run.
		locale === 'ar' ? /(?<=[.!?؟…])\s+/u : /(?<!\s)(?=\s)(?<=[.!?…]["'»”’)]*)\s+(?=["'«“‘(]*[\p{Lu}])/u;
	return text
		.split(boundary)
		.map((s) => s.trim())
		.filter(Boolean);
}

function wordCount(sentence: string): number {
	return sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Klare taal: a hint for each sentence longer than MAX_SENTENCE_WORDS words. */
export function plainLanguageHints(text: string, locale: string = 'nl'): PlainLanguageHint[] {
	return sentences(text ?? '', asLocale(locale)).flatMap((sentence) => {
		const words = wordCount(sentence);
		return words > MAX_SENTENCE_WORDS ? [{ kind: 'long_sentence' as const, words, sentence }] : [];
	});
}
