import { describe, expect, it } from 'vitest';
import { projectorContributions, cloudSize, formatClock, isTransient, parseOutbox, percent, timerLeft, votesPayload, withoutItem } from '../../src/lib/tables/logic';

describe('table client helpers', () => {
	it('reads a stored outbox and ignores junk', () => {
		expect(parseOutbox(null)).toEqual([]);
		expect(parseOutbox('not json')).toEqual([]);
		const ok = { clientId: 'a', text: 'hallo', phaseId: 3, createdAt: 1 };
		expect(parseOutbox(JSON.stringify([ok, { clientId: 1 }, null]))).toEqual([ok]);
		expect(withoutItem([ok], 'a')).toEqual([]);
	});
	it('retries only what the server did not store', () => {
		expect(isTransient('rate_limited')).toBe(true);
		expect(isTransient('offline')).toBe(true);
		expect(isTransient('phase_not_open')).toBe(false);
		expect(isTransient('text_too_long')).toBe(false);
	});
	it('counts a timer down on the server clock', () => {
		const timer = { seconds: 60, running: true, remainingMs: 30_000, startedAt: 1 };
		// snapshot taken at server time 1000; local clock is 500 behind (offset +500); local now 1500 = server 2000
		expect(timerLeft(timer, 1000, 1500, 500)).toBe(29_000);
		expect(timerLeft({ ...timer, running: false }, 1000, 99_999, 0)).toBe(30_000);
		expect(timerLeft(timer, 0, 10_000_000, 0)).toBe(0);
		expect(timerLeft(null, 0, 0, 0)).toBeNull();
		expect(formatClock(61_000)).toBe('1:01');
		expect(formatClock(500)).toBe('0:01');
	});
	it('builds vote payloads, bar widths and cloud sizes', () => {
		expect(votesPayload(new Map([[4, 2], [5, 0]]))).toEqual([{ contributionId: 4, count: 2 }]);
		expect(percent(1, 4)).toBe(25);
		expect(percent(1, 0)).toBe(0);
		expect(cloudSize(1, 5)).toBe(1.4);
		expect(cloudSize(5, 5)).toBe(4.5);
	});
	it('shows highlighted first, then newest, never hidden or merged ones', () => {
		const c = (id: number, extra: object = {}) => ({ id, phaseId: 1, groupId: null, text: `t${id}`, status: 'visible', highlighted: false, mergedInto: null, byStaff: false, author: null, mine: false, createdAt: id, ...extra });
		const snap = { contributions: [c(1), c(2, { highlighted: true }), c(3), c(4, { status: 'hidden' }), c(5, { mergedInto: 3 }), c(6, { phaseId: 2 })] } as never;
		expect(projectorContributions(snap, 1).map((x) => x.id)).toEqual([2, 3, 1]);
	});
});
