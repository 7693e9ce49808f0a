// @ts-check
/**
 * The board document: one Y.Doc per collaborative board. Plain JavaScript (checked by TypeScript) so
 * that the browser, the server, the unit tests and the benchmark's simulated editors all read and
 * write a board the same way.
 *
 * Layout of the document (every value is checked when read: a board is edited by anonymous people):
 * - `meta`   Y.Map: `template` (id), `dots` (dot votes per person).
 * - `notes`  Y.Map<id, Y.Map>: `text`, `color`, `author` (a name, or null for anonymous), `p` ([x, y]: the
 *            top-left corner in board units, one value so a move is one change), `w`, `h`, `frame` (id of the cluster it belongs to, or null), `tags`
 *            (plan tags as 'kind:id', e.g. 'goal:1.2'), `at` (ms when written).
 * - `frames` Y.Map<id, Y.Map>: a named cluster: `title`, `x`, `y`, `w`, `h`, `color`, `tags`.
 * - `dots`   Y.Map<'<noteId> <voter>', number>: dot votes per note and voter (a random id per browser).
 * Each note and frame is a Y.Map of plain values, so concurrent edits of different fields merge and
 * the last edit of one field wins (a note's text is short and written by one hand at a time).
 * Which signals a note backs is not in the document: the server knows it (signal evidence) and tells
 * the board, so a deleted or undone note never loses the signal's evidence.
 */
import * as Y from 'yjs';

export const NOTE_W = 200;
export const NOTE_H = 130;
/** Note colours: pastel backgrounds on which black text keeps a contrast above 7:1. */
export const COLORS = /** @type {const} */ (['yellow', 'pink', 'green', 'blue', 'orange', 'purple']);
/** @typedef {(typeof COLORS)[number]} NoteColor */
export const COLOR_HEX = { yellow: '#fef08a', pink: '#fbcfe8', green: '#bbf7d0', blue: '#bfdbfe', orange: '#fed7aa', purple: '#e9d5ff' };
export const FRAME_COLORS = /** @type {const} */ (['grey', 'blue', 'green', 'red', 'yellow']);
export const FRAME_HEX = { grey: '#f3f4f6', blue: '#eff6ff', green: '#f0fdf4', red: '#fef2f2', yellow: '#fefce8' };
export const DEFAULT_DOTS = 5;

/**
 * @typedef {{ id: string; text: string; color: NoteColor; author: string | null; x: number; y: number; w: number; h: number;
 *   frame: string | null; tags: string[]; at: number }} Note
 * @typedef {{ id: string; title: string; x: number; y: number; w: number; h: number; color: string; tags: string[] }} Frame
 */

/** @param {Y.Doc} doc */
export const notesOf = (doc) => /** @type {Y.Map<Y.Map<unknown>>} */ (doc.getMap('notes'));
/** @param {Y.Doc} doc */
export const framesOf = (doc) => /** @type {Y.Map<Y.Map<unknown>>} */ (doc.getMap('frames'));
/** @param {Y.Doc} doc */
export const dotsOf = (doc) => /** @type {Y.Map<number>} */ (doc.getMap('dots'));
/** @param {Y.Doc} doc */
export const metaOf = (doc) => /** @type {Y.Map<unknown>} */ (doc.getMap('meta'));

/** A random id for a note or frame (12 characters of [a-z0-9]). */
export function newId() {
	const bytes = new Uint8Array(9);
	crypto.getRandomValues(bytes);
	let out = '';
	for (const b of bytes) out += (b % 36).toString(36);
	return out + Date.now().toString(36).slice(-3);
}

/** @param {unknown} v @param {number} fallback */
const num = (v, fallback) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
/** @param {unknown} v */
const str = (v) => (typeof v === 'string' ? v : '');
/** @param {unknown} v @returns {string[]} */
const strings = (v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);

/** @param {unknown} v @returns {v is Y.Map<unknown>} */
const isMap = (v) => v instanceof Y.Map;

