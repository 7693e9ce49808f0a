/**
 * Presence on a board (y-protocols awareness): the server never relays a client's state as it came.
 * Each state is rebuilt from the fields the board client uses, each of a bounded size (a name of at
 * most NAME_CHARS characters, a colour, a cursor and a viewport of finite numbers, a selection of at
 * most SELECTION_MAX note ids), and `facilitator` is what the server says the connection is (its level
 * on the board), whatever the client claimed. A message that does not decode, or carries more states
 * than one connection has, is dropped.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const NAME_CHARS = 40;
export const SELECTION_MAX = 200;
/** States in one presence message (a client sends its own; a few after a reconnect). */
const STATES_MAX = 4;
const COORD = 10_000_000;

export type PresenceEntry = { clientId: number; clock: number; state: Record<string, unknown> | null };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= COORD;

function cleanState(raw: unknown, facilitator: boolean): Record<string, unknown> | null {
	if (raw === null) return null;
	if (!isRecord(raw)) return null;
	const user = isRecord(raw.user) ? raw.user : {};
	const name = typeof user.name === 'string' ? [...user.name].slice(0, NAME_CHARS).join('') : '';
	const color = typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : undefined;
	const cursor = isRecord(raw.cursor) && num(raw.cursor.x) && num(raw.cursor.y) ? { x: raw.cursor.x, y: raw.cursor.y } : null;
	const v = raw.viewport;
	const viewport = isRecord(v) && num(v.x) && num(v.y) && num(v.w) && num(v.h) ? { x: v.x, y: v.y, w: v.w, h: v.h } : null;
	const selection = Array.isArray(raw.selection)
		? raw.selection.filter((x): x is string => typeof x === 'string' && /^[\w-]{1,64}$/.test(x)).slice(0, SELECTION_MAX)
		: [];
	return { user: color ? { name, color } : { name }, cursor, viewport, facilitator, selection };
}

/** Reads a y-protocols awareness update (null when it does not decode). */
export function readPresence(update: Uint8Array): PresenceEntry[] | null {
	try {
		const decoder = decoding.createDecoder(update);
		const n = decoding.readVarUint(decoder);
		if (n > STATES_MAX) return null;
		const out: PresenceEntry[] = [];
		for (let i = 0; i < n; i++) {
			const clientId = decoding.readVarUint(decoder);
			const clock = decoding.readVarUint(decoder);
			const state = JSON.parse(decoding.readVarString(decoder)) as unknown;
			out.push({ clientId, clock, state: state as Record<string, unknown> | null });
		}
		return out;
	} catch {
		return null;
	}
}

/** The same states, rebuilt: known fields only, bounded, and `facilitator` as the server says. */
export function cleanPresence(entries: PresenceEntry[], facilitator: boolean): Uint8Array {
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, entries.length);
	for (const e of entries) {
		encoding.writeVarUint(enc, e.clientId);
		encoding.writeVarUint(enc, e.clock);
		encoding.writeVarString(enc, JSON.stringify(cleanState(e.state, facilitator)));
	}
	return encoding.toUint8Array(enc);
}
