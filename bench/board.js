#!/usr/bin/env node
// `npm run bench:board`: many editors on one collaborative board, against the real production server,
// and the same workload against the reference Yjs WebSocket server as the baseline.
//
// Meespraak: starts `node server.js` on a fresh temporary database (demo data), logs in as the demo
// facilitator, creates an empty board through the staff form, and forks one process with the simulated
// editors (bench/board-editors.js): each is a socket.io connection with the facilitator's session and the
// browser's BoardProvider. Together they create --notes notes and make --moves moves on notes that
// exist (anyone's), each editor at its own pace (exponential waits, mean --pace s), from a seeded schedule.
// Printed: convergence latency (from one editor's change to the last of the others having it,
// p50/p95/p99), how many operations converged, the server's acknowledgement time, server CPU and peak
// RSS, the stored log at the end of the run and what it would be with every update kept, then (editors
// gone) the log after the server's idle compaction (it compacts a board nobody has had open for 60 s),
// and the time Chromium takes to show the board (`/staff/boards/<id>` until `[data-board-ready="true"]`
// with `data-note-count` equal to the board's notes), 3 times, each in a fresh context.
// Reference: bench/board-baseline.js (@y/websocket-server 0.1.1 as it ships: in memory, no checks) with
// the same editors process over `ws` and the same schedule; the ratio Meespraak / reference is printed.
//
// Options: --editors N (50), --notes N (2000), --moves N (5000), --pace S (mean seconds between one
// editor's operations; default 0.5: 140 operations take an editor about 70 s, the slowest about 90 s),
// --seed N (2026), --margin S (a move picks a note made at least this long before; 1),
// --converge-timeout S (30), --compact-wait S (how long to wait for the idle compaction; 100),
// --no-baseline, --only-baseline, --no-browser, --no-compaction (skip the 60 s wait),
// --timeline (convergence, server CPU and other processes' CPU per 5 s), --quiet-wait S (before each
// workload, wait up to S s until other processes take under 25 % of a core). Environment:
// BENCH_KEEP_DB=1 keeps the database, CHROMIUM_PATH (default /usr/bin/chromium),
// BENCH_EDITORS_NODE_ARGS (e.g. --trace-gc, for the editors process).
// Everything runs on this machine: editors, server and browser share its cores, so run it on a quiet one.
import { execSync, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpuSeconds as cpuSecondsOf, fmt, freePort, login, memoryKb, percentiles, prepare, root, startServer, TICKS, tempDatabase } from './lib.js';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	if (i < 0) return fallback;
	const v = Number(args[i + 1]);
	if (!Number.isFinite(v) || v < 0) {
		console.error(`--${name} needs a number ≥ 0`);
		process.exit(2);
	}
	return v;
};
const flag = (name) => args.includes(`--${name}`);
const EDITORS = Math.max(2, Math.round(opt('editors', 50)));
const NOTES = Math.round(opt('notes', 2000));
const MOVES = Math.round(opt('moves', 5000));
const PACE_S = opt('pace', 0.5);
const SEED = Math.round(opt('seed', 2026));
const MARGIN_S = opt('margin', 1);
const CONVERGE_TIMEOUT_S = opt('converge-timeout', 30);
const COMPACT_WAIT_S = opt('compact-wait', 100);
const APP = !flag('only-baseline');
const BASELINE = !flag('no-baseline');
const BROWSER = !flag('no-browser');
const COMPACTION = !flag('no-compaction');
const TIMELINE = flag('timeline');
const QUIET_WAIT_S = opt('quiet-wait', 0);
const TARGET = { p95: 100, ratio: 1.5, loadMs: 1500 };
const LOADS = 3;

const now = () => performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The CPU seconds of the server or the editors process, or a clear error once it is gone. */
function cpuSeconds(pid) {
	try {
		return cpuSecondsOf(pid);
	} catch {
		throw new Error(`process ${pid} is gone (${pid === editorsPidForErrors ? 'the editors process' : 'the server'}), see above`);
	}
}
/** CPU seconds the whole machine spent busy (every core, every process), from /proc/stat. */
function machineBusySeconds() {
	const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
	const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
	return (total - f[3] - f[4]) / TICKS; // minus idle and iowait
}

// ---------------------------------------------------------------- cleaning up, whatever happens

let editorsPidForErrors = 0;
const cleanups = new Set();
/** Registers a synchronous cleanup (kill a child, remove a directory); returns its remover. */
function onCleanup(fn) {
	cleanups.add(fn);
	return () => cleanups.delete(fn);
}
function cleanupAll() {
	for (const fn of [...cleanups].reverse()) {
		try {
			fn();
		} catch {
			/* best effort */
		}
	}
	cleanups.clear();
}
process.on('exit', cleanupAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
	process.on(signal, () => {
		console.error(`\n${signal}: stopping the server and the editors, removing the temporary database`);
		cleanupAll();
		process.exit(130);
	});

/** Kills a child process when the bench ends before it stopped it. */
function killOnExit(child) {
	return onCleanup(() => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	});
}

