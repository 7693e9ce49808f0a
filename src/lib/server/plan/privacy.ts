/**
 * Small groups stay hidden. A figure about people (postcards, contributions, the evidence behind a
 * signal) is never shown for a group of fewer than five: it could point at someone ('the one card
 * from Dudzele about debts'). The data layer returns `null` instead of the number and the screens say
 * '< 5'. Zero is shown: it names nobody.
 *
 * Pure functions, no database: every module that returns such counts calls these.
 */

/** The smallest group whose size may be shown. */
export const MIN_GROUP = 5;

/** `count` when it may be shown, `null` when it is 1 … min - 1 (zero stays zero). */
export function suppressSmall(count: number, min = MIN_GROUP): number | null {
	if (!Number.isFinite(count) || count <= 0) return 0;
	return count < min ? null : count;
}

/**
 * The counts of one row of a table with its total (e.g. one channel, month by month). Small counts are
 * hidden, and when exactly one of them is hidden while the total is shown, the next smallest shown
 * count is hidden too: otherwise the total minus the shown counts would give the hidden one away.
 */
export function suppressRow(counts: number[], min = MIN_GROUP): { counts: (number | null)[]; total: number | null } {
	const out = counts.map((c) => suppressSmall(c, min));
	const total = suppressSmall(
		counts.reduce((a, b) => a + Math.max(0, b), 0),
		min
	);
	const hidden = out.filter((c) => c === null).length;
	if (hidden === 1 && total !== null) {
		let at = -1;
		out.forEach((c, i) => {
			if (c !== null && c > 0 && (at < 0 || c < (out[at] as number))) at = i;
		});
		if (at >= 0) out[at] = null;
	}
	return { counts: out, total };
}

/** How a possibly hidden count reads: the number, or '< 5'. */
export function countText(count: number | null, min = MIN_GROUP): string {
	return count === null ? `< ${min}` : String(count);
}
