/**
 * A scripted board client for the security suite: a socket.io connection speaking the board protocol
 * (src/lib/server/realtime/boards.ts) by hand, so a test can send what no browser would.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { io, type Socket } from 'socket.io-client';

/** The demo's edit link of the empty 'more of / less of' board (src/lib/server/seed/boards.ts). */
export const DEMO_BOARD_TOKEN = 'demobordmeerminder2026groepnieuw';
export type Reply = { ok: boolean; error?: string; [k: string]: unknown };

export async function connect(url: string, cookie?: string): Promise<Socket> {
	const socket = io(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: cookie ? { cookie } : {}, reconnection: false });
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
	return socket;
}

export function ask(socket: Socket, event: string, ...args: unknown[]): Promise<Reply> {
	return new Promise((resolve) => socket.timeout(20_000).emit(event, ...args, (err: unknown, reply: Reply) => resolve(err ? { ok: false, error: 'timeout' } : reply)));
}

/** Sends a Yjs update as a y-protocols update message; answers the server's reply. */
export function sendUpdate(socket: Socket, boardId: number, update: Uint8Array): Promise<Reply> {
	const enc = encoding.createEncoder();
	syncProtocol.writeUpdate(enc, update);
	return ask(socket, 'board:sync', boardId, encoding.toUint8Array(enc));
}

/** Opens a board; answers the reply (board id in `board.id`). */
export async function open(socket: Socket, credentials: Record<string, unknown>): Promise<Reply & { board: { id: number } }> {
	const r = await ask(socket, 'board:open', credentials);
	if (!r.ok) throw new Error(`board:open refused: ${r.error}`);
	return r as Reply & { board: { id: number } };
}

const bytes = (v: unknown) => (v instanceof Uint8Array ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : new Uint8Array(v as ArrayBuffer));

/** The board as a newcomer gets it (sync step 1 with an empty document): the document and the bytes downloaded. */
export async function download(socket: Socket, boardId: number): Promise<{ doc: Y.Doc; bytes: number }> {
	const enc = encoding.createEncoder();
	syncProtocol.writeSyncStep1(enc, new Y.Doc());
	const r = await ask(socket, 'board:sync', boardId, encoding.toUint8Array(enc));
	if (!r.ok) throw new Error(`sync refused: ${r.error}`);
	const step2 = bytes(r.reply);
	const d = decoding.createDecoder(step2);
	decoding.readVarUint(d);
	const update = decoding.readVarUint8Array(d);
	const doc = new Y.Doc();
	Y.applyUpdate(doc, update);
	return { doc, bytes: update.byteLength };
}

/** An update made on a copy of `base` by `change` (what the change adds to it). */
export function changeOf(base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
	const before = Y.encodeStateVector(doc);
	change(doc);
	const update = Y.encodeStateAsUpdate(doc, before);
	doc.destroy();
	return update;
}