// ---------------------------------------------------------------- Meespraak's side: login, board, database

/** Through the staff form, as a facilitator would; returns the board's id. */
async function createBoard(url, cookie, title) {
	const res = await fetch(`${url}/staff/boards?/create`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: url, cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ title, template: 'empty', locale: 'nl' })
	});
	const id = /\/staff\/boards\/(\d+)/.exec(res.headers.get('location') ?? '')?.[1];
	if (!id) throw new Error(`creating a board failed: ${res.status} ${(await res.text()).slice(0, 500)}`);
	return Number(id);
}

/** The board's update log as stored (read-only connection; WAL lets it read while the server writes). */
function logSize(Database, dbFile, boardId) {
	const db = new Database(dbFile, { readonly: true, fileMustExist: true });
	try {
		const r = db.prepare('select count(*) as rows, coalesce(sum(length(data)), 0) as bytes from board_updates where board_id = ?').get(boardId);
		return { rows: Number(r.rows), bytes: Number(r.bytes) };
	} finally {
		db.close();
	}
}

// ---------------------------------------------------------------- the editors process

function editorsProcess() {
	const execArgv = (process.env.BENCH_EDITORS_NODE_ARGS ?? '').split(/\s+/).filter(Boolean); // e.g. --trace-gc, for diagnosis
	const child = fork(path.join(root, 'bench/board-editors.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
	const removeCleanup = killOnExit(child);
	editorsPidForErrors = child.pid;
	const waiting = new Map();
	let failure = null;
	child.on('message', (msg) => {
		if (msg.cmd === 'error') {
			failure = new Error(`editors process: ${msg.error}`);
			for (const w of waiting.values()) w.reject(failure);
			waiting.clear();
			return;
		}
		const w = waiting.get(msg.cmd);
		waiting.delete(msg.cmd);
		w?.resolve(msg);
	});
	child.on('exit', (code, signal) => {
		const e = new Error(`the editors process exited (${code ?? signal})`);
		for (const w of waiting.values()) w.reject(e);
		waiting.clear();
	});
	/** Sends a command; rejects when no answer comes within `timeoutMs`. */
	const ask = (cmd, payload = {}, timeoutMs = 60_000) =>
		new Promise((resolve, reject) => {
			if (failure) return reject(failure);
			const timer = setTimeout(() => {
				waiting.delete(cmd);
				reject(new Error(`the editors process did not answer '${cmd}' within ${fmt(timeoutMs / 1000, 0)} s`));
			}, timeoutMs);
			waiting.set(cmd, {
				resolve: (m) => (clearTimeout(timer), resolve(m)),
				reject: (e) => (clearTimeout(timer), reject(e))
			});
			if (cmd !== 'ready') child.send({ cmd, ...payload });
		});
	return {
		child,
		ask,
		ready: ask('ready', {}, 30_000),
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', r)));
			}
			removeCleanup();
		}
	};
}

/** What other processes take of the machine over `ms` (the busy time minus the server, the editors and this process), in % of a core. */
async function othersPct(serverPid, editorsPid, ms) {
	const a = { busy: machineBusySeconds(), server: cpuSeconds(serverPid), editors: cpuSeconds(editorsPid), self: process.cpuUsage() };
	await sleep(ms);
	const self = process.cpuUsage(a.self);
	const others = machineBusySeconds() - a.busy - (cpuSeconds(serverPid) - a.server) - (cpuSeconds(editorsPid) - a.editors) - (self.user + self.system) / 1e6;
	return (Math.max(0, others) / (ms / 1000)) * 100;
}

/** --quiet-wait S: waits (up to S seconds) until other processes take under 25 % of a core for 3 s. */
async function waitForQuiet(serverPid, editorsPid) {
	const t0 = now();
	let pct = await othersPct(serverPid, editorsPid, 3000);
	if (pct < 25) return;
	process.stdout.write(`    waiting for a quieter machine (other processes take ${fmt(pct, 0)} % of a core)…`);
	while (pct >= 25 && now() - t0 < QUIET_WAIT_S * 1000) pct = await othersPct(serverPid, editorsPid, 3000);
	console.log(pct < 25 ? ` quiet after ${fmt((now() - t0) / 1000, 0)} s` : ` still ${fmt(pct, 0)} % after ${QUIET_WAIT_S} s: running anyway`);
}

/**
 * Convergence of the operations made while the machine was quiet: in a second (and the one after it)
 * during which other processes took under 25 % of a core. On a shared machine this is the figure that
 * compares; the whole-run figures are printed beside it.
 */
