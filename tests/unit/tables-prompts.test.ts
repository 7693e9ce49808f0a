import { describe, expect, it } from 'vitest';
import { listTemplates } from '../../src/lib/server/tables/templates';
import { isTemplateText, localizedPhaseText } from '../../src/lib/tables/prompts';
import { locales } from '../../src/lib/paraglide/runtime';

const texts = listTemplates().flatMap((t) => t.phases.flatMap((p) => [p.title, p.prompt, ...(p.options ?? [])]));

describe('phase texts on the phone', () => {
	it('has a translation for every template title, prompt and option', () => {
		expect(texts.length).toBeGreaterThan(0);
		for (const text of texts) {
			expect(isTemplateText(text), `no message for template text "${text}"`).toBe(true);
			// Dutch is the template's exact text.
			expect(localizedPhaseText(text, 'nl', 'nl')).toEqual({ text, lang: null });
			for (const locale of locales) {
				const shown = localizedPhaseText(text, 'nl', locale);
				expect(shown.lang).toBeNull();
				expect(shown.text.trim(), `${locale}: "${text}"`).not.toBe('');
				if (locale !== 'nl') expect(shown.text, `${locale} still shows the Dutch "${text}"`).not.toBe(text);
			}
		}
	});

	it('shows a template prompt in French to a French phone', () => {
		expect(localizedPhaseText('Welke problemen herken je?', 'nl', 'fr')).toEqual({ text: 'Quels problèmes connais-tu dans ta vie ?', lang: null });
		expect(localizedPhaseText('Problemen in kaart', 'nl', 'fr')).toEqual({ text: 'Les problèmes', lang: null });
		expect(localizedPhaseText('Welke problemen herken je?', 'nl', 'ar').text).toBe('ما هي المشاكل التي تعرفها من حياتك؟');
	});

	it('keeps what the facilitator wrote, marked with the table language', () => {
		expect(localizedPhaseText('Welke problemen herken je in de wijk?', 'nl', 'fr')).toEqual({ text: 'Welke problemen herken je in de wijk?', lang: 'nl' });
		expect(localizedPhaseText('Quels problèmes vois-tu ?', 'fr', 'ar')).toEqual({ text: 'Quels problèmes vois-tu ?', lang: 'fr' });
		// Nearly the template text is not the template text.
		expect(localizedPhaseText('Welke problemen herken je? ', 'nl', 'en')).toEqual({ text: 'Welke problemen herken je? ', lang: 'nl' });
		expect(localizedPhaseText('', 'nl', 'en')).toEqual({ text: '', lang: 'nl' });
	});
});
