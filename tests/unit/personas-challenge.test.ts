import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	CHALLENGE_LOCALES,
	CHALLENGE_TEMPLATES,
	MAX_QUESTIONS,
	MAX_SLOT,
	challengeProblems,
	composeChallenge,
	parseQuestion,
	plainLanguageHints,
	type ChallengeParts
} from '../../src/lib/personas/challenge';

const daw = JSON.parse(readFileSync('/work/shared/domain/persona-workshop-daw.json', 'utf8')) as {
	challenge_template: string;
	challenges: { rank: number; doelgroep: string; questions: string[] }[];
};
const allQuestions = daw.challenges.flatMap((c) => c.questions);

const parts = (over: Partial<ChallengeParts> = {}): ChallengeParts => ({
	region: 'DAW+',
	targetGroup: 'anderstaligen met een migratieachtergrond',
	barriers: 'culturele verschillen en een beperkt sociaal netwerk',
	questions: [{ support: 'hen taalondersteuning bieden', effect: 'ze werk vinden' }],
	...over
});

describe('composeChallenge', () => {
	it('writes the DAW+ sentence form in Dutch', () => {
		const c = composeChallenge(parts());
		expect(c.intro).toBe(
			'In de regio DAW+ zijn er heel wat anderstaligen met een migratieachtergrond met drive en/of capaciteiten tot zelfontplooiing, al dan niet i.f.v. werk.'
		);
		expect(c.barriers).toBe('Culturele verschillen en een beperkt sociaal netwerk.');
		expect(c.questions).toEqual(['Hoe kunnen we hen taalondersteuning bieden, zodat ze werk vinden?']);
		expect(c.text).toBe(`${c.intro} ${c.barriers} ${c.questions[0]}`);
	});

	it('matches the template of the shared JSON once its slots are filled', () => {
		const expected = daw.challenge_template
			.replace('{regio}', 'DAW+')
			.replace('{doelgroep}', 'anderstaligen met een migratieachtergrond')
			.replace('{drempels}', 'Culturele verschillen en een beperkt sociaal netwerk')
			.replace('{ondersteuning}', 'hen taalondersteuning bieden')
			.replace('{effect}', 'ze werk vinden');
		expect(composeChallenge(parts()).text).toBe(expected);
	});

	it('cleans what people type in the slots', () => {
		const c = composeChallenge(
			parts({
				region: '  DAW+ ',
				barriers: '  (vervoers)armoede en geen rijbewijs..  ',
				questions: [
					{ support: 'Hoe kunnen we Hen taalondersteuning bieden,', effect: 'zodat ze werk vinden.' },
					{ support: 'hoe kunnen wij OCMW-hulp beter bekendmaken?', effect: '' },
					{ support: 'leerkansen bieden, zodat', effect: ', zodat ze kunnen oefenen!' }
				]
			})
		);
		expect(c.intro.startsWith('In de regio DAW+ zijn')).toBe(true);
		expect(c.barriers).toBe('(Vervoers)armoede en geen rijbewijs.');
		expect(c.questions).toEqual([
			'Hoe kunnen we hen taalondersteuning bieden, zodat ze werk vinden?',
			'Hoe kunnen we OCMW-hulp beter bekendmaken?',
			'Hoe kunnen we leerkansen bieden, zodat ze kunnen oefenen?'
		]);
	});

	it('leaves out empty barriers and questions without a support, and marks empty slots', () => {
		const c = composeChallenge({
			region: '',
			targetGroup: ' ',
			barriers: ' . ',
			questions: [
				{ support: '', effect: 'ze werk vinden' },
				{ support: 'Hoe kunnen we', effect: '' },
				{ support: 'kinderopvang bereikbaar maken', effect: '' }
			]
		});
		expect(c.barriers).toBe('');
		expect(c.intro).toBe(
			'In de regio … zijn er heel wat … met drive en/of capaciteiten tot zelfontplooiing, al dan niet i.f.v. werk.'
		);
		expect(c.questions).toEqual(['Hoe kunnen we kinderopvang bereikbaar maken?']);
		expect(c.text).toBe(`${c.intro} Hoe kunnen we kinderopvang bereikbaar maken?`);
	});

	it('has a template in every locale, with each slot once', () => {
		expect(CHALLENGE_LOCALES).toEqual(['nl', 'fr', 'en', 'ar']);
		for (const l of CHALLENGE_LOCALES) {
			const t = CHALLENGE_TEMPLATES[l];
			expect(t.intro.match(/\{region\}/g)).toHaveLength(1);
			expect(t.intro.match(/\{targetGroup\}/g)).toHaveLength(1);
			expect(t.question.match(/\{support\}|\{effect\}/g)).toEqual(['{support}', '{effect}']);
			expect(t.questionShort).not.toContain('{effect}');
		}
	});

	it('writes French, English and Arabic with their own punctuation', () => {
		const fr = composeChallenge(
			parts({
				targetGroup: 'adultes isolés',
				questions: [{ support: 'Comment pouvons-nous les accompagner', effect: "afin qu'ils trouvent un emploi." }]
			}),
			'fr'
		);
		expect(fr.intro).toContain("beaucoup d'adultes isolés");
		expect(fr.questions).toEqual(["Comment pouvons-nous les accompagner, afin qu'ils trouvent un emploi\u00a0?"]);

		const en = composeChallenge(
			parts({ targetGroup: 'single parents', questions: [{ support: 'How can we make childcare easier to reach', effect: 'so that they can work' }] }),
			'en'
		);
		expect(en.intro).toBe(
			'In the DAW+ region, there are many single parents with the drive and/or the ability to develop themselves, whether or not with a view to work.'
		);
		expect(en.questions).toEqual(['How might we make childcare easier to reach, so that they can work?']);

		const ar = composeChallenge(
			parts({ targetGroup: 'الآباء', barriers: 'نقص رعاية الأطفال', questions: [{ support: 'تسهيل رعاية الأطفال', effect: 'يتمكنوا من العمل؟' }] }),
			'ar'
		);
		expect(ar.intro).toContain('في منطقة DAW+،');
		expect(ar.barriers).toBe('نقص رعاية الأطفال.');
		expect(ar.questions).toEqual(['كيف يمكننا تسهيل رعاية الأطفال، بحيث يتمكنوا من العمل؟']);
		expect(ar.text).not.toMatch(/[?,]/);
	});

	it('falls back to Dutch for an unknown locale', () => {
		expect(composeChallenge(parts(), 'de').text).toBe(composeChallenge(parts()).text);
	});
});

