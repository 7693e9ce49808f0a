/**
 * Open socket.io connections per client address. One address may hold at most SOCKET_ADDRESS_LIMIT
 * connections at once (default 400: a room of 300 phones behind the venue's Wi-Fi shares one address);
 * a connection beyond it is refused with `too_many_connections` (the client's connect_error) and closed.
 * Counted per engine.io connection (also those that never reach a namespace), in this process's
 * memory: it is about this node's sockets, which end with the process.
 *
 * The address is the one adapter-node would report: the socket's peer, or behind a reverse proxy the
 * header named by ADDRESS_HEADER (X-Forwarded-For read XFF_DEPTH entries from the right).
 */
import type { IncomingMessage } from 'node:http';
import type { Server, Socket } from 'socket.io';
import { parseCount } from '../tables/limits';

export const DEFAULT_SOCKETS_PER_ADDRESS = 400;

/** The client address of a request, as adapter-node reads it (without throwing when the header is absent). */
export function clientAddress(req: Pick<IncomingMessage, 'headers' | 'socket'>, env: NodeJS.ProcessEnv = process.env): string {
	const header = (env.ADDRESS_HEADER ?? '').toLowerCase();
	const peer = req.socket?.remoteAddress ?? 'unknown';
	if (!header) return peer;
	const raw = req.headers[header];
	const value = (Array.isArray(raw) ? raw.join(',') : raw ?? '').trim();
	if (!value) return peer;
	if (header !== 'x-forwarded-for') return value;
	const depth = Math.max(1, parseInt(env.XFF_DEPTH ?? '1', 10) || 1);
	const addresses = value.split(',').map((a) => a.trim());
	return addresses[Math.max(0, addresses.length - depth)] || peer;
}

/** The client address a socket connected from (set by limitConnections; read again when missing). */
export function addressOf(socket: Socket): string {
	return (socket.data.address as string | undefined) ?? clientAddress(socket.request);
}

type EngineSocket = { request: IncomingMessage; once(event: 'close', fn: () => void): void; close(): void };
const OVER = Symbol('meespraak.overLimit');
const ADDRESS = Symbol('meespraak.address');

/** Counts engine connections per address and refuses sockets beyond the limit. Call once per io server. */
export function limitConnections(io: Server): void {
	const open = new Map<string, number>();
	io.engine.on('connection', (raw: EngineSocket & { [OVER]?: boolean; [ADDRESS]?: string }) => {
		const max = parseCount(process.env.SOCKET_ADDRESS_LIMIT, DEFAULT_SOCKETS_PER_ADDRESS);
		const address = clientAddress(raw.request);
		raw[ADDRESS] = address;
		if (max !== null && (open.get(address) ?? 0) >= max) {
			raw[OVER] = true;
			// Said to the socket by the middleware below; the connection goes in any case.
			setTimeout(() => raw.close(), 2000).unref?.();
			return;
		}
		open.set(address, (open.get(address) ?? 0) + 1);
		raw.once('close', () => {
			const n = (open.get(address) ?? 1) - 1;
			if (n > 0) open.set(address, n);
			else open.delete(address);
		});
	});
	io.use((socket, next) => {
		const raw = socket.conn as unknown as { [OVER]?: boolean; [ADDRESS]?: string };
		socket.data.address = raw[ADDRESS] ?? clientAddress(socket.request);
		if (raw[OVER]) return next(new Error('too_many_connections'));
		next();
	});
}
