/**
 * Socket events of collaborative boards (the client side is src/lib/boards/provider.js).
 * - board:open {board} (staff session) | {link} (token of a board link) | {board, table} (a dialogue
 *   table participant's token) | {board, watch} (a table's join code: its projector, view only)
 *   → {ok, board, level, limits, signals, awareness, voter, voterToken?}; joins room `board:<id>`. `voter`
 *   is who this connection's dots belong to, as the server says (../boards/voter.ts); a link holder
 *   sends back the `voterToken` it was given as `voter` in later opens.
 * - board:sync (boardId, message): a y-protocols sync message. Step 1 → {ok, reply: step 2, step1};
 *   step 2 or update (edit level and up) → checked, stored, then {ok} and relayed to the room as an
 *   update (those of one event-loop turn merged); refused → {ok: false, error} and nobody else sees it.
 * - board:awareness (boardId, update): presence (name, cursor, viewport), rebuilt by the server (bounded
 *   fields, `facilitator` from the connection's level), relayed, never stored.
 * - board:close (boardId).
 * Out: board:sync and board:awareness from others; board:signals when notes became evidence.
 */
import type { Server, Socket } from 'socket.io';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { validateSession, type StaffUser } from '../auth';
import type { RateLimit } from '../ratelimit';
import { connectionLimit } from './limit';
import { atLeast, openBoard, type BoardViewer } from '../boards';
import { attach, awarenessSnapshot, detach, receiveAwareness, receiveUpdate, syncReply } from '../boards/documents';
import { boardLimits } from '../boards/limits';
import { noteSignals } from '../boards/evidence';
import { toBytes } from '$lib/boards/provider.js';
import { isRecord } from '../tables/validate';
import { linkVoter, participantVoter, staffVoter } from '../boards/voter';
import { sessionToken } from './session';
import { rememberBoard } from './rights';

type Reply = { ok: boolean; error?: string; [k: string]: unknown };
type Ack = (reply: Reply) => void;
type Opened = Map<number, 'view' | 'edit' | 'facilitate'>;

export const boardRoom = (boardId: number) => `board:${boardId}`;

const DEFAULT_LIMIT: RateLimit = { max: 300, windowMs: 10_000 };
const AWARENESS_MAX_BYTES = 4096;
/** Presence messages per connection and second beyond which they are dropped (cursors are throttled by clients). */
const AWARENESS_PER_SECOND = 30;

const outgoing = new WeakMap<Server, Map<number, Uint8Array[]>>();

/**
 * Relays stored updates to a board's room. Updates stored in the same turn of the event loop go out
 * together as one merged update, once that turn is over: writing to every socket of the room is the
 * main cost of a busy board, so a burst costs one write per socket instead of one per update. The room
 * includes the senders (applying one's own update again changes nothing), as y-websocket does.
 */
function relay(io: Server, boardId: number, update: Uint8Array): void {
	let boards = outgoing.get(io);
	if (!boards) outgoing.set(io, (boards = new Map()));
	const waiting = boards.get(boardId);
	if (waiting) return void waiting.push(update);
	boards.set(boardId, [update]);
	setImmediate(() => {
		const updates = boards.get(boardId) ?? [];
		boards.delete(boardId);
		const enc = encoding.createEncoder();
		syncProtocol.writeUpdate(enc, updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));
		io.to(boardRoom(boardId)).emit('board:sync', boardId, encoding.toUint8Array(enc));
	});
}

/** Tells a board's room which of its notes back which signals (after a signal was made from them). */
export async function announceSignals(io: Server, boardId: number): Promise<void> {
	io.to(boardRoom(boardId)).emit('board:signals', { boardId, notes: await noteSignals(boardId) });
}

