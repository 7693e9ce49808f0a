// The shared check of a Yjs update against its document's shape (src/lib/server/ydoc/shape.ts), with
// the two shapes that use it: a board's and the council advice draft's.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { inspectUpdate } from '../../src/lib/server/ydoc/shape';
import { boardShape, checkRules } from '../../src/lib/server/boards/shape';
import { DRAFT_SHAPE, DRAFT_TEXT_MAX } from '../../src/lib/server/councils/draft';
import { addNote, applyTemplate, deleteNotes, dotsOf, moveNotes, notesOf, updateNote } from '../../src/lib/boards/doc.js';

const shape = boardShape({ maxNoteText: 500 });

function board(): Y.Doc {
	const doc = new Y.Doc();
	applyTemplate(doc, 'more_less', (k) => k);
	return doc;
}

/** What `change` adds to a copy of `doc`. */
function change(doc: Y.Doc, fn: (d: Y.Doc) => void): Uint8Array {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	const sv = Y.encodeStateVector(copy);
	fn(copy);
	return Y.encodeStateAsUpdate(copy, sv);
}

describe('inspectUpdate', () => {
	it('accepts what the board client writes: notes, moves, edits, deletes, clusters, dots', () => {
		const doc = board();
		let id = '';
		const add = change(doc, (d) => (id = addNote(d, { text: 'Meer bankjes', author: 'Amina', x: 10, y: 20, tags: ['goal:1.2'] })));
		const r = inspectUpdate(doc, add, shape);
		expect(r.ok).toBe(true);
		Y.applyUpdate(doc, add);
		for (const fn of [
			(d: Y.Doc) => moveNotes(d, [{ id, x: 300, y: 40 }]),
			(d: Y.Doc) => updateNote(d, id, { text: 'Meer bankjes en schaduw', color: 'pink' }),
			(d: Y.Doc) => dotsOf(d).set(`${id} labc`, 2),
			(d: Y.Doc) => deleteNotes(d, [id])
		]) {
			const u = change(doc, fn);
			expect(inspectUpdate(doc, u, shape)).toMatchObject({ ok: true });
			Y.applyUpdate(doc, u);
		}
	});

	it('refuses without touching the document: unknown keys, wrong types, oversized fields', () => {
		const doc = board();
		const before = Y.encodeStateAsUpdate(doc);
		expect(inspectUpdate(doc, change(doc, (d) => d.getMap('evil').set('a', 1)), shape)).toEqual({ ok: false, error: 'bad_content' });
		expect(inspectUpdate(doc, change(doc, (d) => notesOf(d).set('n1', new Y.Map([['text', new Y.Text('x')]]) as Y.Map<unknown>)), shape)).toEqual({
			ok: false,
			error: 'bad_content'
		});
		expect(inspectUpdate(doc, change(doc, (d) => addNote(d, { text: 'x', author: 'a'.repeat(81), x: 0, y: 0 })), shape)).toEqual({ ok: false, error: 'field_too_long' });
		expect(inspectUpdate(doc, new Uint8Array([1, 2, 3, 250]), shape)).toEqual({ ok: false, error: 'bad_update' });
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
		expect([...doc.share.keys()].sort()).toEqual(['frames', 'meta']);
	});

	it('finds the place of an overwrite through its origin (a note text replaced by a Y.Text later)', () => {
		const doc = board();
		let id = '';
		const add = change(doc, (d) => (id = addNote(d, { text: 'ok', x: 0, y: 0 })));
		Y.applyUpdate(doc, add);
		const swap = change(doc, (d) => (notesOf(d).get(id) as Y.Map<unknown>).set('text', new Y.Text('sneaky')));
		expect(inspectUpdate(doc, swap, shape)).toEqual({ ok: false, error: 'bad_content' });
	});

	it('answers out_of_order for an update that depends on one the document lacks', () => {
		const doc = board();
		const a = new Y.Doc();
		Y.applyUpdate(a, Y.encodeStateAsUpdate(doc));
		const sv0 = Y.encodeStateVector(a);
		const id = addNote(a, { text: 'one', x: 0, y: 0 });
		const sv1 = Y.encodeStateVector(a);
		updateNote(a, id, { text: 'two' });
		expect(inspectUpdate(doc, Y.encodeStateAsUpdate(a, sv1), shape)).toEqual({ ok: false, error: 'out_of_order' });
		expect(inspectUpdate(doc, Y.encodeStateAsUpdate(a, sv0), shape)).toMatchObject({ ok: true });
	});

	it('the advice draft: its text only, within its length, deletions counted', () => {
		const doc = new Y.Doc();
		doc.getText('advice').insert(0, 'x'.repeat(DRAFT_TEXT_MAX - 10));
		expect(inspectUpdate(doc, change(doc, (d) => d.getMap('other').set('a', 1)), DRAFT_SHAPE)).toEqual({ ok: false, error: 'bad_update' });
		expect(inspectUpdate(doc, change(doc, (d) => d.getText('advice').insert(0, 'y'.repeat(20))), DRAFT_SHAPE)).toEqual({ ok: false, error: 'draft_too_long' });
		// Replacing the whole text with one as long is not growth.
		const replace = change(doc, (d) => {
			const t = d.getText('advice');
			t.delete(0, t.length);
			t.insert(0, 'z'.repeat(DRAFT_TEXT_MAX));
		});
		expect(inspectUpdate(doc, replace, DRAFT_SHAPE)).toMatchObject({ ok: true });
	});
});

describe('checkRules (boards)', () => {
	it('keeps dots to the voter and the budget, and the settings to facilitators', () => {
		const doc = board();
		let id = '';
		Y.applyUpdate(doc, change(doc, (d) => (id = addNote(d, { text: 'n', x: 0, y: 0 }))));
		const rules = (fn: (d: Y.Doc) => void, actor: { level: 'edit' | 'facilitate'; voter: string | null }) => {
			const r = inspectUpdate(doc, change(doc, fn), shape);
			if (!r.ok) return r.error;
			return checkRules(doc, { notes: 1, frames: 2 }, r.writes, r.removals, actor, { maxNotes: 10, maxFrames: 10 });
		};
		const me = { level: 'edit' as const, voter: 'lme' };
		expect(rules((d) => dotsOf(d).set(`${id} lme`, 5), me)).toBe(null);
		expect(rules((d) => dotsOf(d).set(`${id} lme`, 6), me)).toBe('no_dots_left');
		expect(rules((d) => dotsOf(d).set(`${id} lother`, 1), me)).toBe('not_your_dots');
		expect(rules((d) => d.getMap('meta').set('dots', 50), me)).toBe('facilitator_only');
		expect(rules((d) => d.getMap('meta').set('dots', 50), { level: 'facilitate', voter: 's1' })).toBe(null);
		expect(rules((d) => {
			for (let i = 0; i < 10; i++) addNote(d, { text: `n${i}`, x: 0, y: 0 });
		}, me)).toBe('board_full');
	});
});
