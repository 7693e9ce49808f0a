/**
 * What a board document may hold (the layout is described in $lib/boards/doc.js), as a shape for the
 * shared update check (../ydoc/shape.ts), and the board's own rules on top of it: how many notes and
 * clusters, whose dots, how many dots, who changes the board's settings.
 *
 * Every field has a type and a size: note text (BOARD_MAX_NOTE_TEXT characters), author names and
 * cluster titles (NAME_MAX, TITLE_MAX), colours from the palettes, tags (TAGS_MAX of TAG_MAX characters),
 * positions and sizes as finite numbers. Anything else (another top-level key, a Y.Text where a string
 * belongs, a list in a map) is refused as `bad_content`.
 */
import * as Y from 'yjs';
import { COLORS, FRAME_COLORS, TEMPLATE_IDS, dotBudget, dotTally, dotsOf, framesOf, notesOf } from '$lib/boards/doc.js';
import { isNumber, isString, type DocShape, type Field, type Removal, type Write } from '../ydoc/shape';
import type { BoardLimits } from './limits';

export const NAME_MAX = 80;
export const TITLE_MAX = 120;
export const TAG_MAX = 80;
export const TAGS_MAX = 50;
/** The most dots a board may give each person (the facilitator's setting). */
export const DOTS_MAX = 99;
const COORD = 10_000_000;
const SIZE = 1_000_000;

const ID_RE = /^[\w-]{1,64}$/;
/** `<noteId> <voter>`; voters the server names are [a-z0-9]. */
const DOT_RE = /^[\w-]{1,64} [a-z0-9]{1,40}$/;

const value = (ok: (v: unknown) => boolean, error = 'bad_content'): Field => ({ kind: 'value', check: (v) => (ok(v) ? null : error) });
const oneOf = (list: readonly string[]) => (v: unknown) => typeof v === 'string' && list.includes(v);
const tags = (v: unknown) => Array.isArray(v) && v.length <= TAGS_MAX && v.every(isString(TAG_MAX));
const position = (v: unknown) => Array.isArray(v) && v.length === 2 && v.every(isNumber(COORD));
const orNull = (ok: (v: unknown) => boolean) => (v: unknown) => v === null || ok(v);
const fields = (table: Record<string, Field>): Field & { kind: 'map' } => ({ kind: 'map', key: (k) => Object.hasOwn(table, k), field: (k) => table[k] });

/** The shape of a board document under these limits. */
export function boardShape(limits: Pick<BoardLimits, 'maxNoteText'>): DocShape {
	const text = isString(limits.maxNoteText);
	const note = fields({
		text: { kind: 'value', check: (v) => (typeof v !== 'string' ? 'bad_content' : text(v) ? null : 'note_too_long') },
		color: value(oneOf(COLORS)),
		author: value(orNull(isString(NAME_MAX)), 'field_too_long'),
		p: value(position),
		w: value(isNumber(SIZE)),
		h: value(isNumber(SIZE)),
		frame: value(orNull((v) => typeof v === 'string' && ID_RE.test(v))),
		tags: value(tags, 'field_too_long'),
		at: value(isNumber(Number.MAX_SAFE_INTEGER))
	});
	const frame = fields({
		title: value(isString(TITLE_MAX), 'field_too_long'),
		x: value(isNumber(COORD)),
		y: value(isNumber(COORD)),
		w: value(isNumber(SIZE)),
		h: value(isNumber(SIZE)),
		color: value(oneOf([...FRAME_COLORS, ...COLORS])),
		tags: value(tags, 'field_too_long')
	});
	const byId = (inner: Field): Field & { kind: 'map' } => ({ kind: 'map', key: (k) => ID_RE.test(k), field: () => inner });
	return {
		roots: {
			notes: byId(note),
			frames: byId(frame),
			dots: { kind: 'map', key: (k) => DOT_RE.test(k), field: () => value((v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= DOTS_MAX) },
			meta: fields({
				template: value(oneOf(TEMPLATE_IDS)),
				dots: value((v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= DOTS_MAX)
			})
		}
	};
}

/** Who sends an update: their level on the board and the voter the server gave them (null: may not vote). */
export type Actor = { level: 'view' | 'edit' | 'facilitate'; voter: string | null };

export type RuleError = 'board_full' | 'not_your_dots' | 'no_dots_left' | 'facilitator_only';

/**
 * The board's rules for an update that fits the shape: the note and cluster limits, dots only in the
 * sender's own name and within the board's budget (another person's dots go only with their note), and
 * the board's settings (`meta`) only by a facilitator. `count` holds the notes and clusters now.
 */
export function checkRules(doc: Y.Doc, count: { notes: number; frames: number }, writes: Write[], removals: Removal[], actor: Actor, limits: Pick<BoardLimits, 'maxNotes' | 'maxFrames'>): RuleError | null {
	const added = { notes: new Set<string>(), frames: new Set<string>() };
	const removed = { notes: new Set<string>(), frames: new Set<string>() };
	const dotWrites = new Map<string, number>();
	const dotRemovals: string[] = [];
	for (const w of writes) {
		const [root, key] = w.path;
		if (root === 'meta' && actor.level !== 'facilitate') return 'facilitator_only';
		if ((root === 'notes' || root === 'frames') && w.path.length === 2 && w.type) added[root].add(key);
		if (root === 'dots') dotWrites.set(key, Math.max(dotWrites.get(key) ?? 0, w.value as number));
	}
	for (const r of removals) {
		const [root, key] = r.path;
		if (root === 'meta' && actor.level !== 'facilitate') return 'facilitator_only';
		if ((root === 'notes' || root === 'frames') && r.path.length === 2) removed[root].add(key);
		if (root === 'dots') dotRemovals.push(key);
	}
	const growth = (root: 'notes' | 'frames') => {
		const map = root === 'notes' ? notesOf(doc) : framesOf(doc);
		let n = 0;
		for (const id of added[root]) if (!map.has(id)) n++;
		for (const id of removed[root]) if (!added[root].has(id)) n--;
		return n;
	};
	const notes = growth('notes');
	const frames = growth('frames');
	if ((notes > 0 && count.notes + notes > limits.maxNotes) || (frames > 0 && count.frames + frames > limits.maxFrames)) return 'board_full';
	if (!dotWrites.size && !dotRemovals.length) return null;

	const dots = dotsOf(doc);
	const notesMap = notesOf(doc);
	const voterOf = (key: string) => key.slice(key.indexOf(' ') + 1);
	const noteOf = (key: string) => key.slice(0, key.indexOf(' '));
	// Another person's dots: removed only with their note, written back only where they were (an undone delete).
	for (const key of dotRemovals) if (voterOf(key) !== actor.voter && notesMap.has(noteOf(key)) && !removed.notes.has(noteOf(key))) return 'not_your_dots';
	const budget = dotBudget(doc);
	const past = (dots as unknown as { _map: Map<string, unknown> })._map;
	for (const [key, n] of dotWrites) if (voterOf(key) !== actor.voter && !(past.has(key) && !dots.has(key) && n <= budget)) return 'not_your_dots';
	if (!actor.voter) return null;
	const { mine, used } = dotTally(doc, actor.voter);
	const after = new Map(mine);
	for (const key of dotRemovals) if (voterOf(key) === actor.voter) after.delete(noteOf(key));
	for (const [key, n] of dotWrites) if (voterOf(key) === actor.voter) after.set(noteOf(key), n);
	const total = [...after.values()].reduce((a, b) => a + b, 0);
	return total > budget && total > used ? 'no_dots_left' : null;
}
