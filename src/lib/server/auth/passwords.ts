/**
 * Which passwords staff may choose. Everywhere a password is set (invitation, reset link, the admin's
 * first password, one's own change, the bootstrap admin) asks passwordProblem() first.
 *
 * Refused: fewer than 10 or more than 200 characters; a common password or word (common-passwords.ts),
 * also with digits and signs around it and with the usual letter swaps ('P@ssw0rd2026!'); a run of one
 * to three characters repeated ('aaaaaaaaaa', '1212121212') or a keyboard or alphabet run ('1234567890',
 * 'azertyuiop'); and the person's own email, its name part or their name ('ada.peeters2026').
 */
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
	return s.replace(/^[^\p{L}]+/u, '').replace(/[^\p{L}]+$/u, '');
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

function isCommon(lower: string): boolean {
	const variants = new Set([lower, lower.replace(/[\s\-_.]/g, ''), deleet(lower)]);
	for (const v of [...variants]) {
		variants.add(core(v));
		variants.add(v.replace(/\d+$/, ''));
	}
	for (const v of variants) if (v.length > 0 && COMMON.has(v)) return true;
	// Two common words glued together ('welkombrugge', 'summer-summer').
	const squeezed = core(deleet(lower).replace(/[\s\-_.]/g, ''));
	for (let i = 3; i <= squeezed.length - 3; i++) {
		if (COMMON.has(squeezed.slice(0, i)) && COMMON.has(core(squeezed.slice(i)))) return true;
	}
	return isRun(lower);
}

/** Pieces of the person that must not make up their password: the email, its name part, their names. */
function personalWords(who: { email?: string; name?: string }): string[] {
	const words: string[] = [];
	const email = who.email?.trim().toLowerCase();
	if (email) {
		words.push(email);
		const local = email.split('@')[0];
		words.push(local, ...local.split(/[._\-+]+/));
	}
	if (who.name) {
		const name = who.name.trim().toLowerCase();
		words.push(name.replace(/\s+/g, ''), ...name.split(/[\s.\-']+/));
	}
	return words.filter((w) => w.length >= 4);
}

/** Why a password may not be used, or null when it may. `who` is the person it is for. */
export function passwordProblem(password: string, who: { email?: string; name?: string } = {}): PasswordProblem | null {
	if (password.length < PASSWORD_MIN) return 'too_short';
	if (password.length > PASSWORD_MAX) return 'too_long';
	const lower = password.toLowerCase();
	if (isCommon(lower)) return 'common';
	const plain = core(deleet(lower).replace(/[\s\-_.]/g, ''));
	for (const word of personalWords(who)) {
		const w = word.replace(/[\s\-_.]/g, '');
		if (lower.includes(word) || deleet(lower).includes(word) || (w.length >= 4 && plain.includes(w))) return 'personal';
	}
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
