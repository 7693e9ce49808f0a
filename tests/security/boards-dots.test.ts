/**
 * Dot votes are counted by the server: an edit-link script cannot give more dots than the board's
 * budget (5), cannot vote in another person's name, cannot take or change another person's dots, and
 * cannot raise the budget. The voter is the one the server issued to the connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Socket } from 'socket.io-client';
import { addNote, dotBudget, dotTally, dotsOf, metaOf } from '../../src/lib/boards/doc.js';
import { useServer } from './server';
import { changeOf, connect, DEMO_BOARD_TOKEN, download, open, sendUpdate, type Reply } from './boards-client';

const own = useServer('boards-dots');

let script: Socket;
let boardId: number;
let voter: string;
let token: string;
let base: Y.Doc;
let noteId: string;

async function attempt(socket: Socket, change: (doc: Y.Doc) => void): Promise<Reply> {
	const update = changeOf(base, change);
	const r = await sendUpdate(socket, boardId, update);
	if (r.ok) Y.applyUpdate(base, update);
	return r;
}

beforeAll(async () => {
	script = await connect(own.url);
	const opened = await open(script, { link: DEMO_BOARD_TOKEN, voter: 'anything-i-like' });
	boardId = opened.board.id;
	voter = opened.voter as string;
	token = opened.voterToken as string;
	base = (await download(script, boardId)).doc;
	let id = '';
	expect(await attempt(script, (d) => (id = addNote(d, { text: 'Gratis schoolzwemmen', x: 0, y: 0 })))).toEqual({ ok: true });
	noteId = id;
});
afterAll(() => script?.close());

const tally = async () => dotTally((await download(script, boardId)).doc);

describe('dots are counted by the server', () => {
	it('the server names the voter; a voter the client makes up is not taken', () => {
		expect(voter).toMatch(/^l[a-z0-9]{16}$/);
		expect(voter).not.toContain('anything');
		expect(token).toMatch(/^v1\./);
	});

	it('40 dots on one note in one update, or one at a time past the budget, are refused', async () => {
		expect(dotBudget(base)).toBe(5);
		expect(await attempt(script, (d) => dotsOf(d).set(`${noteId} ${voter}`, 40))).toEqual({ ok: false, error: 'no_dots_left' });
		const answers: Reply[] = [];
		for (let n = 1; n <= 40; n++) answers.push(await attempt(script, (d) => dotsOf(d).set(`${noteId} ${voter}`, n)));
		expect(answers.filter((r) => r.ok).length).toBe(5);
		expect(answers.slice(5).every((r) => r.error === 'no_dots_left')).toBe(true);
		expect((await tally()).perNote.get(noteId)).toBe(5);
	});

	it('dots in other voters\' names are refused', async () => {
		const r = await attempt(script, (d) => {
			for (let i = 0; i < 40; i++) dotsOf(d).set(`${noteId} fake${String(i).padStart(2, '0')}`, 1);
		});
		expect(r).toEqual({ ok: false, error: 'not_your_dots' });
		expect((await tally()).perNote.get(noteId)).toBe(5);
	});

	it('a new connection with the issued token is the same voter (the budget stays spent)', async () => {
		const again = await connect(own.url);
		const opened = await open(again, { link: DEMO_BOARD_TOKEN, voter: token });
		expect(opened.voter).toBe(voter);
		expect(await attempt(again, (d) => dotsOf(d).set(`${noteId} ${voter}`, 6))).toEqual({ ok: false, error: 'no_dots_left' });
		again.close();
	});

	it("another person's dots cannot be taken away or changed, and the budget cannot be raised", async () => {
		const other = await connect(own.url);
		const o = await open(other, { link: DEMO_BOARD_TOKEN });
		const otherVoter = o.voter as string;
		expect(otherVoter).not.toBe(voter);
		expect(await attempt(other, (d) => dotsOf(d).set(`${noteId} ${otherVoter}`, 2))).toEqual({ ok: true });
		expect(await attempt(script, (d) => dotsOf(d).delete(`${noteId} ${otherVoter}`))).toEqual({ ok: false, error: 'not_your_dots' });
		expect(await attempt(script, (d) => dotsOf(d).set(`${noteId} ${otherVoter}`, 5))).toEqual({ ok: false, error: 'not_your_dots' });
		expect(await attempt(script, (d) => metaOf(d).set('dots', 50))).toEqual({ ok: false, error: 'facilitator_only' });
		const t = await tally();
		expect(t.perNote.get(noteId)).toBe(7);
		expect(dotBudget((await download(script, boardId)).doc)).toBe(5);
		// Taking back one's own dot is fine.
		expect(await attempt(script, (d) => dotsOf(d).set(`${noteId} ${voter}`, 4))).toEqual({ ok: true });
		other.close();
		expect(await own.alive()).toBe(true);
	});
});