function quietFigures(perOp, cpuline) {
	const QUIET = 25;
	// cpuline[i] covers the second that ends at cpuline[i][3] (epoch ms).
	const noisyUntil = (t) => {
		let i = cpuline.findIndex((c) => c[3] >= t);
		if (i < 0) i = cpuline.length - 1; // the last, partial second: as the one before it
		if (i < 0) return true;
		return cpuline[i][2] >= QUIET || (cpuline[i + 1] ? cpuline[i + 1][2] >= QUIET : false);
	};
	const inside = perOp.filter(([at, ms]) => ms !== null && !noisyUntil(at)).map(([, ms]) => ms);
	const quietSeconds = cpuline.filter((c) => c[2] < QUIET).length;
	return { ops: inside.length, of: perOp.length, quietSeconds, seconds: cpuline.length, ...percentiles(inside) };
}

/** Opens the editors, runs the workload while sampling the server's CPU and memory, returns the figures. */
async function workload(serverPid, mode, target) {
	const editors = editorsProcess();
	await editors.ready;
	const t0 = now();
	const opened = await editors.ask('open', { mode, target, count: EDITORS, rampMs: Math.min(5_000, EDITORS * 40) }, 90_000);
	const openS = (now() - t0) / 1000;
	if (opened.opened < EDITORS) console.log(`    only ${opened.opened} of ${EDITORS} editors got in sync with the server (${JSON.stringify(opened.totals)})`);
	if (QUIET_WAIT_S > 0) await waitForQuiet(serverPid, editors.child.pid);
	const w0 = now();
	const rss = { peak: 0 };
	// Each second: the server's CPU, and what other processes took (the machine's busy time minus the
	// server, the editors and this process), both in % of one core.
	const cpuline = []; // [seconds since the workload started, server %, others %]
	let ticks = 0;
	const sample = () => ({ at: now(), server: cpuSeconds(serverPid), editors: cpuSeconds(editors.child.pid), self: process.cpuUsage(), busy: machineBusySeconds() });
	let last = sample();
	const sampler = setInterval(() => {
		try {
			rss.peak = Math.max(rss.peak, memoryKb(serverPid, 'VmRSS'));
			if (++ticks % 5 === 0) {
				const c = sample();
				const s = (c.at - last.at) / 1000;
				const self = (c.self.user + c.self.system - last.self.user - last.self.system) / 1e6;
				const others = c.busy - last.busy - (c.server - last.server) - (c.editors - last.editors) - self;
				cpuline.push([(c.at - w0) / 1000, ((c.server - last.server) / s) * 100, (Math.max(0, others) / s) * 100, performance.timeOrigin + c.at]);
				last = c;
			}
		} catch {
			/* gone */
		}
	}, 200);
	// The server's responsiveness meanwhile: GET /healthz every 250 ms (a stalled event loop shows here).
	const probes = [];
	let probing = true;
	const prober = (async () => {
		while (probing) {
			const t = now();
			try {
				const res = await fetch(`${target.url}/healthz`, { signal: AbortSignal.timeout(10_000) });
				await res.arrayBuffer();
				probes.push([(t - w0) / 1000, now() - t]);
			} catch {
				probes.push([(t - w0) / 1000, NaN]);
			}
			await sleep(Math.max(0, 250 - (now() - t)));
		}
	})();
	const cpu0 = cpuSeconds(serverPid);
	const editorsCpu0 = cpuSeconds(editors.child.pid);
	const self0 = process.cpuUsage();
	const busy0 = machineBusySeconds();
	const perEditor = (NOTES + MOVES) / EDITORS;
	const expectedMs = perEditor * PACE_S * 1000 * 1.5 + 30_000;
	let r;
	try {
		r = await editors.ask(
			'run',
			{ editors: EDITORS, notes: NOTES, moves: MOVES, paceMs: PACE_S * 1000, marginMs: MARGIN_S * 1000, seed: SEED, convergeTimeoutMs: CONVERGE_TIMEOUT_S * 1000 },
			expectedMs + CONVERGE_TIMEOUT_S * 1000
		);
	} finally {
		clearInterval(sampler);
		probing = false;
		await prober;
	}
	const seconds = (now() - w0) / 1000;
	const cpu = cpuSeconds(serverPid) - cpu0;
	const editorsCpu = cpuSeconds(editors.child.pid) - editorsCpu0;
	const self = process.cpuUsage(self0);
	// What the rest of the machine (other people's processes) took from the same cores meanwhile.
	const othersCpu = Math.max(0, machineBusySeconds() - busy0 - cpu - editorsCpu - (self.user + self.system) / 1e6);
	let hwm = NaN;
	let editorsHwm = NaN;
	try {
		hwm = memoryKb(serverPid, 'VmHWM');
		editorsHwm = memoryKb(editors.child.pid, 'VmHWM');
	} catch {
		/* gone */
	}
	return {
		editors,
		opened: opened.opened,
		openMs: percentiles(opened.openMs),
		openS,
		...r,
		latency: percentiles(r.latencies),
		latencies: undefined,
		seconds,
		opsPerS: r.made / (r.workloadMs / 1000),
		cpuPct: (cpu / seconds) * 100,
		editorsCpuPct: (editorsCpu / seconds) * 100,
		othersCpuPct: (othersCpu / seconds) * 100,
		editorsRssPeakMb: editorsHwm / 1024,
		loadAverage: os.loadavg()[0],
		rssPeakMb: Math.max(rss.peak, Number.isFinite(hwm) ? hwm : 0) / 1024,
		quiet: quietFigures(r.perOp, cpuline),
		perOp: undefined,
		healthz: percentiles(probes.map(([, ms]) => ms).filter(Number.isFinite)),
		healthzFailed: probes.filter(([, ms]) => !Number.isFinite(ms)).length,
		timeline: r.timeline.map((b) => {
			const inside = cpuline.filter(([at]) => at > b.fromS && at <= b.fromS + 5);
			const avg = (i) => (inside.length ? inside.reduce((x, y) => x + y[i], 0) / inside.length : NaN);
			const probed = probes.filter(([at]) => at >= b.fromS && at < b.fromS + 5).map(([, ms]) => ms);
			return { ...b, serverCpuPct: avg(1), othersCpuPct: avg(2), healthzMaxMs: probed.length ? Math.max(...probed) : NaN };
		})
	};
}

