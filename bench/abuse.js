// `npm run bench:abuse`: one hostile visitor against a production server with its default limits.
// Starts server.js (building first if needed) on a fresh temporary database with the demo data, on a free
// port of 127.0.0.1, and floods it from this process, each flood bounded in count and in time:
//   postcards through the public API, guesses of tracking codes, wrong passwords for a real account,
//   1,000 sockets from one address, 300 scripted joins and a contribution burst at the live table, and
//   20 MB of board updates plus a burst of malformed ones through the demo board's edit link.
// Meanwhile a separate client (from another loopback address) asks /healthz every 200 ms. It prints what got
// through each flood, the server's CPU seconds for it, and whether /healthz answered throughout.
// Everything stays on this machine: the server listens on 127.0.0.1 and every client connects there (from
// 127.0.0.x source addresses, which Linux routes over loopback).
// Options: --quick (a tenth of each flood), --keep (print the database path and leave it).
import fs from 'node:fs';
import http from 'node:http';
import { io } from 'socket.io-client';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { addNote } from '../src/lib/boards/doc.js';
import { cpuSeconds, fmt, freePort, memoryKb, percentiles, prepare, startServer, tempDatabase, SLUG, FACILITATOR } from './lib.js';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const scale = (n) => (QUICK ? Math.max(1, Math.round(n / 10)) : n);
const LIVE_TABLE = 'TAF-234';
const BOARD_LINK = 'demobordmeerminder2026groepnieuw';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

prepare();
const port = await freePort();
const temp = tempDatabase('abuse');
// The server's own defaults: no limit is lifted (startServer turns the postcard limit off for the other benches).
const server = await startServer({ port, dbFile: temp.file, env: { POSTCARD_RATE_LIMIT: undefined } });
const pid = server.child.pid;
const url = `http://127.0.0.1:${port}`;

/** One HTTP request from a chosen loopback source address; resolves with status, text and ms (status 0 on error). */
function request({ method = 'GET', path, body, headers = {}, from = '127.0.0.1', timeout = 15_000 }) {
	return new Promise((resolve) => {
		const t0 = performance.now();
		const data = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
		const req = http.request(
			{ host: '127.0.0.1', port, method, path, localAddress: from, agent: false, headers: { ...(data ? { 'content-length': data.length } : {}), ...headers } },
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 }));
			}
		);
		req.setTimeout(timeout, () => req.destroy(new Error('timeout')));
		req.on('error', () => resolve({ status: 0, text: '', headers: {}, ms: performance.now() - t0 }));
		req.end(data);
	});
}

/** Runs `total` jobs with `concurrency` workers until done or `seconds` passed; counts the answers by key. */
async function flood({ total, concurrency, seconds, job }) {
	const counts = {};
	let next = 0;
	const deadline = Date.now() + seconds * 1000;
	async function worker() {
		while (next < total && Date.now() < deadline) {
			const key = String(await job(next++));
			counts[key] = (counts[key] ?? 0) + 1;
		}
	}
	await Promise.all(Array.from({ length: concurrency }, worker));
	return counts;
}

// ------------------------------------------------------------------ the /healthz watcher
const health = { asked: 0, answered: 0, latencies: [], longestGapMs: 0, probes: [] };
let watching = true;
const watcher = (async () => {
	let lastOk = performance.now();
	while (watching) {
		health.asked++;
		const start = performance.now();
		const r = await request({ path: '/healthz', from: '127.0.0.9', timeout: 5000 });
		health.probes.push({ start, ok: r.status === 200, ms: r.ms });
		if (r.status === 200) {
			health.answered++;
			health.latencies.push(r.ms);
			health.longestGapMs = Math.max(health.longestGapMs, performance.now() - lastOk);
			lastOk = performance.now();
		}
		await sleep(200);
	}
})();

