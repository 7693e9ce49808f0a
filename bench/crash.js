#!/usr/bin/env node
// `npm run bench:crash`: kill -9 the server while postcards are coming in, start it again, and check that
// every postcard that was answered 201 is in the database.
//
// Starts `node server.js` on a fresh temporary database (demo data, POSTCARD_RATE_LIMIT=off), sends
// postcards from BENCH_CONCURRENCY (default 20) clients, SIGKILLs the server once BENCH_KILL_AFTER (default
// 1000) cards were acknowledged (or after 30 s), restarts it on the same database, sends a few more, stops it
// and compares the acknowledged tracking codes with the rows. Exits 1 when an acknowledged card is missing.
// Note: a killed process loses nothing that reached the operating system; this checks that the server only
// answers 201 after the commit, and that SQLite's WAL recovers on restart. Power loss is what
// SQLITE_SYNCHRONOUS=FULL (the default) is for.
import fs from 'node:fs';
import { SLUG, freePort, load, postcardBody, prepare, startServer, tempDatabase } from './lib.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 20);
const KILL_AFTER = Number(process.env.BENCH_KILL_AFTER || 1000);
const MAX_REQUESTS = 200_000;
const MAX_MS = 30_000;

prepare();
const Database = (await import('better-sqlite3')).default;

const db = tempDatabase('crash');
const acknowledged = new Set();
let port = await freePort();
console.log(`Meespraak crash test — database ${db.file}, ${CONCURRENCY} concurrent clients, kill -9 after ${KILL_AFTER} acknowledged postcards\n`);

let server = await startServer({ port, dbFile: db.file });
let exitCode = 0;
try {
	const started = Date.now();
	let killed = false;
	const send = (tag) => (i) => ({ method: 'POST', path: `/api/v1/campaigns/${SLUG}/postcards`, body: postcardBody(i, tag) });
	const collect = (i, a) => {
		if (a.status === 201) {
			try {
				acknowledged.add(JSON.parse(a.text).code);
			} catch {
				acknowledged.add(`unreadable-${i}`);
			}
		}
		if (!killed && (acknowledged.size >= KILL_AFTER || Date.now() - started > MAX_MS)) {
			killed = true;
			server.child.kill('SIGKILL');
		}
	};
	const first = await load({
		port,
		total: MAX_REQUESTS,
		concurrency: CONCURRENCY,
		make: send('Crash'),
		onAnswer: collect,
		// Keep sending until the kill has shown up as failed requests, so that some were in flight.
		stop: () => killed && server.child.exitCode === null && server.child.signalCode !== null
	});
	const exit = await server.exited;
	const inFlight = Object.entries(first.statuses).filter(([s]) => s.startsWith('error')).reduce((n, [, c]) => n + c, 0);
	console.log(`Before the kill: ${first.count} requests, ${acknowledged.size} answered 201, ${inFlight} cut off by the kill (${exit.signal ?? `exit ${exit.code}`})`);
	if (acknowledged.size === 0) {
		console.log(`No postcard was acknowledged (answers: ${JSON.stringify(first.statuses)}). Is the API there?`);
		exitCode = 1;
	}

	// Start again on the same database: SQLite replays its WAL.
	port = await freePort();
	const beforeRestart = acknowledged.size;
	server = await startServer({ port, dbFile: db.file });
	const after = await load({ port, total: 200, concurrency: CONCURRENCY, make: send('After restart'), onAnswer: (i, a) => a.status === 201 && acknowledged.add(JSON.parse(a.text).code) });
	console.log(`After the restart: ${after.count} more requests, ${acknowledged.size - beforeRestart} answered 201`);
	await server.stop();

	const sqlite = new Database(db.file, { readonly: true });
	// The bench's own cards, told apart by their text (a random code may also begin with DEM-).
	const stored = new Set(sqlite.prepare("select code from postcards where text like 'Crash %' or text like 'After restart %'").pluck().all());
	const integrity = sqlite.prepare('pragma integrity_check').pluck().get();
	sqlite.close();
	const missing = [...acknowledged].filter((c) => !stored.has(c));
	const unacknowledged = [...stored].filter((c) => !acknowledged.has(c)).length;
	console.log(`\nIn the database: ${stored.size} postcards (besides the demo cards); integrity_check: ${integrity}`);
	console.log(`Acknowledged with 201: ${acknowledged.size}; found: ${acknowledged.size - missing.length}; missing: ${missing.length}`);
	console.log(`Stored without an answer (the kill cut the answer off after the commit): ${unacknowledged}`);
	if (missing.length || integrity !== 'ok') {
		console.log(`LOST: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}`);
		exitCode = 1;
	} else if (exitCode === 0) {
		console.log('OK: every acknowledged postcard survived kill -9 and the restart');
	}
} finally {
	if (server.child.exitCode === null && server.child.signalCode === null) await server.stop();
	if (!process.env.BENCH_KEEP_DB) fs.rmSync(db.dir, { recursive: true, force: true });
}
process.exit(exitCode);
