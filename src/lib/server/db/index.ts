/**
 * The database connection. Everything SQLite-specific (the driver, pragmas, synchronous transactions)
 * stays in this folder; the capability modules call `getDb()` and `transaction()` and nothing else.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
export { schema };

export class DatabaseConfigError extends Error {}

/** Turns DATABASE_URL (`file:./data/x.db`, `sqlite:x.db`, a plain path or `:memory:`) into a file path. */
export function sqlitePath(url: string): string {
	if (url === ':memory:') return url;
	if (/^(postgres|postgresql):\/\//.test(url)) {
		throw new DatabaseConfigError(
			`DATABASE_URL points at PostgreSQL (${url.replace(/\/\/[^@]*@/, '//…@')}), but this build only ships the embedded SQLite dialect. Use a file path such as file:./data/meespraak.db.`
		);
	}
	return url.replace(/^(file|sqlite):(\/\/)?/, '');
}

/** Fails early, with a sentence a person can act on, when the database file cannot be used. */
export function checkDatabasePath(file: string): void {
	if (file === ':memory:') return;
	const dir = path.dirname(path.resolve(file));
	if (!fs.existsSync(dir)) {
		throw new DatabaseConfigError(
			`The folder for the database does not exist: ${dir}. Create it, or set DATABASE_URL to a writable file path.`
		);
	}
	try {
		fs.accessSync(dir, fs.constants.W_OK);
		if (fs.existsSync(file)) fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
	} catch {
		throw new DatabaseConfigError(
			`The database at ${path.resolve(file)} is not writable by this process. Fix its permissions or set DATABASE_URL to a writable file path.`
		);
	}
}

type Handle = { sqlite: Database.Database; db: Db; file: string };
const GLOBAL_KEY = Symbol.for('meespraak.db');
const store = globalThis as unknown as { [GLOBAL_KEY]?: Handle };

/** DATABASE_URL, or the default file: `data/demo.db` for the demo (MEESPRAAK_DEMO=1), `data/meespraak.db` otherwise. */
export function defaultDatabaseUrl(env: Record<string, string | undefined> = process.env): string {
	return env.DATABASE_URL || (env.MEESPRAAK_DEMO === '1' ? 'file:./data/demo.db' : 'file:./data/meespraak.db');
}

/**
 * The database holds staff accounts and residents' contact details: its file is made readable by its
 * owner only (0600) before SQLite opens it, so the -wal and -shm files SQLite makes beside it get the
 * same mode; files from before this that others could read are tightened (when this process owns them).
 */
export function restrictDatabaseFiles(file: string): void {
	if (file === ':memory:') return;
	if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
	for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
		try {
			const st = fs.statSync(f);
			if ((st.mode & 0o077) !== 0 && st.uid === process.getuid?.()) fs.chmodSync(f, 0o600);
		} catch {
			/* not there (yet) */
		}
	}
}

export function migrationsFolder(): string {
	return process.env.MIGRATIONS_DIR || path.resolve('drizzle');
}

/** Opens (once per process) the database named by DATABASE_URL and applies pending migrations. */
export function openDatabase(url = defaultDatabaseUrl()): Handle {
	const existing = store[GLOBAL_KEY];
	if (existing) return existing;
	const file = sqlitePath(url);
	checkDatabasePath(file);
	restrictDatabaseFiles(file);
	const sqlite = new Database(file);
	sqlite.pragma('journal_mode = WAL');
	// FULL: every acknowledged write is in the WAL on disk before the answer goes out.
	sqlite.pragma(`synchronous = ${process.env.SQLITE_SYNCHRONOUS || 'FULL'}`);
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	const db = drizzle(sqlite, { schema });
	migrate(db, { migrationsFolder: migrationsFolder() });
	const handle = { sqlite, db, file };
	store[GLOBAL_KEY] = handle;
	return handle;
}

export function getDb(): Db {
	return openDatabase().db;
}

const preparedCache = new WeakMap<Db, Map<string, unknown>>();

/**
 * A query built once per database connection and reused: for the hot paths (a postcard arriving),
 * where building and preparing the SQL each time costs more than running it. `build` must use
 * `sql.placeholder()` for its parameters and end in `.prepare()` (drizzle's API on every dialect).
 */
export function prepared<T>(key: string, build: (db: Db) => T): T {
	const db = getDb();
	let cache = preparedCache.get(db);
	if (!cache) preparedCache.set(db, (cache = new Map()));
	let stmt = cache.get(key) as T | undefined;
	if (!stmt) cache.set(key, (stmt = build(db)));
	return stmt;
}

const runners = new WeakMap<Database.Database, (fn: () => unknown) => unknown>();

/**
 * Runs `fn` in one transaction. `fn` must be synchronous (better-sqlite3); use `.run()`, `.all()`, `.get()` inside.
 * better-sqlite3's own transaction function (BEGIN and COMMIT prepared once) with the connection's drizzle
 * handle inside: drizzle's wrapper prepared BEGIN and COMMIT again for every transaction, a third of the
 * cost of a phone's contribution. A throw inside rolls everything back.
 */
export async function transaction<T>(fn: (tx: Db) => T): Promise<T> {
	const { sqlite, db } = openDatabase();
	let runner = runners.get(sqlite);
	if (!runner) runners.set(sqlite, (runner = sqlite.transaction((f: () => unknown) => f())));
	return runner(() => fn(db)) as T;
}

/** A cheap round trip for /healthz. */
export async function ping(): Promise<boolean> {
	const { sqlite } = openDatabase();
	return sqlite.prepare('select 1 as ok').get() !== undefined;
}

/** For tests: a fresh in-memory database, migrated, replacing the process-wide one. */
export function useTestDatabase(): Db {
	const current = store[GLOBAL_KEY];
	if (current) current.sqlite.close();
	delete store[GLOBAL_KEY];
	return openDatabase(':memory:').db;
}

export function closeDatabase(): void {
	const current = store[GLOBAL_KEY];
	if (current) current.sqlite.close();
	delete store[GLOBAL_KEY];
}
