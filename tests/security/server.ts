/**
 * A production server of the test file's own (node server.js from build/, demo data, a temporary
 * database, a free port on 127.0.0.1), started before the file's tests and stopped after them.
 * `own.alive()` asks /healthz; a test that attacks the server ends by checking it.
 */
import { afterAll, beforeAll } from 'vitest';
import fs from 'node:fs';
import { freePort, login, startServer, tempDatabase } from '../../bench/lib.js';

export type Server = Awaited<ReturnType<typeof startServer>>;

export function useServer(name: string, env: Record<string, string | undefined> = {}) {
	const own = {
		port: 0,
		temp: { dir: '', file: '' },
		servers: [] as Server[],
		get server(): Server {
			return own.servers.at(-1)!;
		},
		get url(): string {
			return `http://127.0.0.1:${own.port}`;
		},
		/** Starts the server (again, on the same port and database). */
		async start(extra: Record<string, string | undefined> = {}): Promise<Server> {
			const s = await startServer({ port: own.port, dbFile: own.temp.file, env: { ...env, ...extra } });
			own.servers.push(s);
			return s;
		},
		async stop(): Promise<void> {
			for (const s of own.servers) await s.stop().catch(() => {});
		},
		/** True when the process still runs and /healthz answers 200 within 5 s. */
		async alive(): Promise<boolean> {
			if (own.server.child.exitCode !== null || own.server.child.signalCode !== null) return false;
			try {
				const res = await fetch(`${own.url}/healthz`, { signal: AbortSignal.timeout(5000) });
				return res.status === 200;
			} catch {
				return false;
			}
		},
		/** Logs in through the login form; answers the `meespraak_session=…` cookie. */
		login: (who?: { email: string; password: string }) => login(own.url, who) as Promise<string>,
		stderr: () => own.servers.map((s) => s.stderr()).join('\n--- restart ---\n')
	};
	beforeAll(async () => {
		own.port = await freePort();
		own.temp = tempDatabase(`security-${name}`);
		await own.start();
	});
	afterAll(async () => {
		await own.stop();
		if (own.temp.dir) fs.rmSync(own.temp.dir, { recursive: true, force: true });
	});
	return own;
}

export const DEMO = {
	admin: { email: 'admin@meespraak.demo', password: 'demo-admin-2026' },
	facilitator: { email: 'begeleider@meespraak.demo', password: 'demo-begeleider-2026' },
	moderator: { email: 'moderator@meespraak.demo', password: 'demo-moderator-2026' },
	council: { email: 'adviesraad@meespraak.demo', password: 'demo-adviesraad-2026' },
	planOwner: { email: 'regisseur@meespraak.demo', password: 'demo-regisseur-2026' }
};
