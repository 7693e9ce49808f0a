/**
 * Board notes as evidence for signals (sourceType 'board_note'). A note that backs a signal is recorded
 * in `board_notes` as it was then (text, author, cluster), so the signal keeps reading the same when the
 * board changes or the note is deleted; the board learns from here which of its notes back which
 * signals.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { getDb, schema } from '../db';
import type { EvidenceOrigin } from '../tables/evidence';

const n = schema.boardNotes;
const b = schema.boards;
const e = schema.signalEvidence;

export async function existingBoardNotes(ids: number[]): Promise<number[]> {
	if (!ids.length) return [];
	const rows = await getDb().select({ id: n.id }).from(n).where(inArray(n.id, ids));
	return rows.map((r) => r.id);
}

/** Where a note is on its board's staff page. */
export const boardNoteHref = (boardId: number, noteKey: string) => `/staff/boards/${boardId}?note=${encodeURIComponent(noteKey)}`;

/** Text, a quotable reference (`B3 #17`), the board as context (linked at the note), its cluster as origin. */
export async function loadBoardNoteEvidence(ids: number[]) {
	const out = new Map<number, { text: string; reference: string; channel: string; context: string; contextHref: string; origin: EvidenceOrigin[]; date: Date }>();
	if (!ids.length) return out;
	const rows = await getDb()
		.select({ id: n.id, boardId: n.boardId, noteKey: n.noteKey, text: n.text, author: n.author, cluster: n.cluster, writtenAt: n.writtenAt, title: b.title })
		.from(n)
		.innerJoin(b, eq(b.id, n.boardId))
		.where(inArray(n.id, ids));
	for (const r of rows) {
		const origin: EvidenceOrigin[] = [];
		if (r.cluster) origin.push({ kind: 'cluster', text: r.cluster });
		if (r.author) origin.push({ kind: 'author', text: r.author });
		out.set(r.id, {
			text: r.text,
			reference: `B${r.boardId} #${r.id}`,
			channel: 'board',
			context: r.title,
			contextHref: boardNoteHref(r.boardId, r.noteKey),
			origin,
			date: r.writtenAt
		});
	}
	return out;
}

export type NoteSignal = { id: number; title: string };

/** For each note of a board that backs signals: those signals (by the note's id in the document). */
export async function noteSignals(boardId: number): Promise<Record<string, NoteSignal[]>> {
	const rows = await getDb()
		.select({ noteKey: n.noteKey, id: schema.signals.id, title: schema.signals.title })
		.from(n)
		.innerJoin(e, and(eq(e.sourceType, 'board_note'), eq(e.sourceId, n.id)))
		.innerJoin(schema.signals, eq(schema.signals.id, e.signalId))
		.where(eq(n.boardId, boardId))
		.orderBy(schema.signals.id);
	const out: Record<string, NoteSignal[]> = {};
	for (const r of rows) (out[r.noteKey] ??= []).push({ id: r.id, title: r.title });
	return out;
}
