/**
 * Domain events: what happened, said by the capability that did it, once its transaction committed.
 * Listeners (realtime today; mail and others later) subscribe by type. The domain never imports
 * realtime: it says `emit({ type: 'board.link.revoked', … })` and whoever cares acts on it.
 *
 * - Emit only after the change is committed (a listener reads the database and must see it).
 * - A listener's failure is logged and never reaches the one who emitted: the change is done.
 * - Listeners run on the node where the change happened; a listener that must reach other nodes
 *   (realtime, with the socket.io Redis adapter) passes the event on itself.
 * The listeners live on globalThis, so that the dev server's reloaded modules share one list.
 */

/** What happened. Ids are database ids; `sessionId` is the session's stored id (the token's hash). */
export type DomainEvent =
	/** A staff session ended: logout (or an expired session found on use). */
	| { type: 'session.ended'; sessionId: string; userId: number | null }
	/** A staff account changed what it may do: deactivated, roles or councils changed, password changed. */
	| { type: 'user.changed'; userId: number; change: 'deactivated' | 'activated' | 'roles' | 'password' }
	/** A board link was revoked. */
	| { type: 'board.link.revoked'; boardId: number; linkId: number }
	/** A staff member's level on a board changed or was taken away. */
	| { type: 'board.member.changed'; boardId: number; userId: number }
	/** A board was archived (or taken out of the archive). */
	| { type: 'board.archived'; boardId: number; archived: boolean }
	/** The staff of a dialogue table changed (someone removed or given another role). */
	| { type: 'table.staff.changed'; tableId: number }
	/** A dialogue table went live, was locked, unlocked or ended (its phones' rights on its boards follow). */
	| { type: 'table.status.changed'; tableId: number; status: string }
	/** A participant was removed from a table (their phone's rights on its boards end). */
	| { type: 'table.participant.removed'; tableId: number; participantId: number };

export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
type Listener<E extends DomainEvent = DomainEvent> = (event: E) => void | Promise<void>;

const KEY = Symbol.for('meespraak.events');
type Store = { [KEY]?: Map<string, Set<Listener>> };
const listeners = (): Map<string, Set<Listener>> => ((globalThis as unknown as Store)[KEY] ??= new Map());

function failed(type: string, e: unknown): void {
	console.error(`[events] a listener of ${type} failed`, e);
}

/** Calls `listener` for every event of `type` (or '*' for all); answers a function that stops it. */
export function on<T extends DomainEventType>(type: T | '*', listener: Listener<EventOf<T>>): () => void {
	let set = listeners().get(type);
	if (!set) listeners().set(type, (set = new Set()));
	set.add(listener as Listener);
	return () => void set.delete(listener as Listener);
}

/** Tells the listeners what happened. Call after the transaction committed; never throws. */
export function emit(event: DomainEvent): void {
	for (const key of [event.type, '*']) {
		for (const listener of listeners().get(key) ?? []) {
			try {
				const r = listener(event);
				if (r && typeof (r as Promise<void>).catch === 'function') (r as Promise<void>).catch((e) => failed(event.type, e));
			} catch (e) {
				failed(event.type, e);
			}
		}
	}
}
