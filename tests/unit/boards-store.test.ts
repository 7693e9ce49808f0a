import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, deleteNotes, listFrames, listNotes, moveNotes, updateNote } from '../../src/lib/boards/doc.js';
import { compact, readDocument, receiveUpdate, unloadAll } from '../../src/lib/server/boards/documents';
import { logSize, rowsSince } from '../../src/lib/server/boards/log';
import { newBoard } from './boards-fixtures';

/** Sends every change of `doc` to the server as its own update, the way a provider does. */
function streaming(doc: Y.Doc, boardId: number) {
	const sent: Promise<unknown>[] = [];
	doc.on('update', (u: Uint8Array) => sent.push(receiveUpdate(boardId, u)));
	return () => Promise.all(sent);
}

const view = (doc: Y.Doc) => JSON.stringify({ notes: listNotes(doc), frames: listFrames(doc), dots: doc.getMap('dots').toJSON() });

describe('the board update log', () => {
	it('keeps every stored change: a board reloaded from the log equals the live one', async () => {
		const { boardId } = await newBoard(undefined, 'more_less');
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(await readDocument(boardId)));
		const flushed = streaming(doc, boardId);
		const ids = Array.from({ length: 30 }, (_, i) => addNote(doc, { text: `Idee ${i}`, x: i * 10, y: 0 }));
		for (let round = 0; round < 5; round++) moveNotes(doc, ids.map((id, i) => ({ id, x: i * 10 + round, y: round * 7 })));
		updateNote(doc, ids[3], { text: 'Aangepast' });
		deleteNotes(doc, ids.slice(20));
		const results = await flushed();
		expect(results.every((r) => (r as { ok: boolean }).ok)).toBe(true);
		const live = view(await readDocument(boardId));
		expect(live).toBe(view(doc));
		unloadAll();
		expect(view(await readDocument(boardId))).toBe(live);
	});

	it('compacts the log into one row that reloads to the same board, smaller, and later changes stay', async () => {
		const { boardId } = await newBoard(undefined, 'problem_tree');
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(await readDocument(boardId)));
		const flushed = streaming(doc, boardId);
		const ids = Array.from({ length: 40 }, (_, i) => addNote(doc, { text: `Notitie nummer ${i} met wat tekst`, x: i, y: i }));
		for (let round = 0; round < 20; round++) moveNotes(doc, ids.map((id) => ({ id, x: round * 3, y: round * 5 })));
		deleteNotes(doc, ids.slice(0, 10));
		await flushed();
		const before = await logSize(boardId);
		const uncompacted = Buffer.concat((await rowsSince(boardId)).map((r) => r.data)).toString('utf8');
		expect(uncompacted).toContain('Notitie nummer 3 met wat tekst');
		const live = view(await readDocument(boardId));
		const r = await compact(boardId);
		expect(r.before).toBe(before.rows);
		const after = await logSize(boardId);
		expect(after.rows).toBe(1);
		expect(after.bytes).toBeLessThan(before.bytes);
		// What was deleted is really gone from what is stored (garbage-collected), what remains is there.
		const stored = Buffer.concat((await rowsSince(boardId)).map((r) => r.data)).toString('utf8');
		expect(stored).not.toContain('Notitie nummer 3 met wat tekst');
		expect(stored).toContain('Notitie nummer 33 met wat tekst');
		unloadAll();
		expect(view(await readDocument(boardId))).toBe(live);
		// A change after compaction is appended after the compacted row, and both reload.
		const more = streaming(doc, boardId);
		addNote(doc, { text: 'Na het samenvoegen', x: 0, y: 900 });
		await more();
		expect((await logSize(boardId)).rows).toBe(2);
		unloadAll();
		const reloaded = await readDocument(boardId);
		expect(listNotes(reloaded).map((n) => n.text)).toContain('Na het samenvoegen');
		expect(view(reloaded)).toBe(view(doc));
	});

	it('compacts by itself once the log holds BOARD_COMPACT_EVERY rows', async () => {
		process.env.BOARD_COMPACT_EVERY = '10';
		try {
			const { boardId } = await newBoard();
			const doc = new Y.Doc();
			Y.applyUpdate(doc, Y.encodeStateAsUpdate(await readDocument(boardId)));
			const flushed = streaming(doc, boardId);
			for (let i = 0; i < 25; i++) {
				addNote(doc, { text: `n${i}`, x: 0, y: 0 });
				await new Promise((r) => setImmediate(r));
			}
			await flushed();
			expect((await logSize(boardId)).rows).toBeGreaterThanOrEqual(10);
			// The compaction waits a moment after the threshold is passed.
			for (let i = 0; i < 60 && (await logSize(boardId)).rows > 1; i++) await new Promise((r) => setTimeout(r, 100));
			expect((await logSize(boardId)).rows).toBe(1);
			unloadAll();
			expect(listNotes(await readDocument(boardId))).toHaveLength(25);
		} finally {
			delete process.env.BOARD_COMPACT_EVERY;
		}
	});
});
