/**
 * Browser-side store for one live dialogue table over socket.io (phones, projector, consoles).
 *
 * - `join` (phone), `watch` (public projector), `facilitate` (staff), `auto` (facilitate, else watch).
 * - Keeps the latest Snapshot in `$state`: a full one on (re)joining (a phone re-joins with the participant
 *   token kept in localStorage per code), then applies what the server pushes (table:contribution,
 *   table:removed, table:results, table:count, table:state). Staff consoles refetch their own snapshot
 *   on 'table:changed' (they see pending and hidden contributions the room does not).
 * - Contributions go through an outbox persisted in localStorage with a client id; unacknowledged
 *   items are sent again after a reconnect until acknowledged. The server stores a client id once,
 *   so a re-send never makes a duplicate.
 * Usage: `const table = new TableClient(code, 'join'); onMount(() => table.start());`
 */
import type { Socket } from 'socket.io-client';
import { getSocket } from '$lib/realtime/client';
import {
	applyContribution,
	applyCount,
	applyMyGroup,
	applyMyVotes,
	applyRemoved,
	applyResults,
	applyState,
	isTransient,
	parseOutbox,
	withoutItem,
	type CountPush,
	type OutboxItem,
	type ResultsPush,
	type Snapshot,
	type SnapshotContribution,
	type StatePush,
	type TableReply
} from './logic';

export * from './logic';

export type TableMode = 'join' | 'watch' | 'facilitate' | 'auto';
export type ConnectionStatus = 'connecting' | 'live' | 'offline';
/** A contribution the server refused for good (e.g. phase closed): its text is given back, never lost. */
export type RefusedItem = OutboxItem & { error: string };

const ACK_TIMEOUT = 10_000;
const REFRESH_GAP = 600;
/** First pause before a queued contribution is sent again on a live connection; doubles up to 30 s. */
const RETRY_FIRST = 2_000;
/**
 * Refusals the server's limits give for now (too many connections from this address, too many phones
 * joining at once): said on the page, then tried again after a pause of this much, plus up to as much at random.
 */
const BUSY_PAUSE = 15_000;
const busyPause = () => BUSY_PAUSE + Math.random() * BUSY_PAUSE;

const storage = (): Storage | null => {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
};

export const tokenKey = (code: string) => `meespraak:table:${code}:token`;
export const outboxKey = (code: string) => `meespraak:table:${code}:outbox`;
export const draftKey = (code: string, phaseId: number | string) => `meespraak:table:${code}:draft:${phaseId}`;

export class TableClient {
	readonly code: string;
	readonly mode: TableMode;
	/** The latest snapshot (null until the first one arrives). */
	snapshot = $state.raw<Snapshot | null>(null);
	status = $state<ConnectionStatus>('connecting');
	/** Error code of the last failed join/watch (table_not_found, table_locked, …); null when fine. */
	error = $state<string | null>(null);
	/** The server took this connection's staff right away while it was open ('signed_out', 'forbidden'). */
	ended = $state<string | null>(null);
	/** Role this connection got: 'participant', 'staff' or 'public'. */
	role = $state<'participant' | 'staff' | 'public' | null>(null);
	/** Contributions not yet acknowledged by the server. */
	outbox = $state<OutboxItem[]>([]);
	/** Contributions refused for good, with their text. */
	refused = $state<RefusedItem[]>([]);
	/** serverNow - local clock at the last snapshot, for timers. */
	offset = $state(0);

	#socket: Socket | null = null;
	#name: string | undefined;
	#joined = false;
	#inflight = new Set<string>();
	#fetching: Promise<void> | null = null;
	#again = false;
	#cleanup: (() => void) | null = null;
	#flushing = false;
	#retry: ReturnType<typeof setTimeout> | null = null;
	#retries = 0;
	#busy: ReturnType<typeof setTimeout> | null = null;

	constructor(code: string, mode: TableMode = 'join', options: { name?: string } = {}) {
		this.code = code;
		this.mode = mode;
		this.#name = options.name;
		this.outbox = parseOutbox(storage()?.getItem(outboxKey(code)) ?? null);
	}

	/** Whether this browser already joined this table (has a participant token). */
	get hasToken(): boolean {
		return !!storage()?.getItem(tokenKey(this.code));
	}

