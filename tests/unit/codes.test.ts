import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, newCode, normalizeCode } from '../../src/lib/server/postcards/codes';

describe('tracking codes', () => {
	it('never contain characters that are easy to confuse', () => {
		for (const ch of '0O1IL') expect(CODE_ALPHABET).not.toContain(ch);
		for (let i = 0; i < 500; i++) expect(newCode()).toMatch(/^[A-HJKMNP-Z2-9]{3}-[A-HJKMNP-Z2-9]{3}$/);
	});

	it('accept what a person types: lower case, spaces, no dash', () => {
		expect(normalizeCode(' abc 234 ')).toBe('ABC-234');
		expect(normalizeCode('abc-234')).toBe('ABC-234');
		expect(normalizeCode('ABC23')).toBeNull();
		expect(normalizeCode('AB0-234')).toBeNull();
	});
});