describe('challengeProblems', () => {
	it('has none for a complete challenge', () => {
		expect(challengeProblems(parts())).toEqual([]);
	});
	it('names missing slots', () => {
		expect(challengeProblems(parts({ region: ' ', targetGroup: '', questions: [] }))).toEqual([
			'region_missing',
			'target_group_missing',
			'question_missing'
		]);
		// a lead alone is no support yet
		expect(challengeProblems(parts({ questions: [{ support: 'Hoe kunnen we', effect: '' }] }))).toEqual(['question_missing']);
	});
	it('wants a support for every effect', () => {
		const questions = [
			{ support: 'hen taalondersteuning bieden', effect: '' },
			{ support: ' ', effect: 'ze werk vinden' }
		];
		expect(challengeProblems(parts({ questions }))).toEqual(['support_missing']);
		expect(challengeProblems(parts({ questions: [questions[1]] }))).toEqual(['question_missing', 'support_missing']);
	});
	it('allows at most MAX_QUESTIONS non-empty questions', () => {
		const q = { support: 'iets doen', effect: '' };
		const empty = { support: '', effect: ' ' };
		expect(MAX_QUESTIONS).toBe(3);
		expect(challengeProblems(parts({ questions: [q, q, q, empty] }))).toEqual([]);
		expect(challengeProblems(parts({ questions: [q, q, q, q] }))).toEqual(['too_many_questions']);
	});
	it('flags a slot over MAX_SLOT characters', () => {
		expect(MAX_SLOT).toBe(600);
		expect(challengeProblems(parts({ barriers: 'a'.repeat(600) }))).toEqual([]);
		expect(challengeProblems(parts({ barriers: 'a'.repeat(601) }))).toEqual(['too_long']);
		expect(challengeProblems(parts({ questions: [{ support: 'x', effect: 'b'.repeat(601) }] }))).toEqual(['too_long']);
	});
});