	/** Connects and joins; call from onMount. Returns the cleanup function. */
	start(options: { name?: string } = {}): () => void {
		if (options.name !== undefined) this.#name = options.name;
		if (this.#cleanup) return this.#cleanup;
		const s = (this.#socket = getSocket());
		const onConnect = () => {
			this.status = 'live';
			void this.#enter();
		};
		const onDisconnect = () => {
			this.status = 'offline';
			this.#joined = false;
			this.#inflight.clear();
		};
		// Refused by the server's limit on connections per address: say so, and connect again later.
		const onConnectError = (err?: { message?: string }) => {
			onDisconnect();
			if (err?.message !== 'too_many_connections') return;
			this.error = 'too_many_connections';
			this.#later(() => {
				if (!s.connected) s.connect();
			});
		};
		// The facilitator removed this participant: their contributions are gone from the screens, and so is the table here.
		const onExpelled = (p: { tableId: number }) => {
			if (this.snapshot && p.tableId !== this.snapshot.table.id) return;
			this.#joined = false;
			this.snapshot = null;
			this.error = 'participant_removed';
		};
		const onChanged = () => void this.refresh();
		const onContribution = (p: { tableId: number; contribution: SnapshotContribution }) => this.#apply(applyContribution(this.snapshot, p.tableId, p.contribution));
		const onContributions = (p: { tableId: number; contributions: SnapshotContribution[] }) => {
			let next = this.snapshot;
			for (const c of p.contributions) next = applyContribution(next, p.tableId, c);
			this.#apply(next);
		};
		const onRemoved = (p: { tableId: number; ids: number[] }) => this.#apply(applyRemoved(this.snapshot, p.tableId, p.ids));
		const onResults = (p: ResultsPush) => this.#apply(applyResults(this.snapshot, p));
		const onCount = (p: CountPush) => this.#apply(applyCount(this.snapshot, p));
		const onState = (p: StatePush) => {
			const next = applyState(this.snapshot, p);
			if (next !== this.snapshot) this.offset = p.serverNow - Date.now();
			this.#apply(next);
		};
		const onAccess = (p: { tableId?: number; error?: string }) => {
			if (this.snapshot && p?.tableId !== this.snapshot.table.id) return;
			this.ended = p?.error ?? 'forbidden';
			this.#joined = false;
		};
		const pushes = { 'table:contribution': onContribution, 'table:contributions': onContributions, 'table:removed': onRemoved, 'table:results': onResults, 'table:count': onCount, 'table:state': onState, 'table:access': onAccess } as const;
		const onOnline = () => {
			if (!s.connected) s.connect();
		};
		// The browser knows before the socket does (engine.io ignores this on localhost): drop at once,
		// so what is sent now waits in the outbox, and connect again when the network is back.
		const onOffline = () => {
			if (s.connected) s.disconnect();
			onDisconnect();
		};
		s.on('connect', onConnect);
		s.on('disconnect', onDisconnect);
		s.on('connect_error', onConnectError);
		s.on('table:changed', onChanged);
		s.on('table:expelled', onExpelled);
		for (const [event, fn] of Object.entries(pushes)) s.on(event, fn as (...args: any[]) => void);
		window.addEventListener('online', onOnline);
		window.addEventListener('offline', onOffline);
		if (s.connected) onConnect();
		else if (!s.active) s.connect();
		this.#cleanup = () => {
			s.off('connect', onConnect);
			s.off('disconnect', onDisconnect);
			s.off('connect_error', onConnectError);
			s.off('table:changed', onChanged);
			s.off('table:expelled', onExpelled);
			for (const [event, fn] of Object.entries(pushes)) s.off(event, fn as (...args: any[]) => void);
			window.removeEventListener('online', onOnline);
			window.removeEventListener('offline', onOffline);
			if (this.#retry) clearTimeout(this.#retry);
			if (this.#busy) clearTimeout(this.#busy);
			this.#retry = this.#busy = null;
			this.#cleanup = null;
		};
		return this.#cleanup;
	}

	stop(): void {
		this.#cleanup?.();
	}

	/** Emits with an acknowledgement; never throws. Offline or no answer gives { ok:false, error:'offline'|'timeout' }. */
	emit(event: string, payload?: unknown): Promise<TableReply> {
		const s = this.#socket ?? getSocket();
		if (!s.connected || (typeof navigator !== 'undefined' && navigator.onLine === false)) return Promise.resolve({ ok: false, error: 'offline' });
		return new Promise((resolve) => {
			s.timeout(ACK_TIMEOUT).emit(event, payload ?? {}, (err: unknown, reply: TableReply) => {
				resolve(err ? { ok: false, error: 'timeout' } : (reply ?? { ok: false, error: 'server_error' }));
			});
		});
	}

	/** Takes a pushed change, unless this connection has not (re)joined yet: the snapshot it gets then includes it. */
	#apply(next: Snapshot | null): void {
		if (this.#joined && next && next !== this.snapshot) this.snapshot = next;
	}

	#accept(snap: unknown): void {
		if (!snap || typeof snap !== 'object') return;
		const s = snap as Snapshot;
		this.offset = s.serverNow - Date.now();
		this.snapshot = s;
		this.role = s.viewer;
	}

