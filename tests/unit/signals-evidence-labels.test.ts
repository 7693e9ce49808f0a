// How the signal page names evidence from a board: the source, the channel, the cluster and the author,
// on the demo's signal made from the board cluster 'Digitale toestellen'.
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/lib/server/seed';
import { getSignal, listSignals } from '../../src/lib/server/signals';
import { evidenceChannelLabel, evidenceOriginLabel, evidenceSourceLabel } from '../../src/routes/staff/signals/evidence-labels';

const TITLE = 'Een laptop en internet voor schoolwerk in elk gezin';

describe('evidence labels on the signal page', () => {
	it('say that a board note is a note on a board, with its cluster and author (Dutch, the base language)', async () => {
		await seedDemo();
		const summary = (await listSignals()).find((s) => s.title === TITLE)!;
		expect(summary).toBeDefined();
		const signal = (await getSignal(summary.id, 'nl'))!;
		const notes = signal.evidence.filter((e) => e.sourceType === 'board_note');
		expect(notes.length).toBeGreaterThanOrEqual(5);
		for (const e of notes) {
			expect(evidenceSourceLabel(e.sourceType)).toBe('Briefje op een bord');
			expect(evidenceChannelLabel(e.channel)).toBe('Bord');
			expect(e.contextHref).toMatch(/^\/staff\/boards\/\d+\?note=/);
			const labels = (e.origin ?? []).map(evidenceOriginLabel);
			expect(labels).toContain('In de groep ‘Digitale toestellen’');
		}
		const karim = notes.find((e) => e.text.startsWith('Eén laptop thuis'))!;
		expect((karim.origin ?? []).map(evidenceOriginLabel)).toEqual(['In de groep ‘Digitale toestellen’', 'Geschreven door Karim']);
	});

	it('keep the names of postcards and dialogue tables', () => {
		expect(evidenceSourceLabel('postcard')).toBe('Postkaartje');
		expect(evidenceSourceLabel('table_contribution')).toBe('Dialoogtafel');
		expect(evidenceChannelLabel('table')).toBe('Telefoon aan tafel');
		expect(evidenceChannelLabel('facilitator')).toBe('Ingetypt door de begeleiding');
		expect(evidenceOriginLabel({ kind: 'phase', text: 'Ronde 1' })).toBe('Fase: Ronde 1');
		expect(evidenceOriginLabel({ kind: 'sub_table', text: 'Tafel B' })).toBe('Subtafel: Tafel B');
	});
});