// ---------------------------------------------------------------- Chromium

async function browserLoads(url, cookie, boardId, expectedNotes) {
	let chromium;
	try {
		({ chromium } = await import('@playwright/test'));
	} catch (e) {
		return { error: `@playwright/test is not available: ${e.message}`, loads: [] };
	}
	const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
	let browser;
	try {
		browser = await chromium.launch({
			executablePath,
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
		});
	} catch (e) {
		return { error: `Chromium did not start (${executablePath}; set CHROMIUM_PATH, or apt-get install chromium): ${String(e?.message ?? e).split('\n')[0]}`, loads: [], medianMs: NaN };
	}
	const pid = browser.process?.()?.pid;
	const removeCleanup = onCleanup(() => {
		if (pid) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}
	});
	const loads = [];
	let error = null;
	try {
		const { hostname } = new URL(url);
		const [name, value] = cookie.split('=');
		for (let i = 0; i < LOADS; i++) {
			const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
			await context.addCookies([{ name, value, domain: hostname, path: '/', httpOnly: true, sameSite: 'Lax' }]);
			const page = await context.newPage();
			const consoleErrors = [];
			page.on('console', (m) => m.type() === 'error' && consoleErrors.length < 5 && consoleErrors.push(m.text().slice(0, 200)));
			page.on('pageerror', (e) => consoleErrors.length < 5 && consoleErrors.push(String(e).slice(0, 200)));
			// Times relative to the navigation's start (performance.timeOrigin): when the contract's element
			// says ready with every note, and the first frame painted after that.
			await page.addInitScript((expected) => {
				const w = /** @type {any} */ (window);
				const check = () => {
					const el = document.querySelector('[data-board-ready="true"]');
					if (!el) return;
					w.__benchSeen = el.getAttribute('data-note-count');
					if (w.__benchReady === undefined && w.__benchSeen === String(expected)) {
						w.__benchReady = performance.now();
						requestAnimationFrame(() => requestAnimationFrame(() => (w.__benchPainted = performance.now())));
					}
				};
				new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-board-ready', 'data-note-count'] });
			}, expectedNotes);
			// When the page's socket opened and when the board's state arrived (its largest frame), for the breakdown.
			const wire = { socketAt: NaN, stateAt: NaN, stateBytes: 0 };
			page.on('websocket', (ws) => {
				if (!Number.isFinite(wire.socketAt)) wire.socketAt = Date.now();
				ws.on('framereceived', (f) => {
					const n = typeof f.payload === 'string' ? f.payload.length : f.payload.byteLength;
					if (n > wire.stateBytes) (wire.stateBytes = n), (wire.stateAt = Date.now());
				});
			});
			try {
				const response = await page.goto(`${url}/staff/boards/${boardId}`, { waitUntil: 'commit', timeout: 30_000 });
				const status = response?.status() ?? 0;
				if (status !== 200) {
					error = `/staff/boards/${boardId} answered ${status}${status === 404 ? ' (is the board page there yet?)' : ''}`;
					break;
				}
				try {
					await page.waitForFunction(() => /** @type {any} */ (window).__benchPainted !== undefined, null, { timeout: 30_000, polling: 50 });
				} catch {
					const seen = await page.evaluate(() => /** @type {any} */ (window).__benchSeen ?? null);
					error = `the board was not ready with ${expectedNotes} notes within 30 s (${seen === null ? 'no [data-board-ready="true"] element' : `data-note-count="${seen}"`})${consoleErrors.length ? `; page errors: ${consoleErrors.join(' | ')}` : ''}`;
					break;
				}
				const t = await page.evaluate(() => {
					const w = /** @type {any} */ (window);
					const nav = /** @type {PerformanceNavigationTiming | undefined} */ (performance.getEntriesByType('navigation')[0]);
					return {
						readyMs: w.__benchReady,
						paintedMs: w.__benchPainted,
						responseMs: nav?.responseStart,
						domContentLoadedMs: nav?.domContentLoadedEventEnd,
						loadMs: nav?.loadEventEnd,
						timeOrigin: performance.timeOrigin,
						domNodes: document.getElementsByTagName('*').length
					};
				});
				loads.push({ ...t, socketMs: wire.socketAt - t.timeOrigin, stateMs: wire.stateAt - t.timeOrigin, stateBytes: wire.stateBytes, consoleErrors });
			} finally {
				await context.close();
			}
		}
	} catch (e) {
		error = String(e?.message ?? e);
	} finally {
		await browser.close().catch(() => {});
		removeCleanup();
	}
	const sorted = loads.map((l) => l.readyMs).sort((a, b) => a - b);
	return { loads, medianMs: sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN, error };
}

