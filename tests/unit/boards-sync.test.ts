import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { io as connect, type Socket } from 'socket.io-client';
import { connected, useSocketServer } from './socket-fixtures';
import { cookieFor, editor, linkFor, newBoard, next, saved, until } from './boards-fixtures';
import { addNote, counts, getNote, listNotes, moveNotes, notesOf, updateNote } from '../../src/lib/boards/doc.js';
import { readDocument, unloadAll } from '../../src/lib/server/boards/documents';
import { logSize } from '../../src/lib/server/boards/log';
import { staff } from './tables-fixtures';

const openClient = useSocketServer();

const client = (headers: Record<string, string> = {}): Promise<Socket> => connected(openClient(headers));

function send(c: Socket, event: string, ...args: unknown[]): Promise<{ ok: boolean; error?: string; [k: string]: unknown }> {
	return new Promise((r) => c.emit(event, ...args, r));
}

const texts = (doc: Y.Doc) => listNotes(doc).map((n) => n.text).sort();

describe('board sync over socket.io', () => {
	it('two and three editors converge on the same notes and positions', async () => {
		const { owner, boardId } = await newBoard();
		const token = await linkFor(owner, boardId);
		const a = await editor(await client(await cookieFor(owner)), { board: boardId });
		const b = await editor(await client(), { link: token });
		const c = await editor(await client(), { link: token });
		const id = addNote(a.doc, { text: 'Schoolboeken zijn te duur', x: 0, y: 0 });
		addNote(b.doc, { text: 'Zwemles kost veel', x: 300, y: 0 });
		await until(c.doc, () => counts(c.doc).notes === 2);
		// Concurrent moves of one note: every editor ends on the same position.
		moveNotes(b.doc, [{ id, x: 500, y: 50 }]);
		moveNotes(c.doc, [{ id, x: 700, y: 90 }]);
		updateNote(a.doc, id, { color: 'pink' });
		await Promise.all([saved(a.provider), saved(b.provider), saved(c.provider)]);
		// The last relayed move may reach `a` after `b` or `c` already has it: wait for either side to change.
		const same = (e: { doc: Y.Doc }) => JSON.stringify(getNote(e.doc, id)) === JSON.stringify(getNote(a.doc, id));
		for (const e of [b, c]) for (let i = 0; i < 150 && !same(e); i++) await new Promise((r) => setTimeout(r, 20));
		for (const e of [b, c]) expect(getNote(e.doc, id)).toEqual(getNote(a.doc, id));
		const final = getNote(a.doc, id);
		expect(final?.color).toBe('pink');
		expect([500, 700]).toContain(final?.x);
		expect(texts(b.doc)).toEqual(texts(a.doc));
		expect(texts(c.doc)).toEqual(['Schoolboeken zijn te duur', 'Zwemles kost veel']);
		// The server's copy is the same as well.
		const server = await readDocument(boardId);
		expect(Y.encodeStateVector(server)).toEqual(Y.encodeStateVector(a.doc));
	});

	it('a late joiner gets the whole board', async () => {
		const { owner, boardId } = await newBoard();
		const a = await editor(await client(await cookieFor(owner)), { board: boardId });
		for (let i = 0; i < 20; i++) addNote(a.doc, { text: `Idee ${i}`, x: i * 10, y: 0 });
		await saved(a.provider);
		a.provider.destroy();
		const late = await editor(await client(await cookieFor(owner)), { board: boardId });
		expect(counts(late.doc).notes).toBe(20);
		expect(texts(late.doc)).toEqual(texts(a.doc));
	});

	it('an edit made offline merges on reconnect, with what others did meanwhile', async () => {
		const { owner, boardId } = await newBoard();
		const token = await linkFor(owner, boardId);
		const headers = await cookieFor(owner);
		const a = await editor(await client(headers), { board: boardId });
		const first = addNote(a.doc, { text: 'Voor de onderbreking', x: 0, y: 0 });
		await saved(a.provider);
		// b works on its own socket that can reconnect.
		const url = (a.provider.socket.io as unknown as { uri: string }).uri;
		const sb = connect(url, { path: '/socket.io', transports: ['websocket'] });
		const b = await editor(sb, { link: token });
		sb.disconnect();
		addNote(b.doc, { text: 'Offline geschreven', x: 10, y: 200 });
		updateNote(b.doc, first, { text: 'Voor de onderbreking (aangevuld offline)' });
		addNote(a.doc, { text: 'Intussen online', x: 400, y: 0 });
		await saved(a.provider);
		expect(texts(a.doc)).not.toContain('Offline geschreven');
		const resynced = next(b.provider, 'synced');
		sb.connect();
		await resynced;
		await saved(b.provider);
		await until(a.doc, () => counts(a.doc).notes === 3);
		expect(texts(a.doc)).toEqual(['Intussen online', 'Offline geschreven', 'Voor de onderbreking (aangevuld offline)']);
		expect(texts(b.doc)).toEqual(texts(a.doc));
		sb.close();
	});

	it('a view-only link receives changes, and its own updates are refused and reach nobody', async () => {
		const { owner, boardId } = await newBoard();
		const viewToken = await linkFor(owner, boardId, 'view');
		const a = await editor(await client(await cookieFor(owner)), { board: boardId });
		const viewerSocket = await client();
		const v = await editor(viewerSocket, { link: viewToken });
		expect(v.provider.level).toBe('view');
		addNote(a.doc, { text: 'Van de begeleider', x: 0, y: 0 });
		await until(v.doc, () => counts(v.doc).notes === 1);
		// The provider does not send a viewer's changes; a client that sends one anyway is refused.
		const rogue = new Y.Doc();
		addNote(rogue, { text: 'Ik mag niet schrijven', x: 0, y: 0 });
		const enc = encoding.createEncoder();
		syncProtocol.writeUpdate(enc, Y.encodeStateAsUpdate(rogue));
		const seen: unknown[] = [];
		a.provider.socket.on('board:sync', (...args: unknown[]) => seen.push(args));
		expect(await send(viewerSocket, 'board:sync', boardId, encoding.toUint8Array(enc))).toEqual({ ok: false, error: 'view_only' });
		await new Promise((r) => setTimeout(r, 100));
		expect(seen).toEqual([]);
		expect(texts(await readDocument(boardId))).toEqual(['Van de begeleider']);
	});

	it('a malformed or out-of-order update is refused and the stored board stays loadable', async () => {
		const { owner, boardId } = await newBoard();
		const socket = await client(await cookieFor(owner));
		const a = await editor(socket, { board: boardId });
		addNote(a.doc, { text: 'Blijft staan', x: 0, y: 0 });
		await saved(a.provider);
		const before = await logSize(boardId);
		const garbage = encoding.createEncoder();
		syncProtocol.writeUpdate(garbage, new Uint8Array([1, 2, 3, 250, 251, 252, 9, 9]));
		expect(await send(socket, 'board:sync', boardId, encoding.toUint8Array(garbage))).toMatchObject({ ok: false, error: 'bad_update' });
		expect(await send(socket, 'board:sync', boardId, new Uint8Array([7]))).toMatchObject({ ok: false, error: 'bad_update' });
		// An update that depends on one the server never got.
		const other = new Y.Doc();
		addNote(other, { text: 'eerste', x: 0, y: 0 });
		const sv = Y.encodeStateVector(other);
		addNote(other, { text: 'tweede', x: 0, y: 0 });
		const enc = encoding.createEncoder();
		syncProtocol.writeUpdate(enc, Y.encodeStateAsUpdate(other, sv));
		expect(await send(socket, 'board:sync', boardId, encoding.toUint8Array(enc))).toMatchObject({ ok: false, error: 'out_of_order' });
		expect(await logSize(boardId)).toEqual(before);
		unloadAll();
		expect(texts(await readDocument(boardId))).toEqual(['Blijft staan']);
	});

	it('refuses a note over the text limit and a board over its note limit, and says so', async () => {
		process.env.BOARD_MAX_NOTES = '3';
		process.env.BOARD_MAX_NOTE_TEXT = '20';
		try {
			const { owner, boardId } = await newBoard();
			const a = await editor(await client(await cookieFor(owner)), { board: boardId });
			const refused = next<string>(a.provider, 'refused');
			addNote(a.doc, { text: 'x'.repeat(21), x: 0, y: 0 });
			expect(await refused).toBe('note_too_long');
			const b = await editor(await client(await cookieFor(owner)), { board: boardId });
			for (let i = 0; i < 3; i++) addNote(b.doc, { text: `kort ${i}`, x: 0, y: 0 });
			await saved(b.provider);
			const full = next<string>(b.provider, 'refused');
			addNote(b.doc, { text: 'één te veel', x: 0, y: 0 });
			expect(await full).toBe('board_full');
			unloadAll();
			expect(texts(await readDocument(boardId))).toEqual(['kort 0', 'kort 1', 'kort 2']);
		} finally {
			delete process.env.BOARD_MAX_NOTES;
			delete process.env.BOARD_MAX_NOTE_TEXT;
		}
	});

	it('refuses an unknown board, an unknown link and an expired one', async () => {
		const { owner, boardId } = await newBoard();
		const socket = await client(await cookieFor(owner));
		expect(await send(socket, 'board:open', { board: boardId + 999 })).toEqual({ ok: false, error: 'board_not_found' });
		expect(await send(socket, 'board:open', { link: 'abcdefghijklmnopqrstuvwxyz234567' })).toEqual({ ok: false, error: 'link_unknown' });
		const stranger = await client(await cookieFor(await staff(['council_member'])));
		expect(await send(stranger, 'board:open', { board: boardId })).toEqual({ ok: false, error: 'forbidden' });
		const { createLink } = await import('../../src/lib/server/boards');
		const old = await createLink(owner, boardId, { level: 'edit', days: 1 }, Date.now() - 2 * 86_400_000);
		expect(old.ok).toBe(true);
		if (old.ok) expect(await send(socket, 'board:open', { link: old.token })).toEqual({ ok: false, error: 'link_expired' });
		expect(await send(socket, 'board:sync', boardId, new Uint8Array([0, 0]))).toEqual({ ok: false, error: 'not_open' });
	});

	it('shows who else is on the board (awareness) and forgets them when they leave', async () => {
		const { owner, boardId } = await newBoard();
		const token = await linkFor(owner, boardId);
		const a = await editor(await client(await cookieFor(owner)), { board: boardId });
		const b = await editor(await client(), { link: token });
		b.provider.awareness.setLocalStateField('user', { name: 'Anna', color: '#1d4ed8' });
		b.provider.awareness.setLocalStateField('cursor', { x: 120, y: 80 });
		const names = () => [...a.provider.awareness.getStates().values()].map((s) => (s as { user?: { name: string } }).user?.name).filter(Boolean);
		for (let i = 0; i < 50 && !names().includes('Anna'); i++) await new Promise((r) => setTimeout(r, 20));
		expect(names()).toEqual(['Anna']);
		// A newcomer sees Anna at once.
		const c = await editor(await client(), { link: token });
		const seen = [...c.provider.awareness.getStates().values()].map((s) => (s as { cursor?: { x: number } }).cursor?.x);
		expect(seen).toContain(120);
		b.provider.socket.disconnect();
		for (let i = 0; i < 50 && names().length; i++) await new Promise((r) => setTimeout(r, 20));
		expect(names()).toEqual([]);
	});

	it('does not store an update the board already has twice', async () => {
		const { owner, boardId } = await newBoard();
		const socket = await client(await cookieFor(owner));
		const a = await editor(socket, { board: boardId });
		addNote(a.doc, { text: 'Eén keer', x: 0, y: 0 });
		await saved(a.provider);
		const before = await logSize(boardId);
		const enc = encoding.createEncoder();
		syncProtocol.writeUpdate(enc, Y.encodeStateAsUpdate(a.doc));
		expect(await send(socket, 'board:sync', boardId, encoding.toUint8Array(enc))).toEqual({ ok: true });
		expect(await logSize(boardId)).toEqual(before);
		expect(notesOf(await readDocument(boardId)).size).toBe(1);
	});
});
