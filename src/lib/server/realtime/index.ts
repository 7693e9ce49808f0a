/**
 * socket.io wiring shared by the dev server (Vite plugin) and production (server.js). The socket.io
 * server is created outside SvelteKit and handed over on globalThis; this module adds the checks that
 * SvelteKit's hooks would do (Origin and the staff session cookie) and the room subscriptions.
 * No state lives here: every event is a notification of something already stored in the database.
 */
import type { Server, Socket } from 'socket.io';
import { hasRole, hashToken, validateSession, type StaffUser } from '../auth';
import { registerTableHandlers } from './tables';
import { registerBoardHandlers } from './boards';
import { registerAdviceHandlers } from './advice';
import { sessionToken } from './session';
import { listenForRights, rememberIdentity } from './rights';
import { limitConnections } from './connections';

const IO_KEY = Symbol.for('meespraak.io');
const SETUP_KEY = Symbol.for('meespraak.io.setup');
const RIGHTS_KEY = Symbol.for('meespraak.io.rights');
type Store = { [IO_KEY]?: Server; [SETUP_KEY]?: Server; [RIGHTS_KEY]?: () => void };
const store = globalThis as unknown as Store;

export function getIO(): Server | undefined {
	return store[IO_KEY];
}

/** The origins allowed to open a socket: ORIGIN when set, else the host the request was sent to. */
export function originAllowed(origin: string | undefined, host: string | undefined): boolean {
	if (!origin) return true; // not a browser, or a same-origin polling request; cookies alone grant nothing cross-site
	const configured = process.env.ORIGIN;
	if (configured) return origin === configured.replace(/\/$/, '');
	try {
		return new URL(origin).host === host;
	} catch {
		return false;
	}
}

type Room = { kind: 'wall' | 'moderation'; campaignId: number };

export function parseRoom(value: unknown): Room | null {
	if (typeof value !== 'string') return null;
	const m = /^(wall|moderation):(\d{1,9})$/.exec(value);
	return m ? { kind: m[1] as Room['kind'], campaignId: Number(m[2]) } : null;
}

export function canJoin(room: Room, user: StaffUser | null): boolean {
	if (room.kind === 'wall') return true;
	return hasRole(user, 'moderator');
}

export function setupRealtime(io: Server): void {
	store[IO_KEY] = io;
	if (store[SETUP_KEY] === io) return;
	store[SETUP_KEY] = io;

	limitConnections(io);
	io.use(async (socket, next) => {
		const { origin, host, cookie } = socket.handshake.headers;
		if (!originAllowed(origin, host)) return next(new Error('origin_not_allowed'));
		const token = sessionToken(cookie);
		socket.data.user = null;
		socket.data.session = null;
		if (token) {
			try {
				const session = await validateSession(token);
				socket.data.user = session?.user ?? null;
				if (session) socket.data.session = { id: hashToken(token), expiresAt: session.expiresAt };
			} catch {
				socket.data.user = null;
			}
		}
		next();
	});

	// Rights end at once: domain events make the sockets they concern check again (./rights.ts). One
	// socket.io server listens at a time (tests make a new one per test).
	store[RIGHTS_KEY]?.();
	store[RIGHTS_KEY] = listenForRights(io);

	io.on('connection', (socket: Socket) => {
		void rememberIdentity(socket, socket.data.session ?? null);
		registerTableHandlers(io, socket);
		registerBoardHandlers(io, socket);
		registerAdviceHandlers(io, socket);
		socket.on('subscribe', (roomName: unknown, ack?: unknown) => {
			const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => {};
			const room = parseRoom(roomName);
			if (!room) return reply({ ok: false, error: 'bad_room' });
			if (!canJoin(room, socket.data.user)) return reply({ ok: false, error: 'forbidden' });
			socket.join(`${room.kind}:${room.campaignId}`);
			reply({ ok: true });
		});
	});
}

/** Tells everyone in a room that something changed. Call after the change is committed. */
export function notify(room: string, event: string, payload: unknown): void {
	store[IO_KEY]?.to(room).emit(event, payload);
}
