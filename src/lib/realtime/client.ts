/**
 * Browser side of the live updates: one socket.io connection per page, rooms joined by name.
 * Events only say that something changed; pages reload their data from the server (the database
 * is the truth), so a missed event is repaired by the next one or by a reconnect.
 */
import { io, type Socket } from 'socket.io-client';

let socket: Socket | null = null;
const sessionEnded = new Set<() => void>();

export function getSocket(): Socket {
	if (!socket) {
		socket = io({ path: '/socket.io', transports: ['websocket', 'polling'] });
		// The server says when the staff session of this page ended (logout elsewhere, deactivated, expired).
		socket.on('session:ended', () => sessionEnded.forEach((fn) => fn()));
	}
	return socket;
}

/** Calls `fn` when the server ends this page's staff session (without opening a socket itself). */
export function onSessionEnded(fn: () => void): () => void {
	sessionEnded.add(fn);
	return () => void sessionEnded.delete(fn);
}

/**
 * Joins `room` (again after every reconnect) and calls the handlers for its events.
 * `onStatus` reports connection state so the page can say 'live' or 'reconnecting'.
 * Returns a function that removes the handlers.
 */
export function subscribe(
	room: string,
	handlers: Record<string, (payload: unknown) => void>,
	onStatus?: (connected: boolean) => void
): () => void {
	const s = getSocket();
	const join = () => {
		s.emit('subscribe', room, () => {});
		onStatus?.(true);
	};
	const lost = () => onStatus?.(false);
	s.on('connect', join);
	s.on('disconnect', lost);
	if (s.connected) join();
	for (const [event, fn] of Object.entries(handlers)) s.on(event, fn);
	return () => {
		s.off('connect', join);
		s.off('disconnect', lost);
		for (const [event, fn] of Object.entries(handlers)) s.off(event, fn);
	};
}