// ---------------------------------------------------------------- the two runs

async function runApp(Database) {
	const port = await freePort();
	const db = tempDatabase('board');
	const removeDb = onCleanup(() => {
		if (!process.env.BENCH_KEEP_DB) fs.rmSync(db.dir, { recursive: true, force: true });
	});
	const server = await startServer({ port, dbFile: db.file });
	const removeServer = killOnExit(server.child);
	let stopping = false;
	server.child.once('exit', (code, signal) => {
		if (stopping) return;
		const tail = server.stderr().trim().split('\n').slice(-20).join('\n    ');
		const why = code === 0 ? ': it stops with 0 on SIGTERM or SIGINT, so something outside this benchmark stopped it' : '';
		console.error(`\n  The Meespraak server exited during the benchmark (${code ?? signal}${why}). Its last error output:\n    ${tail || '(none)'}`);
	});
	const url = `http://127.0.0.1:${port}`;
	let editors;
	try {
		const cookie = await login(url);
		const boardId = await createBoard(url, cookie, `Benchbord ${EDITORS} redacteurs`);
		const initial = logSize(Database, db.file, boardId);
		console.log(`  Meespraak: server on ${url}, board ${boardId}, database ${db.file}`);
		const w = await workload(server.child.pid, 'meespraak', { url, cookie, boardId });
		editors = w.editors;
		const atEnd = logSize(Database, db.file, boardId);
		const uncompacted = { rows: initial.rows + w.totals.ackedUpdates, bytes: initial.bytes + w.totals.ackedBytes };
		const closed = await editors.ask('close', {}, 20_000).catch((e) => ({ error: e.message }));
		await editors.stop();
		editors = null;
		const result = { target: 'Meespraak', ...w, editors: undefined, boardId, initial, atEnd, uncompacted, closedTotals: closed.totals };
		report(result);

		if (COMPACTION) {
			process.stdout.write(`    waiting for the idle compaction (the server compacts a board nobody has had open for 60 s; up to ${COMPACT_WAIT_S} s)…`);
			const c0 = now();
			let size = logSize(Database, db.file, boardId);
			while (size.rows > 1 && now() - c0 < COMPACT_WAIT_S * 1000) {
				await sleep(1000);
				size = logSize(Database, db.file, boardId);
			}
			result.compacted = { ...size, afterS: (now() - c0) / 1000, done: size.rows <= 1 };
			console.log(size.rows <= 1 ? ` after ${fmt(result.compacted.afterS, 0)} s` : ' NOT within the wait');
			console.log(
				`    stored log after compaction: ${size.rows} row(s), ${kb(size.bytes)} (the document's full state as one update; an editor's encodeStateAsUpdate is ${kb(w.stateBytes)})`
			);
		}
		if (BROWSER) {
			console.log(`    Chromium: /staff/boards/${boardId} (1280×800, fresh context each time) until [data-board-ready="true"][data-note-count="${w.notes.max}"]…`);
			result.browser = await browserLoads(url, cookie, boardId, w.notes.max);
			if (result.browser.error) result.browser.serverStderr = server.stderr().slice(-3000);
			for (const [i, l] of result.browser.loads.entries())
				console.log(
					`      load ${i + 1}: ready ${fmt(l.readyMs, 0)} ms, next frame painted ${fmt(l.paintedMs, 0)} ms (first byte ${fmt(l.responseMs, 0)} ms, DOMContentLoaded ${fmt(l.domContentLoadedMs, 0)} ms, socket opened ${fmt(l.socketMs, 0)} ms, board state received ${fmt(l.stateMs, 0)} ms [${kb(l.stateBytes)}], ${l.domNodes} DOM elements)${l.consoleErrors.length ? `; page errors: ${l.consoleErrors.join(' | ')}` : ''}`
				);
			if (result.browser.loads.length) console.log(`      median ${fmt(result.browser.medianMs, 0)} ms to ready (target ≤ ${TARGET.loadMs} ms)`);
			if (result.browser.error) {
				console.log(`      browser measurement incomplete: ${result.browser.error}`);
				const tail = result.browser.serverStderr.trim().split('\n').slice(-12).join('\n        ');
				if (tail) console.log(`      the server's last error output:\n        ${tail}`);
			}
		}
		return result;
	} finally {
		if (editors) await editors.stop();
		stopping = true;
		await server.stop();
		removeServer();
		removeDb();
		if (!process.env.BENCH_KEEP_DB) fs.rmSync(db.dir, { recursive: true, force: true });
	}
}

