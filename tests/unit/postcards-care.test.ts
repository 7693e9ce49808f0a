import { describe, expect, it, vi } from 'vitest';
import { careCategories } from '../../src/lib/server/postcards/care';
import { helpLinesFor, sentView } from '../../src/lib/server/postcards/sent';
import { submitPostcard } from '../../src/lib/server/postcards/submit';
import { demo, SLUG } from './postcards-fixtures';

vi.mock('../../src/lib/server/realtime', () => ({ notify: vi.fn() }));

describe('care detection', () => {
	it('recognises distress in Dutch, French and English, whatever the case or accents', () => {
		expect(careCategories('Soms denk ik aan ZELFMOORD.')).toEqual(['self_harm']);
		expect(careCategories('Mijn partner slaat me als hij gedronken heeft.')).toEqual(['violence']);
		expect(careCategories('Sinds de uithuiszetting slaap ik in de nachtopvang.')).toEqual(['homelessness']);
		expect(careCategories('Parfois j’ai envie de mourir.')).toEqual(['self_harm']);
		expect(careCategories('Il me frappe depuis des années.')).toEqual(['violence']);
		expect(careCategories('Je suis sans-abri depuis mon expulsion.')).toEqual(['homelessness']);
		expect(careCategories('Sometimes I want to die.')).toEqual(['self_harm']);
		expect(careCategories('My husband hits me.')).toEqual(['violence']);
		expect(careCategories('I was evicted and now I am homeless.')).toEqual(['homelessness']);
		expect(careCategories('Ik ben dakloos en mijn ex bedreigt mij.').sort()).toEqual(['homelessness', 'violence']);
		expect(careCategories('Partnergeweld komt meer voor dan je denkt.')).toEqual(['violence']);
		expect(careCategories('Ik ben vorig jaar op straat gezet.')).toEqual(['homelessness']);
	});

	it('does not flag ordinary cards about the neighbourhood', () => {
		for (const text of [
			'Meer bankjes in het park en een speeltuin voor de kleintjes, graag.',
			'De bus naar Sint-Andries rijdt te weinig op zondag.',
			'Zeer veel mensen hebben geen computer en internet.',
			'Plus de pistes cyclables sûres vers l’école, s’il vous plaît.',
			'Please make the library open on Saturday afternoons.',
			'Ik wil graag meer uitleg over de premies voor isolatie.',
			'Betaalbare kinderopvang zou ons gezin enorm helpen.'
		]) {
			expect(careCategories(text), text).toEqual([]);
		}
	});

	// Words that only begin like a care word, and streets mentioned for other reasons, must not show help lines.
	it('does not take "geweldig" (great) for "geweld" (violence)', () => {
		expect(careCategories('Het buurtfeest was geweldig!')).toEqual([]);
	});
	it('does not take litter "op straat" / "on the street" for homelessness', () => {
		expect(careCategories('Le marché dans la rue était super.')).toEqual([]);
		expect(careCategories('Er ligt te veel zwerfvuil op straat.')).toEqual([]);
		expect(careCategories('More trees on the street, please.')).toEqual([]);
	});
});

describe('help lines after sending', () => {
	it('lists each number once, in a fixed order', () => {
		expect(helpLinesFor([]).length).toBe(0);
		const lines = helpLinesFor(['homelessness', 'self_harm']);
		expect(lines.map((l) => l.number)).toEqual(['1813', '106', '050 32 60 00']);
		expect(helpLinesFor(['violence']).map((l) => l.number)).toEqual(['1712']);
	});

	it('come from the stored card, not from the address, and only for a card of that campaign', async () => {
		const campaign = await demo();
		const res = await submitPostcard(SLUG, { text: 'Ik heb geen huis meer en slaap buiten.', locale: 'nl', channel: 'online' });
		expect(res.ok && res.care).toEqual(['homelessness']);
		if (!res.ok) return;
		const view = await sentView(campaign.id, res.code.toLowerCase());
		expect(view?.code).toBe(res.code);
		expect(view?.helpLines.map((l) => l.name)).toContain('Tele-Onthaal');
		expect(await sentView(campaign.id + 1, res.code)).toBeNull();
		expect(await sentView(campaign.id, 'ZZZ-999')).toBeNull();
		expect((await sentView(campaign.id, 'DEM-AAA'))?.helpLines).toEqual([]);
	});
});
