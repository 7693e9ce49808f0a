/**
 * Socket events for live dialogue tables. Phones join by code, projectors watch, staff facilitate.
 * Events in: table:join {code, name?, token?}, table:watch {code}, table:facilitate {code}, table:snapshot,
 * table:contribute {clientId, text, phaseId?}, table:vote {phaseId, votes}, table:poll {phaseId, choices},
 * table:group {groupId|null} (world café), table:action {type, …} (staff on the table only).
 * Every message is checked, rate-limited per connection and acknowledged with `{ ok: true, … }` or
 * `{ ok: false, error }`; a bad message never closes the connection.
 *
 * Events out, to room `table:<id>` (everyone) or `table:<id>:staff`: the change itself, never 'go and
 * fetch everything' — a room of 500 phones refetching the table after every contribution would cost
 * the server 500 snapshots per contribution.
 * - table:contribution {tableId, contribution}: a new or changed contribution (pending ones to staff only);
 *   table:contributions {tableId, contributions}: several at once from a busy room;
 * - table:removed {tableId, ids}: contributions hidden or merged away;
 * - table:results {tableId, phaseId, revealed, results}: a vote tally (staff; the room once revealed), at most every RESULTS_GAP ms;
 * - table:count {tableId, participantCount, groups}: who has joined, at most every COUNT_GAP ms;
 * - table:state {tableId, serverNow, table, phases, groups, participantCount}: after a facilitator action, the
 *   table without its contributions (phases, timers, status, revealed results);
 * - table:changed {tableId, reason}: to staff only, who then fetch their own snapshot (they see what the room does not);
 * - table:expelled {tableId}: to the phones of a participant the facilitator removed (their token no longer works).
 * Every payload is read from the database when it is sent, so nothing here is state: after a reconnect a
 * client gets a full snapshot, and with the socket.io Redis adapter several nodes can serve one table.
 */
import type { Server, Socket } from 'socket.io';
import { validateSession, type StaffUser } from '../auth';
import { sessionToken } from './session';
import type { RateLimit } from '../ratelimit';
import { connectionLimit } from './limit';
import { addressOf } from './connections';
import {
	addContribution,
	answerPoll,
	applyAction,
	canFacilitate,
	castVotes,
	chooseGroup,
	contributionViews,
	findTableByCode,
	isPublic,
	joinTable,
	phaseResults,
	resumeParticipant,
	snapshot,
	tableCounts,
	type SnapshotContribution,
	type Viewer
} from '../tables';
import { isRecord } from '../tables/validate';

export type TableConnection =
	| { tableId: number; role: 'participant'; participantId: number }
	| { tableId: number; role: 'staff' }
	| { tableId: number; role: 'public' };

type Reply = { ok: boolean; error?: string; [k: string]: unknown };
type Ack = (reply: Reply) => void;

export const tableRoom = (tableId: number) => `table:${tableId}`;
export const tableStaffRoom = (tableId: number) => `table:${tableId}:staff`;
/** One participant's phones (a participant may have the table open on two). */
export const participantRoom = (tableId: number, participantId: number) => `table:${tableId}:p:${participantId}`;

export type TableChange = { tableId: number; reason: string; phaseId?: number | null; contributionId?: number };

/** Tells the staff of a table that something changed; their consoles fetch a fresh snapshot. */
export function announce(io: Server, change: TableChange): void {
	io.to(tableStaffRoom(change.tableId)).emit('table:changed', change);
}

type Outgoing = { items: SnapshotContribution[]; scheduled: boolean };
const outgoing = new WeakMap<Server, Map<number, Outgoing>>();

/**
 * A new contribution: to the whole room when it is public, else (pre-moderation) to staff only.
 * Writing one message to every socket of a big room is the server's main cost (about 15 µs a socket).
 * Contributions handled in the same turn of the event loop go out together ('table:contributions'), once
 * that turn is over: a quiet room gets each at once, while a room that keeps the server busy (1,000
 * phones) has several waiting after every push, and they share the next one instead of each paying for
 * a 1,000-socket write. Everything in the queue is stored already; a screen that reconnects gets it
 * from its snapshot.
 */
