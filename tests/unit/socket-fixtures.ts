// A real HTTP server with the app's socket.io setup for each test, and socket.io clients that are
// closed afterwards. Used by the socket tests (postcard rooms, dialogue tables).
import { afterEach, beforeEach } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { attachSocketServer } from '../../src/lib/server/realtime/attach.js';
import { setupRealtime } from '../../src/lib/server/realtime';

export function useSocketServer() {
	let server: http.Server;
	let url = '';
	const clients: Socket[] = [];

	beforeEach(async () => {
		server = http.createServer();
		setupRealtime(attachSocketServer(server));
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});

	afterEach(async () => {
		for (const c of clients.splice(0)) c.close();
		const key = Symbol.for('meespraak.io');
		const io = (globalThis as Record<symbol, { close: () => void } | undefined>)[key];
		io?.close();
		delete (globalThis as Record<symbol, unknown>)[key];
		await new Promise((r) => server.close(r));
	});

	/** A client (not yet necessarily connected), closed after the test. */
	return function client(headers: Record<string, string> = {}): Socket {
		const c = connect(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: headers, reconnection: false });
		clients.push(c);
		return c;
	};
}

/** Resolves with the client once it is connected (rejects when the server refuses it). */
export function connected(c: Socket): Promise<Socket> {
	return new Promise((resolve, reject) => {
		c.on('connect', () => resolve(c));
		c.on('connect_error', reject);
	});
}
