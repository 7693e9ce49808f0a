/**
 * Flags postcards whose text suggests distress, so that a moderator handles them with care and the
 * writer is shown help lines right after sending. Word lists in Dutch, French and English; matching
 * is on word starts, accent- and case-insensitive. A flag is a prompt for a person, never a verdict.
 */
export const CARE_CATEGORIES = ['self_harm', 'violence', 'homelessness'] as const;
export type CareCategory = (typeof CARE_CATEGORIES)[number];

const WORDS: Record<CareCategory, string[]> = {
	self_harm: [
		// nl
		'zelfmoord', 'suicide', 'suïcide', 'zelfdoding', 'mezelf van kant', 'niet meer leven', 'dood willen', 'wil dood',
		'een einde aan mijn leven', 'zelfbeschadiging', 'mezelf pijn', 'snijd mezelf',
		// fr
		'me suicider', 'suicidaire', 'en finir', 'me tuer', 'mettre fin a mes jours', 'envie de mourir', 'me faire du mal',
		// en
		'kill myself', 'suicidal', 'end my life', 'want to die', 'self-harm', 'self harm', 'hurt myself', 'cut myself'
	],
	violence: [
		// nl
		'geweld', 'mishandel', 'slaat mij', 'slaat me', 'sloeg mij', 'sloeg me', 'misbruik', 'verkracht', 'bedreigd', 'bedreigt mij',
		'partnergeweld', 'intrafamiliaal',
		// fr
		'violence', 'violent', 'me frappe', 'm\'a frappe', 'maltrait', 'abus sexuel', 'viole', 'menace',
		// en
		'abuse', 'abusive', 'beats me', 'hits me', 'hit me', 'domestic violence', 'rape', 'threatened', 'assault'
	],
	homelessness: [
		// nl
		'dakloos', 'thuisloos', 'op straat', 'geen dak', 'geen woning', 'geen huis meer', 'uit mijn huis gezet', 'uithuiszetting',
		'slaap buiten', 'nachtopvang',
		// fr
		'sans abri', 'sans-abri', 'sdf', 'a la rue', 'dans la rue', 'expulse', 'expulsion', 'sans logement', 'dors dehors',
		// en
		'homeless', 'on the street', 'evicted', 'eviction', 'sleeping rough', 'sleep outside', 'no place to live'
	]
};

function fold(text: string): string {
	return text
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[’`]/g, "'");
}

const PATTERNS: [CareCategory, RegExp][] = CARE_CATEGORIES.map((cat) => {
	const alternatives = WORDS[cat].map((w) => fold(w).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
	return [cat, new RegExp(`(^|[^\\p{L}])(${alternatives.join('|')})`, 'u')];
});

/** The care categories a text touches (empty: none). */
export function careCategories(text: string): CareCategory[] {
	const folded = fold(text);
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