/** A note as plain data, with safe defaults for anything missing or malformed. @param {string} id @param {Y.Map<unknown>} m @returns {Note} */
export function readNote(id, m) {
	const color = /** @type {NoteColor} */ (COLORS.includes(/** @type {NoteColor} */ (m.get('color'))) ? m.get('color') : 'yellow');
	const author = m.get('author');
	const frame = m.get('frame');
	const p = m.get('p');
	return {
		id,
		text: str(m.get('text')),
		color,
		author: typeof author === 'string' && author.trim() ? author : null,
		x: Array.isArray(p) ? num(p[0], 0) : 0,
		y: Array.isArray(p) ? num(p[1], 0) : 0,
		w: Math.max(60, num(m.get('w'), NOTE_W)),
		h: Math.max(40, num(m.get('h'), NOTE_H)),
		frame: typeof frame === 'string' && frame ? frame : null,
		tags: strings(m.get('tags')),
		at: num(m.get('at'), 0)
	};
}

/** @param {string} id @param {Y.Map<unknown>} m @returns {Frame} */
export function readFrame(id, m) {
	return {
		id,
		title: str(m.get('title')),
		x: num(m.get('x'), 0),
		y: num(m.get('y'), 0),
		w: Math.max(120, num(m.get('w'), 600)),
		h: Math.max(80, num(m.get('h'), 400)),
		color: str(m.get('color')) || 'grey',
		tags: strings(m.get('tags'))
	};
}

/** Every note, oldest first. @param {Y.Doc} doc @returns {Note[]} */
export function listNotes(doc) {
	/** @type {Note[]} */
	const out = [];
	notesOf(doc).forEach((m, id) => {
		if (isMap(m)) out.push(readNote(id, m));
	});
	return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

/** Every frame, top to bottom, then left to right. @param {Y.Doc} doc @returns {Frame[]} */
export function listFrames(doc) {
	/** @type {Frame[]} */
	const out = [];
	framesOf(doc).forEach((m, id) => {
		if (isMap(m)) out.push(readFrame(id, m));
	});
	return out.sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1));
}

/** @param {Y.Doc} doc @param {string} id */
export function getNote(doc, id) {
	const m = notesOf(doc).get(id);
	return isMap(m) ? readNote(id, m) : null;
}

/** @param {Y.Doc} doc @param {string} id */
export function getFrame(doc, id) {
	const m = framesOf(doc).get(id);
	return isMap(m) ? readFrame(id, m) : null;
}

/** How many notes and frames the board holds. @param {Y.Doc} doc */
export function counts(doc) {
	return { notes: notesOf(doc).size, frames: framesOf(doc).size };
}

/**
 * Adds a note; returns its id. `origin` marks the transaction (the undo manager tracks the local one).
 * @param {Y.Doc} doc
 * @param {{ text: string; color?: NoteColor; author?: string | null; x: number; y: number; w?: number; h?: number; frame?: string | null; tags?: string[]; id?: string }} fields
 * @param {unknown} [origin]
 */
export function addNote(doc, fields, origin) {
	const id = fields.id ?? newId();
	doc.transact(() => {
		const m = new Y.Map();
		m.set('text', fields.text);
		m.set('p', [Math.round(fields.x), Math.round(fields.y)]);
		m.set('at', Date.now());
		// Fields at their default are left out: a board of thousands of notes loads faster with fewer entries.
		const rest = { color: fields.color, author: fields.author, w: fields.w, h: fields.h, frame: fields.frame, tags: fields.tags };
		for (const [k, v] of Object.entries(rest)) if (v !== undefined && !isDefault(k, v)) m.set(k, v);
		notesOf(doc).set(id, m);
	}, origin);
	return id;
}

/** What a note field is when it is not stored (readNote gives these). */
const NOTE_DEFAULTS = /** @type {Record<string, unknown>} */ ({ color: 'yellow', author: null, w: NOTE_W, h: NOTE_H, frame: null });

/** @param {string} key @param {unknown} value */
function isDefault(key, value) {
	if (key === 'tags') return Array.isArray(value) && value.length === 0;
	return key in NOTE_DEFAULTS && NOTE_DEFAULTS[key] === value;
}

