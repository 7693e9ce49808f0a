// Helpers shared by the benchmarks: a production server on a temporary database, a keep-alive HTTP
// client, a load loop with a fixed number of concurrent workers, and percentiles.
// Everything stays on this machine (127.0.0.1).
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureBuild, ensureDependencies, root } from '../scripts/prepare.js';

export { root };
export const SLUG = 'brugge-draait-om-mensen';
export const DEMO_CARDS = 25;

export function prepare() {
	process.chdir(root);
	ensureDependencies();
	ensureBuild();
}

export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

export function tempDatabase(prefix) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `meespraak-${prefix}-`));
	return { dir, file: path.join(dir, 'bench.db') };
}

/** Starts `node server.js` with the demo data and without the postcard rate limit; resolves once /healthz answers. */
export async function startServer({ port, dbFile, env = {}, quiet = true }) {
	const child = spawn(process.execPath, ['server.js'], {
		cwd: root,
		stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'pipe'],
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			DATABASE_URL: `file:${dbFile}`,
			MEESPRAAK_DEMO: '1',
			POSTCARD_RATE_LIMIT: 'off',
			...env
		}
	});
	let stderr = '';
	child.stderr.on('data', (c) => {
		stderr += c;
		if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
	});
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server.js exited (${child.exitCode}) before it answered:\n${stderr}`);
		try {
			const res = await fetch(`http://127.0.0.1:${port}/healthz`);
			if (res.ok) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`server.js did not answer /healthz within 60 s:\n${stderr}`);
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	return {
		child,
		exited,
		stderr: () => stderr,
		/** Graceful stop (SIGTERM); SIGKILL after 10 s. */
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return exited;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			const r = await exited;
			clearTimeout(timer);
			return r;
		}
	};
}

export function keepAliveAgent(concurrency) {
	return new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
}

/** One request; resolves with status, body text and latency in ms (status 0 on a network error). */
export function request(agent, port, { method = 'GET', path: p, body, headers = {} }) {
	return new Promise((resolve) => {
		const start = process.hrtime.bigint();
		const data = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				method,
				path: p,
				agent,
				headers: {
					...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}),
					accept: 'application/json',
					...headers
				}
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), ms: Number(process.hrtime.bigint() - start) / 1e6 })
				);
				res.on('error', (error) => resolve({ status: 0, text: '', error, ms: Number(process.hrtime.bigint() - start) / 1e6 }));
			}
		);
		req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
		req.on('error', (error) => resolve({ status: 0, text: '', error, ms: Number(process.hrtime.bigint() - start) / 1e6 }));
		req.end(data);
	});
}

/**
 * Sends `total` requests from `concurrency` workers (each waits for its answer before the next).
 * Without `ratePerSecond` the workers send as fast as the server answers (saturation). With it,
 * request i is not sent before i / ratePerSecond seconds (an offered load, as residents would send:
 * they do not wait for each other), still with at most `concurrency` requests open at once.
 * `make(i)` describes request i; `onAnswer(i, answer)` sees every answer. Stops early when `stop()` says so.
 */
export async function load({ port, total, concurrency, make, onAnswer = () => {}, stop = () => false, agent = keepAliveAgent(concurrency), ratePerSecond = 0 }) {
	let next = 0;
	const latencies = [];
	const statuses = new Map();
	const started = process.hrtime.bigint();
	async function worker() {
		while (next < total && !stop()) {
			const i = next++;
			if (ratePerSecond > 0) {
				const due = (i / ratePerSecond) * 1000 - Number(process.hrtime.bigint() - started) / 1e6;
				if (due > 0) await new Promise((r) => setTimeout(r, due));
			}
			const answer = await request(agent, port, make(i));
			latencies.push(answer.ms);
			const key = answer.status || `error:${answer.error?.code ?? answer.error?.message ?? 'unknown'}`;
			statuses.set(key, (statuses.get(key) ?? 0) + 1);
			onAnswer(i, answer);
		}
	}
	await Promise.all(Array.from({ length: concurrency }, worker));
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	agent.destroy();
	return { count: latencies.length, seconds, perSecond: latencies.length / seconds, ...percentiles(latencies), statuses: Object.fromEntries(statuses) };
}

export function percentiles(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN);
	return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}

/** A postcard the way the public API takes it; the text varies so that nothing is cached or merged. */
export function postcardBody(i, tag) {
	return {
		text: `${tag} ${i}: meer groen en een bank om op te rusten in onze straat, en een buurtfeest in de zomer.`,
		consentPublish: i % 2 === 0,
		locale: 'nl',
		themeIds: ['1']
	};
}

export const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

// ---------------------------------------------------------------- the demo facilitator and /proc readings

export const FACILITATOR = { email: 'begeleider@meespraak.demo', password: 'demo-begeleider-2026' };

/** Logs in through the login form (as HTML, so it answers with a redirect); returns the session cookie. */
export async function login(url, who = FACILITATOR) {
	const res = await fetch(`${url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(who)
	});
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('meespraak_session='));
	if (!cookie) throw new Error(`login failed: ${res.status}`);
	return cookie.split(';')[0];
}

export const TICKS = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid) {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / TICKS; // utime + stime
}

/** A memory figure of a process from /proc/<pid>/status (VmRSS, VmHWM), in kB. */
export function memoryKb(pid, key) {
	const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
	return m ? Number(m[1]) : NaN;
}
