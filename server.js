// Production entry: one HTTP server for SvelteKit (adapter-node's handler) and socket.io.
// Usage: npm run build && node server.js   (PORT, HOST, ORIGIN, DATABASE_URL from the environment)
import http from 'node:http';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { attachSocketServer, isSocketRequest } from './src/lib/server/realtime/attach.js';
import { routeOneClick } from './src/lib/server/feedback/one-click-route.js';

const here = path.dirname(fileURLToPath(import.meta.url));
process.env.MIGRATIONS_DIR ||= path.join(here, 'drizzle');

function fail(message) {
	console.error(`\nMeespraak cannot start: ${message}\n`);
	process.exit(1);
}

if (!fs.existsSync(path.join(here, 'build', 'handler.js'))) {
	fail('there is no production build. Run `npm run build` first.');
}

// Check the database before anything else, so a wrong path is a clear message now, not a crash later.
// The demo and a real installation never share a default file: data/demo.db and data/meespraak.db.
const demo = process.env.MEESPRAAK_DEMO === '1';
const url = process.env.DATABASE_URL || (demo ? 'file:./data/demo.db' : 'file:./data/meespraak.db');
// The data folder holds the database and the secret: its owner only.
if (!process.env.DATABASE_URL && !fs.existsSync('data')) fs.mkdirSync('data', { recursive: true, mode: 0o700 });
if (/^postgres(ql)?:\/\//.test(url)) {
	fail('DATABASE_URL points at PostgreSQL, but this build ships only the embedded SQLite dialect.');
}
const file = url.replace(/^(file|sqlite):(\/\/)?/, '');
if (file !== ':memory:') {
	const dir = path.dirname(path.resolve(file));
	if (!fs.existsSync(dir)) fail(`the folder for the database does not exist: ${dir} (DATABASE_URL=${url}).`);
	try {
		fs.accessSync(dir, fs.constants.W_OK);
		if (fs.existsSync(file)) fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
	} catch {
		fail(`the database ${path.resolve(file)} is not writable by this process (DATABASE_URL=${url}).`);
	}
}

// A production start on a database the demo seeded: its accounts' passwords are in the README. They are
// refused at login (src/lib/server/auth/demo.ts); say so loudly, once, at start-up.
if (!demo && file !== ':memory:' && fs.existsSync(file)) {
	try {
		const { default: Database } = await import('better-sqlite3');
		const db = new Database(file, { readonly: true, fileMustExist: true });
		const accounts = db.prepare("select email from users where email like '%@meespraak.demo'").all();
		db.close();
		if (accounts.length) {
			const line = '!'.repeat(78);
			console.error(
				`\n${line}\n  WARNING: ${path.resolve(file)} holds the DEMO data (${accounts.length} demo accounts, whose\n` +
					`  passwords are public). This is a production start (MEESPRAAK_DEMO is not 1), so the demo\n` +
					`  accounts cannot log in. Do not use a demo database for a real installation: start on a new\n` +
					`  file (DATABASE_URL) and create the first admin with MEESPRAAK_ADMIN_EMAIL/_PASSWORD.\n${line}\n`
			);
		}
	} catch {
		/* a new or older database without the users table: nothing seeded by the demo */
	}
}

// Without ORIGIN, adapter-node takes the scheme from PROTOCOL_HEADER and otherwise assumes https, so
// form posts to this plain-HTTP server (the demo on a laptop, phones reaching it by its address)
// would fail SvelteKit's CSRF check. This server knows the scheme: it is the one it speaks.
const deriveProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (deriveProtocol) process.env.PROTOCOL_HEADER = 'x-meespraak-proto';

const server = http.createServer();
attachSocketServer(server);
// Importing the handler initialises SvelteKit: its init hook opens the database, runs migrations and
// registers the socket.io handlers.
const { handler } = await import('./build/handler.js');
server.on('request', (req, res) => {
	// socket.io wrapped the listeners that existed when it attached; this one came later, so it must
	// step aside for the engine's own paths itself.
	if (isSocketRequest(req)) return;
	if (deriveProtocol) req.headers['x-meespraak-proto'] = 'http';
	// A mail program's one-click stop (RFC 8058) comes without our Origin: see one-click-route.js.
	routeOneClick(req);
	handler(req, res);
});

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';
server.on('error', (error) => fail(error.code === 'EADDRINUSE' ? `port ${port} is in use by another program (set PORT).` : String(error)));
server.listen(port, host, () => {
	console.log(`Meespraak listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);
});

// Last line of defence: a bug in one request's handling (or a library's) is logged, and the server goes on
// serving everyone else. Writes that were acknowledged are already committed, so nothing is lost by staying up.
process.on('uncaughtException', (error) => {
	console.error('[meespraak] uncaught exception, still serving:', error);
});
process.on('unhandledRejection', (reason) => {
	console.error('[meespraak] unhandled rejection, still serving:', reason);
});

function shutdown() {
	server.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
