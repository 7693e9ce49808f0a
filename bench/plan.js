#!/usr/bin/env node
// `npm run bench:plan`: the plan views at city scale, measured on the server side.
//
// Makes a fresh SQLite database in a temporary folder, migrated with drizzle/ and holding the real plan
// (seedPlan: 7 themes, 7 attention points, 35 goals, 240 actions), then writes, with plain SQL inserts
// in one transaction: --signals signals (default 10,000) with --evidence evidence items (default
// 100,000: about 80 % postcards with neighbourhood, target group and theme tags, 12 % dialogue-table
// contributions, 5 % board notes, 3 % workshop challenges), spread unevenly (a few strong signals, many
// weak ones), over three years, tagged with themes, goals, actions and attention points; 5 % merged
// away; statuses from new to feedback published, decisions on the decided ones, council requests
// (some past their deadline) and advice, and a few organisations' registrations.
//
// Then it times, in this process (the TypeScript modules loaded through Vite's SSR module loader, the
// way the server runs them, without a build), --runs times each (default 30) after 3 warm-up runs:
//   matrix()                        target p95 < 300 ms  (also with a neighbourhood filter)
//   themeDrill('1')                 (no target; the drill-down page's data)
//   trackPostcard(<code>)           target p95 < 50 ms   (the tracking page /k/<code>; a different card each run)
//   yearReport, dashboard, openSignals (no target; for the record)
// and prints p50/p95/max per measurement beside its target, and the query plans with --plans.
// Results are saved as JSON in bench/results/plan-<date>.json. Exit code 1 when a target is missed.
//
// --http also times the pages over HTTP against the production server (`node server.js`) on the same
// database: GET /staff/plan/view, /staff/plan/view/1 (as the demo plan owner) and /k/<code>. It never
// builds: it uses build/ as it is, so run `npm run build` first when the sources changed (a build without
// the plan view answers 404, and the bench says so).
//
// Options: --signals N, --evidence N, --runs N, --seed N (2026), --plans, --http. BENCH_KEEP_DB=1 keeps
// the database (its path is printed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fmt, freePort, keepAliveAgent, login, percentiles, request, root, startServer, tempDatabase } from './lib.js';

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
const SIGNALS = Math.round(opt('signals', 10_000));
const EVIDENCE = Math.round(opt('evidence', 100_000));
const RUNS = Math.max(1, Math.round(opt('runs', 30)));
const SEED = Math.round(opt('seed', 2026));
const PLANS = flag('plans');
const HTTP = flag('http');
const TARGET = { matrix: 300, tracking: 50 };
const DAY = 86_400_000;

// ---------------------------------------------------------------- a seeded random source

