// Shared by `npm run demo` and the benchmarks: install the dependencies and build the app when needed.
// Node built-ins only: this runs before `npm ci` on a fresh machine.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function run(cmd, args) {
	const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
	return r.status === 0;
}

/** `npm ci` when node_modules is missing or older than package-lock.json (npm's own marker file). */
export function ensureDependencies() {
	const lock = path.join(root, 'package-lock.json');
	const marker = path.join(root, 'node_modules', '.package-lock.json');
	if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
	console.log('Installing dependencies with npm ci (the first time takes a few minutes: better-sqlite3 compiles)…');
	const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: ['inherit', 'inherit', 'pipe'], encoding: 'utf8' });
	process.stderr.write(ci.stderr ?? '');
	let ok = ci.status === 0;
	if (!ok && /can only install packages when your package\.json and package-lock\.json/.test(ci.stderr ?? '')) {
		// npm 11's ci wants a lock entry for every platform's optional binary; a registry mirror that only
		// carries this platform's cannot provide them. npm install keeps the locked versions.
		console.log('npm ci refused the lock file (optional packages for other platforms); installing the locked versions with npm install');
		ok = run('npm', ['install', '--no-audit', '--no-fund']);
	}
	if (!ok) {
		console.error(
			'\nnpm ci failed. better-sqlite3 is compiled from source and needs python3, make and g++:\n' +
				'  apt-get install -y python3 make g++\nthen run this command again.\n'
		);
		process.exit(1);
	}
}

function newestMtime(p) {
	if (!fs.existsSync(p)) return 0;
	const stat = fs.statSync(p);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
		if (entry.name === 'paraglide') continue; // generated from messages/
		newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
	}
	return newest;
}

/** `npm run build` when there is no build, or when a source is newer than it. */
export function ensureBuild() {
	const handler = path.join(root, 'build', 'handler.js');
	const inputs = ['src', 'messages', 'static', 'project.inlang/settings.json', 'package.json', 'svelte.config.js', 'vite.config.ts'];
	const newest = Math.max(...inputs.map((p) => newestMtime(path.join(root, p))));
	if (fs.existsSync(handler) && fs.statSync(handler).mtimeMs >= newest) return;
	console.log('Building Meespraak (about a minute)…');
	if (!run('npm', ['run', 'build'])) process.exit(1);
}
