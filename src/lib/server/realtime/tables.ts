/**
 * Socket events for live dialogue tables. Phones join by code, projectors watch, staff facilitate.
 * Events: table:join {code, name?, token?}, table:watch {code}, table:facilitate {code}, table:snapshot,
 * table:contribute {clientId, text, phaseId?}, table:vote {phaseId, votes}, table:poll {phaseId, choices},
 * table:group {groupId|null} (world café), table:action {type, …} (staff on the table only).
 * Every message is checked, rate-limited per connection and acknowledged with `{ ok: true, … }` or
 * `{ ok: false, error }`; a bad message never closes the connection. The only per-socket memory is who
 * this connection is (socket.data.table) and its message counter: table state lives in the database,
 * and changes are announced to room `table:<id>` as 'table:changed' so clients fetch a fresh snapshot
 * ('table:snapshot'). That works unchanged across nodes with the socket.io Redis adapter.
 */
import type { Server, Socket } from 'socket.io';
import { SESSION_COOKIE, validateSession, type StaffUser } from '../auth';
import { parseRateLimit, type RateLimit } from '../ratelimit';
import {
	addContribution,
	answerPoll,
	applyAction,
	castVotes,
	chooseGroup,
	findTableByCode,
	joinTable,
	resumeParticipant,
	snapshot,
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

export type TableChange = { tableId: number; reason: string; phaseId?: number | null; contributionId?: number };

/** Tells everyone at the table (or only its staff) that something changed; they fetch a new snapshot. */
export function announce(io: Server, change: TableChange, staffOnly = false): void {
	io.to(staffOnly ? tableStaffRoom(change.tableId) : tableRoom(change.tableId)).emit('table:changed', change);
}

const DEFAULT_LIMIT: RateLimit = { max: 20, windowMs: 10_000 };

function socketLimit(): RateLimit | null {
	try {
		return parseRateLimit(process.env.TABLE_SOCKET_LIMIT, DEFAULT_LIMIT);
	} catch {
		return DEFAULT_LIMIT;
	}
}

function sessionToken(cookieHeader: string | undefined): string | null {
	for (const part of (cookieHeader ?? '').split(';')) {
		const i = part.indexOf('=');
		if (i > 0 && part.slice(0, i).trim() === SESSION_COOKIE) {
			try {
				return decodeURIComponent(part.slice(i + 1).trim());
			} catch {
				return null;
			}
		}
	}
	return null;
}

function viewerOf(conn: TableConnection, user: StaffUser | null): Viewer {
	if (conn.role === 'participant') return { kind: 'participant', participantId: conn.participantId };
	if (conn.role === 'staff' && user) return { kind: 'staff', user };
	return { kind: 'public' };
}

export function registerTableHandlers(io: Server, socket: Socket): void {
	const limit = socketLimit();
	let windowStart = 0;
	let count = 0;
	const allowed = (): boolean => {
		if (!limit) return true;
		const now = Date.now();
		if (now - windowStart >= limit.windowMs) {
			windowStart = now;
			count = 0;
		}
		return ++count <= limit.max;
	};

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
		if (previous && previous.tableId !== next.tableId) {
			await socket.leave(tableRoom(previous.tableId));
			await socket.leave(tableStaffRoom(previous.tableId));
		}
		if (previous?.role === 'staff' && next.role !== 'staff') await socket.leave(tableStaffRoom(next.tableId));
		socket.data.table = next;
		await socket.join(tableRoom(next.tableId));
		if (next.role === 'staff') await socket.join(tableStaffRoom(next.tableId));
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
		}
		const isNew = participantId === null;
		if (participantId === null) {
			const joined = await joinTable(code, name);
			if (!joined.ok) return joined;
			participantId = joined.participantId;
			participantToken = joined.participantToken;
		}
		const next: TableConnection = { tableId: found.tableId, role: 'participant', participantId };
		const snap = await snapshot(found.tableId, viewerOf(next, null));
		if (!snap.ok) return snap;
		await enter(next);
		if (isNew) announce(io, { tableId: found.tableId, reason: 'participant_joined' });
		return { ok: true, participantToken, snapshot: snap.snapshot };
	});

	on('table:watch', async (payload) => {
		if (!isRecord(payload)) return { ok: false, error: 'bad_payload' };
		const found = await findTableByCode(payload.code);
		if (!found.ok) return found;
		const snap = await snapshot(found.tableId, { kind: 'public' });
		if (!snap.ok) return snap;
		await enter({ tableId: found.tableId, role: 'public' });
		return { ok: true, snapshot: snap.snapshot };
	});

	on('table:facilitate', async (payload) => {
		if (!isRecord(payload)) return { ok: false, error: 'bad_payload' };
		const me = await currentStaff();
		if (!me) return { ok: false, error: 'forbidden' };
		const found = await findTableByCode(payload.code);
		if (!found.ok) return found;
		const snap = await snapshot(found.tableId, { kind: 'staff', user: me });
		if (!snap.ok) return snap;
		await enter({ tableId: found.tableId, role: 'staff' });
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
		const r = await addContribution(c.participantId, { clientId: payload.clientId, text: payload.text, phaseId: payload.phaseId });
		if (r.ok) announce(io, { tableId: c.tableId, reason: 'contribution', phaseId: r.phaseId, contributionId: r.contributionId }, r.status === 'pending');
		return r;
	});

	on('table:vote', async (payload) => {
		const c = asParticipant();
		if ('ok' in c) return c;
		if (!isRecord(payload)) return { ok: false, error: 'bad_payload' };
		const r = await castVotes(c.participantId, payload.phaseId, payload.votes);
		if (r.ok) announce(io, { tableId: c.tableId, reason: 'votes', phaseId: payload.phaseId as number });
		return r;
	});

	on('table:poll', async (payload) => {
		const c = asParticipant();
		if ('ok' in c) return c;
		if (!isRecord(payload)) return { ok: false, error: 'bad_payload' };
		const r = await answerPoll(c.participantId, payload.phaseId, payload.choices);
		if (r.ok) announce(io, { tableId: c.tableId, reason: 'votes', phaseId: payload.phaseId as number });
		return r;
	});

	on('table:group', async (payload) => {
		const c = asParticipant();
		if ('ok' in c) return c;
		if (!isRecord(payload) || !('groupId' in payload)) return { ok: false, error: 'bad_payload' };
		const r = await chooseGroup(c.participantId, payload.groupId);
		if (r.ok) announce(io, { tableId: c.tableId, reason: 'group' });
		return r;
	});

	on('table:action', async (payload) => {
		const c = conn();
		if (!c) return { ok: false, error: 'not_joined' };
		if (c.role !== 'staff') return { ok: false, error: 'forbidden' };
		const r = await applyAction(await currentStaff(), c.tableId, payload);
		if (r.ok) announce(io, { tableId: c.tableId, reason: r.type, phaseId: r.phaseId, contributionId: r.contributionId });
		return r;
	});
}
