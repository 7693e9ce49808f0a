/**
 * Codes people read aloud and type. The alphabet leaves out 0/O and 1/I (and L, which is read as 1),
 * so a code copied from paper or heard on the phone is hard to get wrong.
 *
 * - Tracking codes of postcards (every channel, and pre-printed paper codes) are 15 characters in
 *   three groups of five, `ABCDE-FGHJK-MNPQR`: 31^15, about 74 bits, so guessing one is impractical
 *   even without the throttle (tracking-limits.ts).
 * - Short codes `ABC-234` (31^6, about 30 bits) are the join codes of live tables (short-lived, said
 *   aloud in a room) and the tracking codes of postcards sent before the long ones: those keep working
 *   everywhere, throttled harder (see isShortCode).
 * - The withdrawal key (`ABCDE-FGHJK`, about 50 bits) is shown once beside a new card's code; only
 *   its hash is stored (withdrawKeyHash).
 */
import { createHash, randomInt } from 'node:crypto';

export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** Length of a short code (table join codes, tracking codes of cards sent before the long ones). */
export const CODE_LENGTH = 6;
/** Length of a tracking code of a new postcard, and its groups. */
export const TRACKING_CODE_LENGTH = 15;
export const KEY_LENGTH = 10;
const GROUP = 5;

function randomRaw(length: number): string {
	let raw = '';
	for (let i = 0; i < length; i++) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return raw;
}

function grouped(raw: string, size: number): string {
	const out: string[] = [];
	for (let i = 0; i < raw.length; i += size) out.push(raw.slice(i, i + size));
	return out.join('-');
}

/** Upper case, without spaces, dashes, dots or underscores; null when a character is not in the alphabet. */
function clean(input: unknown): string | null {
	if (typeof input !== 'string' || input.length > 100) return null;
	const raw = input.toUpperCase().replace(/[\s\-_.]/g, '');
	for (const ch of raw) if (!CODE_ALPHABET.includes(ch)) return null;
	return raw;
}

/** A new short code, shown as `ABC-234`: a live table's join code. */
export function newCode(): string {
	return formatCode(randomRaw(CODE_LENGTH));
}

/** A new postcard tracking code (also for printed paper cards), shown as `ABCDE-FGHJK-MNPQR`. */
export function newTrackingCode(): string {
	return grouped(randomRaw(TRACKING_CODE_LENGTH), GROUP);
}

/**
 * Accepts what people type (lower case, spaces, no or other dashes) and returns the stored form of a
 * short or a long code, or null.
 */
export function normalizeCode(input: string): string | null {
	const raw = clean(input);
	if (raw === null) return null;
	if (raw.length === CODE_LENGTH) return formatCode(raw);
	if (raw.length === TRACKING_CODE_LENGTH) return grouped(raw, GROUP);
	return null;
}

/** True for the short form (`ABC-234`): guessable in principle, so lookups of it are throttled harder. */
export function isShortCode(code: string): boolean {
	return code.length === CODE_LENGTH + 1;
}

export function formatCode(raw: string): string {
	return `${raw.slice(0, 3)}-${raw.slice(3)}`;
}

/** A new withdrawal key, shown as `ABCDE-FGHJK`. */
export function newWithdrawKey(): string {
	return grouped(randomRaw(KEY_LENGTH), GROUP);
}

/** The stored form of a typed key, or null when it cannot be one. */
export function normalizeKey(input: unknown): string | null {
	const raw = clean(input);
	return raw !== null && raw.length === KEY_LENGTH ? grouped(raw, GROUP) : null;
}

/**
 * What is stored of a key: its SHA-256 (the key is random with about 50 bits, so a fast hash is
 * enough; guessing is throttled).
 */
export function hashKey(key: string): string {
	return createHash('sha256').update(`meespraak:withdraw-key:v1:${key}`).digest('hex');
}
