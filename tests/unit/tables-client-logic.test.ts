import { describe, expect, it } from 'vitest';
import {
	applyContribution,
	applyCount,
	applyMyVotes,
	applyRemoved,
	applyResults,
	applyState,
	cloudSize,
	formatClock,
	isTransient,
	parseOutbox,
	percent,
	projectorContributions,
	timerLeft,
	votesPayload,
	withoutItem,
	type Snapshot,
	type SnapshotContribution
} from '../../src/lib/tables/logic';

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

describe('applying what the server pushes', () => {
	const c = (id: number, extra: Partial<SnapshotContribution> = {}): SnapshotContribution => ({
		id, phaseId: 1, groupId: null, text: `t${id}`, status: 'visible', highlighted: false, mergedInto: null, byStaff: false, lens: null, author: null, mine: false, createdAt: id, ...extra
	});
	const base = (): Snapshot =>
		({
			serverNow: 0,
			viewer: 'participant',
			table: { id: 7, currentPhaseId: 1, status: 'live' },
			phases: [
				{ id: 1, kind: 'word_cloud', results: null, resultsRevealed: false, words: [] },
				{ id: 2, kind: 'dots', results: null, resultsRevealed: false }
			],
			groups: [{ id: 3, position: 0, name: 'Tafel A', hostName: null, participantCount: 0 }],
			contributions: [c(1, { mine: true, text: 'Groen' })],
			participantCount: 1,
			me: { participantId: 9, displayName: null, groupId: null, votes: {} },
			staffRole: null
		}) as unknown as Snapshot;

	it('adds a new contribution once, keeps my own marked as mine and recounts the word cloud', () => {
		let s = applyContribution(base(), 7, c(2, { text: ' groen ' }))!;
		s = applyContribution(s, 7, c(2, { text: ' groen ' }))!;
		expect(s.contributions.map((x) => x.id)).toEqual([1, 2]);
		expect(s.phases[0].words).toEqual([{ text: 'groen', count: 2 }]);
		// The room's copy of my own contribution (mine: false) does not take away that it is mine.
		s = applyContribution(s, 7, c(1, { text: 'Groen', highlighted: true }))!;
		expect(s.contributions[0]).toMatchObject({ mine: true, highlighted: true });
		// Another table's message changes nothing.
		expect(applyContribution(s, 8, c(5))).toBe(s);
	});

	it('takes hidden or merged contributions off the screen but leaves a participant their own', () => {
		const s = applyContribution(base(), 7, c(2))!;
		expect(applyRemoved(s, 7, [1, 2])!.contributions.map((x) => x.id)).toEqual([1]);
	});

	it('replaces phases and status after a facilitator action, keeping contributions and my votes', () => {
		const s = applyMyVotes(base(), 2, [{ contributionId: 1, optionIndex: null, count: 2 }])!;
		const next = applyState(s, {
			tableId: 7,
			serverNow: 5,
			table: { ...s.table, currentPhaseId: 2 },
			phases: s.phases,
			groups: s.groups,
			participantCount: 4
		})!;
		expect(next.table.currentPhaseId).toBe(2);
		expect(next.contributions).toHaveLength(1);
		expect(next.me!.votes[2]).toEqual([{ contributionId: 1, optionIndex: null, count: 2 }]);
		expect(next.participantCount).toBe(4);
	});

	it('a persona workshop’s state push brings its new challenges to the phones', () => {
		const workshop = { id: 1, personas: [{ id: 4, name: 'Nassim', avatar: 'a03' }], steps: { 2: 'vote' as const }, challenges: [{ id: 9, position: 1, targetGroup: 'anderstaligen', region: 'DAW+', barriers: '', questions: [{ support: 'hen taal bieden', effect: '' }] }] };
		const s = base();
		const next = applyState(s, { tableId: 7, serverNow: 5, table: s.table, phases: s.phases, groups: s.groups, participantCount: 1, workshop })!;
		expect(next.workshop?.challenges.map((c) => c.targetGroup)).toEqual(['anderstaligen']);
		// A push without that part (an ordinary table) leaves the snapshot's as it was.
		expect(applyState(next, { tableId: 7, serverNow: 6, table: s.table, phases: s.phases, groups: s.groups, participantCount: 1 })!.workshop).toBe(workshop);
	});

	it('updates a tally and the number of people per sub-table', () => {
		const s = applyResults(base(), { tableId: 7, phaseId: 2, revealed: true, results: { byContribution: { 1: 3 }, voters: 2 } })!;
		expect(s.phases[1]).toMatchObject({ resultsRevealed: true, results: { byContribution: { 1: 3 }, voters: 2 } });
		const counted = applyCount(s, { tableId: 7, participantCount: 12, groups: [{ id: 3, participantCount: 5 }] })!;
		expect(counted.participantCount).toBe(12);
		expect(counted.groups[0].participantCount).toBe(5);
	});
});
