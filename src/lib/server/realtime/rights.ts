/**
 * Rights end at once. An open socket keeps what it opened (a board, an advice draft, a table's staff
 * room, the moderation room) only while the right to it holds: when the domain says a right changed
 * (../events.ts: a logout, a deactivated account, changed roles or councils, a revoked link, a member
 * taken off a board, an archived board, a table's staff or status), the sockets it may concern check
 * again, within the same second, and close what is no longer allowed or step it down (edit → view).
 *
 * Which sockets: rooms say who they are. A signed-in socket joins `user:<id>` and `session:<hash>`; a
 * board's sockets are in `board:<id>`, those that opened it with a link also in `board-link:<linkId>`,
 * a table's boards' in `table-boards:<tableId>`, its staff in `table:<id>:staff`. An event names rooms; each node re-checks its own sockets in them (the state of
 * what a socket opened lives on its node), and passes the rooms on to the other nodes with
 * `serverSideEmit` when the socket.io adapter connects several (the Redis adapter).
 *
 * Rights that end by time (a link's expiry, a session's) and anything an event missed: every socket
 * is checked again once its earliest expiry passed, and at the latest every RIGHTS_RECHECK_INTERVAL
 * (default 5m; 'off' leaves only the expiries), by a sweep that runs every second and costs nothing
 * for sockets that are not due.
 *
 * What the socket hears: `board:access {boardId, level: null | 'view' | …, error?}`,
 * `advice:access {requestId, canEdit, error?}`, `table:access {tableId, error}`,
 * `subscription:ended {room}` and `session:ended {}` (the page says so in the person's language).
 */
import type { Server, Socket } from 'socket.io';
import { on, type DomainEvent } from '../events';
import { hasRole, peekSession, type StaffUser } from '../auth';
import { openBoard, type BoardAccess, type BoardViewer } from '../boards';
import type { BoardLevel } from '../db/schema';
import { detach } from '../boards/documents';
import { getRequest, type CouncilAccess } from '../councils';
import { canFacilitate } from '../tables';
import { sessionToken } from './session';
import { boardRoom } from './boards';
import { adviceRoom } from './advice';
import { tableRoom, tableStaffRoom, type TableConnection } from './tables';

export const userRoom = (userId: number) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const tableBoardsRoom = (tableId: number) => `table-boards:${tableId}`;
export const boardLinkRoom = (linkId: number) => `board-link:${linkId}`;

/** How a socket opened a board, to open it again the same way (staff: with the session as it is now). */
type BoardKey = { kind: 'staff' } | { kind: 'link'; token: unknown } | { kind: 'table'; participantToken: unknown } | { kind: 'watch'; code: unknown };

type RightsData = {
	user?: StaffUser | null;
	/** The socket came with a valid staff session (so it is told when that ends). */
	signedIn?: boolean;
	boards?: Map<number, BoardLevel>;
	boardKeys?: Map<number, BoardKey>;
	advice?: Map<number, CouncilAccess>;
	table?: TableConnection;
	/** When this socket is checked again at the latest (ms). */
	recheckAt?: number;
};

const RECHECK_EVENT = 'meespraak:rights';
const SWEEP_MS = 1000;
const DEFAULT_BACKSTOP_MS = 5 * 60_000;

