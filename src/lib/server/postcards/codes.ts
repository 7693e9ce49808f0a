/**
 * Tracking codes: short, easy to read aloud and type. The alphabet leaves out 0/O and 1/I (and L,
 * which is read as 1), so a code copied from paper or heard on the phone is hard to get wrong.
 */
import { randomInt } from 'node:crypto';

export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;

/** A new random code, shown as `ABC-234`. */
export function newCode(): string {
	let raw = '';
	for (let i = 0; i < CODE_LENGTH; i++) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return formatCode(raw);
}

/** Accepts what people type (lower case, spaces, no dash) and returns the stored form, or null. */
export function normalizeCode(input: string): string | null {
	const raw = input.toUpperCase().replace(/[\s\-_.]/g, '');
	if (raw.length !== CODE_LENGTH) return null;
	for (const ch of raw) if (!CODE_ALPHABET.includes(ch)) return null;
	return formatCode(raw);
}

export function formatCode(raw: string): string {
	return `${raw.slice(0, 3)}-${raw.slice(3)}`;
}
