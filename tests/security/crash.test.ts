/**
 * No request of any shape, to any path, may end the server process: socket.io's engine and SvelteKit
 * share one HTTP server, and a request both answered used to throw ERR_HTTP_HEADERS_SENT and exit.
 */
import { describe, expect, it } from 'vitest';
import net from 'node:net';
import { useServer } from './server';

const own = useServer('crash');

/** Sends raw bytes on a fresh TCP connection and answers what came back before it closed (or 2 s passed). */
function raw(port: number, bytes: string | Buffer): Promise<string> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let got = '';
		socket.on('data', (c) => (got += c.toString('latin1')));
		socket.on('error', () => resolve(got));
		socket.on('close', () => resolve(got));
		socket.setTimeout(2000, () => socket.destroy());
		socket.write(bytes);
	});
}

describe('the server survives hostile requests', () => {
	it('answers the anonymous engine.io polling handshake and keeps serving', async () => {
		const res = await fetch(`${own.url}/socket.io/?EIO=4&transport=polling`);
		expect(res.status).toBe(200);
		expect(await res.text()).toMatch(/^0\{"sid":/);
		expect(await own.alive()).toBe(true);
	});

	it('survives malformed engine.io requests on every transport and path shape', async () => {
		const paths = [
			'/socket.io/',
			'/socket.io',
			'/socket.io/?EIO=3&transport=polling',
			'/socket.io/?EIO=4&transport=websocket',
			'/socket.io/?EIO=4&transport=nonsense',
			'/socket.io/?EIO=4&transport=polling&sid=doesnotexist',
			'/socket.io/?EIO=999&transport=polling',
			'/socket.io/x/y/z?EIO=4&transport=polling',
			'/socket.io/%00%ff?EIO=4',
			'/socket.io/?EIO=4&transport=polling&j=1',
			'/socket.io/?EIO=4&transport=polling&b64=1'
		];
		for (const p of paths) {
			for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']) {
				await fetch(`${own.url}${p}`, { method, body: method === 'GET' || method === 'OPTIONS' ? undefined : '4garbage\x1e\x00\xff' }).catch(() => {});
			}
		}
		// A real session, then frames that make no sense for it.
		const hs = await (await fetch(`${own.url}/socket.io/?EIO=4&transport=polling`)).text();
		const sid = JSON.parse(hs.slice(1)).sid as string;
		for (const body of ['', 'x', '40{', '4' + 'a'.repeat(100_000), '\x1e\x1e\x1e', '2probe', '6', '1', '42["table:join",{}]', '42[', '451-["x",{"_placeholder":true,"num":99}]']) {
			await fetch(`${own.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, { method: 'POST', body }).catch(() => {});
		}
		await fetch(`${own.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`).catch(() => {});
		expect(await own.alive()).toBe(true);
	});

	it('survives broken and half-finished upgrade requests and raw garbage', async () => {
		const upgrade = (path: string, extra = '') =>
			`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n${extra}\r\n`;
		await raw(own.port, upgrade('/socket.io/?EIO=4&transport=websocket'));
		await raw(own.port, upgrade('/socket.io/?EIO=4&transport=websocket', 'Sec-WebSocket-Key: x\r\nSec-WebSocket-Version: 13\r\n'));
		await raw(own.port, upgrade('/anything-else', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n'));
		await raw(own.port, upgrade('/socket.io/?EIO=4&transport=polling', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n'));
		await raw(own.port, 'GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n');
		await raw(own.port, 'POST /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n');
		await raw(own.port, Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x01, 0x00])); // a TLS hello on a plain port
		await raw(own.port, 'GET / HTTP/1.1\r\nHost: x\r\n' + 'X: ' + 'a'.repeat(20_000) + '\r\n\r\n');
		await raw(own.port, 'GET /%%%%%/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n');
		await raw(own.port, '\r\n\r\n\r\n');
		expect(await own.alive()).toBe(true);
	});

	it('survives odd requests to ordinary paths', async () => {
		const attempts: Array<[string, RequestInit]> = [
			['/healthz', { method: 'POST', body: 'x' }],
			['/%E0%A4%A', {}],
			['/p/%ff%fe', {}],
			['/api/v1/campaigns/brugge-draait-om-mensen/postcards', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":' }],
			['/api/v1/campaigns/brugge-draait-om-mensen/postcards', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: { toString: 1 } }) }],
			['/login', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=zz' }, body: '--zz\r\ngarbage' }],
			['/k/' + 'A'.repeat(5000), {}]
		];
		for (const [p, init] of attempts) await fetch(`${own.url}${p}`, init).catch(() => {});
		expect(await own.alive()).toBe(true);
	});
});
