#!/usr/bin/env node
// `npm run bench:postcards`: how many postcards per second the production server takes, how fast it
// answers, whether every acknowledged card is stored, and how much JavaScript the postcard page loads.
//
// Starts `node server.js` on a fresh temporary database (demo data, POSTCARD_RATE_LIMIT=off) on a free
// port of 127.0.0.1, measures GET /healthz as the baseline and then POST /api/v1/campaigns/<slug>/postcards,
// both with the same number of concurrent clients: once at saturation (capacity; each client sends its
// next card when it has its answer) and once offered at the target rate of 400/s (the latency residents
// get at that load). Figures are printed (and written to bench/results/),
// never asserted: machines differ.
//
// Options (environment): BENCH_POSTCARDS (default 5000), BENCH_CONCURRENCY (50), BENCH_HEALTHZ (same as
// postcards), BENCH_KEEP_DB=1 to keep the database.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DEMO_CARDS, SLUG, fmt, freePort, load, postcardBody, prepare, root, startServer, tempDatabase } from './lib.js';

const TOTAL = Number(process.env.BENCH_POSTCARDS || 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 50);
const HEALTHZ = Number(process.env.BENCH_HEALTHZ || TOTAL);
const TARGET = { perSecond: 400, p95: 60, jsKb: 60 };

prepare();
const Database = (await import('better-sqlite3')).default;

const port = await freePort();
const db = tempDatabase('bench');
console.log(`Meespraak postcard benchmark — ${new Date().toISOString()}`);
console.log(`  node ${process.version}, ${(await import('node:os')).cpus().length} cores, database ${db.file}`);
console.log(`  ${TOTAL} postcards and ${HEALTHZ} /healthz requests, ${CONCURRENCY} concurrent clients, port ${port}\n`);

const server = await startServer({ port, dbFile: db.file });
let results;
try {
	// Warm up (JIT, SQLite page cache), not measured.
	await load({ port, total: 500, concurrency: CONCURRENCY, make: () => ({ path: '/healthz' }) });

	const healthz = await load({ port, total: HEALTHZ, concurrency: CONCURRENCY, make: () => ({ path: '/healthz' }) });

	let created = 0;
	const codes = new Set();
	let firstProblem = null;
	const countAnswer = (i, a) => {
		if (a.status === 201) {
			created++;
			try {
				const code = JSON.parse(a.text).code;
				if (code) codes.add(code);
			} catch {
				/* counted as created; the code check below will show it */
			}
		} else if (!firstProblem) firstProblem = `${a.status || a.error?.code} ${a.text.slice(0, 300)}`;
	};
	const postcards = await load({
		port,
		total: TOTAL,
		concurrency: CONCURRENCY,
		make: (i) => ({ method: 'POST', path: `/api/v1/campaigns/${SLUG}/postcards`, body: postcardBody(i, 'Bench') }),
		onAnswer: countAnswer
	});

	// The same number again, offered at the target rate by the same 50 clients: the latency residents
	// get at that load (the saturation run above measures capacity; its latency is queueing).
	const paced = await load({
		port,
		total: TOTAL,
		concurrency: CONCURRENCY,
		ratePerSecond: TARGET.perSecond,
		make: (i) => ({ method: 'POST', path: `/api/v1/campaigns/${SLUG}/postcards`, body: postcardBody(TOTAL + i, 'Paced') }),
		onAnswer: countAnswer
	});

	const js = await pageJavaScript(port, `/p/${SLUG}`);

	await server.stop();
	const sqlite = new Database(db.file, { readonly: true });
	const total = sqlite.prepare('select count(*) as n from postcards').get().n;
	// The demo cards are the ones that were there before the bench sent anything (a random code may
	// also begin with DEM-, so the prefix does not tell them apart).
	const demo = sqlite.prepare("select count(*) as n from postcards where text not like 'Bench %' and text not like 'Paced %'").get().n;
	sqlite.close();
	const stored = total - demo;

	results = { date: new Date().toISOString(), node: process.version, concurrency: CONCURRENCY, healthz, postcards, paced, created, distinctCodes: codes.size, stored, demoCards: demo, js };

	console.log('GET /healthz (baseline)');
	report(healthz);
	console.log(`\nPOST /api/v1/campaigns/${SLUG}/postcards — saturation (each client sends its next card as soon as it has an answer)`);
	report(postcards, 'throughput');
	console.log(`\nPOST /api/v1/campaigns/${SLUG}/postcards — offered at ${TARGET.perSecond}/s by the same ${CONCURRENCY} clients`);
	report(paced, 'latency');
	if (firstProblem) console.log(`  first answer that was not 201: ${firstProblem}`);
	console.log(`\nStored: ${stored} postcards in the database (${total} rows − ${demo} demo cards; expected ${DEMO_CARDS} demo cards), ${created} answered 201 (${codes.size} distinct codes)`);
	if (stored < created) console.log(`  LOST: ${created - stored} acknowledged postcards are not in the database`);
	else if (stored > created) console.log(`  OK: every acknowledged postcard is stored (and ${stored - created} more, whose answer was lost on the way)`);
	else console.log('  OK: every acknowledged postcard is stored, and nothing else');
	if (codes.size !== created) console.log(`  note: ${created - codes.size} answers with 201 had no new tracking code`);
	console.log(`\nJavaScript loaded by /p/${SLUG} (gzip -9 of each file under /_app):`);
	for (const f of js.files) console.log(`  ${fmt(f.gzip / 1024, 1).padStart(6)} KB  ${f.url}`);
	console.log(`  total ${fmt(js.gzipKb, 1)} KB gzipped (${fmt(js.rawKb, 1)} KB raw) in ${js.files.length} files — target < ${TARGET.jsKb} KB: ${js.gzipKb < TARGET.jsKb ? 'met' : 'NOT met'}`);

	fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
	const out = path.join(root, 'bench', 'results', `postcards-${results.date.replace(/[:.]/g, '-')}.json`);
	fs.writeFileSync(out, JSON.stringify(results, null, 2));
	console.log(`\nResults written to ${path.relative(process.cwd(), out)}`);
} finally {
	await server.stop();
	if (!process.env.BENCH_KEEP_DB) fs.rmSync(db.dir, { recursive: true, force: true });
}