describe('parseQuestion', () => {
	it('splits a question into support and effect', () => {
		expect(parseQuestion('Hoe kunnen we hen taalondersteuning bieden, zodat ze werk vinden?')).toEqual({
			support: 'hen taalondersteuning bieden',
			effect: 'ze werk vinden'
		});
		expect(parseQuestion('Hoe kunnen we leerondersteuning en oefenkansen bieden?')).toEqual({
			support: 'leerondersteuning en oefenkansen bieden',
			effect: ''
		});
		expect(parseQuestion('hoe kunnen we iets doen zodat het lukt')).toEqual({ support: 'iets doen', effect: 'het lukt' });
		expect(parseQuestion('Hoe werken we aan veerkracht?')).toEqual({ support: 'werken aan veerkracht', effect: '' });
		expect(parseQuestion('Kinderopvang bereikbaar maken')).toEqual({ support: 'kinderopvang bereikbaar maken', effect: '' });
	});

	it('round-trips the questions of the DAW+ challenges', () => {
		expect(allQuestions).toHaveLength(7);
		const back = (q: string) => composeChallenge(parts({ questions: [parseQuestion(q)] })).questions[0];
		const werken = allQuestions.filter((q) => q.startsWith('Hoe werken we'));
		const noComma = allQuestions.filter((q) => / zodat /.test(q) && !/, zodat /.test(q));
		const exact = allQuestions.filter((q) => !werken.includes(q) && !noComma.includes(q));
		expect([werken.length, noComma.length, exact.length]).toEqual([1, 1, 5]);
		for (const q of exact) expect(back(q)).toBe(q);
		// 'Hoe werken we aan ...' keeps its verb under the template's lead
		expect(back(werken[0])).toBe(werken[0].replace(/^Hoe werken we aan/, 'Hoe kunnen we werken aan'));
		// the one 'zodat' without comma is still split, and gets the template's comma
		expect(parseQuestion(noComma[0]).effect).toMatch(/^ze opnieuw controle/);
		expect(back(noComma[0])).toBe(noComma[0].replace(' zodat ', ', zodat '));
	});
});

describe('plainLanguageHints', () => {
	it('hints at each sentence over 25 words', () => {
		const long = allQuestions[0];
		const text = `Een korte zin. ${long} Nog een korte zin?`;
		const hints = plainLanguageHints(text, 'nl');
		expect(hints).toEqual([{ kind: 'long_sentence', words: 38, sentence: long }]);
	});
	it('counts 25 words as fine and 26 as long', () => {
		const words = (n: number) => Array.from({ length: n }, (_, i) => `woord${i}`).join(' ') + '.';
		expect(plainLanguageHints(words(25), 'nl')).toEqual([]);
		expect(plainLanguageHints(words(26), 'nl').map((h) => h.words)).toEqual([26]);
	});
	it('does not split at abbreviations or amounts', () => {
		// the intro has 'i.f.v. werk' and stays one sentence of 23 words
		const intro = composeChallenge(parts()).intro;
		expect(plainLanguageHints(`${intro} ${intro}`, 'nl')).toEqual([]);
		expect(plainLanguageHints(`${intro.slice(0, -1)} en een huur van € 1.250 per maand voor het hele gezin.`, 'nl')).toEqual([
			expect.objectContaining({ words: 34 }) // 23 + 11 (a lone € is no word)
		]);
	});
	it('splits Arabic at its question mark', () => {
		const ar = Array.from({ length: 20 }, () => 'كلمة').join(' ');
		expect(plainLanguageHints(`${ar}؟ ${ar}.`, 'ar')).toEqual([]);
		expect(plainLanguageHints(`${ar} ${ar}.`, 'ar')).toEqual([expect.objectContaining({ words: 40 })]);
	});
});