export function announceContribution(io: Server, tableId: number, c: SnapshotContribution): void {
	const view = { ...c, mine: false };
	if (!isPublic(c)) {
		io.to(tableStaffRoom(tableId)).emit('table:contribution', { tableId, contribution: view });
		return;
	}
	let rooms = outgoing.get(io);
	if (!rooms) outgoing.set(io, (rooms = new Map()));
	let q = rooms.get(tableId);
	if (!q) rooms.set(tableId, (q = { items: [], scheduled: false }));
	q.items.push(view);
	if (q.scheduled) return;
	q.scheduled = true;
	setImmediate(() => sendContributions(io, tableId));
}

/** Sends what waits for a room now (also before any other push to it, so the order of changes holds). */
export function sendContributions(io: Server, tableId: number): void {
	const rooms = outgoing.get(io);
	const q = rooms?.get(tableId);
	if (!q) return;
	rooms!.delete(tableId);
	const items = q.items;
	if (items.length === 1) io.to(tableRoom(tableId)).emit('table:contribution', { tableId, contribution: items[0] });
	else if (items.length > 1) io.to(tableRoom(tableId)).emit('table:contributions', { tableId, contributions: items });
}

const RESULTS_GAP = 150;
const COUNT_GAP = 300;
type Throttle = { last: number; timer: ReturnType<typeof setTimeout> | null };
const throttles = new WeakMap<Server, Map<string, Throttle>>();

/**
 * Runs `send` now, or once `gap` ms after the last run when one was recent, so a burst of 500 votes
 * gives a handful of messages, the last of which is always up to date (`send` reads the database).
 */
function throttled(io: Server, key: string, gap: number, send: () => Promise<void>): void {
	let pending = throttles.get(io);
	if (!pending) throttles.set(io, (pending = new Map()));
	const entry = pending.get(key) ?? { last: 0, timer: null };
	pending.set(key, entry);
	if (entry.timer) return;
	const run = () => {
		entry.timer = null;
		entry.last = Date.now();
		send().catch((e) => console.error(`[tables] ${key} failed`, e));
	};
	const wait = entry.last + gap - Date.now();
	if (wait <= 0) run();
	else {
		entry.timer = setTimeout(run, wait);
		entry.timer.unref?.();
	}
}

export function announceResults(io: Server, tableId: number, phaseId: number): void {
	throttled(io, `results:${phaseId}`, RESULTS_GAP, async () => {
		const r = await phaseResults(phaseId);
		if (!r.ok || r.tableId !== tableId) return;
		io.to(r.revealed ? tableRoom(tableId) : tableStaffRoom(tableId)).emit('table:results', r);
	});
}

export function announceCount(io: Server, tableId: number): void {
	throttled(io, `count:${tableId}`, COUNT_GAP, async () => {
		const r = await tableCounts(tableId);
		if (r.ok) io.to(tableRoom(tableId)).emit('table:count', r);
	});
}

/** After a facilitator action: the table without contributions to the room, a refetch hint to staff. */
export async function announceState(io: Server, change: TableChange): Promise<void> {
	sendContributions(io, change.tableId);
	const snap = await snapshot(change.tableId, { kind: 'room' });
	if (!snap.ok) return;
	const { serverNow, table, phases, groups, participantCount, workshop } = snap.snapshot;
	io.to(tableRoom(change.tableId)).except(tableStaffRoom(change.tableId)).emit('table:state', { tableId: change.tableId, serverNow, table, phases, groups, participantCount, workshop });
	announce(io, change);
}

const DEFAULT_LIMIT: RateLimit = { max: 20, windowMs: 10_000 };

function viewerOf(conn: TableConnection, user: StaffUser | null): Viewer {
	if (conn.role === 'participant') return { kind: 'participant', participantId: conn.participantId };
	if (conn.role === 'staff' && user) return { kind: 'staff', user };
	return { kind: 'public' };
}

