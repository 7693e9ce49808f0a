/**
 * Offline text similarity for short notes in Dutch (main), French and English: a language guess,
 * normalisation, stop words, light stemmers, Dutch compound splitting against the collection's own
 * vocabulary, concept features from a small hand-written lexicon of the domain (lexicon.ts), TF-IDF
 * vectors and cosine similarity. Pure functions, no network, no model: the basis of suggested
 * clusters and suggested plan tags (suggestions.ts), which a person then accepts or not.
 */

import { CONCEPTS } from './lexicon';

export type Language = 'nl' | 'fr' | 'en';

/** A sparse vector: term → weight. Vectors made by {@link TfIdf} have length 1 (or are empty). */
export type SparseVector = Map<string, number>;

/** A word as written (lower case, accents kept: for showing) and the term it counts as (for matching). */
export type Token = { surface: string; term: string };

/** Terms of a document: a list (each occurrence counts 1) or counts with weights. */
export type Terms = readonly string[] | ReadonlyMap<string, number>;

/** Lower case without diacritics: how words are compared. */
function normalize(text: string): string {
	return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

const words = (list: string): Set<string> => new Set(normalize(list).split(/\s+/).filter(Boolean));

const STOP_WORDS: Record<Language, Set<string>> = {
	nl: words(`
		de het een en of maar want dus omdat als dan toen terwijl zodat dat die dit deze daar hier er
		ik je jij u wij we ze zij hij hem haar hun hen mij me mijn jouw uw ons onze jullie men zich zelf
		is ben bent zijn was waren wordt worden werd geworden geweest wezen heb hebt heeft hebben had hadden
		kan kun kunt kunnen kon konden zal zullen zou zouden moet moeten moest mag mogen mocht wil wilt
		willen wou doen doet deed gedaan gaan gaat ging komen komt kwam laten laat
		van in op aan bij met voor na naar uit door over onder tegen tussen rond per via sinds tijdens
		tot te om toe mee af heen zonder der des ten ter
		ook heel veel erg echt wel niet geen nog al alle alles allemaal iedereen iemand niemand iets niets
		niks elk elke ieder iedere ander andere anders meer minder weinig zo zoals zeer best even eens
		toch gewoon soms vaak altijd nooit weer nu ja nee enkel bijna zeker misschien graag
		wat wie welk welke waar waarom hoe wanneer daarom daarbij waarbij hierbij enz etc bv vb
		krijg krijgt krijgen kreeg maak maakt maken gemaakt zie ziet zien zag gezien sta staat staan
		stond zit zitten zat lig ligt liggen blijf blijft blijven weet weten wist denk denken dacht
		zeg zegt zeggen zei neem neemt nemen geef geeft geven hou houdt houden vind vindt vinden gevonden
		lukt lukken lukte help helpt helpen kom moeten eigenlijk vooral steeds telkens genoeg
		goed goede slecht slechte groot grote klein kleine lang lange nieuw nieuwe mens mensen
		jaar jaren maand maanden week weken dag dagen uur uren keer keren
	`),
	fr: words(`
		le la les un une des du de au aux et ou mais donc car ni que qui quoi quand comment pourquoi où
		ce cet cette ces ça cela ceci il elle ils elles on je me moi tu te toi nous vous se lui leur leurs
		son sa ses mon ma mes ton ta tes notre nos votre vos en ne pas plus moins très trop peu beaucoup
		aussi encore déjà toujours jamais souvent parfois tout tous toute toutes chaque autre autres même
		est sont était étaient être été suis es sommes êtes ai as avons avez ont avait avoir eu fait faire
		peut peuvent pouvoir doit doivent devoir faut veut veulent vouloir va vont aller
		dans sur sous pour par avec sans chez entre vers depuis pendant avant après contre comme
		si alors bien non oui rien personne quelqu quelque quelques aucun aucune ici là
	`),
	en: words(`
		the a an and or but so because if then than when while that this these those there here
		i me my mine you your yours we us our ours he him his she her hers it its they them their theirs
		myself yourself itself themselves who whom whose which what where why how
		is am are was were be been being have has had having do does did doing done will would shall
		should can could may might must get gets got let
		of in on at by for with without from to into onto over under about after before between through
		during against since until up down out off via per
		also very much many more most less few lot lots too not no nor only just even still already
		always never often sometimes again now yes all any each every other others some such same own
		anyone everyone someone nobody nothing something everything really quite
	`)
};

/** The language whose stop words a text uses most (a word in several lists counts for each); Dutch when in doubt. */
export function guessLanguage(text: string): Language {
	const hits: Record<Language, number> = { nl: 0, fr: 0, en: 0 };
	for (const word of normalize(text).split(/[^\p{L}]+/u)) {
		for (const language of ['nl', 'fr', 'en'] as const) if (STOP_WORDS[language].has(word)) hits[language]++;
	}
	// Ties go to Dutch, the main language, then French.
	if (hits.fr > hits.nl && hits.fr >= hits.en) return 'fr';
	if (hits.en > hits.nl && hits.en > hits.fr) return 'en';
	return 'nl';
}

const VOWELS = new Set('aeiouy');
const isVowel = (c: string | undefined) => c !== undefined && VOWELS.has(c);

/** 'bakk' → 'bak': a doubled final consonant is written single at the end of a Dutch or English stem. */
function undoubleConsonant(s: string): string {
	const last = s[s.length - 1];
	return s.length > 2 && last === s[s.length - 2] && !isVowel(last) ? s.slice(0, -1) : s;
}

/** Dutch forms the suffix rules cannot reach: irregular plurals and the nominalised comparatives (ouderen: the elderly, not ouders: parents). */
const DUTCH_IRREGULAR: Record<string, string> = {
	kinderen: 'kind',
	kinder: 'kind',
	steden: 'stad',
	leden: 'lid',
	schepen: 'schip',
	eieren: 'ei',
	liederen: 'lied',
	bladeren: 'blad',
	volkeren: 'volk',
	ouderen: 'oud',
	oudere: 'oud',
	oude: 'oud',
	jongeren: 'jong',
	jongere: 'jong',
	jonge: 'jong'
};

const IRREGULAR_PLURAL = /(?:kinderen|steden|schepen|eieren|liederen|bladeren|volkeren)$/;

/** Strips -je, -tje, -pje, -etje and their plurals: 'huisje', 'stoeltjes', 'boompje', 'mannetje'. */
function dutchDiminutive(s: string): string {
	let m = /^(.{3,}?)([^aeiou])\2etjes?$/.exec(s);
	if (m) return m[1] + m[2];
	m = /^(.{2,}m)pjes?$/.exec(s);
	if (m) return m[1];
	m = /^(.{3,}[lw])tjes?$/.exec(s);
	if (m) return m[1];
	m = /^(.{3,})jes?$/.exec(s);
	return m ? m[1] : s;
}

/**
 * A light Dutch stemmer after Snowball-Dutch and Kraaij-Pohlmann: diminutives, plural and inflection
 * (-en, -s after -el/-em/-en/-er/-e/-ie, -e), -heid, then one of -ing, -lijk, -baar, -ig,
 * then f/s for a final v/z (brieven → brief) and a single vowel in a closed last syllable (huur,
 * huren → hur), so that singular, plural and diminutive meet.
 */
function stemDutch(word: string): string {
	const irregular = DUTCH_IRREGULAR[word];
	if (irregular) return irregular;
	// In a compound too: 'kleinkinderen', 'hoofdsteden'.
	const plural = IRREGULAR_PLURAL.exec(word);
	if (plural) return word.slice(0, plural.index) + DUTCH_IRREGULAR[plural[0]];
	if (word.length <= 3) return word;
	let s = dutchDiminutive(word);
	const stemOk = (n: number) => s.length - n >= 3;
	if (s.endsWith('heden') && stemOk(5)) s = s.slice(0, -5) + 'heid';
	else if (s.endsWith('en') && stemOk(2) && !isVowel(s[s.length - 3])) s = undoubleConsonant(s.slice(0, -2));
	else {
		if (/(?:e[lmnr]|[^aeiou]e|ie)s$/.test(s) && stemOk(1)) s = s.slice(0, -1);
		if (s.endsWith('e') && stemOk(1) && !isVowel(s[s.length - 2])) s = undoubleConsonant(s.slice(0, -1));
	}
	if (s.endsWith('heid') && stemOk(4)) s = s.slice(0, -4);
	if (s.endsWith('ing') && stemOk(3)) s = undoubleConsonant(s.slice(0, -3));
	else if (s.endsWith('lijk') && stemOk(4)) s = undoubleConsonant(s.slice(0, -4).replace(/(?<=[^aeiou])e$/, ''));
	else if (/ba(a)?r$/.test(s) && stemOk(s.endsWith('baar') ? 4 : 3)) s = s.replace(/ba(a)?r$/, '');
	else if (/[^e]ig$/.test(s) && stemOk(2)) s = undoubleConsonant(s.slice(0, -2));
	if (s.endsWith('v')) s = s.slice(0, -1) + 'f';
	else if (s.endsWith('z')) s = s.slice(0, -1) + 's';
	return s.replace(/(?<=^|[^aeiou])([aeou])\1(?=[^aeiouy]$)/, '$1');
}

/** A light French stemmer (after Savoy): plural -s/-x, -aux, then one suffix (-ement, -ation, -ité, -euse, -ive, -elle, -ienne, -ée, -er, -e). */
function stemFrench(word: string): string {
	if (word.length <= 3) return word;
	let s = word;
	if (s.endsWith('aux')) s = s.slice(0, -3) + 'al';
	else if (/[^su]s$|x$/.test(s)) s = s.slice(0, -1);
	const rules: [RegExp, string][] = [
		[/issements?$/, ''],
		[/ements?$/, ''],
		[/ations?$/, ''],
		[/atrices?$/, ''],
		[/ateurs?$/, ''],
		[/ites?$/, ''],
		[/euses?$/, 'eu'],
		[/ives?$/, 'if'],
		[/elles?$/, 'el'],
		[/iennes?$/, 'ien'],
		[/ees?$/, ''],
		[/er$/, ''],
		[/e$/, '']
	];
	for (const [suffix, replacement] of rules) {
		const m = suffix.exec(s);
		if (m && m.index >= 3) return s.slice(0, m.index) + replacement;
	}
	return s;
}

/** A Porter-lite English stemmer: plurals, -ing/-ed, a few derivational suffixes, a final -e. */
function stemEnglish(word: string): string {
	if (word.length <= 3) return word;
	let s = word;
	if (s.endsWith('sses')) s = s.slice(0, -2);
	else if (/(?:[sxz]|[cs]h)es$/.test(s)) s = s.slice(0, -2);
	else if (s.endsWith('ies') && s.length > 4) s = s.slice(0, -3) + 'y';
	else if (/[^su]s$/.test(s)) s = s.slice(0, -1);
	// -ing/-ed after a stem with a vowel (by hand: /^(.*[aeiouy].*?)(ing|ed)$/ is quadratic on long words).
	const stem = s.endsWith('ing') ? s.slice(0, -3) : s.endsWith('ed') ? s.slice(0, -2) : null;
	if (stem !== null && /[aeiouy]/.test(stem) && stem.length >= 3) s = /([^aeiouylsz])\1$/.test(stem) ? stem.slice(0, -1) : stem;
	const rules: [RegExp, string][] = [
		[/ational$/, 'ate'],
		[/ization$/, 'ize'],
		[/ation$/, 'ate'],
		[/fulness$|ousness$|iveness$/, ''],
		[/ness$/, ''],
		[/ment$/, ''],
		[/ful$/, ''],
		[/ly$/, '']
	];
	for (const [suffix, replacement] of rules) {
		const r = suffix.exec(s);
		if (r && r.index >= 4) {
			s = s.slice(0, r.index) + replacement;
			break;
		}
	}
	if (s.endsWith('y') && s.length > 3 && /[aeiou]/.test(s.slice(0, -1))) s = s.slice(0, -1) + 'i';
	if (s.endsWith('e') && s.length > 4) s = s.slice(0, -1);
	return s;
}

const STEMMERS: Record<Language, (word: string) => string> = { nl: stemDutch, fr: stemFrench, en: stemEnglish };

/** Stems already found, per language: words repeat a lot. Emptied when full, so it stays small. */
const stems: Record<Language, Map<string, string>> = { nl: new Map(), fr: new Map(), en: new Map() };
const MAX_CACHED_WORDS = 50_000;

/** The stem of one normalised word (lower case, no diacritics). */
export function stem(word: string, language: Language): string {
	const cache = stems[language];
	let found = cache.get(word);
	if (found === undefined) {
		found = STEMMERS[language](word);
		if (cache.size >= MAX_CACHED_WORDS) cache.clear();
		cache.set(word, found);
	}
	return found;
}

/** Words of a text without stop words, each with its stem; the language is guessed when not given. */
export function tokenize(text: string, language: Language = guessLanguage(text)): Token[] {
	const stops = STOP_WORDS[language];
	const out: Token[] = [];
	for (const surface of text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{M}]+/u)) {
		const word = normalize(surface);
		if (word.length < 2 || stops.has(word)) continue;
		out.push({ surface, term: stem(word, language) });
	}
	return out;
}

