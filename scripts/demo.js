#!/usr/bin/env node
// `npm run demo`: build if needed, migrate, seed the demo data unless already there, start the
// production server. Honours PORT and DATABASE_URL.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

function newestMtime(dir) {
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (entry.name === 'paraglide') continue;
		const p = path.join(dir, entry.name);
		const t = entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs;
		if (t > newest) newest = t;
	}
	return newest;
}

const handler = path.join('build', 'handler.js');
const sources = Math.max(newestMtime('src'), newestMtime('messages'), fs.statSync('package.json').mtimeMs);
if (!fs.existsSync(handler) || fs.statSync(handler).mtimeMs < sources) {
	console.log('Building Meespraak (once, about a minute)…');
	const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}

const port = process.env.PORT || '3000';
const env = { ...process.env, PORT: port, MEESPRAAK_DEMO: '1' };
if (!env.DATABASE_URL) {
	fs.mkdirSync('data', { recursive: true });
	env.DATABASE_URL = 'file:./data/meespraak.db';
}
// ORIGIN stays unset unless given: the server then answers on whatever host name it is reached by
// (localhost, or the laptop's address that phones in the room use).
const shownUrl = env.ORIGIN || `http://localhost:${port}`;

const DEMO_ACCOUNTS = JSON.parse(fs.readFileSync('src/lib/server/seed/data/demo-accounts.json', 'utf8')).accounts;
const child = spawn(process.execPath, ['server.js'], { stdio: ['inherit', 'pipe', 'inherit'], env });
child.stdout.on('data', (chunk) => {
	process.stdout.write(chunk);
	if (String(chunk).includes('listening')) {
		console.log(`\nMeespraak demo is running at ${shownUrl}`);
		console.log(`  database: ${env.DATABASE_URL}`);
		console.log(`  postcard campaign: ${shownUrl}/p/brugge-draait-om-mensen`);
		console.log(`  public wall:       ${shownUrl}/p/brugge-draait-om-mensen/wall`);
		console.log(`  staff login:       ${shownUrl}/login`);
		for (const a of DEMO_ACCOUNTS) console.log(`    ${a.role.padEnd(15)} ${a.email.padEnd(28)} ${a.password}`);
		console.log('Stop with Ctrl+C.\n');
	}
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