export function registerBoardHandlers(io: Server, socket: Socket): void {
	const allowed = connectionLimit('BOARD_SOCKET_LIMIT', DEFAULT_LIMIT);
	let awarenessSecond = 0;
	let awarenessCount = 0;

	const opened = (): Opened => ((socket.data.boards as Opened | undefined) ??= new Map());
	/** Who this connection's dots belong to, per board (null: it may not vote). */
	const voters = (): Map<number, string | null> => ((socket.data.boardVoters as Map<number, string | null> | undefined) ??= new Map());

	const currentStaff = async (): Promise<StaffUser | null> => {
		const token = sessionToken(socket.handshake.headers.cookie);
		const session = token ? await validateSession(token) : null;
		socket.data.user = session?.user ?? null;
		return socket.data.user as StaffUser | null;
	};

	socket.on('board:open', async (payload: unknown, ack?: unknown) => {
		const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => {};
		if (!allowed()) return reply({ ok: false, error: 'rate_limited' });
		try {
			if (!isRecord(payload)) return reply({ ok: false, error: 'bad_payload' });
			let viewer: BoardViewer;
			if (typeof payload.link === 'string') viewer = { kind: 'link', token: payload.link };
			else if (typeof payload.table === 'string') viewer = { kind: 'table', participantToken: payload.table, boardId: payload.board };
			else if (typeof payload.watch === 'string') viewer = { kind: 'watch', code: payload.watch, boardId: payload.board };
			else viewer = { kind: 'staff', user: await currentStaff(), boardId: payload.board };
			const r = await openBoard(viewer);
			if (!r.ok) return reply(r);
			const id = r.board.id;
			const first = !opened().has(id);
			opened().set(id, r.level);
			await rememberBoard(socket, viewer, r);
			const issued = viewer.kind === 'link' ? linkVoter(payload.voter) : null;
			const voter =
				viewer.kind === 'staff' && viewer.user ? staffVoter(viewer.user.id) : viewer.kind === 'table' ? participantVoter(viewer.participantToken as string) : (issued?.voter ?? null);
			voters().set(id, voter);
			if (first) {
				await socket.join(boardRoom(id));
				await attach(id);
			}
			const { maxNotes, maxNoteText, maxUpdateBytes } = boardLimits();
			reply({
				ok: true,
				board: r.board,
				level: r.level,
				limits: { maxNotes, maxNoteText, maxUpdateBytes },
				signals: await noteSignals(id),
				awareness: awarenessSnapshot(id),
				voter,
				...(issued ? { voterToken: issued.token } : {})
			});
		} catch (e) {
			console.error('[boards] open failed', e);
			reply({ ok: false, error: 'server_error' });
		}
	});

	socket.on('board:sync', async (boardId: unknown, data: unknown, ack?: unknown) => {
		const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => {};
		if (!allowed()) return reply({ ok: false, error: 'rate_limited' });
		const level = typeof boardId === 'number' ? opened().get(boardId) : undefined;
		if (!level) return reply({ ok: false, error: 'not_open' });
		const id = boardId as number;
		const message = toBytes(data);
		let type: number;
		let payload: Uint8Array;
		try {
			const decoder = decoding.createDecoder(message ?? new Uint8Array());
			type = decoding.readVarUint(decoder);
			payload = decoding.readVarUint8Array(decoder);
		} catch {
			return reply({ ok: false, error: 'bad_update' });
		}
		try {
			if (type === syncProtocol.messageYjsSyncStep1) {
				const { update, stateVector } = await syncReply(id, payload);
				const step2 = encoding.createEncoder();
				encoding.writeVarUint(step2, syncProtocol.messageYjsSyncStep2);
				encoding.writeVarUint8Array(step2, update);
				const step1 = encoding.createEncoder();
				encoding.writeVarUint(step1, syncProtocol.messageYjsSyncStep1);
				encoding.writeVarUint8Array(step1, stateVector);
				return reply({ ok: true, reply: encoding.toUint8Array(step2), step1: encoding.toUint8Array(step1) });
			}
			if (type !== syncProtocol.messageYjsSyncStep2 && type !== syncProtocol.messageYjsUpdate) return reply({ ok: false, error: 'bad_update' });
			if (!atLeast(level, 'edit')) return reply({ ok: false, error: 'view_only' });
			const r = await receiveUpdate(id, payload, { level, voter: voters().get(id) ?? null });
			if (!r.ok) return reply(r);
			if (r.stored) relay(io, id, payload);
			reply({ ok: true });
		} catch (e) {
			console.error('[boards] sync failed', e);
			reply({ ok: false, error: 'server_error' });
		}
	});

	socket.on('board:awareness', (boardId: unknown, data: unknown) => {
		if (typeof boardId !== 'number' || !opened().has(boardId)) return;
		const update = toBytes(data);
		if (!update || update.byteLength > AWARENESS_MAX_BYTES) return;
		const second = Math.floor(Date.now() / 1000);
		if (second !== awarenessSecond) (awarenessSecond = second), (awarenessCount = 0);
		if (++awarenessCount > AWARENESS_PER_SECOND) return;
		const clean = receiveAwareness(boardId, socket.id, update, opened().get(boardId) === 'facilitate');
		if (clean) socket.to(boardRoom(boardId)).emit('board:awareness', boardId, clean);
	});

	const leave = (boardId: number) => {
		if (!opened().delete(boardId)) return;
		voters().delete(boardId);
		void socket.leave(boardRoom(boardId));
		const removal = detach(boardId, socket.id);
		if (removal) socket.to(boardRoom(boardId)).emit('board:awareness', boardId, removal);
	};

	socket.on('board:close', (boardId: unknown) => {
		if (typeof boardId === 'number') leave(boardId);
		if (typeof boardId === 'number') (socket.data.boardKeys as Map<number, unknown> | undefined)?.delete(boardId);
	});

	socket.on('disconnect', () => {
		for (const id of [...opened().keys()]) {
			opened().delete(id);
			const removal = detach(id, socket.id);
			if (removal) io.to(boardRoom(id)).emit('board:awareness', id, removal);
		}
	});
}