/** The terms of a text, for {@link TfIdf}: stemmed words without stop words. */
export function analyze(text: string, language?: Language): string[] {
	return tokenize(text, language).map((t) => t.term);
}

/** Concept features are their concept's name after this prefix: no word starts with it. */
export const CONCEPT_PREFIX = '#';

/**
 * Weight of a concept feature beside a word (each word of the concept adds this much to the concept's
 * count). Above 1 because a concept is what short notes on one topic share when their words differ;
 * idf still lowers a concept that half the notes have. Chosen on the labelled notes.
 */
export const CONCEPT_WEIGHT = 2;
/** A compound's modifier says less about it than its head: 'huurprijs' is a price first, about housing second. */
const MODIFIER_WEIGHT = 0.5;
/** Least letters of a compound's head or modifier looked up in the lexicon, and of the rest of the word. */
const MIN_CONCEPT_PART = 4;
const MIN_REST = 3;

let conceptIndex: Record<Language, Map<string, string[]>> | null = null;
const conceptMemo: Record<Language, Map<string, [string, number][]>> = { nl: new Map(), fr: new Map(), en: new Map() };

/** Lexicon stems → concepts, per language, built on first use. */
function conceptsByStem(language: Language): Map<string, string[]> {
	if (!conceptIndex) {
		const index: Record<Language, Map<string, string[]>> = { nl: new Map(), fr: new Map(), en: new Map() };
		for (const [concept, byLanguage] of Object.entries(CONCEPTS)) {
			for (const lang of ['nl', 'fr', 'en'] as const) {
				for (const word of words(byLanguage[lang] ?? '')) {
					const key = stem(word, lang);
					const list = index[lang].get(key) ?? [];
					if (!list.includes(concept)) list.push(concept);
					index[lang].set(key, list);
				}
			}
		}
		conceptIndex = index;
	}
	return conceptIndex[language];
}

