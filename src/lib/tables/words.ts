/**
 * Word cloud counting, shared by the server (snapshots) and the browser (which recounts a word cloud
 * phase when a new contribution arrives, instead of fetching the whole table again).
 */
export type WordCount = { text: string; count: number };

type Countable = { text: string; status: string; mergedInto: number | null };

/** How often each entry (lower-cased, spaces collapsed) was given among visible contributions, most frequent first. */
export function wordCounts(rows: Countable[]): WordCount[] {
	const counts = new Map<string, number>();
	for (const r of rows) {
		if (r.status !== 'visible' || r.mergedInto !== null) continue;
		const key = r.text.trim().toLocaleLowerCase().replace(/\s+/g, ' ');
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return [...counts].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
}
