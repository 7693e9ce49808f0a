// The demo boards: the finished table's board (clusters, dots, signals) and an empty board with a fixed link.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb, schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/seed';
import {
	DEMO_BOARD_LINK_PATH,
	DEMO_BOARD_TOKEN,
	DEMO_GROUP_BOARD_TITLE,
	DEMO_TABLE_BOARD_TITLE,
	demoBoardIds,
	seedDemoBoards
} from '../../src/lib/server/seed/boards';
import { FINISHED_TABLE_CODE } from '../../src/lib/server/seed/tables';
import { openBoard } from '../../src/lib/server/boards';
import { readDocument, unloadAll } from '../../src/lib/server/boards/documents';
import { noteSignals } from '../../src/lib/server/boards/evidence';
import { dotTally, listFrames, listNotes, metaOf, type Frame, type Note } from '../../src/lib/boards/doc.js';
import { getSignal } from '../../src/lib/server/signals';


type Box = { x: number; y: number; w: number; h: number };
const intersect = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (n: Box, f: Box) => n.x >= f.x && n.y >= f.y && n.x + n.w <= f.x + f.w && n.y + n.h <= f.y + f.h;

async function seeded() {
	await seedDemo();
	const ids = await demoBoardIds();
	expect(ids.table).toBeTypeOf('number');
	expect(ids.group).toBeTypeOf('number');
	return ids as { table: number; group: number };
}