function report(r, targets = false) {
	const statuses = Object.entries(r.statuses).map(([s, n]) => `${s}×${n}`).join(', ');
	const t = (which, ok) => (targets === which ? `  (target ${ok})` : '');
	console.log(`  ${r.count} requests in ${fmt(r.seconds, 2)} s — answers: ${statuses}`);
	console.log(`  throughput ${fmt(r.perSecond, 0)} /s${t('throughput', `>= ${TARGET.perSecond}/s: ${r.perSecond >= TARGET.perSecond ? 'met' : 'NOT met'}`)}`);
	console.log(`  latency p50 ${fmt(r.p50)} ms, p95 ${fmt(r.p95)} ms${t('latency', `< ${TARGET.p95} ms: ${r.p95 < TARGET.p95 ? 'met' : 'NOT met'}`)}, p99 ${fmt(r.p99)} ms, max ${fmt(r.max)} ms`);
}

/**
 * Every script the page loads up front: <script src>, modulepreload links (in the HTML or, as SvelteKit
 * sends them, in the Link header), import("…") of the inline start-up script, and the static imports of
 * all of those.
 */
async function pageJavaScript(port, pagePath) {
	const base = `http://127.0.0.1:${port}`;
	const pageUrl = base + pagePath;
	const res = await fetch(pageUrl, { headers: { 'accept-language': 'nl' } });
	if (!res.ok) return { status: res.status, files: [], gzipKb: NaN, rawKb: NaN };
	const html = await res.text();
	const queue = [];
	const seen = new Set();
	const add = (u, from = pageUrl) => {
		const abs = new URL(u, from);
		if (abs.origin === base && abs.pathname.startsWith('/_app/') && abs.pathname.endsWith('.js') && !seen.has(abs.pathname)) {
			seen.add(abs.pathname);
			queue.push(abs.pathname);
		}
	};
	for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) add(m[1]);
	for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)) {
		const href = /\bhref="([^"]+)"/.exec(m[0]);
		if (href) add(href[1]);
	}
	for (const m of html.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) add(m[1]);
	for (const m of (res.headers.get('link') ?? '').matchAll(/<([^>]+)>\s*;[^,]*rel="?modulepreload"?/g)) add(m[1]);
	const files = [];
	while (queue.length) {
		const url = queue.shift();
		const body = Buffer.from(await (await fetch(base + url)).arrayBuffer());
		files.push({ url, raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length });
		// Static imports (`import x from"./a.js"`, `import"./b.js"`, `export … from"./c.js"`) load with it.
		for (const m of body.toString('utf8').matchAll(/\b(?:import|from)\s*["']([^"']+\.js)["']/g)) add(m[1], base + url);
	}
	files.sort((a, b) => b.gzip - a.gzip);
	const sum = (k) => files.reduce((n, f) => n + f[k], 0) / 1024;
	return { files, gzipKb: sum('gzip'), rawKb: sum('raw') };
}
