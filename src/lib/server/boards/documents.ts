/**
 * Live board documents on this server. A board's truth is its update log in the database; the Y.Doc
 * kept here is a cache of it that knows the last row it has applied, so it can always be brought up to
 * date from the database (another node may have appended rows) or thrown away and rebuilt.
 *
 * An update from a client is checked, applied to the cache, written to the log, and only then
 * acknowledged and relayed by the socket layer. Updates that arrive in the same turn of the event loop
 * share one transaction (one fsync). A malformed update, one that depends on changes the server does
 * not have, one that is too large, or one that would take the board over its limits is refused: the
 * cache is rebuilt from the log, which never held it, so the stored document stays as it was.
 *
 * Awareness (who is here, cursors) is not stored: this node keeps the states of its own connections
 * so that a newcomer sees them at once; states from other nodes arrive with their next heartbeat.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { transaction, type Db } from '../db';
import { refuse, type Refused } from '../refusal';
import { framesOf, notesOf } from '$lib/boards/doc.js';
import { appendIn, compactIn, rowsSinceIn } from './log';
import { boardLimits, type BoardLimits } from './limits';

export type UpdateError = 'update_too_large' | 'bad_update' | 'out_of_order' | 'board_full' | 'note_too_long' | 'server_error';
export type UpdateResult = { ok: true; stored: boolean } | Refused<UpdateError>;

type Live = {
	boardId: number;
	doc: Y.Doc;
	/** Notes and clusters in `doc`, kept by observers (Y.Map's size walks every entry: 0.25 ms at 2,000 notes). */
	count: { notes: number; frames: number };
	/** Id of the last log row applied to `doc`. */
	lastId: number;
	/** Rows in the log (as far as this node knows), for deciding when to compact. */
	rows: number;
	awareness: awarenessProtocol.Awareness;
	/** Awareness client ids per connection, removed when the connection goes. */
	controlled: Map<string, Set<number>>;
	/** Connections on this node that have the board open. */
	users: number;
	/** The whole state encoded, for newcomers with an empty document, and the log row it was made at. */
	full: { at: number; update: Uint8Array } | null;
	idle: ReturnType<typeof setTimeout> | null;
	compacting: ReturnType<typeof setTimeout> | null;
};

const KEY = Symbol.for('meespraak.boards.live');
const store = globalThis as unknown as { [KEY]?: Map<number, Live> };
const cache = (store[KEY] ??= new Map());

/** How long a board nobody has open stays in memory. */
const IDLE_MS = 60_000;
/** How soon after the log passed the compaction threshold the compaction runs. */
const COMPACT_DELAY_MS = 2_000;

function newDoc(rows: { data: Uint8Array }[]): { doc: Y.Doc; count: Live['count'] } {
	const doc = new Y.Doc({ gc: true });
	doc.transact(() => {
		for (const r of rows) Y.applyUpdate(doc, r.data);
	});
	const count = { notes: notesOf(doc).size, frames: framesOf(doc).size };
	const counter = (key: 'notes' | 'frames') => (e: Y.YMapEvent<Y.Map<unknown>>) => {
		for (const change of e.changes.keys.values()) count[key] += change.action === 'add' ? 1 : change.action === 'delete' ? -1 : 0;
	};
	notesOf(doc).observe(counter('notes'));
	framesOf(doc).observe(counter('frames'));
	return { doc, count };
}

/** The live document of a board, loaded or brought up to date from the log (inside `tx`). */
function liveIn(tx: Db, boardId: number): Live {
	let live = cache.get(boardId);
	if (!live) {
		const rows = rowsSinceIn(tx, boardId, 0);
		const awareness = new awarenessProtocol.Awareness(new Y.Doc());
		awareness.setLocalState(null);
		live = {
			boardId,
			...newDoc(rows),
			lastId: rows.at(-1)?.id ?? 0,
			rows: rows.length,
			awareness,
			controlled: new Map(),
			users: 0,
			// A compacted log is one row: the whole state, ready for newcomers as it is.
			full: rows.length === 1 ? { at: rows[0].id, update: rows[0].data } : null,
			idle: null,
			compacting: null
		};
		cache.set(boardId, live);
		scheduleIdle(live);
		return live;
	}
	const rows = rowsSinceIn(tx, boardId, live.lastId);
	if (rows.length) {
		live.doc.transact(() => {
			for (const r of rows) Y.applyUpdate(live!.doc, r.data);
		});
		live.lastId = rows.at(-1)!.id;
		live.rows += rows.length;
	}
	return live;
}