async function runBaseline() {
	const port = await freePort();
	const env = { ...process.env };
	delete env.YPERSISTENCE; // as it ships: in memory
	const child = fork(path.join(root, 'bench/board-baseline.js'), [String(port)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env });
	const removeChild = killOnExit(child);
	let editors;
	try {
		await new Promise((resolve, reject) => {
			child.once('message', resolve);
			child.once('exit', (code) => reject(new Error(`bench/board-baseline.js exited (${code}) before it listened`)));
		});
		const url = `http://127.0.0.1:${port}`;
		console.log(`  reference: @y/websocket-server 0.1.1 on ws://127.0.0.1:${port}/bench-board`);
		const w = await workload(child.pid, 'reference', { url, room: 'bench-board' });
		editors = w.editors;
		await editors.ask('close', {}, 20_000).catch(() => {});
		await editors.stop();
		editors = null;
		const result = { target: 'reference y-websocket', ...w, editors: undefined };
		report(result);
		return result;
	} finally {
		if (editors) await editors.stop();
		child.kill('SIGTERM');
		await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', r)));
		removeChild();
	}
}

// ---------------------------------------------------------------- printing

const kb = (bytes) => (bytes >= 1024 * 1024 ? `${fmt(bytes / 1024 / 1024, 2)} MB` : `${fmt(bytes / 1024, 1)} KB`);
const counted = (o) => {
	const e = Object.entries(o ?? {});
	return e.length ? e.map(([k, v]) => `${k}×${v}`).join(', ') : 'none';
};

function report(r) {
	const t = r.totals;
	console.log(`    ${r.opened}/${EDITORS} editors in sync in ${fmt(r.openS, 1)} s (open + handshake p50 ${fmt(r.openMs.p50, 0)} ms, max ${fmt(r.openMs.max, 0)} ms)`);
	console.log(
		`    workload: ${r.made} operations (${r.creates} creates, ${r.moves} moves${r.skipped ? `, ${r.skipped} moves skipped: the note had not reached the editor` : ''}${r.unchanged ? `, ${r.unchanged} moves to where the note was` : ''}) in ${fmt(r.workloadMs / 1000, 1)} s, ${fmt(r.opsPerS, 1)} ops/s; editors were behind schedule by p95 ${fmt(r.lateMs.p95, 1)} ms`
	);
	const conv = r.unconverged === 0 ? `all ${r.made} converged` : `${r.made - r.unconverged} of ${r.made} converged, ${r.unconverged} NOT within ${CONVERGE_TIMEOUT_S} s (e.g. ${JSON.stringify(r.unconvergedSample)})`;
	console.log(`    convergence (change → the last of the other ${EDITORS - 1} editors has it): p50 ${fmt(r.latency.p50)} ms, p95 ${fmt(r.latency.p95)} ms, p99 ${fmt(r.latency.p99)} ms, max ${fmt(r.latency.max)} ms; ${conv}`);
	console.log(`    each delivery (${r.deliveryCount} = operation × other editor): p50 ${fmt(r.deliveries.p50)} ms, p95 ${fmt(r.deliveries.p95)} ms, p99 ${fmt(r.deliveries.p99)} ms`);
	if (r.acks) console.log(`    update → server's acknowledgement (stored, fsync'd): p50 ${fmt(r.ack.p50)} ms, p95 ${fmt(r.ack.p95)} ms, p99 ${fmt(r.ack.p99)} ms (${r.acks} acknowledged)`);
	console.log(
		`    documents: ${r.documents.length === 1 ? `all ${r.documents[0]} editors hold the same document` : `NOT the same: groups of ${r.documents.join(', ')} editors`} (${r.notes.min === r.notes.max ? r.notes.max : `${r.notes.min}–${r.notes.max}`} notes, state ${kb(r.stateBytes)})`
	);
	console.log(`    server: CPU ${fmt(r.cpuPct)} % of one core on average over ${fmt(r.seconds, 0)} s, peak RSS ${fmt(r.rssPeakMb)} MB (editors process: CPU ${fmt(r.editorsCpuPct)} %, peak RSS ${fmt(r.editorsRssPeakMb, 0)} MB, event-loop lag p99 ${fmt(r.eventLoopLagMs.p99)} ms, max ${fmt(r.eventLoopLagMs.max)} ms)`);
	console.log(`    server responsiveness meanwhile (GET /healthz every 250 ms): p50 ${fmt(r.healthz.p50)} ms, p99 ${fmt(r.healthz.p99)} ms, max ${fmt(r.healthz.max)} ms${r.healthzFailed ? `, ${r.healthzFailed} failed` : ''}`);
	if (TIMELINE)
		for (const b of r.timeline)
			console.log(`      +${fmt(b.fromS, 0).padStart(3)} s: ${fmt(b.ops / 5, 1)} ops/s, convergence p50 ${fmt(b.p50)} ms, p95 ${fmt(b.p95)} ms, max ${fmt(b.max)} ms; server CPU ${fmt(b.serverCpuPct, 0)} %, /healthz max ${fmt(b.healthzMaxMs, 0)} ms; other processes ${fmt(b.othersCpuPct, 0)} %`);
	if (r.othersCpuPct > 20)
		console.log(`    WARNING: other processes on this machine used ${fmt(r.othersCpuPct, 0)} % of a core during this run (load average ${fmt(r.loadAverage, 1)}): the figures above are disturbed`);
	const q = r.quiet;
	console.log(
		`    convergence of the ${q.ops} of ${q.of} operations made while the machine was quiet (other processes under 25 % of a core, ${q.quietSeconds} of ${q.seconds} s): p50 ${fmt(q.p50)} ms, p95 ${fmt(q.p95)} ms, p99 ${fmt(q.p99)} ms`
	);
	const problems = [
		['refused', t.refused],
		['errors', t.errors],
		['refused acknowledgements', t.ackErrors]
	].filter(([, o]) => Object.keys(o ?? {}).length);
	if (problems.length || t.connectErrors) console.log(`    problems: ${problems.map(([k, o]) => `${k}: ${counted(o)}`).join('; ')}${t.connectErrors ? `; connect errors: ${t.connectErrors}` : ''}`);
	else console.log('    problems: none (no refusal, no error, no disconnect)');
	if (r.atEnd) {
		console.log(`    stored log at end of run (automatic compactions included): ${r.atEnd.rows} rows, ${kb(r.atEnd.bytes)}`);
		console.log(`    uncompacted (every acknowledged update kept, plus the board's first row): ${r.uncompacted.rows} rows, ${kb(r.uncompacted.bytes)}`);
	}
}

