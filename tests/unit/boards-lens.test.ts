// Speaking as a persona on a board: a note written with a lens carries the lens tag, the server keeps
// it, and a challenge's evidence picks it up for a bundle holding that persona.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eq } from 'drizzle-orm';
import { render } from 'svelte/server';
import { getDb, schema } from '../../src/lib/server/db';
import { BoardSession } from '../../src/lib/boards/session.svelte';
import { listNotes } from '../../src/lib/boards/doc.js';
import { lensTag } from '../../src/lib/personas/lens';
import { readDocument, receiveUpdate } from '../../src/lib/server/boards/documents';
import { getWorkshop, lensPersonas, openStepBoard } from '../../src/lib/server/personas/workshops';
import { challengeEvidence } from '../../src/lib/server/personas/signals';
import { load as boardLoad } from '../../src/routes/t/[code]/board/[id]/+page.server';
import { load as staffBoardLoad } from '../../src/routes/staff/boards/[id]/+page.server';
import BoardCanvas from '../../src/lib/components/boards/BoardCanvas.svelte';
import { lensLabel } from '../../src/lib/components/boards/BoardWorkspace.svelte';
import { workshopWithChallenges } from './personas-fixtures';
import { table, staff } from './tables-fixtures';

/** A session that may edit, without a connection (nothing is sent). */
function editingSession(boardId = 1): BoardSession {
	const session = new BoardSession({ board: boardId }, { offline: false });
	session.level = 'edit';
	return session;
}