/** Whether a note's field already holds `value` (a missing field holds its default). @param {Y.Map<unknown>} m @param {string} key @param {unknown} value */
function holds(m, key, value) {
	const current = m.has(key) ? m.get(key) : key === 'tags' ? [] : NOTE_DEFAULTS[key];
	if (Array.isArray(current) && Array.isArray(value)) return current.length === value.length && current.every((x, i) => x === value[i]);
	return current === value;
}

/**
 * Changes some fields of a note (text, colour, author, size, tags, frame); unknown ids are ignored.
 * @param {Y.Doc} doc @param {string} id
 * @param {Partial<Pick<Note, 'text' | 'color' | 'author' | 'w' | 'h' | 'tags' | 'frame'>>} patch
 * @param {unknown} [origin]
 */
export function updateNote(doc, id, patch, origin) {
	const m = notesOf(doc).get(id);
	if (!isMap(m)) return false;
	doc.transact(() => {
		for (const [k, v] of Object.entries(patch)) if (v !== undefined && !holds(m, k, v)) m.set(k, v);
	}, origin);
	return true;
}

/**
 * Moves notes (and frames) to new positions in one transaction: one undo step, one update.
 * @param {Y.Doc} doc @param {{ id: string; x: number; y: number; frame?: string | null }[]} moves @param {unknown} [origin]
 */
export function moveNotes(doc, moves, origin) {
	doc.transact(() => {
		const notes = notesOf(doc);
		for (const mv of moves) {
			const m = notes.get(mv.id);
			if (!isMap(m)) continue;
			const x = Math.round(mv.x);
			const y = Math.round(mv.y);
			const p = m.get('p');
			if (!Array.isArray(p) || p[0] !== x || p[1] !== y) m.set('p', [x, y]);
			if (mv.frame !== undefined && !holds(m, 'frame', mv.frame)) m.set('frame', mv.frame);
		}
	}, origin);
}

/** Deletes notes and their dots. @param {Y.Doc} doc @param {string[]} noteIds @param {unknown} [origin] */
export function deleteNotes(doc, noteIds, origin) {
	const gone = new Set(noteIds);
	doc.transact(() => {
		for (const id of noteIds) notesOf(doc).delete(id);
		const dots = dotsOf(doc);
		for (const key of [...dots.keys()]) if (gone.has(key.split(' ')[0])) dots.delete(key);
	}, origin);
}

/**
 * Adds a frame (a named cluster); `noteIds` become its members. Returns its id.
 * @param {Y.Doc} doc
 * @param {{ title: string; x: number; y: number; w?: number; h?: number; color?: string; tags?: string[]; id?: string }} fields
 * @param {string[]} [noteIds] @param {unknown} [origin]
 */
export function addFrame(doc, fields, noteIds = [], origin) {
	const id = fields.id ?? newId();
	doc.transact(() => {
		const m = new Y.Map();
		m.set('title', fields.title);
		m.set('x', Math.round(fields.x));
		m.set('y', Math.round(fields.y));
		m.set('w', Math.round(fields.w ?? 600));
		m.set('h', Math.round(fields.h ?? 400));
		m.set('color', fields.color ?? 'grey');
		m.set('tags', fields.tags ?? []);
		framesOf(doc).set(id, m);
		for (const n of noteIds) updateNote(doc, n, { frame: id });
	}, origin);
	return id;
}

/**
 * @param {Y.Doc} doc @param {string} id
 * @param {Partial<Pick<Frame, 'title' | 'x' | 'y' | 'w' | 'h' | 'color' | 'tags'>>} patch @param {unknown} [origin]
 */
export function updateFrame(doc, id, patch, origin) {
	const m = framesOf(doc).get(id);
	if (!isMap(m)) return false;
	doc.transact(() => {
		for (const [k, v] of Object.entries(patch)) {
			if (v === undefined) continue;
			const value = k === 'x' || k === 'y' || k === 'w' || k === 'h' ? Math.round(/** @type {number} */ (v)) : v;
			if (m.get(k) !== value) m.set(k, value);
		}
	}, origin);
	return true;
}