function summary(results) {
	const { app, baseline } = results;
	const rows = [];
	const row = (cells) => rows.push(cells);
	row(['measurement', ...(app ? ['Meespraak'] : []), ...(baseline ? ['reference y-websocket'] : []), ...(app && baseline ? ['ratio'] : []), 'target']);
	const line = (label, get, digits, unit, target = '', ratio = true) => {
		const a = app ? get(app) : undefined;
		const b = baseline ? get(baseline) : undefined;
		const v = (x) => (Number.isFinite(x) ? `${fmt(x, digits)}${unit}` : '—');
		const q = a / b;
		row([label, ...(app ? [v(a)] : []), ...(baseline ? [v(b)] : []), ...(app && baseline ? [ratio && Number.isFinite(q) ? `${fmt(q, 2)}×` : ''] : []), target]);
	};
	line('convergence p50', (r) => r.latency.p50, 1, ' ms');
	line('convergence p95', (r) => r.latency.p95, 1, ' ms', `< ${TARGET.p95} ms, ≤ ${TARGET.ratio}× reference`);
	line('convergence p99', (r) => r.latency.p99, 1, ' ms');
	line('  …made on a quiet machine: p50', (r) => r.quiet.p50, 1, ' ms');
	line('  …made on a quiet machine: p95', (r) => r.quiet.p95, 1, ' ms');
	line('  …made on a quiet machine: p99', (r) => r.quiet.p99, 1, ' ms');
	line('  …operations made on a quiet machine', (r) => r.quiet.ops, 0, '', '', false);
	line('operations converged', (r) => r.made - r.unconverged, 0, '', 'all', false);
	line('operations per second', (r) => r.opsPerS, 1, '', '', false);
	line('server CPU (% of one core)', (r) => r.cpuPct, 1, ' %');
	line('server peak RSS', (r) => r.rssPeakMb, 1, ' MB');
	line('editors process CPU', (r) => r.editorsCpuPct, 1, ' %');
	line('other processes\' CPU meanwhile', (r) => r.othersCpuPct, 1, ' %', 'near 0 (a quiet machine)', false);
	if (app) {
		const only = (label, value, target = '') => row([label, value, ...(baseline ? ['—', ''] : []), target]);
		only('acknowledgement p95', `${fmt(app.ack.p95, 1)} ms`);
		only('log at end of run', `${app.atEnd.rows} rows, ${kb(app.atEnd.bytes)}`);
		only('uncompacted: every update kept', `${app.uncompacted.rows} rows, ${kb(app.uncompacted.bytes)}`);
		if (app.compacted) only('after idle compaction', app.compacted.done ? `${app.compacted.rows} row, ${kb(app.compacted.bytes)}` : `NOT compacted: ${app.compacted.rows} rows`);
		if (app.browser)
			only(
				`Chromium: board with ${app.notes.max} notes ready`,
				app.browser.loads.length ? `${app.browser.loads.map((l) => fmt(l.readyMs, 0)).join(' / ')} ms, median ${fmt(app.browser.medianMs, 0)} ms` : 'not measured',
				`≤ ${TARGET.loadMs} ms`
			);
	}
	const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
	const print = (r) => console.log(`| ${r.map((c, i) => String(c ?? '').padEnd(widths[i])).join(' | ')} |`);
	print(rows[0]);
	console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
	rows.slice(1).forEach(print);

	const verdicts = [];
	if (app) {
		const disturbed = app.othersCpuPct > 20 || (baseline && baseline.othersCpuPct > 20);
		verdicts.push([`p95 convergence under ${TARGET.p95} ms`, app.latency.p95 < TARGET.p95]);
		if (baseline) verdicts.push([`p95 at most ${TARGET.ratio}× the reference`, app.latency.p95 <= TARGET.ratio * baseline.latency.p95]);
		if (disturbed) {
			verdicts.push([`p95 convergence under ${TARGET.p95} ms, operations made on a quiet machine`, app.quiet.ops ? app.quiet.p95 < TARGET.p95 : null]);
			if (baseline) verdicts.push([`p95 at most ${TARGET.ratio}× the reference, operations made on a quiet machine`, app.quiet.ops && baseline.quiet.ops ? app.quiet.p95 <= TARGET.ratio * baseline.quiet.p95 : null]);
		}
		verdicts.push(['every operation reached every editor', app.unconverged === 0 && app.documents.length === 1]);
		if (app.browser) verdicts.push([`${app.notes.max}-note board ready in Chromium within ${TARGET.loadMs / 1000} s (median)`, app.browser.loads.length === LOADS ? app.browser.medianMs <= TARGET.loadMs : null]);
	}
	for (const [label, ok] of verdicts) console.log(`  target ${label}: ${ok === null ? 'NOT MEASURED' : ok ? 'met' : 'NOT met'}`);
	return verdicts;
}