/** RIGHTS_RECHECK_INTERVAL: '5m', '90s', '1h', 'off'. Unreadable values fall back to the default. */
export function backstopInterval(spec = process.env.RIGHTS_RECHECK_INTERVAL): number | null {
	const s = spec?.trim().toLowerCase();
	if (!s) return DEFAULT_BACKSTOP_MS;
	if (s === 'off' || s === '0') return null;
	const m = /^(\d{1,7})\s*(ms|s|m|h)$/.exec(s);
	if (!m) {
		console.warn(`[rights] RIGHTS_RECHECK_INTERVAL "${spec}" is not like 5m, 90s or off: using 5m`);
		return DEFAULT_BACKSTOP_MS;
	}
	return Math.max(1000, Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h']);
}

function nextCheck(expiries: number[]): number {
	const backstop = backstopInterval();
	// Spread over ±20% so that sockets opened together are not all checked in the same second.
	const late = backstop === null ? Infinity : Date.now() + backstop * (0.8 + Math.random() * 0.4);
	return Math.min(late, ...expiries);
}

const data = (socket: Socket) => socket.data as RightsData;

// ---------------------------------------------------------------- what a socket opened

/** Called once a socket is connected: signed-in sockets join their identity rooms. */
export async function rememberIdentity(socket: Socket, session: { id: string; expiresAt: Date } | null): Promise<void> {
	const d = data(socket);
	d.signedIn = !!(session && d.user);
	d.recheckAt = nextCheck(session ? [session.expiresAt.getTime()] : []);
	if (session && d.user) await socket.join([userRoom(d.user.id), sessionRoom(session.id)]);
}

/** Called when a socket opened a board: how (to check it again the same way) and until when. */
export async function rememberBoard(socket: Socket, viewer: BoardViewer, access: BoardAccess): Promise<void> {
	const d = data(socket);
	const key: BoardKey =
		viewer.kind === 'staff'
			? { kind: 'staff' }
			: viewer.kind === 'link'
				? { kind: 'link', token: viewer.token }
				: viewer.kind === 'table'
					? { kind: 'table', participantToken: viewer.participantToken }
					: { kind: 'watch', code: viewer.code };
	(d.boardKeys ??= new Map()).set(access.board.id, key);
	if (access.until) d.recheckAt = Math.min(d.recheckAt ?? Infinity, access.until.getTime());
	if (access.board.tableId) await socket.join(tableBoardsRoom(access.board.tableId));
	if (access.linkId) await socket.join(boardLinkRoom(access.linkId));
}

const RANK: Record<BoardLevel, number> = { view: 1, edit: 2, facilitate: 3 };

/** Takes a board away from a socket: out of its room, its presence removed for the others. */
function closeBoard(socket: Socket, boardId: number, error: string): void {
	const d = data(socket);
	d.boards?.delete(boardId);
	d.boardKeys?.delete(boardId);
	void socket.leave(boardRoom(boardId));
	const removal = detach(boardId, socket.id);
	if (removal) socket.to(boardRoom(boardId)).emit('board:awareness', boardId, removal);
	socket.emit('board:access', { boardId, level: null, error });
}

// ---------------------------------------------------------------- checking one socket again

async function recheck(socket: Socket): Promise<void> {
	const d = data(socket);
	const expiries: number[] = [];

	// The staff session, read without renewing it (an open tab alone does not keep a session alive).
	const token = sessionToken(socket.handshake.headers.cookie);
	const session = token ? await peekSession(token) : null;
	const user = session?.user ?? null;
	d.user = user;
	if (session) expiries.push(session.expiresAt.getTime());
	if (d.signedIn && !user) {
		d.signedIn = false;
		for (const room of socket.rooms) if (room.startsWith('user:') || room.startsWith('session:')) void socket.leave(room);
		socket.emit('session:ended', {});
	}
	const lost = user ? 'forbidden' : 'signed_out';

	// The moderation rooms.
	for (const room of [...socket.rooms]) {
		if (/^moderation:\d+$/.test(room) && !hasRole(user, 'moderator')) {
			void socket.leave(room);
			socket.emit('subscription:ended', { room, error: lost });
		}
	}

	// Boards: opened again the way they were, the level never rises here (a higher one needs a new open).
	for (const [boardId, level] of [...(d.boards ?? [])]) {
		const key = d.boardKeys?.get(boardId) ?? { kind: 'staff' };
		const viewer: BoardViewer =
			key.kind === 'staff'
				? { kind: 'staff', user, boardId }
				: key.kind === 'link'
					? key
					: key.kind === 'table'
						? { kind: 'table', participantToken: key.participantToken, boardId }
						: { kind: 'watch', code: key.code, boardId };
		const r = await openBoard(viewer);
		if (!d.boards?.has(boardId)) continue; // closed meanwhile
		if (!r.ok) {
			closeBoard(socket, boardId, key.kind === 'staff' && r.error === 'forbidden' ? lost : r.error);
			continue;
		}
		if (r.until) expiries.push(r.until.getTime());
		if (RANK[r.level] < RANK[level]) {
			d.boards.set(boardId, r.level);
			socket.emit('board:access', { boardId, level: r.level });
		}
	}

	// Advice drafts.
	for (const [requestId, access] of [...(d.advice ?? [])]) {
		const r = user ? await getRequest(user, requestId) : null;
		if (!d.advice?.has(requestId)) continue;
		if (!r?.ok) {
			d.advice.delete(requestId);
			void socket.leave(adviceRoom(requestId));
			socket.emit('advice:access', { requestId, canEdit: false, error: r ? r.error : lost });
		} else if (r.request.access !== access) {
			d.advice.set(requestId, r.request.access);
			socket.emit('advice:access', { requestId, canEdit: r.request.access === 'member' && !r.request.advice });
		}
	}

	// A table's staff room (the console sees what the room does not: pending contributions, results).
	const conn = d.table;
	if (conn?.role === 'staff' && !(user && (await canFacilitate(conn.tableId, user)))) {
		if (d.table === conn) {
			d.table = undefined;
			void socket.leave(tableStaffRoom(conn.tableId));
			void socket.leave(tableRoom(conn.tableId));
			socket.emit('table:access', { tableId: conn.tableId, error: lost });
		}
	}

	d.recheckAt = nextCheck(expiries);
}

/** One check at a time per socket; an event during a check makes one more check after it. */
const running = new WeakMap<Socket, { again: boolean; done: Promise<void> }>();

export function recheckSocket(socket: Socket): Promise<void> {
	const busy = running.get(socket);
	if (busy) {
		busy.again = true;
		return busy.done;
	}
	const state = { again: false, done: Promise.resolve() };
	state.done = (async () => {
		try {
			do {
				state.again = false;
				if (socket.connected) await recheck(socket);
			} while (state.again);
		} catch (e) {
			console.error('[rights] re-check failed', e);
			data(socket).recheckAt = Date.now() + 60_000;
		} finally {
			running.delete(socket);
		}
	})();
	running.set(socket, state);
	return state.done;
}

/** Re-checks this node's sockets in any of `rooms`. */
export async function recheckLocal(io: Server, rooms: string[]): Promise<void> {
	const ns = io.of('/');
	const ids = new Set<string>();
	for (const room of rooms) for (const id of ns.adapter.rooms.get(room) ?? []) ids.add(id);
	const checks: Promise<void>[] = [];
	for (const id of ids) {
		const socket = ns.sockets.get(id);
		if (socket) checks.push(recheckSocket(socket));
	}
	await Promise.all(checks);
}

/** True when the adapter connects several nodes (the in-memory one only warns on serverSideEmit). */
function clustered(io: Server): boolean {
	const name = io.of('/').adapter.constructor.name;
	return name !== 'Adapter' && name !== 'SessionAwareAdapter';
}

/** The rooms whose sockets a domain event may concern. */
export function roomsOf(event: DomainEvent): string[] {
	switch (event.type) {
		case 'session.ended':
			return [sessionRoom(event.sessionId)];
		case 'user.changed':
			return [userRoom(event.userId)];
		case 'board.link.revoked':
			return [boardLinkRoom(event.linkId)];
		case 'board.member.changed':
			return [userRoom(event.userId)];
		case 'board.archived':
			return [boardRoom(event.boardId)];
		case 'table.staff.changed':
			return [tableStaffRoom(event.tableId), tableBoardsRoom(event.tableId)];
		case 'table.status.changed':
		case 'table.participant.removed':
			return [tableBoardsRoom(event.tableId)];
	}
}

/** Checks the rooms' sockets on this node and asks the other nodes to do the same with theirs. */
export function recheckRooms(io: Server, rooms: string[]): Promise<void> {
	if (rooms.length && clustered(io)) io.of('/').serverSideEmit(RECHECK_EVENT, rooms);
	return recheckLocal(io, rooms);
}

/** Wires the domain's events, the other nodes' requests and the periodic sweep to `io` (once). */
export function listenForRights(io: Server): () => void {
	const off = on('*', (event) => recheckRooms(io, roomsOf(event)));
	const fromOthers = (rooms: unknown) => {
		if (Array.isArray(rooms)) void recheckLocal(io, rooms.filter((r): r is string => typeof r === 'string').slice(0, 100));
	};
	io.of('/').on(RECHECK_EVENT, fromOthers);
	const sweep = setInterval(() => {
		const now = Date.now();
		for (const socket of io.of('/').sockets.values()) {
			const due = data(socket).recheckAt;
			if (due === undefined || due > now) continue;
			data(socket).recheckAt = Infinity; // set again when the check is done
			void recheckSocket(socket);
		}
	}, SWEEP_MS);
	sweep.unref?.();
	return () => {
		off();
		io.of('/').off(RECHECK_EVENT, fromOthers);
		clearInterval(sweep);
	};
}
