/**
 * Flags postcards whose text suggests distress, so that a moderator handles them with care and the
 * writer is shown help lines right after sending. Dutch, French and English. Each entry is a small
 * pattern matched on whole words of the accent- and case-folded text: `*` at the end of a word
 * allows any ending (`mishandel*` finds mishandeld, mishandeling), and phrases need their words in
 * order. Words that merely start the same ('geweldig' = great) are listed as exceptions.
 * A flag is a prompt for a person, never a verdict.
 */
export const CARE_CATEGORIES = ['self_harm', 'violence', 'homelessness'] as const;
export type CareCategory = (typeof CARE_CATEGORIES)[number];

const WORDS: Record<CareCategory, string[]> = {
	self_harm: [
		// nl
		'zelfmoord*', 'suicid*', 'zelfdoding', 'mezelf van kant', 'niet meer leven', 'niet meer willen leven', 'dood willen',
		'wil dood', 'een einde aan mijn leven', 'zelfbeschadiging', 'mezelf pijn doen', 'snijd mezelf', 'mezelf snijden',
		// fr
		'me suicider', 'suicidaire*', 'en finir avec la vie', 'me tuer', 'mettre fin a mes jours', 'envie de mourir',
		'me faire du mal', 'me scarifie*',
		// en
		'kill myself', 'suicidal', 'end my life', 'want to die', 'self-harm*', 'self harm*', 'hurt myself', 'cut myself'
	],
	violence: [
		// nl
		'geweld', 'gewelddadig*', '*geweld', 'mishandel*', 'slaat mij', 'slaat me', 'sloeg mij', 'sloeg me', 'misbruik*',
		'verkracht*', 'bedreigd', 'bedreigt mij', 'bedreigt me', 'intrafamiliaal',
		// fr
		'violence*', 'violent*', 'me frappe', "m'a frappe*", 'me bat', 'maltrait*', 'abus sexuel*', 'viole', 'violee',
		'menace de mort', 'me menace',
		// en
		'abuse*', 'abusive', 'beats me', 'hits me', 'hit me', 'domestic violence', 'rape', 'raped', 'rapist', 'threatened me',
		'threatens me', 'assault*'
	],
	homelessness: [
		// nl
		'dakloos*', 'dakloze*', 'thuisloos*', 'thuisloze*', 'op straat gezet', 'op straat leven', 'op straat slapen',
		'op straat terecht', 'op straat wonen', 'geen dak boven', 'geen woning', 'geen huis meer', 'uit mijn huis gezet',
		'uithuiszetting*', 'slaap buiten', 'nachtopvang',
		// fr
		'sans abri*', 'sans-abri*', 'sdf', 'a la rue', 'vivre dans la rue', 'dors dans la rue', 'dormir dans la rue',
		'expulse', 'expulsee', 'expulsion*', 'sans logement', 'dors dehors', 'dormir dehors',
		// en
		'homeless*', 'living on the street*', 'sleeping on the street*', 'sleep on the street*', 'evicted', 'eviction*',
		'sleeping rough', 'sleep rough', 'sleep outside', 'no place to live'
	]
};

/** Ordinary words that begin like a care word. */
const EXCEPTIONS = ['geweldig', 'geweldige', 'geweldiger', 'geweldigste', 'geweldenaar'];

function fold(text: string): string {
	return text
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[’`]/g, "'");
}

function toPattern(entry: string): string {
	const body = fold(entry)
		.split(/\s+/)
		.map((word) => {
			const lead = word.startsWith('*') ? '\\p{L}*' : '';
			const trail = word.endsWith('*') ? '\\p{L}*' : '';
			const core = word.replace(/^\*|\*$/g, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			return lead + core + trail;
		})
		.join('\\s+');
	return `(?<![\\p{L}])${body}(?![\\p{L}])`;
}

const EXCEPTION_RE = new RegExp(`(?<![\\p{L}])(${EXCEPTIONS.join('|')})(?![\\p{L}])`, 'gu');
const PATTERNS: [CareCategory, RegExp][] = CARE_CATEGORIES.map((cat) => [
	cat,
	new RegExp(WORDS[cat].map(toPattern).join('|'), 'u')
]);

/** The care categories a text touches (empty: none). */
export function careCategories(text: string): CareCategory[] {
	const folded = fold(text).replace(EXCEPTION_RE, ' ');
	return PATTERNS.filter(([, re]) => re.test(folded)).map(([cat]) => cat);
}

/** Help lines shown to the writer, per category (Belgian numbers, free and anonymous). */
export const HELP_LINES: Record<CareCategory, { name: string; number: string; url: string }[]> = {
	self_harm: [
		{ name: 'Zelfmoordlijn', number: '1813', url: 'https://www.zelfmoord1813.be' },
		{ name: 'Tele-Onthaal', number: '106', url: 'https://www.tele-onthaal.be' }
	],
	violence: [{ name: '1712', number: '1712', url: 'https://www.1712.be' }],
	homelessness: [
		{ name: 'Tele-Onthaal', number: '106', url: 'https://www.tele-onthaal.be' },
		{ name: 'OCMW Brugge', number: '050 32 60 00', url: 'https://www.brugge.be/ocmw' }
	]
};