/** Throws the cache away and rebuilds it from the log (after a refused update touched it). */
function rebuildIn(tx: Db, live: Live): void {
	live.doc.destroy();
	live.full = null;
	const rows = rowsSinceIn(tx, live.boardId, 0);
	Object.assign(live, newDoc(rows));
	live.lastId = rows.at(-1)?.id ?? 0;
	live.rows = rows.length;
}

/** The board's document, up to date with the log. Read it; change it only through `receiveUpdate`. */
export async function readDocument(boardId: number): Promise<Y.Doc> {
	return transaction((tx) => liveIn(tx, boardId).doc);
}

/**
 * Answers a client's sync step 1: the updates it lacks (relative to its state vector) and the server's
 * own state vector, so that it can send back what the server lacks.
 */
export async function syncReply(boardId: number, stateVector: Uint8Array): Promise<{ update: Uint8Array; stateVector: Uint8Array }> {
	const live = await transaction((tx) => liveIn(tx, boardId));
	const doc = live.doc;
	// A newcomer (empty state vector) gets the whole board: encoded once per state, not once per newcomer
	// (2,000 notes take 0.1–0.2 s to encode).
	const empty = stateVector.byteLength === 1 && stateVector[0] === 0;
	if (!empty) return { update: Y.encodeStateAsUpdate(doc, stateVector), stateVector: Y.encodeStateVector(doc) };
	if (live.full?.at !== live.lastId || live.lastId === 0) live.full = { at: live.lastId, update: Y.encodeStateAsUpdate(doc) };
	return { update: live.full.update, stateVector: Y.encodeStateVector(doc) };
}

type Check = { ok: true; changed: boolean } | Refused<UpdateError>;

/** Applies an update to the cache and checks the result against the limits. */
function applyChecked(live: Live, update: Uint8Array, limits: BoardLimits): Check {
	const doc = live.doc;
	const notes = notesOf(doc);
	const count = live.count;
	const before = { ...count };
	const touched = new Set<string>();
	let changed = false;
	const inspect = (tr: Y.Transaction) => {
		changed ||= tr.deleteSet.clients.size > 0 || [...tr.afterState].some(([client, clock]) => tr.beforeState.get(client) !== clock);
		for (const [type, keys] of tr.changed) {
			if ((type as unknown) === notes) for (const k of keys) if (k) touched.add(k);
			const item = type._item;
			if (item && item.parent === notes && item.parentSub) touched.add(item.parentSub);
		}
	};
	doc.on('afterTransaction', inspect);
	try {
		Y.applyUpdate(doc, update, 'client');
	} catch {
		return refuse('bad_update');
	} finally {
		doc.off('afterTransaction', inspect);
	}
	// Changes that depend on others the server never received (the sender hand-shakes again and sends those too).
	if (doc.store.pendingStructs || doc.store.pendingDs) return refuse('out_of_order');
	if ((count.notes > limits.maxNotes && count.notes > before.notes) || (count.frames > limits.maxFrames && count.frames > before.frames)) return refuse('board_full');
	for (const id of touched) {
		const note = notes.get(id);
		const text = note instanceof Y.Map ? note.get('text') : undefined;
		if (typeof text === 'string' && [...text].length > limits.maxNoteText) return refuse('note_too_long');
	}
	return { ok: true, changed };
}

type Pending = { boardId: number; update: Uint8Array; resolve: (r: UpdateResult) => void };
let queue: Pending[] = [];
let scheduled = false;

/**
 * Takes an update from a client with edit rights: checked, applied and stored (answers `stored: false`
 * for an update the board already had). Resolves once the row is committed.
 */
export function receiveUpdate(boardId: number, update: Uint8Array): Promise<UpdateResult> {
	if (update.byteLength > boardLimits().maxUpdateBytes) return Promise.resolve(refuse('update_too_large'));
	return new Promise((resolve) => {
		queue.push({ boardId, update, resolve });
		if (!scheduled) {
			scheduled = true;
			setImmediate(flush);
		}
	});
}

async function flush(): Promise<void> {
	scheduled = false;
	const batch = queue;
	queue = [];
	const limits = boardLimits();
	let results: UpdateResult[] = [];
	try {
		results = await transaction((tx) =>
			batch.map((item): UpdateResult => {
				const live = liveIn(tx, item.boardId);
				const check = applyChecked(live, item.update, limits);
				if (!check.ok) {
					rebuildIn(tx, live);
					return check;
				}
				if (!check.changed) return { ok: true, stored: false };
				live.lastId = appendIn(tx, item.boardId, item.update);
				live.rows++;
				return { ok: true, stored: true };
			})
		);
	} catch (e) {
		console.error('[boards] storing updates failed', e);
		for (const id of new Set(batch.map((b) => b.boardId))) unload(id);
		results = batch.map(() => refuse('server_error'));
	}
	batch.forEach((item, i) => item.resolve(results[i]));
	if (limits.compactEvery > 0)
		for (const id of new Set(batch.map((b) => b.boardId))) {
			const live = cache.get(id);
			if (live && live.rows >= limits.compactEvery) scheduleCompaction(live, COMPACT_DELAY_MS);
		}
}