describe('the demo boards', () => {
	it('are seeded once: a second start leaves one of each', async () => {
		const first = await seeded();
		expect(await seedDemoBoards()).toBe(false);
		await seedDemo();
		unloadAll();
		expect(await demoBoardIds()).toEqual(first);
		const boards = await getDb().select().from(schema.boards);
		expect(boards.filter((b) => b.title === DEMO_TABLE_BOARD_TITLE)).toHaveLength(1);
		expect(boards.filter((b) => b.title === DEMO_GROUP_BOARD_TITLE)).toHaveLength(1);
		expect(await getDb().select().from(schema.boardLinks)).toHaveLength(1);
		// the document was not written twice either
		expect(listNotes(await readDocument(first.table)).length).toBeLessThanOrEqual(70);
	});

	it("the finished table's board: about sixty notes, clusters side by side, dots, notes backing signals", async () => {
		const { table: boardId } = await seeded();
		const db = getDb();
		const board = (await db.select().from(schema.boards).where(eq(schema.boards.id, boardId)).get())!;
		const table = (await db.select().from(schema.dialogueTables).where(eq(schema.dialogueTables.code, FINISHED_TABLE_CODE)).get())!;
		expect(board).toMatchObject({ tableId: table.id, template: 'empty', locale: 'nl', archivedAt: null });
		const phase = (await db.select().from(schema.tablePhases).where(eq(schema.tablePhases.id, board.phaseId!)).get())!;
		expect(phase).toMatchObject({ tableId: table.id, title: 'Samen naar antwoorden' });
		// made that evening, not when the demo started
		expect(+board.createdAt).toBeGreaterThanOrEqual(+table.scheduledAt!);
		expect(+board.createdAt).toBeLessThan(+table.endedAt!);

		const doc = await readDocument(boardId);
		const notes = listNotes(doc);
		const frames = listFrames(doc);
		expect(metaOf(doc).get('template')).toBe('empty');
		expect(notes.length).toBeGreaterThanOrEqual(50);
		expect(notes.length).toBeLessThanOrEqual(70);
		expect(frames.length).toBeGreaterThanOrEqual(6);
		expect(frames.length).toBeLessThanOrEqual(8);
		expect(new Set(frames.map((f) => f.title)).size).toBe(frames.length);
		expect(frames.every((f) => f.title.trim().length > 0)).toBe(true);
		expect(frames.some((f) => f.tags.includes('theme:1'))).toBe(true);

		// most notes in a cluster, a few still to sort; every note inside its own cluster, loose ones outside all
		const byFrame = new Map<string, Note[]>(frames.map((f) => [f.id, []]));
		const loose: Note[] = [];
		for (const n of notes) (n.frame ? byFrame.get(n.frame)! : loose).push(n);
		expect(loose.length).toBeGreaterThan(0);
		expect(loose.length).toBeLessThan(notes.length / 5);
		for (const f of frames) {
			expect(byFrame.get(f.id)!.length).toBeGreaterThanOrEqual(5);
			for (const n of byFrame.get(f.id)!) expect(inside(n, f)).toBe(true);
		}
		for (const n of loose) expect(frames.some((f) => intersect(n, f))).toBe(false);

		// clusters and notes do not overlap one another
		const pairs = <T extends Box>(xs: T[]) => xs.flatMap((a, i) => xs.slice(i + 1).map((b) => [a, b] as const));
		for (const [a, b] of pairs<Frame>(frames)) expect(intersect(a, b), `${a.title} / ${b.title}`).toBe(false);
		for (const [a, b] of pairs<Note>(notes)) expect(intersect(a, b), `${a.text} / ${b.text}`).toBe(false);

		// real sticky notes: short, varied, mostly anonymous, a few named, several colours, written that evening
		const words = notes.map((n) => n.text.trim().split(/\s+/).length);
		expect(Math.min(...words)).toBeGreaterThanOrEqual(3);
		expect(Math.max(...words)).toBeLessThanOrEqual(25);
		const named = notes.filter((n) => n.author);
		expect(named.length).toBeGreaterThan(0);
		expect(named.length).toBeLessThan(notes.length / 3);
		expect(named.every((n) => /^[A-Z][a-z]+$/.test(n.author!))).toBe(true);
		expect(new Set(notes.map((n) => n.color)).size).toBeGreaterThanOrEqual(4);
		for (const n of notes) {
			expect(n.at).toBeGreaterThanOrEqual(+table.scheduledAt!);
			expect(n.at).toBeLessThan(+table.endedAt!);
		}

		// dots from about ten people, within their budget of five, so that a ranking shows
		const voters = new Set<string>();
		doc.getMap('dots').forEach((_, key) => voters.add(key.split(' ')[1]));
		expect(voters.size).toBeGreaterThanOrEqual(8);
		for (const v of voters) expect(dotTally(doc, v).used).toBeLessThanOrEqual(5);
		const ranking = [...dotTally(doc).perNote.values()].sort((a, b) => b - a);
		expect(ranking.length).toBeGreaterThan(10);
		expect(ranking[0]).toBeGreaterThan(ranking[3]);

		// clusters made into signals: the notes back them, and each signal lists them with the board
		const backing = await noteSignals(boardId);
		const signalIds = [...new Set(Object.values(backing).flatMap((s) => s.map((x) => x.id)))];
		expect(signalIds.length).toBeGreaterThanOrEqual(2);
		const backedFrames = new Set(Object.keys(backing).map((key) => notes.find((n) => n.id === key)!.frame));
		expect(backedFrames.has(null)).toBe(false);
		for (const frameId of backedFrames) expect(byFrame.get(frameId!)!.every((n) => backing[n.id]?.length)).toBe(true);

		const details = await Promise.all(signalIds.map(async (id) => (await getSignal(id))!));
		for (const s of details) {
			const fromBoard = s.evidence.filter((e) => e.sourceType === 'board_note');
			expect(fromBoard.length).toBeGreaterThan(0);
			for (const e of fromBoard) {
				expect(e).toMatchObject({ channel: 'board', context: DEMO_TABLE_BOARD_TITLE });
				expect(e.contextHref).toMatch(new RegExp(`^/staff/boards/${boardId}\\?note=`));
				expect(e.origin?.[0]?.kind).toBe('cluster');
				expect(notes.some((n) => n.text === e.text)).toBe(true);
				// written that evening, added to the signal in the days after
				expect(+e.date).toBeGreaterThanOrEqual(+table.scheduledAt!);
				expect(+e.date).toBeLessThan(+table.endedAt!);
				expect(+e.addedAt).toBeGreaterThan(+table.endedAt!);
				expect(+e.addedAt).toBeLessThan(Date.now() - 7 * 86_400_000);
			}
			// taken further in the days after the evening, not when the demo started
			expect(+s.createdAt).toBeLessThan(Date.now() - 7 * 86_400_000);
			expect(+s.updatedAt).toBeLessThan(Date.now() - 7 * 86_400_000);
		}
		// one new signal with a theme tag, and the table's own signal with the board's notes as extra evidence
		const fresh = details.filter((s) => s.evidence.every((e) => e.sourceType === 'board_note'));
		expect(fresh.length).toBeGreaterThanOrEqual(1);
		expect(fresh.every((s) => ['proposal', 'need'].includes(s.type) && s.tags.some((t) => t.kind === 'theme'))).toBe(true);
		const tableSignal = details.find((s) => s.evidence.some((e) => e.sourceType === 'table_contribution'));
		expect(tableSignal).toBeDefined();
		expect(tableSignal!.evidence.filter((e) => e.sourceType === 'board_note').length).toBeGreaterThan(0);
		expect(tableSignal!.evidence.filter((e) => e.sourceType !== 'board_note').map((e) => e.sourceType).sort()).toEqual([
			'postcard',
			'table_contribution',
			'table_contribution'
		]);
	});

	it("the new group's board: the template's two clusters, no notes, opened with the fixed link", async () => {
		const { group: boardId } = await seeded();
		expect(DEMO_BOARD_TOKEN).toMatch(/^[a-z0-9]{32}$/);
		expect(DEMO_BOARD_LINK_PATH).toBe(`/b/${DEMO_BOARD_TOKEN}`);
		const doc = await readDocument(boardId);
		expect(metaOf(doc).get('template')).toBe('more_less');
		expect(listFrames(doc).map((f) => f.title)).toEqual(['Meer van', 'Minder van']);
		expect(listNotes(doc)).toHaveLength(0);
		expect(dotTally(doc).perNote.size).toBe(0);

		const opened = await openBoard({ kind: 'link', token: DEMO_BOARD_TOKEN });
		if (!opened.ok) throw new Error(opened.error);
		expect(opened.level).toBe('edit');
		expect(opened.board).toMatchObject({ id: boardId, title: DEMO_GROUP_BOARD_TITLE, template: 'more_less', tableId: null, archived: false });
		// valid for a year, so a demo database keeps its link
		expect((await openBoard({ kind: 'link', token: DEMO_BOARD_TOKEN }, Date.now() + 300 * 86_400_000)).ok).toBe(true);
		const link = (await getDb().select().from(schema.boardLinks).where(eq(schema.boardLinks.boardId, boardId)).get())!;
		expect(link).toMatchObject({ level: 'edit', label: 'Demo', revokedAt: null });
		expect(link.tokenHash).not.toContain(DEMO_BOARD_TOKEN);
	});
});
