/**
 * Pure helpers for the live table pages (phone, projector): outbox bookkeeping, timer maths,
 * which errors are worth retrying. No browser or socket here so they can be unit-tested.
 */
import type { Snapshot, SnapshotPhase, SnapshotContribution, TableError } from '$lib/server/tables';
import { wordCounts } from './words';

export type { Snapshot, SnapshotPhase, SnapshotContribution, TableError };
export type { SnapshotGroup } from '$lib/server/tables';

/** What the server answers to every table event. */
export type TableReply = { ok: boolean; error?: string; [k: string]: unknown };

export const TEXT_MAX = 500;

/** A contribution waiting for the server's acknowledgement. */
/** `lens`: persona workshops, the persona the participant speaks as. */
export type OutboxItem = { clientId: string; text: string; phaseId: number | null; createdAt: number; lens?: number | null };

/** Errors after which sending the same item again can succeed (the server did not store it). */
const TRANSIENT = new Set(['rate_limited', 'server_error', 'timeout', 'offline', 'not_joined', 'too_many_contributions']);
export const isTransient = (error: string | undefined): boolean => !error || TRANSIENT.has(error);

export function parseOutbox(raw: string | null): OutboxItem[] {
	if (!raw) return [];
	try {
		const v: unknown = JSON.parse(raw);
		if (!Array.isArray(v)) return [];
		return v.filter(
			(x): x is OutboxItem =>
				!!x && typeof x === 'object' && typeof x.clientId === 'string' && typeof x.text === 'string' && (x.phaseId === null || typeof x.phaseId === 'number')
		);
	} catch {
		return [];
	}
}

export function withoutItem(items: OutboxItem[], clientId: string): OutboxItem[] {
	return items.filter((i) => i.clientId !== clientId);
}

/** Remaining time on a timer given the snapshot it came from. */
export function timerLeft(timer: SnapshotPhase['timer'], snapshotServerNow: number, localNow: number, offset: number): number | null {
	if (!timer) return null;
	if (!timer.running) return Math.max(0, timer.remainingMs);
	const elapsed = localNow + offset - snapshotServerNow;
	return Math.max(0, timer.remainingMs - Math.max(0, elapsed));
}

export function formatClock(ms: number): string {
	const total = Math.ceil(ms / 1000);
	const m = Math.floor(total / 60);
	const s = total % 60;
	return `${m}:${String(s).padStart(2, '0')}`;
}

export function currentPhase(s: Snapshot | null): SnapshotPhase | null {
	if (!s || s.table.currentPhaseId === null) return null;
	return s.phases.find((p) => p.id === s.table.currentPhaseId) ?? null;
}

/** Contributions a projector shows for a phase: visible, not merged away, highlighted first, then newest first. */
export function projectorContributions(s: Snapshot, phaseId: number): SnapshotContribution[] {
	return s.contributions
		.filter((c) => c.phaseId === phaseId && c.status === 'visible' && c.mergedInto === null)
		.sort((a, b) => Number(b.highlighted) - Number(a.highlighted) || b.createdAt - a.createdAt || b.id - a.id);
}

/** Dots this participant put on each contribution of a phase, and how many are left. */
export function myDots(s: Snapshot, phase: SnapshotPhase): { byContribution: Map<number, number>; used: number; left: number } {
	const byContribution = new Map<number, number>();
	let used = 0;
	for (const v of s.me?.votes[phase.id] ?? []) {
		if (v.contributionId === null) continue;
		byContribution.set(v.contributionId, (byContribution.get(v.contributionId) ?? 0) + v.count);
		used += v.count;
	}
	return { byContribution, used, left: Math.max(0, (phase.dotsPerParticipant ?? 0) - used) };
}

/** Votes payload for table:vote from a map of contribution id -> dots. */
export function votesPayload(dots: Map<number, number>): { contributionId: number; count: number }[] {
	return [...dots].filter(([, n]) => n > 0).map(([contributionId, count]) => ({ contributionId, count }));
}

/** Font size (rem) for a word cloud entry, between min and max by count. */
export function cloudSize(count: number, maxCount: number, min = 1.4, max = 4.5): number {
	if (maxCount <= 1) return min + (max - min) / 3;
	return Math.round((min + ((count - 1) / (maxCount - 1)) * (max - min)) * 100) / 100;
}

