/**
 * Live board documents on this server. A board's truth is its update log in the database; the Y.Doc
 * kept here is a cache of it that knows the last row it has applied, so it can always be brought up to
 * date from the database (another node may have appended rows) or thrown away and rebuilt.
 *
 * An update from a client is checked, applied to the cache, written to the log, and only then
 * acknowledged and relayed by the socket layer. Updates that arrive in the same turn of the event loop
 * share one transaction (one fsync). The check happens BEFORE the update touches the cache (the shared
 * update inspection, ../ydoc/shape.ts, with the board's shape and rules, ./shape.ts): a malformed
 * update, one that depends on changes the server does not have, one with content the board does not
 * hold (another top-level key, a Y.Text for a note's text, an oversized name), one that would take the
 * board over its limits (notes, clusters, stored bytes), or dots beyond the sender's budget or in
 * another's name, is refused for the cost of decoding it; the cache stays as it was.
 *
 * Awareness (who is here, cursors) is not stored: this node keeps the states of its own connections
 * so that a newcomer sees them at once; states from other nodes arrive with their next heartbeat.
 * Every state is rebuilt by the server (./presence.ts): known fields of bounded size, and whether the
 * person facilitates says the server, from the connection's level.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { transaction, type Db } from '../db';
import { refuse, type Refused } from '../refusal';
import { framesOf, notesOf } from '$lib/boards/doc.js';
import { appendIn, compactIn, rowsSinceIn } from './log';
import { boardLimits, type BoardLimits } from './limits';
import { inspectUpdate } from '../ydoc/shape';
import { boardShape, checkRules, type Actor, type RuleError } from './shape';
import { cleanPresence, readPresence } from './presence';

export type { Actor } from './shape';
export type UpdateError =
	| 'update_too_large'
	| 'bad_update'
	| 'bad_content'
	| 'field_too_long'
	| 'out_of_order'
	| 'board_full'
	| 'board_too_large'
	| 'note_too_long'
	| 'server_error'
	| RuleError;
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
	/** Bytes in the log (as far as this node knows), against BOARD_MAX_BYTES. */
	bytes: number;
	/** When the log was last compacted to make room (at most once per ROOM_COMPACT_MS). */
	roomAt: number;
	awareness: awarenessProtocol.Awareness;
	/** Awareness client ids per connection, removed when the connection goes. */
	controlled: Map<string, Set<number>>;
	/** The connection each awareness client id belongs to (nobody else may change its state). */
	owners: Map<number, string>;
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
			bytes: sizeOf(rows),
			roomAt: 0,
			awareness,
			controlled: new Map(),
			owners: new Map(),
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
		live.bytes += sizeOf(rows);
	}
	return live;
}

const sizeOf = (rows: { data: Uint8Array }[]) => rows.reduce((n, r) => n + r.data.byteLength, 0);

