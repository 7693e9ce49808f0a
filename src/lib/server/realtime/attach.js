// Creates the socket.io server on an HTTP server. Plain JavaScript: used by vite.config.ts in dev and
// by server.js in production, before SvelteKit's own code is loaded.
import { Server } from 'socket.io';

export const SOCKET_PATH = '/socket.io';

/**
 * True for the requests socket.io's engine answers itself (it checks the same prefix). The app's own
 * request listener must leave them alone: two answers to one request throw ERR_HTTP_HEADERS_SENT.
 */
export function isSocketRequest(req) {
	return typeof req.url === 'string' && req.url.startsWith(`${SOCKET_PATH}/`);
}

export function attachSocketServer(httpServer) {
	const key = Symbol.for('meespraak.io');
	if (globalThis[key]) return globalThis[key];
	const io = new Server(httpServer, {
		path: SOCKET_PATH,
		maxHttpBufferSize: 5e6,
		serveClient: false
	});
	globalThis[key] = io;
	return io;
}