/**
 * The concepts of a term (a stem, as {@link analyze} gives it) with their weights: the term's own
 * concepts (1); else, for a Dutch compound, those of its head, the longest known end (1), and those of
 * its modifier, the longest known start (lighter). Unknown terms have none.
 */
export function conceptsOf(term: string, language: Language): [string, number][] {
	const memo = conceptMemo[language];
	let found = memo.get(term);
	if (found !== undefined) return found;
	const index = conceptsByStem(language);
	const exact = index.get(term);
	if (exact) found = exact.map((c): [string, number] => [c, 1]);
	else if (language !== 'nl') found = [];
	else {
		const out = new Map<string, number>();
		for (let at = MIN_REST; at <= term.length - MIN_CONCEPT_PART; at++) {
			const head = index.get(term.slice(at));
			if (head) {
				for (const c of head) out.set(c, 1);
				break;
			}
		}
		for (let at = term.length - MIN_REST; at >= MIN_CONCEPT_PART; at--) {
			const raw = term.slice(0, at);
			const modifier = [raw, stemDutch(raw), raw.replace(/(?:s|e|en)$/, '')].find((c) => c.length >= MIN_CONCEPT_PART - 1 && index.has(c));
			if (modifier) {
				for (const c of index.get(modifier)!) if (!out.has(c)) out.set(c, MODIFIER_WEIGHT);
				break;
			}
		}
		found = [...out];
	}
	if (memo.size >= MAX_CACHED_WORDS) memo.clear();
	memo.set(term, found);
	return found;
}

