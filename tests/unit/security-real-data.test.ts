// The persona form's real-data check runs live in the browser and on save on the server: it must stay
// fast on any text. These texts took the old check from seconds (16,000 letters: the email pattern
// retried the word from every letter) to minutes (digit groups: every run of groups was tried as a
// phone number from every group to every other).
import { describe, expect, it } from 'vitest';
import { realDataInForm, realDataWarnings } from '../../src/lib/personas/real-data';
import { personaProblems, FIELD_MAX } from '../../src/lib/server/personas';

const SHAPED: [string, string][] = [
	['letters', 'a'.repeat(16_000)],
	['digit groups', '0 '.repeat(8000)],
	['groups before a letter', '1 '.repeat(8000) + 'a'],
	['mobile prefixes', '04 '.repeat(6000)],
	['emails', 'a@b.cd '.repeat(2300)],
	['dots after an @', 'a@' + 'b.'.repeat(8000)],
	['dashes', '-'.repeat(16_000) + 'x'],
	['dates', '01/02/2020 '.repeat(1500)]
];

describe('the real-data check is fast on any text', () => {
	it.each(SHAPED)('%s (16,000+ characters) in well under a second', (_, text) => {
		const t = performance.now();
		realDataWarnings(text);
		expect(performance.now() - t).toBeLessThan(1000);
	});

	it('still finds what it should in a long text', () => {
		const text = 'x '.repeat(5000) + 'mail jan.peeters@telenet.be of bel 0470 12 34 56' + ' y'.repeat(5000);
		expect(realDataInForm({ drive: text }).map((w) => w.kind)).toEqual(['email', 'phone']);
	});

	it('the server refuses an over-long field before any pattern reads it', async () => {
		const long = '0 '.repeat(8000);
		const t = performance.now();
		const problems = await personaProblems({
			name: 'Test', ageBand: '', household: long, background: long, situation: '', drive: '', quote: '',
			strengths: [long], needs: [], barriers: [], languages: [], targetGroupIds: [], avatar: 'x'
		});
		expect(performance.now() - t).toBeLessThan(1000);
		expect(problems).toContainEqual({ field: 'household', problem: 'too_long' });
		expect(problems.some((p) => p.problem === 'real_data')).toBe(false);
		expect(long.length).toBeGreaterThan(FIELD_MAX);
	});
});