	async #enter(): Promise<void> {
		const store = storage();
		let reply: TableReply;
		if (this.mode === 'join') {
			const token = store?.getItem(tokenKey(this.code)) ?? undefined;
			const payload: Record<string, unknown> = { code: this.code };
			if (token) payload.token = token;
			if (this.#name) payload.name = this.#name;
			reply = await this.emit('table:join', payload);
			if (reply.ok && typeof reply.participantToken === 'string') store?.setItem(tokenKey(this.code), reply.participantToken);
		} else if (this.mode === 'watch') {
			reply = await this.emit('table:watch', { code: this.code });
		} else {
			reply = await this.emit('table:facilitate', { code: this.code });
			if (!reply.ok && this.mode === 'auto' && (reply.error === 'forbidden' || reply.error === 'server_error'))
				reply = await this.emit('table:watch', { code: this.code });
		}
		if (!reply.ok) {
			if (isTransient(reply.error)) return; // reconnect will try again
			this.error = reply.error ?? 'server_error';
			// Many phones joining at once: this one waits its turn and tries again by itself.
			if (reply.error === 'too_many_joins') this.#later(() => void this.#enter());
			return;
		}
		this.error = null;
		this.#joined = true;
		this.#accept(reply.snapshot);
		void this.flush();
	}