/**
 * Replaces the board's log by one row holding its current state (deleted content garbage-collected).
 * Answers the rows and bytes before and after.
 */
export async function compact(boardId: number): Promise<{ before: number; after: number; bytes: number }> {
	return transaction((tx) => {
		const live = liveIn(tx, boardId);
		const before = live.rows;
		if (live.lastId === 0) return { before, after: 0, bytes: 0 };
		const state = Y.encodeStateAsUpdate(live.doc);
		compactIn(tx, boardId, live.lastId, state);
		live.rows = 1;
		return { before, after: 1, bytes: state.byteLength };
	});
}

function scheduleCompaction(live: Live, delay: number): void {
	if (live.compacting) return;
	live.compacting = setTimeout(() => {
		live.compacting = null;
		compact(live.boardId).catch((e) => console.error(`[boards] compacting board ${live.boardId} failed`, e));
	}, delay);
	live.compacting.unref?.();
}

function scheduleIdle(live: Live): void {
	if (live.idle) clearTimeout(live.idle);
	live.idle = null;
	if (live.users > 0) return;
	live.idle = setTimeout(() => {
		live.idle = null;
		if (live.users > 0 || cache.get(live.boardId) !== live) return;
		const done = () => unload(live.boardId);
		if (live.rows > 1) compact(live.boardId).then(done, (e) => (console.error(`[boards] compacting board ${live.boardId} failed`, e), done()));
		else done();
	}, IDLE_MS);
	live.idle.unref?.();
}

function unload(boardId: number): void {
	const live = cache.get(boardId);
	if (!live) return;
	cache.delete(boardId);
	if (live.idle) clearTimeout(live.idle);
	if (live.compacting) clearTimeout(live.compacting);
	live.doc.destroy();
	live.awareness.destroy();
}

// ---------------------------------------------------------------- who has the board open

/** A connection opened the board on this node. */
export async function attach(boardId: number): Promise<void> {
	const live = await transaction((tx) => liveIn(tx, boardId));
	live.users++;
	scheduleIdle(live);
}

/**
 * A connection left the board: its awareness states are removed. Answers the awareness update telling
 * the others (null when it had none). Once nobody is left the board is compacted and unloaded later.
 */
export function detach(boardId: number, connection: string): Uint8Array | null {
	const live = cache.get(boardId);
	if (!live) return null;
	live.users = Math.max(0, live.users - 1);
	const ids = [...(live.controlled.get(connection) ?? [])];
	live.controlled.delete(connection);
	let removal: Uint8Array | null = null;
	if (ids.length) {
		awarenessProtocol.removeAwarenessStates(live.awareness, ids, connection);
		removal = awarenessProtocol.encodeAwarenessUpdate(live.awareness, ids);
	}
	scheduleIdle(live);
	return removal;
}

/** Awareness from a connection (cursor, name, viewport); false when it cannot be read. */
export function receiveAwareness(boardId: number, connection: string, update: Uint8Array): boolean {
	const live = cache.get(boardId);
	if (!live) return false;
	const before = new Set(live.awareness.getStates().keys());
	try {
		awarenessProtocol.applyAwarenessUpdate(live.awareness, update, connection);
	} catch {
		return false;
	}
	const mine = live.controlled.get(connection) ?? new Set<number>();
	for (const id of live.awareness.getStates().keys()) if (!before.has(id)) mine.add(id);
	live.controlled.set(connection, mine);
	return true;
}

/** The awareness states of the connections on this node, for a newcomer (null when there are none). */
export function awarenessSnapshot(boardId: number): Uint8Array | null {
	const live = cache.get(boardId);
	const ids = live ? [...live.awareness.getStates().keys()] : [];
	return ids.length ? awarenessProtocol.encodeAwarenessUpdate(live!.awareness, ids) : null;
}

/** For tests: forget every live document (as a restarted server would). */
export function unloadAll(): void {
	for (const id of [...cache.keys()]) unload(id);
	queue = [];
	scheduled = false;
}
