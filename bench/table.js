#!/usr/bin/env node
// `npm run bench:table`: a room of phones on live dialogue tables, against the real production server.
//
// For each scenario it starts `node server.js` on a fresh temporary database (demo data), logs in as the
// demo facilitator, creates the tables through the staff form (an open round, then dot voting), starts
// them, opens one projector per table (socket.io client in this process) and forks a process with the
// phones (bench/table-phones.js). Phones join by code, contribute at a realistic pace (each phone waits
// an exponentially distributed time, mean --pace s, between contributions), then the facilitator moves
// to dot voting and reveals the results, and every phone votes --rounds times. Printed: join time, latency
// from a phone's send to the projector's receipt (p50/p95/p99), acknowledgement times, messages per second
// in and out, server CPU and peak RSS. The same scenario then runs against a bare socket.io server that
// relays the same messages (bench/table-baseline.js), and the ratio is printed.
//
// Options: --phones N (one table, default 300), --tables T --per-table P (default 20 x 30),
// --scenario single|multi|both (default both), --contribute S (seconds, default 40), --vote S (default 20),
// --pace S (default 15), --rounds R (default 2), --no-baseline, --only-baseline, --timeline (p95 and server CPU
// per 5 s of the contribution round). Run it on a quiet machine: the phones, projectors and server share its cores.
// Everything runs on this machine: phones, projectors and server share its cores (2 on CI machines).
import { execSync, fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { cpuSeconds, fmt, freePort, login, memoryKb, percentiles, prepare, root, startServer, tempDatabase } from './lib.js';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};
const PHONES = opt('phones', 300);
const TABLES = opt('tables', 20);
const PER_TABLE = opt('per-table', 30);
const CONTRIBUTE_S = opt('contribute', 40);
const VOTE_S = opt('vote', 20);
const PACE_S = opt('pace', 15);
const ROUNDS = opt('rounds', 2);
const scenarioArg = args.includes('--scenario') ? args[args.indexOf('--scenario') + 1] : 'both';
const BASELINE = !args.includes('--no-baseline');

// Every phone connects from 127.0.0.1, so the server's limits against floods (per address, per table,
// per participant) are lifted for the run: the figures measure the server's capacity, as before the limits.
const LIFTED = {
	SOCKET_ADDRESS_LIMIT: 'off',
	TABLE_JOIN_ADDRESS_LIMIT: 'off',
	TABLE_JOIN_LIMIT: 'off',
	TABLE_MAX_PARTICIPANTS: 'off',
	TABLE_CONTRIBUTION_LIMIT: 'off',
	TABLE_CONTRIBUTION_TABLE_LIMIT: 'off'
};

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));


// ---------------------------------------------------------------- the two servers

async function startApp() {
	const port = await freePort();
	const db = tempDatabase('table');
	const server = await startServer({ port, dbFile: db.file, env: LIFTED });
	const url = `http://127.0.0.1:${port}`;
	const cookie = await login(url);
	return {
		name: 'Meespraak',
		url,
		pid: server.child.pid,
		cookie,
		async createTables(count) {
			const out = [];
			for (let i = 0; i < count; i++) out.push(await createTable(url, cookie, `Benchtafel ${i + 1}`));
			return out;
		},
		async stop() {
			await server.stop();
			fs.rmSync(db.dir, { recursive: true, force: true });
		}
	};
}