/** The workshop, the personas one may speak as (by name) and the board of its 'speak as' step. */
async function speakAsBoard() {
	const w = await workshopWithChallenges();
	const view = await getWorkshop(w.facilitator, w.workshopId);
	if (!view.ok) throw new Error(view.error);
	const step = view.workshop.steps.find((s) => s.step === 'speak_as')!;
	const opened = await openStepBoard(w.facilitator, w.workshopId, step.phaseId);
	if (!opened.ok) throw new Error(opened.error);
	const lenses = await lensPersonas(w.tableId);
	const id = (name: string) => lenses.find((p) => p.name === name)!.id;
	return { ...w, view: view.workshop, boardId: opened.boardId, lenses, id };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('speaking as a persona on a board', () => {
	it('a note written with a lens carries the lens tag; one written after clearing it does not', () => {
		const session = editingSession();
		session.lens = lensTag(12);
		const a = session.addNote({ text: 'Ik wil Nederlands oefenen op het werk.', x: 0, y: 0 });
		session.lens = null;
		const b = session.addNote({ text: 'Opvang dichterbij.', x: 300, y: 0 });
		if (!a.ok || !b.ok) throw new Error('notes');
		expect(session.note(a.id)?.tags).toEqual(['persona:12']);
		expect(session.note(b.id)?.tags).toEqual([]);
		// Editing a note's text keeps its lens.
		expect(session.editNote(a.id, { text: 'Nederlands oefenen op de werkvloer.' })).toBeNull();
		expect(session.note(a.id)?.tags).toEqual(['persona:12']);
		session.stop();
	});

	it('the server stores such a note, and a challenge of a bundle with that persona takes it as evidence', async () => {
		const w = await speakAsBoard();
		const session = editingSession(w.boardId);
		Y.applyUpdate(session.doc, Y.encodeStateAsUpdate(await readDocument(w.boardId)));
		const before = Y.encodeStateVector(session.doc);
		session.lens = lensTag(w.id('Nassim'));
		const asNassim = session.addNote({ text: 'Taalles op het werk zou helpen.', x: 0, y: 0 });
		session.lens = null;
		const asMe = session.addNote({ text: 'Meer buurtwerk.', x: 300, y: 0 });
		if (!asNassim.ok || !asMe.ok) throw new Error('notes');

		expect(await receiveUpdate(w.boardId, Y.encodeStateAsUpdate(session.doc, before))).toEqual({ ok: true, stored: true });
		const stored = listNotes(await readDocument(w.boardId));
		expect(stored.find((n) => n.id === asNassim.id)?.tags).toEqual([lensTag(w.id('Nassim'))]);
		expect(stored.find((n) => n.id === asMe.id)?.tags).toEqual([]);

		const nassim = w.view.challenges.find((c) => c.bundle.personaIds.includes(w.id('Nassim')))!;
		const refs = await challengeEvidence(w.workshopId, w.tableId, nassim.id, nassim.bundleId, nassim.bundle.personaIds);
		const noteRefs = refs.filter((r) => r.sourceType === 'board_note').map((r) => r.sourceId);
		expect(noteRefs).toHaveLength(1);
		const [row] = await getDb().select({ key: schema.boardNotes.noteKey }).from(schema.boardNotes).where(eq(schema.boardNotes.id, noteRefs[0]));
		expect(row.key).toBe(asNassim.id);

		// Another bundle's challenge (Sabine's) does not take Nassim's note.
		const sabine = w.view.challenges.find((c) => c.bundle.personaIds.includes(w.id('Sabine')))!;
		const other = await challengeEvidence(w.workshopId, w.tableId, sabine.id, sabine.bundleId, sabine.bundle.personaIds);
		expect(other.filter((r) => r.sourceType === 'board_note')).toEqual([]);
		session.stop();
	});

	it('the phone’s board page gets the workshop’s personas; other and unknown tables get none', async () => {
		const w = await speakAsBoard();
		const load = (code: string) => boardLoad({ params: { code, id: String(w.boardId) } } as never) as Promise<{ lenses: { id: number; name: string; avatar: string }[] }>;
		const { lenses } = await load(w.code);
		expect(lenses.map((p) => p.name).sort()).toEqual(['Marc', 'Mieke', 'Nassim', 'Sabine']);
		expect(lenses.find((p) => p.name === 'Nassim')).toEqual({ id: w.id('Nassim'), name: 'Nassim', avatar: 'a03' });
		const plain = await table(await staff(['facilitator']));
		expect((await load(plain.code)).lenses).toEqual([]);
		expect((await load('ZZZZZZ')).lenses).toEqual([]);
		expect((await load('not a code')).lenses).toEqual([]);
	});

	it('staff see a lens tag as the persona’s name', async () => {
		const w = await speakAsBoard();
		const url = new URL(`http://x/staff/boards/${w.boardId}`);
		const data = (await staffBoardLoad({ params: { id: String(w.boardId) }, url, locals: { locale: 'nl', user: w.facilitator } } as never)) as { lenses: { id: number; name: string; avatar: string }[] };
		expect(data.lenses.map((p) => p.name)).toContain('Nassim');
		const label = lensLabel(data.lenses, (t) => `plan:${t}`);
		expect(label(lensTag(w.id('Nassim')))).toBe('als Nassim');
		expect(label('theme:1')).toBe('plan:theme:1');
		// A persona of another workshop is not named.
		expect(label(lensTag(999_999))).toBe(`plan:${lensTag(999_999)}`);
	});

	it('a note that speaks as a persona shows its chip on the board surface', async () => {
		const session = editingSession();
		session.lens = lensTag(7);
		session.addNote({ text: 'Als alleenstaande moeder', x: 0, y: 0 });
		session.lens = null;
		session.addNote({ text: 'Zonder lens', x: 300, y: 0 });
		await settle();
		expect(session.notes).toHaveLength(2);
		const html = render(BoardCanvas, { props: { session, lenses: [{ id: 7, name: 'Sabine', avatar: 'a09' }] } }).body;
		expect(html.match(/als Sabine/g)?.length).toBeGreaterThanOrEqual(1);
		expect(html).toContain('class="lens');
		// Without the list of personas no chip is drawn (the tag alone names nobody).
		expect(render(BoardCanvas, { props: { session } }).body).not.toContain('als Sabine');
		session.stop();
	});
});
