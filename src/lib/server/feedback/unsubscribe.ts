/**
 * The one-click stop link in every message: `/stop/<token>`, where the token names the contact
 * (`p.<postcardId>` or `t.<participantId>`) and carries an HMAC-SHA256 of it under the installation's
 * secret. A link someone made up or changed does not verify and changes nothing. The token names the
 * contact, not the address, so a link still verifies after the address is gone ('already deleted').
 *
 * The secret: MEESPRAAK_SECRET from the environment; otherwise the file `secret.key` beside the
 * database file (the data folder, `data/` by default, as DATABASE_URL says), made with 32 random bytes
 * at first start. Several
 * processes starting at once agree on one file (exclusive create, then read). An in-memory database
 * (tests) gets a secret for the process only.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db';

export type ContactKind = 'postcard' | 'table';
export type ContactRef = { kind: ContactKind; id: number };

const PREFIX: Record<ContactKind, string> = { postcard: 'p', table: 't' };
const KIND_OF: Record<string, ContactKind> = { p: 'postcard', t: 'table' };
const TOKEN_RE = /^([pt])\.([1-9][0-9]{0,14})\.([A-Za-z0-9_-]{43})$/;
export const SECRET_FILE = 'secret.key';
const MIN_SECRET = 16;

let cached: { key: string; secret: Buffer } | null = null;

/** Where the secret file lives: beside the open database's file, or null for an in-memory database. */
export function secretPath(): string | null {
	const file = openDatabase().file;
	if (file === ':memory:') return null;
	return path.join(path.dirname(path.resolve(file)), SECRET_FILE);
}

function readOrCreate(file: string): Buffer {
	try {
		const fresh = randomBytes(32).toString('hex');
		fs.writeFileSync(file, fresh + '\n', { flag: 'wx', mode: 0o600 });
		return Buffer.from(fresh, 'utf8');
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`Cannot create the secret file ${file}: ${(e as Error).message}. Set MEESPRAAK_SECRET or make the data folder writable.`);
	}
	const text = fs.readFileSync(file, 'utf8').trim();
	if (text.length < MIN_SECRET) throw new Error(`The secret file ${file} holds fewer than ${MIN_SECRET} characters. Delete it (old stop links stop working) or set MEESPRAAK_SECRET.`);
	return Buffer.from(text, 'utf8');
}

/** The installation's secret (read or made once per process and setting). */
export function secret(env: Record<string, string | undefined> = process.env): Buffer {
	const fromEnv = env.MEESPRAAK_SECRET?.trim();
	const file = fromEnv ? null : secretPath();
	const key = fromEnv ? `env:${fromEnv}` : `file:${file ?? ':memory:'}`;
	if (cached?.key === key) return cached.secret;
	let value: Buffer;
	if (fromEnv) {
		if (fromEnv.length < MIN_SECRET) throw new Error(`MEESPRAAK_SECRET must be at least ${MIN_SECRET} characters long.`);
		value = Buffer.from(fromEnv, 'utf8');
	} else if (file) value = readOrCreate(file);
	else value = randomBytes(32);
	cached = { key, secret: value };
	return value;
}

/** For tests: forget the secret read so far. */
export function forgetSecret(): void {
	cached = null;
}

function mac(ref: ContactRef): string {
	return createHmac('sha256', secret()).update(`meespraak:unsubscribe:v1:${ref.kind}:${ref.id}`).digest('base64url');
}

/** The token of a contact's stop link. */
export function signContact(ref: ContactRef): string {
	return `${PREFIX[ref.kind]}.${ref.id}.${mac(ref)}`;
}

/** The contact a token names, or null when it was not made here (forged, changed, cut off). */
export function verifyContact(token: unknown): ContactRef | null {
	if (typeof token !== 'string' || token.length > 80) return null;
	const m = TOKEN_RE.exec(token);
	if (!m) return null;
	const ref: ContactRef = { kind: KIND_OF[m[1]], id: Number(m[2]) };
	if (!Number.isSafeInteger(ref.id)) return null;
	const want = Buffer.from(mac(ref), 'utf8');
	const got = Buffer.from(m[3], 'utf8');
	return want.length === got.length && timingSafeEqual(want, got) ? ref : null;
}

/** The full stop link for a contact. */
export function stopUrl(origin: string, ref: ContactRef): string {
	return `${origin.replace(/\/+$/, '')}/stop/${signContact(ref)}`;
}