/**
 * What a text is compared by: its terms (as {@link analyze}, each occurrence 1) and, beside them, the
 * concepts of those terms ({@link CONCEPT_PREFIX} + name, weighted by `conceptWeight`), as counts for
 * {@link TfIdf}; with the tokens, for showing words as written.
 */
export function features(
	text: string,
	language: Language = guessLanguage(text),
	conceptWeight = CONCEPT_WEIGHT
): { tokens: Token[]; features: Map<string, number> } {
	const tokens = tokenize(text, language);
	const out = new Map<string, number>();
	for (const { term } of tokens) {
		out.set(term, (out.get(term) ?? 0) + 1);
		if (conceptWeight <= 0) continue;
		for (const [concept, weight] of conceptsOf(term, language)) {
			const key = CONCEPT_PREFIX + concept;
			out.set(key, (out.get(key) ?? 0) + weight * conceptWeight);
		}
	}
	return { tokens, features: out };
}

/** Least letters of each part of a compound. */
const MIN_PART = 4;
/** Smallest collection in which {@link TfIdf}'s `maxDf` applies: in a handful of notes every share is large. */
export const MIN_DOCUMENTS_FOR_MAX_DF = 20;

function countsOf(terms: Terms): Map<string, number> {
	if (!Array.isArray(terms)) return new Map(terms as ReadonlyMap<string, number>);
	const counts = new Map<string, number>();
	for (const t of terms as readonly string[]) counts.set(t, (counts.get(t) ?? 0) + 1);
	return counts;
}