/** Throws the cache away and rebuilds it from the log (after a refused update touched it). */
function rebuildIn(tx: Db, live: Live): void {
	live.doc.destroy();
	live.full = null;
	const rows = rowsSinceIn(tx, live.boardId, 0);
	Object.assign(live, newDoc(rows));
	live.lastId = rows.at(-1)?.id ?? 0;
	live.rows = rows.length;
	live.bytes = sizeOf(rows);
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

/** How soon a board that reached BOARD_MAX_BYTES may be compacted again to make room. */
const ROOM_COMPACT_MS = 30_000;

/**
 * Checks an update against the board's shape, rules and limits without touching the cache, then
 * applies it. Only when Yjs itself disagrees with the check (it throws, or keeps part of the update
 * pending) is the cache rebuilt from the log: that costs a rebuild, and is logged.
 */
function applyChecked(tx: Db, live: Live, update: Uint8Array, limits: BoardLimits, actor: Actor): Check {
	const doc = live.doc;
	const inspection = inspectUpdate(doc, update, boardShape(limits));
	if (!inspection.ok) return refuse(inspection.error as UpdateError);
	const rule = checkRules(doc, live.count, inspection.writes, inspection.removals, actor, limits);
	if (rule) return refuse(rule);
	if (live.bytes + update.byteLength > limits.maxBytes) {
		// The log may be mostly history: compact it once in a while to see whether the board itself fits.
		const now = Date.now();
		if (live.rows > 1 && now - live.roomAt > ROOM_COMPACT_MS) {
			live.roomAt = now;
			compactLiveIn(tx, live);
		}
		if (live.bytes + update.byteLength > limits.maxBytes) return refuse('board_too_large');
	}
	let changed = false;
	const inspect = (tr: Y.Transaction) => {
		changed ||= tr.deleteSet.clients.size > 0 || [...tr.afterState].some(([client, clock]) => tr.beforeState.get(client) !== clock);
	};
	doc.on('afterTransaction', inspect);
	try {
		Y.applyUpdate(doc, update, 'client');
	} catch (e) {
		console.error(`[boards] board ${live.boardId}: an update passed the check and Yjs refused it; rebuilding`, e);
		rebuildIn(tx, live);
		return refuse('bad_update');
	} finally {
		doc.off('afterTransaction', inspect);
	}
	if (doc.store.pendingStructs || doc.store.pendingDs) {
		console.error(`[boards] board ${live.boardId}: an update passed the check and stayed pending; rebuilding`);
		rebuildIn(tx, live);
		return refuse('out_of_order');
	}
	return { ok: true, changed };
}

/** Who sends updates that do not come from a connection (the server's own changes, tests): a facilitator who does not vote. */
const SERVER: Actor = { level: 'facilitate', voter: null };

type Pending = { boardId: number; update: Uint8Array; actor: Actor; resolve: (r: UpdateResult) => void };
let queue: Pending[] = [];
let scheduled = false;

/**
 * Takes an update from a client with edit rights: checked, applied and stored (answers `stored: false`
 * for an update the board already had). Resolves once the row is committed.
 */
export function receiveUpdate(boardId: number, update: Uint8Array, actor: Actor = SERVER): Promise<UpdateResult> {
	if (update.byteLength > boardLimits().maxUpdateBytes) return Promise.resolve(refuse('update_too_large'));
	return new Promise((resolve) => {
		queue.push({ boardId, update, actor, resolve });
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
				const check = applyChecked(tx, live, item.update, limits, item.actor);
				if (!check.ok) return check;
				if (!check.changed) return { ok: true, stored: false };
				live.lastId = appendIn(tx, item.boardId, item.update);
				live.rows++;
				live.bytes += item.update.byteLength;
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
		const bytes = compactLiveIn(tx, live);
		return { before, after: 1, bytes };
	});
}

/** Replaces the log of a live board by one row holding its state; answers that row's bytes. */
function compactLiveIn(tx: Db, live: Live): number {
	const state = Y.encodeStateAsUpdate(live.doc);
	compactIn(tx, live.boardId, live.lastId, state);
	live.rows = 1;
	live.bytes = state.byteLength;
	live.full = { at: live.lastId, update: state };
	return state.byteLength;
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
	const ids = [...(live.controlled.get(connection) ?? [])].filter((id) => live.awareness.meta.has(id));
	live.controlled.delete(connection);
	for (const id of ids) live.owners.delete(id);
	let removal: Uint8Array | null = null;
	if (ids.length) {
		awarenessProtocol.removeAwarenessStates(live.awareness, ids, connection);
		removal = awarenessProtocol.encodeAwarenessUpdate(live.awareness, ids);
	}
	scheduleIdle(live);
	return removal;
}

/** Presence client ids one connection may hold (a browser gets a new one after a refused change). */
const PRESENCE_IDS_MAX = 8;

/**
 * Awareness from a connection (cursor, name, viewport): rebuilt by the server (./presence.ts) with
 * `facilitator` as the connection's level says, applied, and answered for relaying; null when it cannot
 * be read, names another connection's client id, or the connection has too many.
 */
export function receiveAwareness(boardId: number, connection: string, update: Uint8Array, facilitator: boolean): Uint8Array | null {
	const live = cache.get(boardId);
	if (!live) return null;
	const entries = readPresence(update);
	if (!entries?.length) return null;
	const mine = live.controlled.get(connection) ?? new Set<number>();
	for (const e of entries) {
		if (mine.has(e.clientId)) continue;
		if (live.owners.has(e.clientId)) return null;
		if (mine.size >= PRESENCE_IDS_MAX) return null;
	}
	const clean = cleanPresence(entries, facilitator);
	try {
		awarenessProtocol.applyAwarenessUpdate(live.awareness, clean, connection);
	} catch {
		return null;
	}
	for (const e of entries) {
		if (!live.awareness.meta.has(e.clientId)) continue;
		mine.add(e.clientId);
		live.owners.set(e.clientId, connection);
	}
	live.controlled.set(connection, mine);
	return clean;
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