export function registerTableHandlers(io: Server, socket: Socket): void {
	const allowed = connectionLimit('TABLE_SOCKET_LIMIT', DEFAULT_LIMIT);

	const conn = (): TableConnection | undefined => socket.data.table as TableConnection | undefined;
	const user = (): StaffUser | null => (socket.data.user as StaffUser | null) ?? null;
	/**
	 * Staff events check the session again (a socket lives for hours): a logout, an expired session or a
	 * deactivated account stops the console at its next action. Also picks up changed roles.
	 */
	const currentStaff = async (): Promise<StaffUser | null> => {
		const token = sessionToken(socket.handshake.headers.cookie);
		const session = token ? await validateSession(token) : null;
		socket.data.user = session?.user ?? null;
		return user();
	};

	function on(event: string, handler: (payload: unknown) => Promise<Reply>): void {
		socket.on(event, async (payload?: unknown, ack?: unknown) => {
			if (typeof payload === 'function' && ack === undefined) [payload, ack] = [undefined, payload];
			const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => {};
			if (!allowed()) return reply({ ok: false, error: 'rate_limited' });
			try {
				reply(await handler(payload));
			} catch (e) {
				console.error(`[tables] ${event} failed`, e);
				reply({ ok: false, error: 'server_error' });
			}
		});
	}

	async function enter(next: TableConnection): Promise<void> {
		const previous = conn();
		if (previous?.role === 'participant') await socket.leave(participantRoom(previous.tableId, previous.participantId));
		if (previous && previous.tableId !== next.tableId) {
			await socket.leave(tableRoom(previous.tableId));
			await socket.leave(tableStaffRoom(previous.tableId));
		}
		if (previous?.role === 'staff' && next.role !== 'staff') await socket.leave(tableStaffRoom(next.tableId));
		socket.data.table = next;
		await socket.join(tableRoom(next.tableId));
		if (next.role === 'staff') await socket.join(tableStaffRoom(next.tableId));
		if (next.role === 'participant') await socket.join(participantRoom(next.tableId, next.participantId));
	}

	on('table:join', async (payload) => {
		if (!isRecord(payload)) return { ok: false, error: 'bad_payload' };
		const { code, name, token } = payload;
		if (token !== undefined && typeof token !== 'string') return { ok: false, error: 'bad_payload' };
		const found = await findTableByCode(code);
		if (!found.ok) return found;
		let participantId: number | null = null;
		let participantToken = typeof token === 'string' ? token : '';
		if (participantToken) {
			const resumed = await resumeParticipant(participantToken);
			if (resumed.ok && resumed.tableId === found.tableId) participantId = resumed.participantId;
			// Removed by the facilitator: said so, and no way back in as someone new from this phone.
			else if (!resumed.ok && resumed.error === 'participant_removed') return resumed;
		}
		const isNew = participantId === null;
		if (participantId === null) {
			const joined = await joinTable(code, name, { address: addressOf(socket) });
			if (!joined.ok) return joined;
			participantId = joined.participantId;
			participantToken = joined.participantToken;
		}
		const next: TableConnection = { tableId: found.tableId, role: 'participant', participantId };
		// In the room before the snapshot is read: a change made after it is pushed, one made before is in it.
		await enter(next);
		const snap = await snapshot(found.tableId, viewerOf(next, null));
		if (!snap.ok) return snap;
		if (isNew) announceCount(io, found.tableId);
		return { ok: true, participantToken, snapshot: snap.snapshot };
	});

	on('table:watch', async (payload) => {
		if (!isRecord(payload)) return { ok: false, error: 'bad_payload' };
		const found = await findTableByCode(payload.code);
		if (!found.ok) return found;
		// A table that has ended is read by its participants (their token) and its staff only.
		if (found.status === 'ended') return { ok: false, error: 'table_ended' };
		await enter({ tableId: found.tableId, role: 'public' });
		const snap = await snapshot(found.tableId, { kind: 'public' });
		if (!snap.ok) return snap;
		return { ok: true, snapshot: snap.snapshot };
	});

	on('table:facilitate', async (payload) => {
		if (!isRecord(payload)) return { ok: false, error: 'bad_payload' };
		const me = await currentStaff();
		if (!me) return { ok: false, error: 'forbidden' };
		const found = await findTableByCode(payload.code);
		if (!found.ok) return found;
		if (!(await canFacilitate(found.tableId, me))) return { ok: false, error: 'forbidden' };
		await enter({ tableId: found.tableId, role: 'staff' });
		const snap = await snapshot(found.tableId, { kind: 'staff', user: me });
		if (!snap.ok) return snap;
		return { ok: true, snapshot: snap.snapshot };
	});

	on('table:snapshot', async () => {
		const c = conn();
		if (!c) return { ok: false, error: 'not_joined' };
		const snap = await snapshot(c.tableId, viewerOf(c, user()));
		return snap.ok ? { ok: true, snapshot: snap.snapshot } : snap;
	});

	const asParticipant = (): { tableId: number; participantId: number } | Reply => {
		const c = conn();
		if (!c) return { ok: false, error: 'not_joined' };
		if (c.role !== 'participant') return { ok: false, error: 'forbidden' };
		return c;
	};

	on('table:contribute', async (payload) => {
		const c = asParticipant();
		if ('ok' in c) return c;
		if (!isRecord(payload)) return { ok: false, error: 'bad_payload' };
		const r = await addContribution(c.participantId, { clientId: payload.clientId, text: payload.text, phaseId: payload.phaseId, lens: payload.lens });
		if (r.ok && r.contribution) announceContribution(io, c.tableId, r.contribution);
		return r;
	});

	on('table:vote', async (payload) => {
		const c = asParticipant();
		if ('ok' in c) return c;
		if (!isRecord(payload)) return { ok: false, error: 'bad_payload' };
		const r = await castVotes(c.participantId, payload.phaseId, payload.votes);
		if (r.ok) announceResults(io, c.tableId, payload.phaseId as number);
		return r;
	});

	on('table:poll', async (payload) => {
		const c = asParticipant();
		if ('ok' in c) return c;
		if (!isRecord(payload)) return { ok: false, error: 'bad_payload' };
		const r = await answerPoll(c.participantId, payload.phaseId, payload.choices);
		if (r.ok) announceResults(io, c.tableId, payload.phaseId as number);
		return r;
	});

	on('table:group', async (payload) => {
		const c = asParticipant();
		if ('ok' in c) return c;
		if (!isRecord(payload) || !('groupId' in payload)) return { ok: false, error: 'bad_payload' };
		const r = await chooseGroup(c.participantId, payload.groupId);
		if (r.ok) announceCount(io, c.tableId);
		return r;
	});

	on('table:action', async (payload) => {
		const c = conn();
		if (!c) return { ok: false, error: 'not_joined' };
		if (c.role !== 'staff') return { ok: false, error: 'forbidden' };
		const r = await applyAction(await currentStaff(), c.tableId, payload);
		if (!r.ok) return r;
		const change: TableChange = { tableId: c.tableId, reason: r.type, phaseId: r.phaseId, contributionId: r.contributionId };
		if (r.contribution) {
			// Typed on someone's behalf: a contribution like any other, no need to redraw the table.
			announceContribution(io, c.tableId, r.contribution);
			return r;
		}
		if (r.type === 'remove_participant' && r.participantId) {
			const them = participantRoom(c.tableId, r.participantId);
			io.to(them).emit('table:expelled', { tableId: c.tableId });
			io.in(them).socketsLeave([tableRoom(c.tableId), them]);
			for (const phaseId of r.phaseIds ?? []) announceResults(io, c.tableId, phaseId);
			announceCount(io, c.tableId);
		}
		if (r.touched?.length) {
			sendContributions(io, c.tableId);
			const views = await contributionViews(c.tableId, r.touched);
			const gone = views.filter((v) => !isPublic(v)).map((v) => v.id);
			for (const v of views) if (isPublic(v)) io.to(tableRoom(c.tableId)).emit('table:contribution', { tableId: c.tableId, contribution: v });
			if (gone.length) io.to(tableRoom(c.tableId)).except(tableStaffRoom(c.tableId)).emit('table:removed', { tableId: c.tableId, ids: gone });
		}
		await announceState(io, change);
		return r;
	});
}
