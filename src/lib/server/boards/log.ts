/**
 * The update log of board documents: every accepted Yjs update is one row, in the order the server
 * accepted it; compaction replaces the rows up to an id by one row holding the merged state, under the
 * same id, so later rows and the order stay as they were. The only module that reads or writes
 * `board_updates`. The `…In` functions run inside a transaction the caller holds (synchronous, as the
 * embedded driver's transactions are); the others are standalone.
 */
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import { getDb, prepared, schema, transaction, type Db } from '../db';

const u = schema.boardUpdates;

export type LogRow = { id: number; data: Uint8Array };

const statements = {
	since: () =>
		prepared('boards.log.since', (db) =>
			db
				.select({ id: u.id, data: u.data })
				.from(u)
				.where(and(eq(u.boardId, sql.placeholder('boardId')), gt(u.id, sql.placeholder('after'))))
				.orderBy(asc(u.id))
				.prepare()
		),
	append: () =>
		prepared('boards.log.append', (db) =>
			db
				.insert(u)
				.values({ boardId: sql.placeholder('boardId'), data: sql.placeholder('data') })
				.returning({ id: u.id })
				.prepare()
		)
};

/** Updates wrap the driver's Buffer in a plain Uint8Array (what Yjs expects on every platform). */
const bytes = (data: Uint8Array) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** The rows of a board after `after` (0: all), oldest first. */
export function rowsSinceIn(_tx: Db, boardId: number, after: number): LogRow[] {
	return statements
		.since()
		.all({ boardId, after })
		.map((r) => ({ id: r.id, data: bytes(r.data) }));
}

/** Appends one update; returns its id. */
export function appendIn(_tx: Db, boardId: number, data: Uint8Array): number {
	return statements.append().get({ boardId, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) })!.id;
}

/** Replaces the rows of a board up to `upTo` by one row with that id holding `state`. */
export function compactIn(tx: Db, boardId: number, upTo: number, state: Uint8Array): void {
	tx.delete(u).where(and(eq(u.boardId, boardId), lte(u.id, upTo))).run();
	tx.insert(u).values({ id: upTo, boardId, data: Buffer.from(state.buffer, state.byteOffset, state.byteLength) }).run();
}

export async function rowsSince(boardId: number, after = 0): Promise<LogRow[]> {
	return rowsSinceIn(getDb(), boardId, after);
}

/** Appends one update on its own (seeding, a new board's first state); returns its id. */
export async function append(boardId: number, data: Uint8Array): Promise<number> {
	return transaction((tx) => appendIn(tx, boardId, data));
}

/** How many rows and bytes a board's log holds now. */
export async function logSize(boardId: number): Promise<{ rows: number; bytes: number }> {
	const r = await getDb()
		.select({ rows: sql<number>`count(*)`, bytes: sql<number>`coalesce(sum(length(${u.data})), 0)` })
		.from(u)
		.where(eq(u.boardId, boardId))
		.get();
	return { rows: Number(r?.rows ?? 0), bytes: Number(r?.bytes ?? 0) };
}
