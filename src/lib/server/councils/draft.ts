/**
 * The shared draft of a council's advice: a Yjs document whose `getText('advice')` is the text, stored
 * as the log of its updates in `advice_updates`, in the order the server accepted them (the same idea as
 * a board's log, boards/log.ts). Compaction replaces the rows up to the last one by one row holding the
 * merged state, under that last id, once the log holds `compactEvery()` rows.
 *
 * The only module that reads or writes `advice_updates`. Drafts are small (a few pages of text), so the
 * document is rebuilt from the log on every read: no cache to keep in step between nodes.
 *
 * Who may change the draft (a member of the request's council) is checked by the caller; this module
 * checks that the update is a Yjs update of the draft's text, not too large, and that the advice is not
 * published yet (a published request is read-only). The update is checked against the draft's shape
 * (`DRAFT_SHAPE`: one top-level text of plain strings, at most DRAFT_TEXT_MAX long) by the same
 * inspection boards use (../ydoc/shape.ts), before it is applied.
 *
 * The live collaborative editor (socket.io sync) is built on top of this module later: it answers sync
 * step 1 from `readDraft()` and stores what a client sends with `appendDraftUpdate()`.
 */
import * as Y from 'yjs';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { getDb, schema, transaction, type Db } from '../db';
import { Refusal, attempt, type Answer } from '../refusal';
import { inspectUpdate, type DocShape } from '../ydoc/shape';

const u = schema.adviceUpdates;

/** The name of the draft's text in the document. */
export const DRAFT_FIELD = 'advice';
/** The largest single update accepted (a whole pasted document fits easily). */
export const DRAFT_UPDATE_MAX = 256 * 1024;
/** The longest draft, in characters (about ten pages). */
export const DRAFT_TEXT_MAX = 20_000;
/** Rows after which the log is merged into one. */
export const compactEvery = (): number => Number(process.env.ADVICE_COMPACT_EVERY) || 50;

/** What a draft document may hold: its text, and nothing else. */
export const DRAFT_SHAPE: DocShape = { roots: { [DRAFT_FIELD]: { kind: 'text', maxLength: DRAFT_TEXT_MAX, tooLong: 'draft_too_long' } }, refusal: 'bad_update' };

export type DraftError = 'not_found' | 'published' | 'update_too_large' | 'bad_update' | 'out_of_order' | 'draft_too_long';

/** Updates wrap the driver's Buffer in a plain Uint8Array (what Yjs expects on every platform). */
const bytes = (data: Uint8Array) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
const buffer = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

export const draftOf = (doc: Y.Doc): Y.Text => doc.getText(DRAFT_FIELD);

function rowsIn(tx: Db, requestId: number): { id: number; data: Uint8Array }[] {
	return tx
		.select({ id: u.id, data: u.data })
		.from(u)
		.where(eq(u.requestId, requestId))
		.orderBy(asc(u.id))
		.all()
		.map((r) => ({ id: r.id, data: bytes(r.data) }));
}

function docOf(rows: { data: Uint8Array }[]): Y.Doc {
	const doc = new Y.Doc({ gc: true });
	doc.transact(() => {
		for (const r of rows) Y.applyUpdate(doc, r.data);
	});
	return doc;
}

/** The draft's document as the log holds it now (inside a transaction the caller holds). */
export function readDraftIn(tx: Db, requestId: number): Y.Doc {
	return docOf(rowsIn(tx, requestId));
}

/** The draft's document: read it; change it only through `appendDraftUpdate` (or `replaceDraftTextIn`). */
export async function readDraft(requestId: number): Promise<Y.Doc> {
	return transaction((tx) => readDraftIn(tx, requestId));
}

export function draftTextIn(tx: Db, requestId: number): string {
	const doc = readDraftIn(tx, requestId);
	try {
		return draftOf(doc).toString();
	} finally {
		doc.destroy();
	}
}

/** The draft's current text ('' while nobody wrote anything). */
export async function draftText(requestId: number): Promise<string> {
	return transaction((tx) => draftTextIn(tx, requestId));
}

/** The request exists and its advice is not published yet (a published request is read-only). */
function checkWritableIn(tx: Db, requestId: number): void {
	const r = tx.select({ id: schema.councilRequests.id }).from(schema.councilRequests).where(eq(schema.councilRequests.id, requestId)).get();
	if (!r) throw new Refusal<DraftError>('not_found');
	const published = tx.select({ id: schema.councilAdvice.requestId }).from(schema.councilAdvice).where(eq(schema.councilAdvice.requestId, requestId)).get();
	if (published) throw new Refusal<DraftError>('published');
}