/**
 * TF-IDF over a collection of documents: sublinear term frequency, smoothed idf
 * (ln((1 + N) / (1 + df)) + 1), L2-normalised sparse vectors. A Dutch compound ('schoolkosten',
 * 'huurprijs') also counts as its two parts when one of them occurs on its own somewhere in the
 * collection: so 'huurprijs' meets 'huur' and 'schoolfactuur' meets 'schoolreis' without a dictionary.
 */
export class TfIdf {
	/** Number of documents fitted. */
	readonly size: number;
	private readonly df = new Map<string, number>();
	private readonly vocabulary: Set<string>;
	private readonly splits = new Map<string, [string, string] | null>();

	private readonly maxDf: number;

	/**
	 * `maxDf`: a term in more than this share of the documents (of a collection of at least
	 * {@link MIN_DOCUMENTS_FOR_MAX_DF}) weighs nothing: it says what the whole collection is about, not
	 * which of its documents belong together (default 1: none is dropped).
	 */
	constructor(documents: readonly Terms[], options: { maxDf?: number } = {}) {
		this.maxDf = options.maxDf ?? 1;
		const counted = documents.map(countsOf);
		this.vocabulary = new Set(counted.flatMap((c) => [...c.keys()]));
		this.size = documents.length;
		for (const counts of counted) for (const term of this.expand(counts).keys()) this.df.set(term, (this.df.get(term) ?? 0) + 1);
	}