/** Deletes a frame; its notes stay on the board, outside any cluster. @param {Y.Doc} doc @param {string} id @param {unknown} [origin] */
export function deleteFrame(doc, id, origin) {
	doc.transact(() => {
		framesOf(doc).delete(id);
		notesOf(doc).forEach((m) => {
			if (isMap(m) && m.get('frame') === id) m.delete('frame');
		});
	}, origin);
}

/** The frame a point lies in (the smallest, when frames overlap), or null. @param {Frame[]} frames @param {number} x @param {number} y */
export function frameAt(frames, x, y) {
	let best = /** @type {Frame | null} */ (null);
	for (const f of frames) {
		if (x >= f.x && x <= f.x + f.w && y >= f.y && y <= f.y + f.h && (!best || f.w * f.h < best.w * best.h)) best = f;
	}
	return best;
}

/**
 * Where a new note goes inside a frame (or a free area): the first free slot of a grid, so notes added
 * from the outline view or a phone do not pile up on one spot.
 * @param {Y.Doc} doc @param {Frame | null} frame @param {{ x: number; y: number }} [near]
 */
export function freeSpot(doc, frame, near) {
	const notes = listNotes(doc);
	const gap = 20;
	const originX = frame ? frame.x + gap : (near?.x ?? 0);
	const originY = frame ? frame.y + 56 : (near?.y ?? 0);
	const columns = frame ? Math.max(1, Math.floor((frame.w - gap) / (NOTE_W + gap))) : 6;
	const taken = (/** @type {number} */ x, /** @type {number} */ y) =>
		notes.some((n) => Math.abs(n.x - x) < NOTE_W / 2 && Math.abs(n.y - y) < NOTE_H / 2);
	for (let i = 0; i < 2000; i++) {
		const x = originX + (i % columns) * (NOTE_W + gap);
		const y = originY + Math.floor(i / columns) * (NOTE_H + gap);
		if (!taken(x, y)) return { x, y };
	}
	return { x: originX, y: originY };
}

// ---------------------------------------------------------------- dot votes

/** @param {string} noteId @param {string} voter */
const dotKey = (noteId, voter) => `${noteId} ${voter}`;

/** Dots per note, and the dots `voter` has given (per note and in all). @param {Y.Doc} doc @param {string} [voter] */
export function dotTally(doc, voter) {
	/** @type {Map<string, number>} */
	const perNote = new Map();
	/** @type {Map<string, number>} */
	const mine = new Map();
	let used = 0;
	dotsOf(doc).forEach((count, key) => {
		if (typeof count !== 'number' || !(count > 0)) return;
		const [noteId, who] = key.split(' ');
		perNote.set(noteId, (perNote.get(noteId) ?? 0) + count);
		if (voter && who === voter) {
			mine.set(noteId, count);
			used += count;
		}
	});
	return { perNote, mine, used };
}

/** The number of dots each person may give on this board. @param {Y.Doc} doc */
export function dotBudget(doc) {
	const n = metaOf(doc).get('dots');
	return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : DEFAULT_DOTS;
}

/**
 * Gives (delta 1) or takes back (delta -1) a dot. Refused (false) beyond the budget or below zero.
 * @param {Y.Doc} doc @param {string} noteId @param {string} voter @param {1 | -1} delta @param {unknown} [origin]
 */
export function vote(doc, noteId, voter, delta, origin) {
	if (!notesOf(doc).has(noteId)) return false;
	const { mine, used } = dotTally(doc, voter);
	const current = mine.get(noteId) ?? 0;
	if (delta > 0 && used >= dotBudget(doc)) return false;
	if (delta < 0 && current === 0) return false;
	doc.transact(() => {
		if (current + delta === 0) dotsOf(doc).delete(dotKey(noteId, voter));
		else dotsOf(doc).set(dotKey(noteId, voter), current + delta);
	}, origin);
	return true;
}

// ---------------------------------------------------------------- the outline

