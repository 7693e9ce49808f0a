/**
 * Which passwords staff may choose. Everywhere a password is set (invitation, reset link, the admin's
 * first password, one's own change, the bootstrap admin) asks passwordProblem() first.
 *
 * Refused: fewer than 10 or more than 200 characters; a common password or word (common-passwords.ts),
 * also with digits and signs around it and with the usual letter swaps ('P@ssw0rd2026!'); a run of one
 * to three characters repeated ('aaaaaaaaaa', '1212121212') or a keyboard or alphabet run ('1234567890',
 * 'azertyuiop'); and the person's own email, its name part or their name, treated like a common word
 * ('ada.peeters2026', 'peeters-ada!'). A sentence that mentions the name among other words is fine.
 */
import { trimEndWhere } from '$lib/text';
import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'personal';

const COMMON = new Set(COMMON_PASSWORDS.split('\n').map((w) => w.trim()).filter(Boolean));
const RUNS = ['0123456789012345678901234567890', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm', 'azertyuiopqsdfghjklmwxcvbn', 'qwertzuiopasdfghjklyxcvbnm', '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p'];
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', $: 's', '!': 'i', '|': 'l', '€': 'e' };

function deleet(s: string): string {
	return [...s].map((c) => LEET[c] ?? c).join('');
}

/** The letters in the middle: digits, signs and spaces cut off both ends ('!!Summer2026' → 'summer'). */
function core(s: string): string {
	return trimEndWhere(s.replace(/^[^\p{L}]+/u, ''), /^[^\p{L}]$/u);
}

function isRun(s: string): boolean {
	const squeezed = s.replace(/[\s\-_.]/g, '');
	if (new Set(squeezed).size <= 3) return true;
	for (const run of RUNS) {
		const twice = run + run;
		if (twice.includes(squeezed) || [...twice].reverse().join('').includes(squeezed)) return true;
	}
	return false;
}

/** Whether the password is a word `has` knows, alone, with digits and signs around it, with letter swaps, or two glued. */
function isWord(lower: string, has: (word: string) => boolean): boolean {
	const variants = new Set([lower, lower.replace(/[\s\-_.]/g, ''), deleet(lower)]);
	for (const v of [...variants]) {
		variants.add(core(v));
		variants.add(trimEndWhere(v, /^\d$/));
	}
	for (const v of variants) if (v.length > 0 && has(v)) return true;
	// Two words glued together ('welkombrugge', 'summer-summer', 'peeters.ada').
	const plain = lower.replace(/[\s\-_.]/g, '');
	for (const squeezed of new Set([core(plain), core(deleet(plain))])) {
		for (let i = 3; i <= squeezed.length - 3; i++) {
			if (has(squeezed.slice(0, i)) && has(core(squeezed.slice(i)))) return true;
		}
	}
	return false;
}

/** The person's own words: the email, its name part and pieces, their name and its parts. */
function personalWords(who: { email?: string; name?: string }): Set<string> {
	const words: string[] = [];
	const email = who.email?.trim().toLowerCase();
	if (email) {
		const local = email.split('@')[0];
		words.push(email, local, local.replace(/[._\-+]+/g, ''), ...local.split(/[._\-+]+/));
	}
	const name = who.name?.trim().toLowerCase();
	if (name) {
		const parts = name.split(/[\s.\-']+/);
		words.push(parts.join(''), [...parts].reverse().join(''), ...parts);
	}
	return new Set(words.filter((w) => w.length >= 3));
}

/** Why a password may not be used, or null when it may. `who` is the person it is for. */
export function passwordProblem(password: string, who: { email?: string; name?: string } = {}): PasswordProblem | null {
	if (password.length < PASSWORD_MIN) return 'too_short';
	if (password.length > PASSWORD_MAX) return 'too_long';
	const lower = password.toLowerCase();
	const personal = personalWords(who);
	if (personal.size && isWord(lower, (w) => personal.has(w))) return 'personal';
	if (isRun(lower) || isWord(lower, (w) => COMMON.has(w))) return 'common';
	return null;
}

/** The sentence for a start-up setting (no language: it goes to the operator's console). */
export function passwordProblemSentence(problem: PasswordProblem): string {
	switch (problem) {
		case 'too_short':
			return `shorter than ${PASSWORD_MIN} characters`;
		case 'too_long':
			return `longer than ${PASSWORD_MAX} characters`;
		case 'common':
			return 'one of the most common passwords (or one with digits or signs added)';
		case 'personal':
			return 'made of the account’s own email address or name';
	}
}