	/** Runs `fn` after a pause (once at a time; the page's cleanup cancels it). */
	#later(fn: () => void): void {
		if (this.#busy || !this.#cleanup) return;
		this.#busy = setTimeout(() => {
			this.#busy = null;
			fn();
		}, busyPause());
	}

	/** Fetches a fresh snapshot (coalesces bursts of 'table:changed'); after a reconnect the join does this. */
	refresh(): Promise<void> {
		if (!this.#joined) return Promise.resolve();
		if (this.#fetching) {
			this.#again = true;
			return this.#fetching;
		}
		this.#fetching = (async () => {
			// At most one fetch per REFRESH_GAP: a busy console gets many 'table:changed', and every message
			// counts against the server's per-connection rate limit (actions must stay possible).
			do {
				this.#again = false;
				const reply = await this.emit('table:snapshot');
				if (reply.ok) this.#accept(reply.snapshot);
				else if (reply.error === 'not_joined') void this.#enter();
				else if (reply.error === 'rate_limited') this.#again = true;
				if (this.#again) await new Promise((r) => setTimeout(r, reply.error === 'rate_limited' ? 2 * REFRESH_GAP : REFRESH_GAP));
			} while (this.#again && this.#joined);
			this.#fetching = null;
		})();
		return this.#fetching;
	}

	#save(): void {
		storage()?.setItem(outboxKey(this.code), JSON.stringify(this.outbox));
	}

	/**
	 * Queues a contribution and tries to send it. Resolves with the server's reply, or with
	 * { ok:false, error:'offline' } while it waits in the outbox (it will be sent when the connection is back).
	 */
	contribute(text: string, phaseId: number | null = this.snapshot?.table.currentPhaseId ?? null, lens: number | null = null): Promise<TableReply> {
		const item: OutboxItem = { clientId: crypto.randomUUID(), text, phaseId, createdAt: Date.now(), ...(lens ? { lens } : {}) };
		this.outbox = [...this.outbox, item];
		this.#save();
		return this.#send(item);
	}

	async #send(item: OutboxItem): Promise<TableReply> {
		if (!this.#joined || this.#inflight.has(item.clientId)) return { ok: false, error: 'offline' };
		this.#inflight.add(item.clientId);
		const payload: Record<string, unknown> = { clientId: item.clientId, text: item.text };
		if (item.phaseId !== null) payload.phaseId = item.phaseId;
		if (item.lens) payload.lens = item.lens;
		const reply = await this.emit('table:contribute', payload);
		this.#inflight.delete(item.clientId);
		if (reply.ok) {
			this.#retries = 0;
			this.outbox = withoutItem(this.outbox, item.clientId);
			this.#save();
			// Shown at once (also when pre-moderation holds it back from the room).
			const c = reply.contribution as SnapshotContribution | undefined;
			if (c && this.snapshot) this.#apply(applyContribution(this.snapshot, this.snapshot.table.id, c));
		} else if (!isTransient(reply.error)) {
			this.outbox = withoutItem(this.outbox, item.clientId);
			this.refused = [...this.refused, { ...item, error: reply.error ?? 'server_error' }];
			this.#save();
		} else this.#retryLater();
		return reply;
	}

	/**
	 * Sends every queued contribution again: after a (re)connect, and on a live connection after an
	 * unanswered or refused-for-now send (a stalled server, the rate limit), with a growing pause, until
	 * the outbox is empty. A re-send of something the server did store gets the first answer, not a copy.
	 */
	async flush(): Promise<void> {
		if (this.#flushing) return;
		this.#flushing = true;
		try {
			for (const item of [...this.outbox]) {
				const reply = await this.#send(item);
				if (!reply.ok && isTransient(reply.error)) break;
			}
		} finally {
			this.#flushing = false;
		}
		this.#retryLater();
	}

	#retryLater(): void {
		if (this.#retry || !this.outbox.length || !this.#cleanup) return;
		const delay = Math.min(30_000, RETRY_FIRST * 2 ** this.#retries++);
		this.#retry = setTimeout(() => {
			this.#retry = null;
			if (this.#joined) void this.flush();
		}, delay);
	}

	dismissRefused(clientId: string): void {
		this.refused = this.refused.filter((r) => r.clientId !== clientId);
	}

	async vote(phaseId: number, votes: { contributionId: number; count: number }[]): Promise<TableReply> {
		const reply = await this.#after(this.emit('table:vote', { phaseId, votes }), () => this.emit('table:vote', { phaseId, votes }));
		if (reply.ok) this.#apply(applyMyVotes(this.snapshot, phaseId, votes.filter((v) => v.count > 0).map((v) => ({ contributionId: v.contributionId, optionIndex: null, count: v.count }))));
		return reply;
	}

	async poll(phaseId: number, choices: number[]): Promise<TableReply> {
		const reply = await this.#after(this.emit('table:poll', { phaseId, choices }), () => this.emit('table:poll', { phaseId, choices }));
		if (reply.ok) this.#apply(applyMyVotes(this.snapshot, phaseId, choices.map((optionIndex) => ({ contributionId: null, optionIndex, count: 1 }))));
		return reply;
	}

	async group(groupId: number | null): Promise<TableReply> {
		const reply = await this.#after(this.emit('table:group', { groupId }), () => this.emit('table:group', { groupId }));
		if (reply.ok) this.#apply(applyMyGroup(this.snapshot, (reply.groupId as number | null | undefined) ?? groupId));
		return reply;
	}

	/** Staff only: { type: 'next' } etc. (see TableAction). */
	action(action: { type: string; [k: string]: unknown }): Promise<TableReply> {
		return this.#after(this.emit('table:action', action), () => this.emit('table:action', action));
	}

	/**
	 * A refused-by-rate-limit message was not processed, so sending it again is safe. No refetch here:
	 * every change is pushed to the room (and 'table:changed' to staff).
	 */
	async #after(p: Promise<TableReply>, again: () => Promise<TableReply>): Promise<TableReply> {
		let reply = await p;
		for (let i = 0; i < 3 && reply.error === 'rate_limited'; i++) {
			await new Promise((r) => setTimeout(r, 1500 * (i + 1)));
			reply = await again();
		}
		return reply;
	}
}
