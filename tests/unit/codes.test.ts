import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, hashKey, isShortCode, newCode, newTrackingCode, newWithdrawKey, normalizeCode, normalizeKey } from '../../src/lib/server/postcards/codes';

const A = '[A-HJKMNP-Z2-9]';

describe('tracking codes', () => {
	it('never contain characters that are easy to confuse', () => {
		for (const ch of '0O1IL') expect(CODE_ALPHABET).not.toContain(ch);
		for (let i = 0; i < 500; i++) expect(newCode()).toMatch(new RegExp(`^${A}{3}-${A}{3}$`));
		for (let i = 0; i < 500; i++) expect(newTrackingCode()).toMatch(new RegExp(`^${A}{5}-${A}{5}-${A}{5}$`));
	});

	it('new postcard codes carry at least 60 bits and do not repeat', () => {
		expect(15 * Math.log2(CODE_ALPHABET.length)).toBeGreaterThanOrEqual(60);
		const seen = new Set(Array.from({ length: 5000 }, () => newTrackingCode()));
		expect(seen.size).toBe(5000);
	});

	it('accept what a person types: lower case, spaces, no dash, old and new form', () => {
		expect(normalizeCode(' abc 234 ')).toBe('ABC-234');
		expect(normalizeCode('abc-234')).toBe('ABC-234');
		expect(normalizeCode('DEM-ABA')).toBe('DEM-ABA');
		expect(normalizeCode('abcde fghjk mnpqr')).toBe('ABCDE-FGHJK-MNPQR');
		expect(normalizeCode('ABCDEFGHJKMNPQR')).toBe('ABCDE-FGHJK-MNPQR');
		expect(normalizeCode('abc-defg-hjk-mnpqr')).toBe('ABCDE-FGHJK-MNPQR');
		expect(normalizeCode('ABC23')).toBeNull();
		expect(normalizeCode('AB0-234')).toBeNull();
		expect(normalizeCode('ABCDE-FGHJK-MNPQ')).toBeNull();
		expect(normalizeCode('ABCDE-FGHJK-MNPQRS')).toBeNull();
		expect(normalizeCode('ABCDE-FGHJK-MNPQ0')).toBeNull();
		expect(normalizeCode('A'.repeat(10_000))).toBeNull();
	});

	it('tell the short (guessable) form from the long one', () => {
		expect(isShortCode('ABC-234')).toBe(true);
		expect(isShortCode('ABCDE-FGHJK-MNPQR')).toBe(false);
	});
});

describe('withdrawal keys', () => {
	it('are ten characters in two groups, read back however they are typed', () => {
		const key = newWithdrawKey();
		expect(key).toMatch(new RegExp(`^${A}{5}-${A}{5}$`));
		expect(normalizeKey(key.toLowerCase().replace('-', ' '))).toBe(key);
		expect(normalizeKey('ABC-234')).toBeNull();
		expect(normalizeKey(42)).toBeNull();
	});

	it('are stored as a hash that does not contain them', () => {
		const key = newWithdrawKey();
		expect(hashKey(key)).toMatch(/^[0-9a-f]{64}$/);
		expect(hashKey(key)).not.toContain(key);
		expect(hashKey(key)).toBe(hashKey(key));
		expect(hashKey(key)).not.toBe(hashKey(newWithdrawKey()));
	});
});