async function startBaseline() {
	const port = await freePort();
	const child = fork(path.join(root, 'bench/table-baseline.js'), [String(port)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	await new Promise((r) => child.once('message', r));
	return {
		name: 'bare socket.io',
		url: `http://127.0.0.1:${port}`,
		pid: child.pid,
		cookie: '',
		async createTables(count) {
			return Array.from({ length: count }, (_, i) => `BAS-${String(i).padStart(3, '0')}`);
		},
		async stop() {
			child.kill('SIGTERM');
		}
	};
}

/** Through the facilitator's form, as a person would; returns the join code. */
async function createTable(url, cookie, title) {
	const form = new URLSearchParams({
		title,
		theme: '1',
		locale: 'nl',
		template: 'talk_cafe',
		phaseCount: '2',
		kind_0: 'open',
		title_0: 'Open ronde',
		prompt_0: 'Wat houdt je bezig in de buurt?',
		timer_0: '',
		kind_1: 'dots',
		title_1: 'Stemmen',
		prompt_1: 'Wat vind je het belangrijkst?',
		timer_1: '',
		dots_1: '3',
		op: 'create'
	});
	const res = await fetch(`${url}/staff/tables/new`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: url, cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: form
	});
	const id = /\/staff\/tables\/(\d+)/.exec(res.headers.get('location') ?? '')?.[1];
	if (!id) throw new Error(`creating a table failed: ${res.status} ${await res.text()}`);
	const data = await (await fetch(`${url}/staff/tables/${id}/__data.json`, { headers: { cookie } })).text();
	const code = /"([A-Z2-9]{3}-[A-Z2-9]{3})"/.exec(data)?.[1];
	if (!code) throw new Error(`no join code for table ${id}`);
	return code;
}

// ---------------------------------------------------------------- sockets in this process

function connect(url, cookie) {
	const socket = io(url, { transports: ['websocket'], forceNew: true, extraHeaders: cookie ? { cookie } : {} });
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', reject);
	});
}

function emit(socket, event, payload) {
	return new Promise((resolve) => socket.timeout(30_000).emit(event, payload, (err, reply) => resolve(err ? { ok: false, error: 'timeout' } : reply)));
}

