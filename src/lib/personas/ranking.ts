/**
 * Ordering in the persona workshop: persona bundles are ranked by how often they occur in the region
 * (rank 1 = most frequent), and challenges can be put to a vote. Plain functions, so the drag-and-drop
 * list, its keyboard alternative and the server agree on one order.
 */

/** By rank (1 first), then by id so equal ranks keep a stable order everywhere. */
export function orderByRank<T extends { rank: number; id: number }>(items: T[]): T[] {
	return [...items].sort((a, b) => a.rank - b.rank || a.id - b.id);
}

/**
 * `id` moved to `position` (1-based, clamped to the list), the others keeping their order. An unknown
 * id or a position that is not a number leaves the order as it was.
 */
export function moveTo(ids: number[], id: number, position: number): number[] {
	const from = ids.indexOf(id);
	if (from < 0 || !Number.isFinite(position)) return [...ids];
	const rest = ids.filter((_, i) => i !== from);
	const at = Math.min(Math.max(Math.trunc(position), 1), ids.length) - 1;
	rest.splice(at, 0, id);
	return rest;
}

/**
 * Ids by votes (most first). A tie goes to the more frequent persona bundle (lower rank), then the lower id,
 * so a tie never depends on the order the votes came in.
 */
export function voteOrder(items: { id: number; votes: number; rank: number }[]): number[] {
	return [...items].sort((a, b) => b.votes - a.votes || a.rank - b.rank || a.id - b.id).map((i) => i.id);
}

/** The target groups of a bundle of personas: each once, in the order they first appear. */
export function bundleTargetGroups(personas: { targetGroupIds: string[] }[]): string[] {
	const seen = new Set<string>();
	for (const p of personas) for (const id of p.targetGroupIds ?? []) if (id) seen.add(id);
	return [...seen];
}