const rows = [];
async function phase(name, run) {
	const cpu0 = cpuSeconds(pid);
	const t0 = performance.now();
	let result;
	try {
		result = await run();
	} catch (e) {
		result = `failed: ${e.message}`;
	}
	const seconds = (performance.now() - t0) / 1000;
	const cpu = cpuSeconds(pid) - cpu0;
	// The probes sent while this flood ran (a probe still waiting counts with its time so far).
	const probes = health.probes.filter((p) => p.start >= t0);
	const answered = probes.filter((p) => p.ok);
	const healthLat = percentiles(answered.map((p) => p.ms));
	const healthCell = `${answered.length}/${probes.length}`;
	rows.push({ name, result, seconds, cpu, health: healthCell, healthP95: healthLat.p95, healthMax: healthLat.max });
	console.log(`  ${name}: ${result} (${fmt(seconds)} s, server CPU ${fmt(cpu, 2)} s, /healthz ${healthCell} p95 ${fmt(healthLat.p95)} ms)`);
}

const describe = (counts) =>
	Object.entries(counts)
		.sort((a, b) => b[1] - a[1])
		.map(([k, v]) => `${v}× ${k}`)
		.join(', ');

function connect(opts = {}) {
	return io(url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 10_000, ...opts });
}
function connected(socket, ms = 10_000) {
	return new Promise((resolve) => {
		const t = setTimeout(() => resolve(false), ms);
		socket.once('connect', () => (clearTimeout(t), resolve(true)));
		socket.once('connect_error', () => (clearTimeout(t), resolve(false)));
	});
}
function emit(socket, event, ...payload) {
	return new Promise((resolve) => {
		const t = setTimeout(() => resolve({ ok: false, error: 'no_answer' }), 10_000);
		socket.emit(event, ...payload, (reply) => (clearTimeout(t), resolve(reply ?? { ok: false, error: 'empty' })));
	});
}

console.log(`bench:abuse against ${url} (server pid ${pid}, default limits${QUICK ? ', --quick' : ''})`);

// ------------------------------------------------------------------ postcards
await phase(`postcards: ${scale(600)} from one address`, async () => {
	const counts = await flood({
		total: scale(600),
		concurrency: 20,
		seconds: 60,
		job: async (i) =>
			(
				await request({
					method: 'POST',
					path: `/api/v1/campaigns/${SLUG}/postcards`,
					headers: { 'content-type': 'application/json', accept: 'application/json' },
					body: { text: `Abuse ${i}: meer groen en een bank in onze straat.`, consentPublish: false, locale: 'nl', themeIds: ['1'] }
				})
			).status
	});
	return `${counts[201] ?? 0} stored; ${describe(counts)}`;
});

// ------------------------------------------------------------------ tracking codes
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const randomCode = () => {
	const pick = () => ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
	return `${pick()}${pick()}${pick()}-${pick()}${pick()}${pick()}`;
};
await phase(`tracking codes: ${scale(1000)} guesses from one address (half the API, half /k/<code>)`, async () => {
	const api = {};
	const page = {};
	await flood({
		total: scale(1000),
		concurrency: 10,
		seconds: 60,
		job: async (i) => {
			const onPage = i % 2 === 1;
			const r = await request({ path: onPage ? `/k/${randomCode()}` : `/api/v1/postcards/${randomCode()}`, headers: { accept: onPage ? 'text/html' : 'application/json' } });
			const tally = onPage ? page : api;
			tally[r.status] = (tally[r.status] ?? 0) + 1;
		}
	});
	return `API ${describe(api)}; /k pages ${describe(page)}`;
});

