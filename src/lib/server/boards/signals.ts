/**
 * 'Make signal': a cluster of a board, or a selection of its notes, becomes a new signal or evidence for
 * one that exists, through the signals domain (the path postcards and table contributions take). Each
 * note is recorded as it reads now (see evidence.ts), so the signal lists the notes with their board and
 * the board shows on each note the signals it backs.
 */
import { sql } from 'drizzle-orm';
import { canMakeSignals, addEvidence, createSignal, signalExists, signalProblems, type SignalProblem } from '../signals';
import type { StaffUser } from '../auth';
import { schema, transaction } from '../db';
import type { TagKind } from '../db/schema';
import { getFrame, listNotes, outline } from '$lib/boards/doc.js';
import { atLeast, openBoard } from '.';
import { readDocument } from './documents';

export type MakeSignalProblem = SignalProblem | 'no_notes' | 'forbidden';
export type MakeSignalInput = {
	/** Notes chosen one by one (ids in the document). */
	noteIds?: string[];
	/** A cluster: all its notes. */
	frameId?: string | null;
} & (
	| { signalId?: undefined; title: string; summary: string; type: string; tags?: { kind: TagKind; refId: string }[] }
	| { signalId: number }
);

/** The notes a cluster or a selection stands for, as the board holds them now (empty ones left out). */
export async function chosenNotes(boardId: number, input: { noteIds?: string[]; frameId?: string | null; all?: boolean }) {
	const doc = await readDocument(boardId);
	const wanted = new Set(input.noteIds ?? []);
	const frame = input.frameId ? getFrame(doc, input.frameId) : null;
	const notes = listNotes(doc).filter((n) => n.text.trim() && (input.all || wanted.has(n.id) || (frame && n.frame === frame.id)));
	const titles = new Map(outline(doc).clusters.map((c) => [c.id, c.title]));
	return { frame, notes: notes.map((n) => ({ ...n, cluster: n.frame ? (titles.get(n.frame) ?? null) : null })) };
}

type ChosenNote = Awaited<ReturnType<typeof chosenNotes>>['notes'][number];

/** Records notes in `board_notes` as they read now (a note recorded before is brought up to date); their ids, in order. */
export async function recordNotes(boardId: number, notes: ChosenNote[]): Promise<number[]> {
	const now = new Date();
	const n = schema.boardNotes;
	return transaction((tx) =>
		notes.map(
			(note) =>
				tx
					.insert(n)
					.values({ boardId, noteKey: note.id, text: note.text.trim(), author: note.author, cluster: note.cluster, writtenAt: new Date(note.at || now.getTime()), recordedAt: now })
					.onConflictDoUpdate({
						target: [n.boardId, n.noteKey],
						set: { text: sql`excluded.text`, author: sql`excluded.author`, cluster: sql`excluded.cluster`, recordedAt: sql`excluded.recorded_at` }
					})
					.returning({ id: n.id })
					.get().id
		)
	);
}

export async function signalFromNotes(
	user: StaffUser | null,
	boardId: number,
	input: MakeSignalInput
): Promise<{ ok: true; signalId: number; notes: number } | { ok: false; problems: MakeSignalProblem[] }> {
	const access = await openBoard({ kind: 'staff', user, boardId });
	if (!access.ok || !atLeast(access.level, 'facilitate') || !canMakeSignals(user)) return { ok: false, problems: ['forbidden'] };
	const { notes } = await chosenNotes(boardId, input);
	// Checked before the notes are recorded, so that a refused signal leaves nothing behind.
	const problems: MakeSignalProblem[] = input.signalId !== undefined ? ((await signalExists(input.signalId)) ? [] : ['not_found']) : signalProblems(input);
	if (!notes.length) problems.push('no_notes');
	if (problems.length) return { ok: false, problems };
	const ids = await recordNotes(boardId, notes);
	const evidence = ids.map((sourceId) => ({ sourceType: 'board_note' as const, sourceId }));
	if (input.signalId !== undefined) {
		const r = await addEvidence(input.signalId, evidence, user!.id);
		return r.ok ? { ok: true, signalId: input.signalId, notes: ids.length } : r;
	}
	const r = await createSignal({ title: input.title, summary: input.summary, type: input.type, tags: input.tags, evidence }, user!.id);
	return r.ok ? { ok: true, signalId: r.id, notes: ids.length } : r;
}