/** Share (0..100) for a results bar. */
export function percent(n: number, total: number): number {
	return total > 0 ? Math.round((n / total) * 100) : 0;
}

// ---------------------------------------------------------------- applying what the server pushes
// The server sends changes, not whole tables (see src/lib/server/realtime/tables.ts). Each function
// returns a new snapshot (the store keeps it as $state.raw) and ignores a message for another table.

export type StatePush = Pick<Snapshot, 'serverNow' | 'table' | 'phases' | 'groups' | 'participantCount'> & { tableId: number; workshop?: Snapshot['workshop'] };
export type ResultsPush = { tableId: number; phaseId: number; revealed: boolean; results: NonNullable<SnapshotPhase['results']> };
export type CountPush = { tableId: number; participantCount: number; groups: { id: number; participantCount: number }[] };

const sameTable = (s: Snapshot | null, tableId: unknown): s is Snapshot => !!s && s.table.id === tableId;

/** Recounts the word clouds of the given phases from the contributions this screen has. */
function recountWords(s: Snapshot, phaseIds: Set<number>): SnapshotPhase[] {
	return s.phases.map((p) =>
		p.kind === 'word_cloud' && phaseIds.has(p.id) ? { ...p, words: wordCounts(s.contributions.filter((c) => c.phaseId === p.id)) } : p
	);
}

/** A new or changed contribution; one this screen already holds as its own stays marked as its own. */
export function applyContribution(s: Snapshot | null, tableId: number, c: SnapshotContribution): Snapshot | null {
	if (!sameTable(s, tableId)) return s;
	const i = s.contributions.findIndex((x) => x.id === c.id);
	const merged = { ...c, mine: c.mine || (i >= 0 && s.contributions[i].mine) };
	// (no Array.prototype.with: old phones' browsers lack it)
	const contributions = i >= 0 ? s.contributions.map((x, j) => (j === i ? merged : x)) : [...s.contributions, merged];
	const next = { ...s, contributions };
	return { ...next, phases: recountWords(next, new Set([c.phaseId])) };
}

/** Contributions hidden or merged away. A participant keeps seeing their own (as the server shows it to them). */
export function applyRemoved(s: Snapshot | null, tableId: number, ids: number[]): Snapshot | null {
	if (!sameTable(s, tableId)) return s;
	const gone = new Set(ids);
	const phases = new Set(s.contributions.filter((c) => gone.has(c.id)).map((c) => c.phaseId));
	const next = { ...s, contributions: s.contributions.filter((c) => !gone.has(c.id) || c.mine) };
	return { ...next, phases: recountWords(next, phases) };
}

/** The table after a facilitator action: phases, timers, status; contributions and 'me' stay as they are. */
export function applyState(s: Snapshot | null, push: StatePush): Snapshot | null {
	if (!sameTable(s, push.tableId)) return s;
	const { serverNow, table, phases, groups, participantCount } = push;
	// A persona workshop's part (its personas and challenges) comes along; older pushes leave it as it was.
	return { ...s, serverNow, table, phases, groups, participantCount, ...(push.workshop !== undefined ? { workshop: push.workshop } : {}) };
}

export function applyResults(s: Snapshot | null, push: ResultsPush): Snapshot | null {
	if (!sameTable(s, push.tableId)) return s;
	return { ...s, phases: s.phases.map((p) => (p.id === push.phaseId ? { ...p, resultsRevealed: push.revealed, results: push.results } : p)) };
}

export function applyCount(s: Snapshot | null, push: CountPush): Snapshot | null {
	if (!sameTable(s, push.tableId)) return s;
	const byGroup = new Map(push.groups.map((g) => [g.id, g.participantCount]));
	return { ...s, participantCount: push.participantCount, groups: s.groups.map((g) => ({ ...g, participantCount: byGroup.get(g.id) ?? g.participantCount })) };
}

type MyVote = NonNullable<Snapshot['me']>['votes'][number][number];

/** This participant's dots or poll answers in a phase, once the server accepted them. */
export function applyMyVotes(s: Snapshot | null, phaseId: number, votes: MyVote[]): Snapshot | null {
	if (!s?.me) return s;
	return { ...s, me: { ...s.me, votes: { ...s.me.votes, [phaseId]: votes } } };
}

export function applyMyGroup(s: Snapshot | null, groupId: number | null): Snapshot | null {
	if (!s?.me) return s;
	return { ...s, me: { ...s.me, groupId } };
}