// ---------------------------------------------------------------- main

prepare();
const Database = (await import('better-sqlite3')).default;
console.log(
	`Meespraak board benchmark — ${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} cores\n` +
		`  ${EDITORS} editors on one board: ${NOTES} creates and ${MOVES} moves, mean ${PACE_S} s between one editor's operations (${fmt((NOTES + MOVES) / EDITORS, 0)} each, about ${fmt(((NOTES + MOVES) / EDITORS) * PACE_S, 0)} s), seed ${SEED}`
);
const results = { date: new Date().toISOString(), node: process.version, cores: os.cpus().length, options: { editors: EDITORS, notes: NOTES, moves: MOVES, paceS: PACE_S, seed: SEED, marginS: MARGIN_S } };
let exitCode = 0;
try {
	if (APP) results.app = await runApp(Database);
	if (BASELINE) results.baseline = await runBaseline();
	console.log('\nSummary');
	if (results.app && results.baseline)
		console.log(
			`  ratio Meespraak / reference: p50 ${fmt(results.app.latency.p50 / results.baseline.latency.p50, 2)}×, p95 ${fmt(results.app.latency.p95 / results.baseline.latency.p95, 2)}×, p99 ${fmt(results.app.latency.p99 / results.baseline.latency.p99, 2)}×, server CPU ${fmt(results.app.cpuPct / results.baseline.cpuPct, 2)}×`
		);
	if (results.app && results.baseline && results.app.quiet.ops && results.baseline.quiet.ops)
		console.log(
			`  the same for the operations made on a quiet machine: p50 ${fmt(results.app.quiet.p50 / results.baseline.quiet.p50, 2)}×, p95 ${fmt(results.app.quiet.p95 / results.baseline.quiet.p95, 2)}×, p99 ${fmt(results.app.quiet.p99 / results.baseline.quiet.p99, 2)}×`
		);
	results.verdicts = summary(results);
	if (results.app && (results.app.unconverged > 0 || results.app.documents.length !== 1)) exitCode = 1;
	if (results.baseline && results.baseline.unconverged > 0) exitCode = 1;
} catch (e) {
	console.error(`\nThe benchmark stopped: ${e?.stack ?? e}`);
	results.error = String(e?.message ?? e);
	exitCode = 1;
}
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
const out = path.join(root, 'bench', 'results', `board-${results.date.replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(out, JSON.stringify(results, null, 2));
console.log(`\nResults written to ${path.relative(process.cwd(), out)}`);
process.exit(exitCode);
