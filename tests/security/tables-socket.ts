/** socket.io clients for the table attacks: one connection each, no reconnection, answers as promises. */
import { afterAll } from 'vitest';
import { io, type Socket } from 'socket.io-client';

export type Reply = { ok: boolean; error?: string; [k: string]: unknown };

/** Connects (websocket, its own connection); answers the socket, or the connect_error's message. */
export function connect(url: string, headers: Record<string, string> = {}): Promise<{ socket: Socket; error: string | null }> {
	const socket = io(url, { path: '/socket.io', transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: headers, timeout: 20_000 });
	return new Promise((resolve) => {
		socket.once('connect', () => resolve({ socket, error: null }));
		socket.once('connect_error', (e) => resolve({ socket, error: e.message }));
	});
}

export async function connected(url: string, headers: Record<string, string> = {}): Promise<Socket> {
	const { socket, error } = await connect(url, headers);
	if (error) throw new Error(`could not connect: ${error}`);
	return socket;
}

/** `open(headers)` connects to the server `url()` names; every socket it opened is closed after the file's tests. */
export function useSockets(url: () => string) {
	const sockets: Socket[] = [];
	afterAll(() => sockets.forEach((s) => s.close()));
	return async (headers: Record<string, string> = {}): Promise<Socket> => {
		const s = await connected(url(), headers);
		sockets.push(s);
		return s;
	};
}

export function send(socket: Socket, event: string, payload: unknown = {}): Promise<Reply> {
	return new Promise((resolve) => socket.timeout(20_000).emit(event, payload, (err: unknown, reply: Reply) => resolve(err ? { ok: false, error: 'timeout' } : reply)));
}

/** The next `event` pushed to `socket` (or null after `ms`). */
export function next<T>(socket: Socket, event: string, ms = 5000): Promise<T | null> {
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			socket.off(event, on);
			resolve(null);
		}, ms);
		const on = (payload: T) => {
			clearTimeout(timer);
			resolve(payload);
		};
		socket.once(event, on);
	});
}

export const LIVE = 'TAF-234';
export const FINISHED = 'SCH-258';