function mulberry32(a) {
	return () => {
		a |= 0;
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const rnd = mulberry32(SEED);
const int = (n) => Math.floor(rnd() * n);
const pick = (list) => list[int(list.length)];
/** Picks by weight: the first items of `list` are chosen more often (weights 1, 1/2, 1/3, …). */
function skewed(list) {
	const w = list.map((_, i) => 1 / (i + 1));
	const sum = w.reduce((a, b) => a + b, 0);
	let r = rnd() * sum;
	for (let i = 0; i < list.length; i++) if ((r -= w[i]) < 0) return list[i];
	return list[list.length - 1];
}
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
function codeOf(i) {
	let raw = '';
	for (let n = i + 31 ** 5; raw.length < 6; n = Math.floor(n / 31)) raw = ALPHABET[n % 31] + raw;
	return `${raw.slice(0, 3)}-${raw.slice(3)}`;
}

// ---------------------------------------------------------------- the TypeScript modules, without a build

async function loadModules() {
	const { createServer } = await import('vite');
	const vite = await createServer({
		configFile: false,
		root,
		logLevel: 'error',
		appType: 'custom',
		server: { middlewareMode: true, hmr: false, ws: false, watch: null },
		resolve: { alias: { $lib: path.join(root, 'src/lib') } },
		optimizeDeps: { noDiscovery: true, include: [] }
	});
	const load = (p) => vite.ssrLoadModule(p);
	return {
		vite,
		db: await load('/src/lib/server/db/index.ts'),
		seed: await load('/src/lib/server/seed/index.ts'),
		view: await load('/src/lib/server/plan/view.ts'),
		status: await load('/src/lib/server/postcards/status.ts')
	};
}

// ---------------------------------------------------------------- the data

function generate(sqlite) {
	const now = Date.now();
	const start = now - 3 * 365 * DAY;
	const themes = sqlite.prepare('select id from themes order by position').all().map((r) => r.id);
	const aps = sqlite.prepare('select id from attention_points order by position').all().map((r) => r.id);
	const goals = sqlite.prepare('select id, theme_id as theme from goals').all();
	const actions = sqlite.prepare('select a.id, a.goal_id as goal, g.theme_id as theme from actions a join goals g on g.id = a.goal_id').all();
	const neighbourhoods = sqlite.prepare('select id from neighbourhoods order by position').all().map((r) => r.id);
	const groups = sqlite.prepare('select id from target_groups order by position').all().map((r) => r.id);
	const councils = sqlite.prepare('select id from councils order by position').all().map((r) => r.id);
	if (!themes.length || !councils.length) throw new Error('the plan is missing: seedPlan did not run');
	const goalsOf = new Map(themes.map((t) => [t, goals.filter((g) => g.theme === t)]));
	const actionsOf = new Map(themes.map((t) => [t, actions.filter((a) => a.theme === t)]));

	const q = (s) => sqlite.prepare(s);
	const ins = {
		user: q(`insert into users (email, name, roles, council_ids, created_at) values (?, ?, ?, '[]', ?)`),
		campaign: q(`insert into campaigns (slug, titles, questions, opens_at, closes_at, themes, neighbourhood_ids, fields, created_at)
			values (?, '{"nl":"Bench"}', '{"nl":"Wat houdt je wakker?"}', ?, ?, '[]', '[]', '{"themes":true,"neighbourhood":true,"targetGroups":true,"ageBand":true,"contact":true}', ?)`),
		postcard: q(`insert into postcards (campaign_id, code, text, channel, collection_place, locale, consent_publish, status, care_categories, created_at)
			values (?, ?, ?, ?, ?, 'nl', ?, ?, '[]', ?)`),
		tag: q(`insert or ignore into taggings (subject_type, subject_id, kind, ref_id, source, created_at) values (?, ?, ?, ?, ?, ?)`),
		table: q(`insert into dialogue_tables (code, title, theme_ids, locale, template, status, created_at) values (?, ?, '[1]', 'nl', 'dialogue_table', 'ended', ?)`),
		phase: q(`insert into table_phases (table_id, position, kind, title, options) values (?, 1, 'open', 'Ronde 1', '[]')`),
		contribution: q(`insert into table_contributions (table_id, phase_id, text, created_at) values (?, ?, ?, ?)`),
		board: q(`insert into boards (title, template, locale, created_at) values (?, 'empty', 'nl', ?)`),
		note: q(`insert into board_notes (board_id, note_key, text, written_at, recorded_at) values (?, ?, ?, ?, ?)`),
		region: q(`insert into regions (id, name, municipalities, created_at) values ('bench', 'Bench', '[]', ?)`),
		bundle: q(`insert into persona_bundles (region_id, title, persona_ids, rank, created_at) values ('bench', 'Bundel', '[]', 1, ?)`),
		workshop: q(`insert into workshops (region_id, table_id, timeline, vote_challenge_ids, created_at) values ('bench', ?, '[]', '[]', ?)`),
		challenge: q(`insert into challenges (workshop_id, bundle_id, position, region, target_group, questions, created_at, updated_at) values (?, ?, ?, 'Bench', 'Bewoners', '[]', ?, ?)`),
		signal: q(`insert into signals (title, summary, type, status, created_by, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)`),
		merged: q(`update signals set merged_into = ? where id = ?`),
		evidence: q(`insert into signal_evidence (signal_id, source_type, source_id, added_by, added_at) values (?, ?, ?, ?, ?)`),
		decision: q(`insert into signal_decisions (signal_id, outcome, goal_id, action_id, created_action, level, addressee, reason, decided_by, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		request: q(`insert into council_requests (signal_id, council_id, question, deadline, requested_by, requested_at) values (?, ?, ?, ?, ?, ?)`),
		advice: q(`insert into council_advice (request_id, verdict, text, votes, published_by, published_at) values (?, ?, ?, '{"favourable":3,"conditional":1,"unfavourable":0}', ?, ?)`),
		event: q(`insert into signal_events (signal_id, kind, from_status, to_status, reason, by_user_id, at) values (?, 'status', ?, ?, ?, ?, ?)`),
		registration: q(`insert into signal_registrations (signal_id, organisation, on_behalf_of, observation) values (?, 'CAW Brugge', 'jongeren op straat', '')`)
	};
	const STATUS = [
		['new', 20],
		['triage', 20],
		['with_council', 10],
		['advised', 10],
		['taken_up', 15],
		['not_taken_up', 10],
		['passed_on', 5],
		['feedback_published', 10]
	];
	const statusOf = () => {
		let r = int(100);
		for (const [s, w] of STATUS) if ((r -= w) < 0) return s;
		return 'new';
	};
	const TYPES = ['concern', 'need', 'barrier', 'gap', 'proposal', 'system_error', 'good_practice'];
	const counts = { postcards: 0, contributions: 0, notes: 0, challenges: 0, taggings: 0, decisions: 0, requests: 0, advice: 0, merged: 0, codesInSignals: [] };

	sqlite.transaction(() => {
		const owner = Number(ins.user.run('regisseur@bench.local', 'Bench Regisseur', '["plan_owner","moderator"]', now).lastInsertRowid);
		const campaign = Number(ins.campaign.run('bench', start, now + 365 * DAY, start).lastInsertRowid);
		// Sources other than postcards: 100 ended tables, 50 boards, 10 workshops.
		const tables = [];
		for (let i = 0; i < 100; i++) {
			const t = Number(ins.table.run(`B${codeOf(i).slice(1)}`, `Tafel ${i + 1}`, start).lastInsertRowid);
			tables.push({ t, p: Number(ins.phase.run(t).lastInsertRowid) });
		}
		const boards = [];
		for (let i = 0; i < 50; i++) boards.push(Number(ins.board.run(`Bord ${i + 1}`, start).lastInsertRowid));
		ins.region.run(start);
		const bundle = Number(ins.bundle.run(start).lastInsertRowid);
		const workshops = [];
		for (let i = 0; i < 10; i++) {
			const t = Number(ins.table.run(`W${codeOf(i).slice(1)}`, `Workshop ${i + 1}`, start).lastInsertRowid);
			workshops.push(Number(ins.workshop.run(t, start).lastInsertRowid));
		}

		// Evidence per signal: skewed weights, merged signals (5 %) get none (theirs moved to the signal they joined).
		const merged = new Set();
		for (let i = 0; i < SIGNALS; i++) if (i > 0 && rnd() < 0.05) merged.add(i);
		const weights = Array.from({ length: SIGNALS }, (_, i) => (merged.has(i) ? 0 : Math.min(60, 1 / Math.max(0.02, rnd()) ** 0.8)));
		const sum = weights.reduce((a, b) => a + b, 0) || 1;
		const per = weights.map((w) => Math.floor((w / sum) * EVIDENCE));
		let left = EVIDENCE - per.reduce((a, b) => a + b, 0);
		for (let i = 0; left > 0 && SIGNALS > merged.size; i = (i + 1) % SIGNALS)
			if (!merged.has(i)) {
				per[i]++;
				left--;
			}

		let code = 0;
		let notes = 0;
		const ids = [];
		for (let i = 0; i < SIGNALS; i++) {
			const created = start + int(now - start - DAY);
			const status = merged.has(i) ? 'triage' : statusOf();
			const theme = skewed(themes);
			const id = Number(ins.signal.run(`Signaal ${i + 1}: ${pick(['opvang', 'wonen', 'vervoer', 'eenzaamheid', 'werk', 'gezondheid'])} in de buurt`, 'Samenvatting', pick(TYPES), status, owner, created, created).lastInsertRowid);
			ids.push(id);
			const tag = (kind, ref) => {
				counts.taggings += ins.tag.run('signal', id, kind, String(ref), 'staff', created).changes;
			};
			// Tags: 3 % none; else the theme, a goal or an action of it; 0–2 attention points.
			if (rnd() >= 0.03) {
				const r = rnd();
				const goal = pick(goalsOf.get(theme));
				const action = pick(actionsOf.get(theme));
				if (r < 0.5 || !goal) tag('theme', theme);
				else if (r < 0.8) tag('goal', goal.id);
				else {
					tag('action', action.id);
					if (rnd() < 0.3) tag('theme', theme);
				}
				const nAp = rnd() < 0.2 ? 0 : rnd() < 0.7 ? 1 : 2;
				for (let k = 0; k < nAp; k++) tag('attention_point', skewed(aps));
				if (rnd() < 0.1) tag('neighbourhood', skewed(neighbourhoods));
				if (rnd() < 0.1) tag('target_group', skewed(groups));
			}
			// Evidence, made before the signal.
			for (let k = 0; k < per[i]; k++) {
				const at = Math.max(start, created - int(60 * DAY));
				const r = rnd();
				let type;
				let source;
				if (r < 0.8) {
					const c = codeOf(code++);
					const channel = pick(['online', 'online', 'paper', 'kiosk']);
					source = Number(ins.postcard.run(campaign, c, `Kaartje ${code}: wat mij bezighoudt in mijn buurt.`, channel, channel === 'online' ? null : 'Bibliotheek Biekorf', rnd() < 0.5 ? 1 : 0, pick(['published', 'published', 'private', 'received']), at).lastInsertRowid);
					type = 'postcard';
					counts.postcards++;
					if (counts.codesInSignals.length < 5000 && rnd() < 0.2) counts.codesInSignals.push(c);
					const ptag = (kind, ref) => (counts.taggings += ins.tag.run('postcard', source, kind, String(ref), 'resident', at).changes);
					ptag('theme', theme);
					if (rnd() < 0.9) ptag('neighbourhood', skewed(neighbourhoods));
					if (rnd() < 0.35) ptag('target_group', skewed(groups));
					if (rnd() < 0.1) ptag('target_group', skewed(groups));
				} else if (r < 0.92) {
					const t = pick(tables);
					source = Number(ins.contribution.run(t.t, t.p, 'Wat we aan tafel zeiden', at).lastInsertRowid);
					type = 'table_contribution';
					counts.contributions++;
				} else if (r < 0.97) {
					source = Number(ins.note.run(pick(boards), `n${notes++}`, 'Notitie', at, at).lastInsertRowid);
					type = 'board_note';
					counts.notes++;
				} else {
					source = Number(ins.challenge.run(pick(workshops), bundle, 1, at, at).lastInsertRowid);
					type = 'challenge';
					counts.challenges++;
				}
				ins.evidence.run(id, type, source, owner, created);
			}
			if (merged.has(i)) continue;
			if (rnd() < 0.02) ins.registration.run(id);
			// Councils: every signal with a council or advised, and 40 % of the decided ones.
			const decided = ['taken_up', 'not_taken_up', 'passed_on', 'feedback_published'].includes(status);
			if (status === 'with_council' || status === 'advised' || (decided && rnd() < 0.4)) {
				const asked = created + int(30 * DAY);
				const deadline = asked + 45 * DAY;
				const req = Number(ins.request.run(id, pick(councils), 'Wat is jullie advies?', deadline, owner, asked).lastInsertRowid);
				counts.requests++;
				if (status !== 'with_council') {
					ins.advice.run(req, pick(['favourable', 'favourable', 'conditional', 'unfavourable']), 'Ons advies', owner, Math.min(now - DAY, asked + int(40 * DAY)));
					counts.advice++;
				}
			}
			if (decided) {
				const outcome = status === 'feedback_published' ? pick(['taken_up', 'not_taken_up', 'passed_on']) : status;
				const at = Math.min(now - DAY, created + 30 * DAY + int(120 * DAY));
				const action = outcome === 'taken_up' && rnd() < 0.7 ? pick(actionsOf.get(theme)) : null;
				const goal = outcome === 'taken_up' ? (action ? action.goal : pick(goalsOf.get(theme)).id) : null;
				ins.decision.run(
					id,
					outcome,
					goal,
					action?.id ?? null,
					action && rnd() < 0.1 ? 1 : 0,
					outcome === 'passed_on' ? pick(['flemish', 'federal', 'european']) : null,
					outcome === 'passed_on' ? 'Agentschap Opgroeien' : null,
					outcome === 'taken_up' ? '' : 'Valt buiten wat de stad zelf kan doen',
					owner,
					at
				);
				counts.decisions++;
				ins.event.run(id, 'triage', outcome, '', owner, at);
				if (status === 'feedback_published') ins.event.run(id, outcome, 'feedback_published', 'Zo ging het verder', owner, at + DAY);
			}
		}
		for (const i of merged) {
			ins.merged.run(ids[Math.max(0, i - 1 - int(Math.min(i, 50)))] ?? ids[0], ids[i]);
			counts.merged++;
		}
	})();
	return counts;
}

// ---------------------------------------------------------------- measuring

async function time(name, runs, fn) {
	for (let i = 0; i < 3; i++) await fn(i);
	const ms = [];
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		await fn(i + 3);
		ms.push(performance.now() - t);
	}
	return { name, runs, ...percentiles(ms), mean: ms.reduce((a, b) => a + b, 0) / ms.length };
}

function line(r, target) {
	const verdict = target === undefined ? '' : r.p95 < target ? `  (target p95 < ${target} ms: OK)` : `  (target p95 < ${target} ms: MISSED)`;
	return `  ${r.name.padEnd(40)} p50 ${fmt(r.p50).padStart(7)} ms   p95 ${fmt(r.p95).padStart(7)} ms   max ${fmt(r.max).padStart(7)} ms${verdict}`;
}

async function overHttp(dbFile, codes) {
	const handler = path.join(root, 'build', 'handler.js');
	if (!fs.existsSync(handler)) throw new Error('--http needs a production build (build/handler.js): run `npm run build` first (this bench never builds)');
	const port = await freePort();
	const server = await startServer({ port, dbFile });
	try {
		const url = `http://127.0.0.1:${port}`;
		const cookie = await login(url, { email: 'regisseur@meespraak.demo', password: 'demo-regisseur-2026' });
		const agent = keepAliveAgent(1);
		const get = async (p) => {
			const a = await request(agent, port, { path: p, headers: { cookie, accept: 'text/html' } });
			if (a.status === 404) throw new Error(`${p} answered 404: build/ predates it; run \`npm run build\` and try again`);
			if (a.status !== 200) throw new Error(`${p} answered ${a.status}`);
			return a.ms;
		};
		const out = [];
		for (const [name, p, target] of [
			['GET /staff/plan/view', () => '/staff/plan/view', TARGET.matrix],
			['GET /staff/plan/view/1', () => '/staff/plan/view/1', undefined],
			['GET /k/<code>', (i) => `/k/${codes[i % codes.length]}`, TARGET.tracking]
		]) {
			const ms = [];
			for (let i = 0; i < 3; i++) await get(p(i));
			for (let i = 0; i < RUNS; i++) ms.push(await get(p(i + 3)));
			const r = { name, runs: RUNS, ...percentiles(ms) };
			console.log(line(r, target));
			out.push({ ...r, target });
		}
		agent.destroy();
		return out;
	} finally {
		await server.stop();
	}
}

const results = { date: new Date().toISOString(), node: process.version, cores: os.cpus().length, options: { signals: SIGNALS, evidence: EVIDENCE, runs: RUNS, seed: SEED }, targets: TARGET };
let exitCode = 0;
const { dir, file } = tempDatabase('plan');
process.chdir(root);
process.env.DATABASE_URL = `file:${file}`;
process.env.SQLITE_SYNCHRONOUS ??= 'NORMAL';
let mods;
try {
	console.log(`Database: ${file}`);
	mods = await loadModules();
	const handle = mods.db.openDatabase();
	await mods.seed.seedPlan();
	let t = performance.now();
	const counts = generate(handle.sqlite);
	const { codesInSignals, ...made } = counts;
	results.generated = { ...made, seconds: (performance.now() - t) / 1000 };
	console.log(
		`Generated ${SIGNALS.toLocaleString('en')} signals (${made.merged} merged), ${EVIDENCE.toLocaleString('en')} evidence items ` +
			`(${made.postcards} postcards, ${made.contributions} table contributions, ${made.notes} board notes, ${made.challenges} challenges), ` +
			`${made.taggings} tags, ${made.decisions} decisions, ${made.requests} council requests, ${made.advice} advice in ${fmt(results.generated.seconds)} s`
	);
	t = performance.now();
	handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');

	const { view, status } = mods;
	const neighbourhood = handle.sqlite.prepare('select id from neighbourhoods order by position limit 1').get().id;
	const year = new Date().getFullYear();
	if (PLANS) {
		const explain = (s) => handle.sqlite.prepare(`explain query plan ${s}`).all().map((r) => `    ${r.detail}`).join('\n');
		console.log('Query plans (the signal-theme pairs and the attention points):');
		console.log(explain(`select t.subject_id, cast(t.ref_id as integer) from taggings t where t.subject_type = 'signal' and t.kind = 'theme'`));
		console.log(explain(`select subject_id from taggings where subject_type = 'signal' and kind = 'attention_point'`));
		console.log(explain(`select signal_id, count(*) from signal_evidence group by signal_id`));
	}
	console.log(`Server-side time, ${RUNS} runs each after 3 warm-up runs:`);
	const measured = [];
	const run = async (name, fn, target) => {
		const r = await time(name, RUNS, fn);
		console.log(line(r, target));
		measured.push({ ...r, target });
		if (target !== undefined && !(r.p95 < target)) exitCode = 1;
	};
	let cells = 0;
	await run('matrix()', async () => {
		cells = (await view.matrix({})).total.signals;
	}, TARGET.matrix);
	await run(`matrix({ neighbourhood: '${neighbourhood}' })`, () => view.matrix({ neighbourhood }), TARGET.matrix);
	await run("matrix({ channel: 'table' })", () => view.matrix({ channel: 'table' }), TARGET.matrix);
	let drillTotal = 0;
	await run("themeDrill('1')", async () => {
		drillTotal = (await view.themeDrill('1', {})).total;
	});
	await run("themeDrill('1', { attentionPoint })", () => view.themeDrill('1', { attentionPoint: 'preventie' }));
	const codes = codesInSignals.length ? codesInSignals : ['AAA-AAA'];
	let found = 0;
	await run('trackPostcard(<code>)', async (i) => {
		if (await status.trackPostcard(codes[(i * 7919) % codes.length], 'nl')) found++;
	}, TARGET.tracking);
	await run(`yearReport(${year})`, () => view.yearReport(year, 'nl'));
	await run('dashboard()', () => view.dashboard({}, 'nl'));
	let open = 0;
	await run('openSignals()', async () => {
		open = (await view.openSignals()).length;
	});
	results.inProcess = measured;
	results.checks = { matrixSignals: cells, drillSignals: drillTotal, trackedFound: found, openSignals: open };
	console.log(`  (matrix: ${cells} live signals; theme 1: ${drillTotal} signals; ${found} tracked cards found; ${open} open signals)`);
	if (HTTP) {
		mods.db.closeDatabase();
		console.log(`Over HTTP (production server from build/ as it is, ${RUNS} runs each):`);
		results.http = await overHttp(file, codes);
	}
} catch (e) {
	console.error(e);
	results.error = String(e?.message ?? e);
	exitCode = 1;
} finally {
	try {
		mods?.db.closeDatabase();
		await mods?.vite.close();
	} catch {
		/* closing is best effort */
	}
	if (process.env.BENCH_KEEP_DB === '1') console.log(`Kept the database: ${file}`);
	else fs.rmSync(dir, { recursive: true, force: true });
}
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
const out = path.join(root, 'bench', 'results', `plan-${results.date.replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(out, JSON.stringify(results, null, 2));
console.log(`Saved ${path.relative(root, out)}`);
process.exit(exitCode);
