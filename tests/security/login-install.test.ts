/**
 * Real installs: the demo's accounts (passwords in the README) cannot log in on a production start of a
 * database the demo seeded; the demo and production use different default files; the database is
 * readable by its owner only; the rate-limit table keeps no emails or addresses, and forgets.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { freePort, root } from '../../bench/lib.js';
import { DEMO, useServer } from './server';
import { loginAs, send, session } from './login-http';

const own = useServer('login-install');
const mode = (f: string) => fs.statSync(f).mode & 0o777;

describe('a real installation', () => {
	it('keeps the database, its -wal and -shm readable by the owner only', async () => {
		await loginAs(own.url, DEMO.admin);
		for (const f of [own.temp.file, `${own.temp.file}-wal`, `${own.temp.file}-shm`]) {
			expect(fs.existsSync(f), f).toBe(true);
			expect(mode(f).toString(8), f).toBe('600');
		}
	});

	it('keeps no typed email or address in the rate-limit table, and every row has an end', async () => {
		for (let i = 0; i < 3; i++) await loginAs(own.url, { email: 'someone.typed@example.org', password: `wrong ${i}` }, { from: '127.0.0.7' });
		const db = new Database(own.temp.file, { readonly: true });
		const rows = db.prepare('select * from rate_limits').all() as { key: string; expires_at: number | null }[];
		db.close();
		expect(rows.length).toBeGreaterThanOrEqual(3);
		expect(JSON.stringify(rows)).not.toMatch(/someone|example\.org|127\.0\.0|meespraak\.demo/);
		for (const r of rows) {
			expect(r.expires_at).toBeGreaterThan(Date.now());
			expect(r.expires_at).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
		}
	});

	it('refuses the demo logins when the demo database is started for production, and says so loudly', async () => {
		const before = session(await loginAs(own.url, DEMO.admin))!;
		expect(session(await loginAs(own.url, { email: 'raad-dialoogstad-1@meespraak.demo', password: 'demo-raadslid-2026' }))).toBeTruthy();
		expect((await send(own.url, '/staff', { cookie: before })).status).toBe(200);
		await own.stop();
		await own.start({ MEESPRAAK_DEMO: undefined });
		expect(own.server.stderr()).toMatch(/WARNING: .* holds the DEMO data/);
		// The five role accounts and the councils' seeded members alike.
		const council = { email: 'raad-dialoogstad-1@meespraak.demo', password: 'demo-raadslid-2026' };
		expect((await loginAs(own.url, council, { from: '127.0.0.8' })).status).toBe(400);
		for (const who of Object.values(DEMO)) {
			const res = await loginAs(own.url, who, { from: '127.0.0.8' });
			expect(res.status, who.email).toBe(400);
			expect(session(res), who.email).toBeNull();
		}
		// A session made while it ran as the demo ends too.
		expect((await send(own.url, '/staff', { cookie: before })).status).toBe(303);
		expect(await own.alive()).toBe(true);
	});
});

describe('default database files', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meespraak-security-defaults-'));
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	/** `node server.js` started in an empty folder without DATABASE_URL, until /healthz answers; then stopped. */
	async function startHere(demo: boolean): Promise<void> {
		const port = await freePort();
		const env: Record<string, string | undefined> = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: undefined, MEESPRAAK_DEMO: demo ? '1' : undefined };
		const child: ChildProcess = spawn(process.execPath, [path.join(root, 'server.js')], { cwd: dir, env, stdio: 'ignore' });
		const exited = new Promise((r) => child.on('exit', r));
		try {
			for (let i = 0; ; i++) {
				if (child.exitCode !== null) throw new Error(`server.js exited with ${child.exitCode}`);
				if (i > 300) throw new Error('server.js did not answer within 60 s');
				const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
				if (ok) break;
				await new Promise((r) => setTimeout(r, 200));
			}
		} finally {
			child.kill('SIGTERM');
			await exited;
		}
	}

	it('are data/meespraak.db for production and data/demo.db for the demo, in an owner-only folder', async () => {
		await startHere(false);
		expect(fs.existsSync(path.join(dir, 'data', 'meespraak.db'))).toBe(true);
		expect(fs.existsSync(path.join(dir, 'data', 'demo.db'))).toBe(false);
		expect(mode(path.join(dir, 'data')).toString(8)).toBe('700');
		expect(mode(path.join(dir, 'data', 'meespraak.db')).toString(8)).toBe('600');
		await startHere(true);
		expect(fs.existsSync(path.join(dir, 'data', 'demo.db'))).toBe(true);
		expect(mode(path.join(dir, 'data', 'demo.db')).toString(8)).toBe('600');
		// The production file got no demo accounts.
		const db = new Database(path.join(dir, 'data', 'meespraak.db'), { readonly: true });
		expect(db.prepare("select count(*) as n from users where email like '%@meespraak.demo'").get()).toEqual({ n: 0 });
		db.close();
	});
});
