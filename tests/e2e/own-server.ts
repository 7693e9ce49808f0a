// For specs that start their OWN production server (node server.js from build/, demo data, a temporary
// database) so they can kill it and start it again on the same port and database. Registers the hooks:
// start before the file's tests, stop and clean up after, attach the server's stderr to a failed test.
import { test } from '@playwright/test';
import fs from 'node:fs';
import { freePort, startServer, tempDatabase } from '../../bench/lib.js';

export type Server = Awaited<ReturnType<typeof startServer>>;

export function useOwnServer(name: string, env: Record<string, string | undefined> = {}) {
	const own = {
		port: 0,
		temp: { dir: '', file: '' },
		servers: [] as Server[],
		/** The server running now (the last one started). */
		get server(): Server {
			return own.servers.at(-1)!;
		},
		base: () => `http://127.0.0.1:${own.port}`,
		/** Starts the server (again). Like playwright.config.ts and `npm run demo`: no ORIGIN, the server derives it. */
		async start(): Promise<Server> {
			const s = await startServer({ port: own.port, dbFile: own.temp.file, env: { ORIGIN: undefined, ...env } });
			own.servers.push(s);
			return s;
		}
	};
	test.beforeAll(async () => {
		own.port = await freePort();
		own.temp = tempDatabase(name);
		await own.start();
	});
	test.afterAll(async () => {
		for (const s of own.servers) await s.stop().catch(() => {});
		if (own.temp.dir) fs.rmSync(own.temp.dir, { recursive: true, force: true });
	});
	test.afterEach(async ({}, testInfo) => {
		if (testInfo.status !== testInfo.expectedStatus)
			await testInfo.attach('server stderr', { body: own.servers.map((s) => s.stderr()).join('\n--- restart ---\n') || '(empty)' });
	});
	return own;
}