/**
 * Checks an update against the current document and stores it; answers whether it changed anything
 * (an update the draft already had is not stored again). Throws a Refusal (rolling the caller's
 * transaction back) for an update that is too large, does not decode, depends on changes the server
 * does not have, touches anything but the draft's text, or makes the text too long.
 */
export function appendDraftUpdateIn(tx: Db, requestId: number, update: Uint8Array): { stored: boolean } {
	if (!(update instanceof Uint8Array) || update.byteLength === 0) throw new Refusal<DraftError>('bad_update');
	if (update.byteLength > DRAFT_UPDATE_MAX) throw new Refusal<DraftError>('update_too_large');
	checkWritableIn(tx, requestId);
	const rows = rowsIn(tx, requestId);
	const doc = docOf(rows);
	try {
		// The draft's text exists before the check (the check reads its length).
		draftOf(doc);
		const inspection = inspectUpdate(doc, update, DRAFT_SHAPE);
		if (!inspection.ok) throw new Refusal<DraftError>(inspection.error as DraftError);
		let changed = false;
		const inspect = (tr: Y.Transaction) => {
			changed ||= tr.deleteSet.clients.size > 0 || [...tr.afterState].some(([client, clock]) => tr.beforeState.get(client) !== clock);
		};
		doc.on('afterTransaction', inspect);
		try {
			Y.applyUpdate(doc, update, 'client');
		} catch {
			throw new Refusal<DraftError>('bad_update');
		} finally {
			doc.off('afterTransaction', inspect);
		}
		if (doc.store.pendingStructs || doc.store.pendingDs) throw new Refusal<DraftError>('out_of_order');
		if (!changed) return { stored: false };
		const id = tx.insert(u).values({ requestId, data: buffer(update) }).returning({ id: u.id }).get().id;
		if (rows.length + 1 >= compactEvery()) compactWith(tx, requestId, id, doc);
		return { stored: true };
	} finally {
		doc.destroy();
	}
}

/** Stores one update from an editor on its own transaction (membership is the caller's check). */
export async function appendDraftUpdate(requestId: number, update: Uint8Array): Promise<Answer<DraftError, { stored: boolean }>> {
	return attempt<DraftError, { stored: boolean }>((tx) => appendDraftUpdateIn(tx, requestId, update));
}

/**
 * Replaces the whole text, as one Yjs transaction (delete everything, insert the new text), so the
 * draft stays a Yjs document that a live editor can later merge with. Used by the plain form on the
 * request page, which works without JavaScript.
 */
export function replaceDraftTextIn(tx: Db, requestId: number, text: string): { stored: boolean } {
	if ([...text].length > DRAFT_TEXT_MAX) throw new Refusal<DraftError>('draft_too_long');
	checkWritableIn(tx, requestId);
	const doc = readDraftIn(tx, requestId);
	try {
		const draft = draftOf(doc);
		if (draft.toString() === text) return { stored: false };
		const before = Y.encodeStateVector(doc);
		doc.transact(() => {
			if (draft.length) draft.delete(0, draft.length);
			if (text) draft.insert(0, text);
		});
		return appendDraftUpdateIn(tx, requestId, Y.encodeStateAsUpdate(doc, before));
	} finally {
		doc.destroy();
	}
}

/** Replaces the rows up to `upTo` by one row, under that id, holding the state of `doc`. */
function compactWith(tx: Db, requestId: number, upTo: number, doc: Y.Doc): void {
	const state = Y.encodeStateAsUpdate(doc);
	tx.delete(u).where(and(eq(u.requestId, requestId), lte(u.id, upTo))).run();
	tx.insert(u).values({ id: upTo, requestId, data: buffer(state) }).run();
}

/** Merges the whole log of a draft into one row; answers the rows before and after. */
export async function compactDraft(requestId: number): Promise<{ before: number; after: number }> {
	return transaction((tx) => {
		const rows = rowsIn(tx, requestId);
		if (rows.length <= 1) return { before: rows.length, after: rows.length };
		const doc = docOf(rows);
		try {
			compactWith(tx, requestId, rows.at(-1)!.id, doc);
		} finally {
			doc.destroy();
		}
		return { before: rows.length, after: 1 };
	});
}

/** How many rows and bytes a draft's log holds now. */
export async function draftLogSize(requestId: number): Promise<{ rows: number; bytes: number }> {
	const r = await getDb()
		.select({ rows: sql<number>`count(*)`, bytes: sql<number>`coalesce(sum(length(${u.data})), 0)` })
		.from(u)
		.where(eq(u.requestId, requestId))
		.get();
	return { rows: Number(r?.rows ?? 0), bytes: Number(r?.bytes ?? 0) };
}
