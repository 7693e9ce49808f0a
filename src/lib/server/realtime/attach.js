// Creates the socket.io server on an HTTP server. Plain JavaScript: used by vite.config.ts in dev and
// by server.js in production, before SvelteKit's own code is loaded.
import { Server } from 'socket.io';

export function attachSocketServer(httpServer) {
	const key = Symbol.for('meespraak.io');
	if (globalThis[key]) return globalThis[key];
	const io = new Server(httpServer, {
		path: '/socket.io',
		maxHttpBufferSize: 5e6,
		serveClient: false
	});
	globalThis[key] = io;
	return io;
}