/**
 * The board as a list: every cluster with its notes (in reading order: top to bottom, left to right),
 * then the notes outside any cluster. The outline view, the exports and the signals use this order.
 * @param {Y.Doc} doc
 * @returns {{ clusters: (Frame & { notes: Note[] })[]; loose: Note[] }}
 */
export function outline(doc) {
	const frames = listFrames(doc);
	const known = new Set(frames.map((f) => f.id));
	const byReading = (/** @type {Note} */ a, /** @type {Note} */ b) => a.y - b.y || a.x - b.x || a.at - b.at;
	const notes = listNotes(doc).sort(byReading);
	return {
		clusters: frames.map((f) => ({ ...f, notes: notes.filter((n) => n.frame === f.id) })),
		loose: notes.filter((n) => !n.frame || !known.has(n.frame))
	};
}

// ---------------------------------------------------------------- templates

export const TEMPLATE_IDS = /** @type {const} */ (['empty', 'more_less', 'add_words', 'problem_tree', 'needs_services', 'persona_canvas']);
/** @typedef {(typeof TEMPLATE_IDS)[number]} BoardTemplate */

/** @param {unknown} v @returns {v is BoardTemplate} */
export const isTemplate = (v) => typeof v === 'string' && /** @type {readonly string[]} */ (TEMPLATE_IDS).includes(v);

/**
 * The frames of each template, as keys of their titles (the caller gives the words in the board's
 * language) and a layout in board units.
 * @type {Record<BoardTemplate, { key: string; x: number; y: number; w: number; h: number; color?: string }[]>}
 */
export const TEMPLATE_FRAMES = {
	empty: [],
	more_less: [
		{ key: 'more', x: 0, y: 0, w: 920, h: 700, color: 'green' },
		{ key: 'less', x: 980, y: 0, w: 920, h: 700, color: 'red' }
	],
	add_words: [{ key: 'words', x: 0, y: 0, w: 1400, h: 800, color: 'blue' }],
	problem_tree: [
		{ key: 'effects', x: 0, y: 0, w: 1400, h: 440, color: 'yellow' },
		{ key: 'problem', x: 250, y: 500, w: 900, h: 260, color: 'red' },
		{ key: 'causes', x: 0, y: 820, w: 1400, h: 440, color: 'blue' }
	],
	needs_services: [0, 1, 2, 3].flatMap((row) => [
		{ key: `need_${row + 1}`, x: 0, y: row * 340, w: 700, h: 310, color: 'yellow' },
		{ key: `service_${row + 1}`, x: 740, y: row * 340, w: 1060, h: 310, color: 'green' }
	]),
	persona_canvas: [
		{ key: 'persona_name', x: 0, y: 0, w: 660, h: 300, color: 'blue' },
		{ key: 'persona_background', x: 700, y: 0, w: 900, h: 300 },
		{ key: 'persona_strengths', x: 0, y: 340, w: 800, h: 380, color: 'green' },
		{ key: 'persona_needs', x: 840, y: 340, w: 760, h: 380, color: 'yellow' },
		{ key: 'persona_barriers', x: 0, y: 760, w: 800, h: 380, color: 'red' },
		{ key: 'persona_quote', x: 840, y: 760, w: 760, h: 380 }
	]
};

/**
 * Writes a template's frames into an empty board. `title(key, n)` gives a frame's title in the board's
 * language (`n` is the row number for numbered frames such as 'need_2').
 * @param {Y.Doc} doc @param {BoardTemplate} template @param {(key: string, n?: number) => string} title @param {{ dots?: number }} [options]
 */
export function applyTemplate(doc, template, title, options = {}) {
	doc.transact(() => {
		metaOf(doc).set('template', template);
		metaOf(doc).set('dots', options.dots ?? DEFAULT_DOTS);
		for (const f of TEMPLATE_FRAMES[template]) {
			const numbered = /^(need|service)_(\d)$/.exec(f.key);
			addFrame(doc, { title: numbered ? title(numbered[1], Number(numbered[2])) : title(f.key), x: f.x, y: f.y, w: f.w, h: f.h, color: f.color });
		}
	});
}