function phonesProcess() {
	const child = fork(path.join(root, 'bench/table-phones.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const waiting = new Map();
	child.on('message', (msg) => {
		if (msg.cmd === 'error') {
			console.error(msg.error);
			process.exit(1);
		}
		waiting.get(msg.cmd)?.(msg);
	});
	const ask = (cmd, payload = {}) =>
		new Promise((resolve) => {
			waiting.set(cmd, resolve);
			child.send({ cmd, ...payload });
		});
	return { child, ask, ready: new Promise((r) => waiting.set('ready', r)) };
}

// ---------------------------------------------------------------- one run

async function run(target, tables, perTable) {
	const server = target === 'app' ? await startApp() : await startBaseline();
	const codes = await server.createTables(tables);
	// A facilitator console and a projector per table.
	const consoles = [];
	const phaseIds = { open: {}, dots: {} };
	for (const code of codes) {
		const fac = await connect(server.url, server.cookie);
		const r = await emit(fac, 'table:facilitate', { code });
		if (!r.ok) throw new Error(`facilitate ${code}: ${r.error}`);
		const started = await emit(fac, 'table:action', { type: 'start' });
		if (!started.ok) throw new Error(`start ${code}: ${started.error}`);
		phaseIds.open[code] = r.snapshot.phases?.[0]?.id ?? 1;
		phaseIds.dots[code] = r.snapshot.phases?.[1]?.id ?? 2;
		consoles.push({ code, fac });
	}
	const latencies = [];
	const timeline = [];
	const ids = Object.fromEntries(codes.map((c) => [c, []]));
	let projectorMessages = 0;
	let resultsSeen = 0;
	const projectors = [];
	for (const code of codes) {
		const p = await connect(server.url, '');
		const r = await emit(p, 'table:watch', { code });
		if (!r.ok) throw new Error(`watch ${code}: ${r.error}`);
		p.onAny(() => projectorMessages++);
		const seen = (contribution) => {
			const sent = /@(\d+\.\d+)$/.exec(contribution.text)?.[1];
			if (sent) {
				latencies.push(now() - Number(sent));
				timeline.push([Number(sent), now() - Number(sent)]);
			}
			ids[code].push(contribution.id);
		};
		p.on('table:contribution', ({ contribution }) => seen(contribution));
		p.on('table:contributions', ({ contributions }) => contributions.forEach(seen));
		p.on('table:results', () => resultsSeen++);
		projectors.push(p);
	}

	const phones = phonesProcess();
	await phones.ready;
	const rss = { peak: 0 };
	const cpuline = [];
	let lastCpu = cpuSeconds(server.pid);
	let ticks = 0;
	const sampler = setInterval(() => {
		try {
			rss.peak = Math.max(rss.peak, memoryKb(server.pid, 'VmRSS'));
			if (++ticks % 5 === 0) {
				const c = cpuSeconds(server.pid);
				cpuline.push({ at: now(), pct: (c - lastCpu) * 100 });
				lastCpu = c;
			}
		} catch {
			/* gone */
		}
	}, 200);
	const cpu0 = cpuSeconds(server.pid);
	const phonesCpu0 = cpuSeconds(phones.child.pid);
	const t0 = now();
	const joined = await phones.ask('join', { url: server.url, codes, phonesPerTable: perTable, rampMs: Math.min(10_000, tables * perTable * 10) });
	const tJoined = now();
	const contributed = await phones.ask('contribute', { durationMs: CONTRIBUTE_S * 1000, paceMs: PACE_S * 1000, phaseIds: phaseIds.open });
	await sleep(1000);
	const receivedContributions = latencies.length;
	for (const { fac, code } of consoles) {
		const next = await emit(fac, 'table:action', { type: 'next' });
		if (!next.ok) throw new Error(`next ${code}: ${next.error}`);
		const shown = await emit(fac, 'table:action', { type: 'reveal', phaseId: phaseIds.dots[code], revealed: true });
		if (!shown.ok) throw new Error(`reveal ${code}: ${shown.error}`);
	}
	const tVote = now();
	const voted = await phones.ask('vote', { durationMs: VOTE_S * 1000, phaseIds: phaseIds.dots, candidates: ids, dots: 3, rounds: ROUNDS });
	await sleep(1000);
	const seconds = (now() - t0) / 1000;
	const cpu = cpuSeconds(server.pid) - cpu0;
	const phonesCpu = cpuSeconds(phones.child.pid) - phonesCpu0;
	clearInterval(sampler);
	const hwm = memoryKb(server.pid, 'VmHWM');
	const { received } = await phones.ask('received');
	await phones.ask('close');
	for (const s of [...projectors, ...consoles.map((c) => c.fac)]) s.close();
	await server.stop();

	const acked = contributed.ackMs.length;
	if (args.includes('--timeline')) {
		// Per 5 s of the contribution round: how many were sent, their p95 to the projector, the server's CPU.
		for (let from = tJoined; from < tVote; from += 5000) {
			const inside = timeline.filter(([at]) => at >= from && at < from + 5000).map(([, ms]) => ms);
			const cpuIn = cpuline.filter((c) => c.at > from && c.at <= from + 5000).map((c) => c.pct);
			const avg = cpuIn.length ? cpuIn.reduce((a, b) => a + b, 0) / cpuIn.length : NaN;
			console.log(`      +${fmt((from - tJoined) / 1000, 0)} s: ${fmt(inside.length / 5)}/s, p95 ${fmt(percentiles(inside).p95)} ms, server CPU ${fmt(avg, 0)} %`);
		}
	}
	const messagesIn = joined.joined + contributed.sent + voted.sent;
	return {
		target: server.name,
		tables,
		phones: tables * perTable,
		joined: joined.joined,
		joinErrors: joined.errors,
		join: percentiles(joined.joinMs),
		allJoinedS: (tJoined - t0) / 1000,
		sent: contributed.sent,
		acked,
		contributeErrors: contributed.errors,
		receivedContributions,
		latency: percentiles(latencies),
		ack: percentiles(contributed.ackMs),
		votes: voted.sent,
		voteAck: percentiles(voted.ackMs),
		voteErrors: voted.errors,
		resultsSeen,
		inPerS: messagesIn / seconds,
		contributionsPerS: contributed.sent / ((tVote - tJoined) / 1000),
		outPerS: (received + projectorMessages) / seconds,
		cpuPct: (cpu / seconds) * 100,
		phonesCpuPct: (phonesCpu / seconds) * 100,
		rssPeakMb: Math.max(rss.peak, hwm) / 1024,
		seconds
	};
}

function report(r) {
	const errs = (e) => (Object.keys(e).length ? ` (refused: ${JSON.stringify(e)})` : '');
	console.log(`  ${r.target}: ${r.phones} phones on ${r.tables} table(s), ${fmt(r.seconds, 0)} s`);
	console.log(`    join: ${r.joined}/${r.phones} joined${errs(r.joinErrors)}, all in ${fmt(r.allJoinedS)} s; connect+join p50 ${fmt(r.join.p50)} ms, p95 ${fmt(r.join.p95)} ms, max ${fmt(r.join.max)} ms`);
	console.log(
		`    contributions: ${r.sent} sent (${fmt(r.contributionsPerS)}/s), ${r.acked} acknowledged${errs(r.contributeErrors)}, ${r.receivedContributions} on the projector(s)`
	);
	console.log(`    phone send -> projector: p50 ${fmt(r.latency.p50)} ms, p95 ${fmt(r.latency.p95)} ms, p99 ${fmt(r.latency.p99)} ms, max ${fmt(r.latency.max)} ms`);
	console.log(`    phone send -> acknowledgement: p50 ${fmt(r.ack.p50)} ms, p95 ${fmt(r.ack.p95)} ms, p99 ${fmt(r.ack.p99)} ms`);
	console.log(`    dot votes: ${r.votes} sent${errs(r.voteErrors)}, acknowledged p50 ${fmt(r.voteAck.p50)} ms, p95 ${fmt(r.voteAck.p95)} ms, p99 ${fmt(r.voteAck.p99)} ms; ${r.resultsSeen} tally updates on the projector(s)`);
	console.log(`    messages: ${fmt(r.inPerS)}/s from phones, ${fmt(r.outPerS)}/s delivered to phones and projectors`);
	console.log(`    server: CPU ${fmt(r.cpuPct)} % of one core on average, peak RSS ${fmt(r.rssPeakMb)} MB (phones process: CPU ${fmt(r.phonesCpuPct)} %)`);
}

async function scenario(title, tables, perTable, targets) {
	console.log(`\n${title}`);
	const results = {};
	for (const target of [...(args.includes('--only-baseline') ? [] : ['app']), ...(BASELINE ? ['baseline'] : [])]) {
		const r = await run(target, tables, perTable);
		report(r);
		results[target] = r;
	}
	const app = results.app;
	const lost = app.acked - app.receivedContributions;
	console.log(`    every acknowledged contribution reached the projector: ${lost === 0 ? 'yes' : `NO, ${lost} missing`}`);
	if (results.baseline) {
		const b = results.baseline;
		console.log(
			`    ratio Meespraak / bare socket.io: p95 latency ${fmt(app.latency.p95 / b.latency.p95, 2)}x (${fmt(app.latency.p95)} vs ${fmt(b.latency.p95)} ms), p99 ${fmt(app.latency.p99 / b.latency.p99, 2)}x, server CPU ${fmt(app.cpuPct / b.cpuPct, 2)}x`
		);
	}
	for (const t of targets) console.log(`    target ${t.label}: ${t.check(results) ? 'met' : 'NOT met'}`);
	return { results, lost };
}

prepare();
console.log(
	`Meespraak live table benchmark — ${PACE_S} s mean between a phone's contributions for ${CONTRIBUTE_S} s, then ${ROUNDS} dot votes per phone in ${VOTE_S} s; websocket transport; all processes on this ${execSync('nproc').toString().trim()}-core machine`
);
console.log(`Flood limits lifted for this run (all phones share 127.0.0.1): ${Object.entries(LIFTED).map(([k, v]) => `${k}=${v}`).join(' ')}`);
let failed = false;
if (scenarioArg === 'single' || scenarioArg === 'both') {
	const { lost } = await scenario(`One table, ${PHONES} phones, one projector`, 1, PHONES, [
		{ label: `p95 send -> projector under 150 ms (${PHONES} phones; the target is set for 500)`, check: (r) => r.app.latency.p95 < 150 },
		...(BASELINE ? [{ label: 'p95 at most 1.5x the bare socket.io baseline', check: (r) => r.app.latency.p95 <= 1.5 * r.baseline.latency.p95 }] : []),
		{ label: 'server RSS under 300 MB', check: (r) => r.app.rssPeakMb < 300 }
	]);
	failed ||= lost !== 0;
}
if (scenarioArg === 'multi' || scenarioArg === 'both') {
	const { lost } = await scenario(`${TABLES} tables, ${PER_TABLE} phones each, a projector per table`, TABLES, PER_TABLE, [
		{ label: 'p95 send -> projector under 150 ms', check: (r) => r.app.latency.p95 < 150 },
		{ label: 'server RSS under 300 MB', check: (r) => r.app.rssPeakMb < 300 }
	]);
	failed ||= lost !== 0;
}
process.exit(failed ? 1 : 0);
