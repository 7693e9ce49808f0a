import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isNationalNumber, realDataInForm, realDataWarnings } from '../../src/lib/personas/real-data';

type Persona = { name: string; background: string; drive: string; barriers: string[]; needs: string[] };
const daw = JSON.parse(readFileSync('/work/shared/domain/persona-workshop-daw.json', 'utf8')) as {
	personas: Persona[];
	challenges: { doelgroep: string; questions: string[] }[];
	enrichment_additions: string[];
	needs_services: { need: string; service: string }[];
	call_timeline: { step: string; date: string }[];
};

const kinds = (text: string) => realDataWarnings(text).map((w) => `${w.kind}:${w.match}`);

describe('real data in persona text: email', () => {
	it('finds email addresses, and only the address', () => {
		expect(kinds('Mail naar jan.peeters@telenet.be.')).toEqual(['email:jan.peeters@telenet.be']);
		expect(kinds('(sofie_de-smet+werk@dilbeek.be)')).toEqual(['email:sofie_de-smet+werk@dilbeek.be']);
		expect(kinds('Nassim zit @ home, at-risk maar sterk')).toEqual([]);
	});
});

describe('real data in persona text: phone numbers', () => {
	it.each([
		'0470 12 34 56',
		'0470/12.34.56',
		'0470-12-34-56',
		'0470.12.34.56',
		'0470123456',
		'0470/123456',
		'02 123 45 67',
		'02/123.45.67',
		'050/12.34.56',
		'050 12 34 56',
		'011 22 33 44',
		'+32 470 12 34 56',
		'+32470123456',
		'+32 (0)470 12 34 56',
		'+32 2 123 45 67',
		'0032 2 123 45 67',
		'0032 470 12 34 56',
		'+31 6 12345678',
		'+44 20 7946 0958',
		'+33 1 23 45 67 89'
	])('flags %s', (phone) => {
		expect(kinds(`Bel gerust op ${phone} na vijf uur.`)).toEqual([`phone:${phone}`]);
	});

	it('does not swallow neighbouring numbers or dates into the match', () => {
		expect(kinds('0470 12 34 56 2 keer per week')).toEqual(['phone:0470 12 34 56']);
		expect(kinds('Sinds 23/06/2023 0470 12 34 56')).toEqual(['phone:0470 12 34 56']);
		expect(kinds('tel. 02 123 45 67 of 0471 98 76 54')).toEqual(['phone:02 123 45 67', 'phone:0471 98 76 54']);
	});

	it('needs the length of a real number', () => {
		expect(kinds('0470 12 34')).toEqual([]); // too short for a mobile
		expect(kinds('021234567890')).toEqual([]); // 12 digits in one piece is no Belgian number
		expect(kinds('0123 45')).toEqual([]);
		expect(kinds('+32 2 123')).toEqual([]);
		expect(kinds('+49 301')).toEqual([]); // under 8 digits in all
	});
});

describe('real data in persona text: national register numbers', () => {
	it('flags a number whose mod-97 check passes, formatted or plain', () => {
		expect(kinds('RR 85.07.30-033.28')).toEqual(['national_number:85.07.30-033.28']);
		expect(kinds('rijksregisternummer 85073003328')).toEqual(['national_number:85073003328']);
		expect(kinds('90 01 01 123 95')).toEqual(['national_number:90 01 01 123 95']);
	});
	it('uses the 2000s check (a 2 before the nine digits) for people born from 2000', () => {
		expect(isNationalNumber('05031212360')).toBe(true);
		expect(kinds('05.03.12-123.60')).toEqual(['national_number:05.03.12-123.60']);
	});
	it('ignores eleven digits whose check fails', () => {
		expect(isNationalNumber('85073003329')).toBe(false);
		expect(kinds('85.07.30-033.29')).toEqual([]);
		expect(kinds('05.03.12-123.61')).toEqual([]);
		expect(kinds('12345678901')).toEqual([]);
	});
	it('does not read a phone number as a national number', () => {
		// +32 470 12 34 56 has eleven digits after the +
		expect(kinds('+32470123456')).toEqual(['phone:+32470123456']);
	});
});

describe('no false alarms on ordinary persona text', () => {
	it.each([
		'Geboren in 1980, sinds 2023 in Dilbeek.',
		'Start op 2023-09-01, deadline 2023-09-01T23:59.',
		'Beoordeling 2023-09-11/2023-09-15.',
		'Lancering op 23/06/2023 en op 01/09/2023 om 23:59.',
		'Op 04/09/2023 14 deelnemers, op 04.09.2023 nog 12.',
		'Ze is 45 jaar, haar kinderen zijn 7 en 12.',
		'Woont in 1700 Dilbeek, werkt in 1730 Asse.',
		'Huur van 280 euro, een schuld van € 1.250 of €1.250,50.',
		'Werkt van 08:30 tot 12u00.',
		'Haar inkomen daalde met 12%, 7,5 % of +5%.',
		'Drie kinderen, twee katten, 1 fiets.',
		'Tussen 2019-2023 woonde hij in 3 gemeenten.',
		'Kamer 0 of 02, bus 0201.'
	])('%s', (text) => {
		expect(realDataWarnings(text)).toEqual([]);
	});

	it('stays quiet on every text of the shared DAW+ workshop', () => {
		const texts = [
			...daw.personas.flatMap((p) => [p.name, p.background, p.drive, ...p.barriers, ...p.needs]),
			...daw.challenges.flatMap((c) => [c.doelgroep, ...c.questions]),
			...daw.enrichment_additions,
			...daw.needs_services.flatMap((n) => [n.need, n.service]),
			...daw.call_timeline.flatMap((t) => [t.step, t.date])
		];
		expect(texts.length).toBeGreaterThan(50);
		for (const text of texts) expect(realDataWarnings(text), text).toEqual([]);
		expect(realDataWarnings(texts.join('\n'))).toEqual([]);
	});
});

describe('warnings over text and forms', () => {
	it('lists findings in text order, each distinct one once', () => {
		const text = 'Bel 0470 12 34 56 of mail an@voorbeeld.be; nogmaals: 0470 12 34 56. RR 85.07.30-033.28';
		expect(kinds(text)).toEqual([
			'phone:0470 12 34 56',
			'email:an@voorbeeld.be',
			'national_number:85.07.30-033.28'
		]);
	});
	it('does not read the digits of an email address as a phone number', () => {
		expect(kinds('jan0470123456@voorbeeld.be')).toEqual(['email:jan0470123456@voorbeeld.be']);
	});
	it('names the field, and the item of a list field', () => {
		const persona = daw.personas[0];
		const warnings = realDataInForm({
			name: persona.name,
			background: `${persona.background}, bereikbaar op 0470 12 34 56`,
			barriers: [...persona.barriers, 'mail nassim@voorbeeld.be'],
			needs: persona.needs
		});
		expect(warnings).toEqual([
			{ field: 'background', kind: 'phone', match: '0470 12 34 56' },
			{ field: 'barriers', index: persona.barriers.length, kind: 'email', match: 'nassim@voorbeeld.be' }
		]);
		expect(realDataInForm({ name: persona.name, barriers: persona.barriers })).toEqual([]);
	});
});
