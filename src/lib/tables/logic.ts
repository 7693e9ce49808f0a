/**
 * Pure helpers for the live table pages (phone, projector): outbox bookkeeping, timer maths,
 * which errors are worth retrying. No browser or socket here so they can be unit-tested.
 */
import type { Snapshot, SnapshotPhase, SnapshotContribution, TableError } from '$lib/server/tables';

export type { Snapshot, SnapshotPhase, SnapshotContribution, TableError };
export type { SnapshotGroup } from '$lib/server/tables';

/** What the server answers to every table event. */
export type TableReply = { ok: boolean; error?: string; [k: string]: unknown };

export const TEXT_MAX = 500;

/** A contribution waiting for the server's acknowledgement. */
export type OutboxItem = { clientId: string; text: string; phaseId: number | null; createdAt: number };

/** Errors after which sending the same item again can succeed (the server did not store it). */
const TRANSIENT = new Set(['rate_limited', 'server_error', 'timeout', 'offline', 'not_joined']);
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
