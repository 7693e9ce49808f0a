/**
 * The domain modules' way to say no: a function checks, does its work in one transaction, and answers
 * `{ ok: true, … }` or `{ ok: false, error }` with a stable error code. Throwing a Refusal inside the
 * transaction rolls it back and becomes that answer; any other error is a bug and is thrown on.
 */
import { transaction, type Db } from './db';

export type Refused<E extends string> = { ok: false; error: E };
export type Answer<E extends string, T extends object = object> = ({ ok: true } & T) | Refused<E>;

export class Refusal<E extends string = string> extends Error {
	constructor(readonly code: E) {
		super(code);
	}
}

export const refuse = <E extends string>(error: E): Refused<E> => ({ ok: false, error });

/** Runs `fn` in one transaction; a Refusal thrown inside rolls it back and is answered with its code. */
export async function attempt<E extends string, T extends object>(fn: (tx: Db) => T): Promise<Answer<E, T>> {
	try {
		return { ok: true, ...(await transaction(fn)) };
	} catch (e) {
		if (e instanceof Refusal) return refuse(e.code as E);
		throw e;
	}
}

/** The check every address a resident leaves passes (postcards, tables): something@domain.tld, no spaces, at most 320 characters. */
export function isEmail(value: string): boolean {
	return value.length <= 320 && /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/.test(value);
}