// ------------------------------------------------------------------ logins
await phase(`login: ${scale(50)} wrong passwords for ${FACILITATOR.email} from one address, then the owner from another`, async () => {
	const form = (password) => new URLSearchParams({ email: FACILITATOR.email, password }).toString();
	const headers = { origin: url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' };
	const counts = await flood({
		total: scale(50),
		concurrency: 5,
		seconds: 60,
		job: async (i) => (await request({ method: 'POST', path: '/login', headers, body: form(`guess-${i}-wrong`) })).status
	});
	const owner = await request({ method: 'POST', path: '/login', headers, body: form(FACILITATOR.password), from: '127.0.0.3' });
	const ownerIn = (owner.headers['set-cookie'] ?? []).some((c) => c.startsWith('meespraak_session='));
	return `attacker: ${describe(counts)}; owner from another address ${ownerIn ? 'logged in' : `LOCKED OUT (${owner.status})`}`;
});

// ------------------------------------------------------------------ sockets
await phase(`sockets: ${scale(1000)} from one address`, async () => {
	const sockets = [];
	let up = 0;
	const deadline = Date.now() + 60_000;
	for (let i = 0; i < scale(1000) && Date.now() < deadline; i += 50) {
		const batch = Array.from({ length: Math.min(50, scale(1000) - i) }, () => connect());
		sockets.push(...batch);
		up += (await Promise.all(batch.map((s) => connected(s)))).filter(Boolean).length;
	}
	await sleep(500);
	const stillOpen = sockets.filter((s) => s.connected).length;
	for (const s of sockets) s.close();
	return `${up} connected, ${stillOpen} still open after 0.5 s, of ${sockets.length}`;
});

// ------------------------------------------------------------------ joins and contributions at the live table
const projector = connect({ localAddress: '127.0.0.5' });
await connected(projector);
const headCount = async () => (await emit(projector, 'table:watch', { code: LIVE_TABLE })).snapshot?.participantCount ?? NaN;
const before = await headCount();
const joined = [];
await phase(`joins: ${scale(300)} scripted joins at ${LIVE_TABLE} from one address`, async () => {
	const sockets = Array.from({ length: 10 }, () => connect({ localAddress: '127.0.0.6' }));
	await Promise.all(sockets.map((s) => connected(s)));
	const counts = await flood({
		total: scale(300),
		concurrency: 10,
		seconds: 60,
		job: async (i) => {
			const phone = sockets[i % sockets.length];
			const r = await emit(phone, 'table:join', { code: LIVE_TABLE, name: `Bot ${i}` });
			if (r.ok) joined.push(r.participantToken);
			return r.ok ? 'joined' : r.error;
		}
	});
	for (const s of sockets) s.close();
	await sleep(400);
	return `${counts.joined ?? 0} joined; ${describe(counts)}; head count ${before} → ${await headCount()}`;
});

await phase(`contributions: 25 phones × ${scale(8)} as fast as acknowledged`, async () => {
	const phones = Array.from({ length: 25 }, (_, i) => connect({ localAddress: `127.0.1.${i + 1}` }));
	await Promise.all(phones.map((s) => connected(s)));
	const ready = [];
	for (let i = 0; i < phones.length; i++) {
		const token = joined[i];
		const r = await emit(phones[i], 'table:join', token ? { code: LIVE_TABLE, token } : { code: LIVE_TABLE, name: `Telefoon ${i}` });
		if (r.ok) ready.push(phones[i]);
	}
	const counts = {};
	const t0 = Date.now();
	await Promise.all(
		ready.map(async (phone, p) => {
			for (let k = 0; k < scale(8) && Date.now() - t0 < 30_000; k++) {
				const r = await emit(phone, 'table:contribute', { clientId: `abuse-${p}-${k}-${Date.now()}`, text: `Bijdrage ${k} van telefoon ${p}: meer speelruimte.` });
				const key = r.ok ? 'stored' : r.error;
				counts[key] = (counts[key] ?? 0) + 1;
			}
		})
	);
	for (const s of phones) s.close();
	return `${ready.length} phones in; ${counts.stored ?? 0} stored in ${fmt((Date.now() - t0) / 1000)} s; ${describe(counts)}`;
});
projector.close();

// ------------------------------------------------------------------ board updates
const updateMessage = (update) => {
	const enc = encoding.createEncoder();
	syncProtocol.writeUpdate(enc, update);
	return encoding.toUint8Array(enc);
};
const board = connect({ localAddress: '127.0.0.7' });
await connected(board);
const opened = await emit(board, 'board:open', { link: BOARD_LINK });
const boardId = opened.board?.id;

await phase(`board: ${scale(200)} notes with a 100 kB author name (${fmt((scale(200) * 100) / 1000)} MB) through an edit link`, async () => {
	if (!opened.ok) return `board link refused: ${opened.error}`;
	let acceptedBytes = 0;
	const counts = await flood({
		total: scale(200),
		concurrency: 4,
		seconds: 60,
		job: async (i) => {
			const doc = new Y.Doc();
			addNote(doc, { text: `Bot ${i}: meer groen in de straat`, x: 100 + i, y: 100, author: 'B'.repeat(100_000) });
			const update = Y.encodeStateAsUpdate(doc);
			doc.destroy();
			const r = await emit(board, 'board:sync', boardId, updateMessage(update));
			if (r.ok) acceptedBytes += update.byteLength;
			return r.ok ? 'stored' : r.error;
		}
	});
	return `${fmt(acceptedBytes / 1e6, 2)} MB accepted; ${describe(counts)}`;
});

await phase(`board: ${scale(200)} malformed or out-of-shape updates`, async () => {
	if (!opened.ok) return `board link refused: ${opened.error}`;
	const counts = await flood({
		total: scale(200),
		concurrency: 4,
		seconds: 60,
		job: async (i) => {
			const doc = new Y.Doc();
			const kind = i % 4;
			if (kind === 0) doc.getMap(`other-${i}`).set('x', 'y'.repeat(10_000)); // an unknown top-level key
			else if (kind === 1) {
				const note = new Y.Map();
				note.set('text', new Y.Text('a note whose text is a Y.Text'));
				note.set('p', [10, 10]);
				doc.getMap('notes').set(`n${i}`, note);
			} else if (kind === 2) addNote(doc, { text: 'long author', x: 10, y: 10, author: 'A'.repeat(200_000) });
			if (kind === 3) addNote(doc, { text: 'cut in half', x: 10, y: 10 });
			const whole = Y.encodeStateAsUpdate(doc);
			const update = kind === 3 ? whole.slice(0, Math.floor(whole.length / 2)) : whole; // 3: a truncated update
			doc.destroy();
			const r = await emit(board, 'board:sync', boardId, updateMessage(update));
			return r.ok ? 'accepted' : r.error;
		}
	});
	return `${counts.accepted ?? 0} accepted; ${describe(counts)}`;
});
board.close();

// ------------------------------------------------------------------ report
watching = false;
await watcher;
const rss = memoryKb(pid, 'VmHWM');
const alive = (await request({ path: '/healthz', from: '127.0.0.9' })).status === 200;
await server.stop();
const overall = percentiles(health.latencies);
console.log('\n| flood | what got through | time | server CPU | /healthz answered | /healthz p95 / max |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.name} | ${r.result} | ${fmt(r.seconds)} s | ${fmt(r.cpu, 2)} s | ${r.health} | ${fmt(r.healthP95)} / ${fmt(r.healthMax)} ms |`);
console.log(
	`\n/healthz answered ${health.answered} of ${health.asked} probes (every 200 ms, 5 s timeout); p95 ${fmt(overall.p95)} ms, max ${fmt(overall.max)} ms; ` +
		`longest gap between answers ${fmt(health.longestGapMs / 1000, 2)} s. Server peak RSS ${fmt(rss / 1024, 0)} MB. ` +
		`Server ${alive ? 'still serving at the end' : 'NOT ANSWERING at the end'}.`
);
if (args.includes('--keep')) console.log(`database kept at ${temp.file}`);
else fs.rmSync(temp.dir, { recursive: true, force: true });
process.exit(alive && health.answered === health.asked ? 0 : 1);