	/** Smoothed inverse document frequency; terms the collection never saw get the highest value, terms above `maxDf` 0. */
	idf(term: string): number {
		const df = this.df.get(term) ?? 0;
		if (this.size >= MIN_DOCUMENTS_FOR_MAX_DF && df > this.maxDf * this.size) return 0;
		return Math.log((1 + this.size) / (1 + df)) + 1;
	}

	/** The L2-normalised TF-IDF vector of a document; terms unknown to the collection are left out. */
	vector(terms: Terms): SparseVector {
		const v: SparseVector = new Map();
		let norm = 0;
		for (const [term, count] of this.expand(countsOf(terms))) {
			if (!this.df.has(term) || count <= 0) continue;
			const w = Math.log1p(count) * this.idf(term);
			if (w <= 0) continue;
			v.set(term, w);
			norm += w * w;
		}
		norm = Math.sqrt(norm);
		if (norm === 0) return v;
		for (const [term, w] of v) v.set(term, w / norm);
		return v;
	}

	private expand(counts: Map<string, number>): Map<string, number> {
		for (const [term, count] of [...counts]) {
			if (term.startsWith(CONCEPT_PREFIX)) continue;
			const parts = this.split(term);
			if (!parts) continue;
			for (const part of parts) counts.set(part, (counts.get(part) ?? 0) + count);
		}
		return counts;
	}

	/**
	 * Splits a compound in two parts of at least four letters where one of them is a known word (the
	 * modifier as it is, stemmed, or without a linking s/e/en; or the head). Both parts known beats one;
	 * then the longer known part.
	 */
	private split(term: string): [string, string] | null {
		let cached = this.splits.get(term);
		if (cached !== undefined) return cached;
		cached = null;
		let best = 0;
		for (let at = MIN_PART; at <= term.length - MIN_PART; at++) {
			const head = term.slice(at);
			const raw = term.slice(0, at);
			// 'onderzoek', 'overleg': a particle in front makes a verb, not a compound.
			if (STOP_WORDS.nl.has(raw)) continue;
			const modifier = [raw, stemDutch(raw), raw.replace(/(?:s|e|en)$/, '')].find((c) => c.length >= 3 && this.vocabulary.has(c));
			const headKnown = this.vocabulary.has(head);
			if (!modifier && !headKnown) continue;
			const score = (modifier ? 2 : 0) + (headKnown ? 2 : 0) + Math.max(modifier?.length ?? 0, headKnown ? head.length : 0) / 100;
			if (score > best) {
				best = score;
				cached = [modifier ?? raw, head];
			}
		}
		// A long-lived model (the plan reference) sees ever new words in queries: keep the memo bounded.
		if (this.splits.size < MAX_CACHED_WORDS) this.splits.set(term, cached);
		return cached;
	}
}

/** TF-IDF vectors of texts (their words and concepts: {@link features}), fitted on those same texts. */
export function buildVectors(texts: readonly string[]): SparseVector[] {
	const documents = texts.map((t) => features(t).features);
	const model = new TfIdf(documents);
	return documents.map((d) => model.vector(d));
}

/** Cosine similarity of two sparse vectors (0 when either is empty). */
export function cosine(a: SparseVector, b: SparseVector): number {
	const [small, large] = a.size <= b.size ? [a, b] : [b, a];
	let dot = 0;
	for (const [term, w] of small) {
		const other = large.get(term);
		if (other !== undefined) dot += w * other;
	}
	if (dot === 0) return 0;
	let na = 0;
	let nb = 0;
	for (const w of a.values()) na += w * w;
	for (const w of b.values()) nb += w * w;
	return dot / Math.sqrt(na * nb);
}
