// @ts-check
/**
 * Keeps one board's Y.Doc in sync with the server over socket.io, with y-protocols' sync and awareness
 * messages. Plain JavaScript so that the browser, the unit tests and the benchmark's simulated editors
 * run the same code.
 *
 * Events on the socket (binary payloads are Uint8Array; socket.io hands Node a Buffer and the browser
 * an ArrayBuffer, both wrapped here):
 * - `board:open` {board | link | table, voter?} → ack {ok, board, level, limits, signals, awareness, voter,
 *   voterToken?} (`voter`: whose dots this connection gives, as the server says; a link holder's
 *   `voterToken` is sent back as `voter` on later opens)
 * - `board:sync` (boardId, message): a y-protocols sync message. Sync step 1 is answered in the ack
 *   {ok, reply: step 2, step1: the server's step 1}; a step 2 or an update is acknowledged {ok} once the
 *   server stored it, or refused {ok: false, error}. The server relays stored updates to the others.
 * - `board:awareness` (boardId, update), both ways; `board:signals` (server → room).
 *
 * The handshake after every (re)connect: step 1 from the client, the server's answer applied, then the
 * client sends what the server lacks (changes made offline, or whose acknowledgement never came). A
 * transient refusal (rate limit, server error, a change that depends on an earlier one the server
 * refused for a moment) or a missing acknowledgement makes the provider hand-shake again later instead
 * of sending on; a permanent one (malformed, over a limit, view-only) is reported as 'refused' and the
 * owner starts a fresh document from the server's.
 * Events (`provider.on(name, fn)`): 'status' (connecting/live/offline), 'opened' (the server's answer to
 * board:open), 'error' (the board cannot be opened: its code), 'loaded' (the server's document is applied),
 * 'synced' (the handshake is done both ways), 'pending' (changes not yet stored), 'saved', 'refused' (a
 * permanent refusal: its code), 'signals' (which notes back which signals), 'level' (the server stepped
 * this connection down, e.g. edit → view) and 'ended' (the right to the board ended: a revoked link, a
 * member taken off, a logout; its code). After 'ended' the provider sends nothing more.
 * `savedClock` is how far this device's own changes are stored (what lies beyond was not saved).
 */
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

/** Errors after which the same change may be sent again (by a new handshake). */
export const TRANSIENT = new Set(['rate_limited', 'server_error', 'out_of_order', 'timeout', 'not_open']);

const ACK_TIMEOUT = 10_000;
const RETRY_FIRST = 1_000;
const RETRY_MAX = 30_000;

/** @param {unknown} data @returns {Uint8Array | null} */
export function toBytes(data) {
	if (data instanceof Uint8Array) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return null;
}

/**
 * @typedef {{ board?: number; link?: string; table?: string; watch?: string; voter?: string }} Credentials
 * @typedef {'connecting' | 'live' | 'offline'} Status
 * @typedef {{ ok: boolean; error?: string; [k: string]: unknown }} Reply
 * @typedef {import('socket.io-client').Socket} Socket
 */

export class BoardProvider {
	/**
	 * @param {Socket} socket a socket.io client socket (may be shared with other pages' rooms)
	 * @param {Credentials} credentials
	 * @param {Y.Doc} doc
	 * @param {{ awareness?: awarenessProtocol.Awareness; readOnly?: boolean }} [options]
	 */
	constructor(socket, credentials, doc, options = {}) {
		this.socket = socket;
		this.credentials = credentials;
		this.doc = doc;
		this.awareness = options.awareness ?? new awarenessProtocol.Awareness(doc);
		/** Set by the server's answer to `board:open`. @type {number | null} */
		this.boardId = null;
		/** @type {'view' | 'edit' | 'facilitate' | null} */
		this.level = null;
		this.readOnly = !!options.readOnly;
		/** @type {Status} */
		this.status = socket.connected ? 'live' : 'connecting';
		/** True once the handshake after the last connect is done. */
		this.synced = false;
		/** Updates sent and not yet acknowledged. */
		this.pending = 0;
		/** Local changes made while not in sync: sent with the next handshake. */
		this.unsent = false;
		/** @type {Map<string, Set<(payload: any) => void>>} */
		this.listeners = new Map();
		this.destroyed = false;
		this.retries = 0;
		/** @type {ReturnType<typeof setTimeout> | null} */
		this.retryTimer = null;
		this.handshaking = false;
		/** This device's own changes below this Yjs clock are stored by the server. */
		this.savedClock = 0;

		/** @param {Uint8Array} update @param {unknown} origin */
		this.onDocUpdate = (update, origin) => {
			if (origin === this || this.readOnly || this.level === 'view' || this.ended) return;
			if (!this.synced || this.handshaking) {
				this.unsent = true;
				this.emit('pending', this.pendingCount);
				return;
			}
			const enc = encoding.createEncoder();
			syncProtocol.writeUpdate(enc, update);
			void this.sendUpdate(encoding.toUint8Array(enc));
		};
		/** @param {{ added: number[]; updated: number[]; removed: number[] }} changes @param {unknown} origin */
		this.onAwarenessUpdate = ({ added, updated, removed }, origin) => {
			if (origin !== 'local' || this.boardId === null || !this.socket.connected) return;
			const changed = added.concat(updated, removed);
			this.socket.emit('board:awareness', this.boardId, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
		};
		this.onConnect = () => {
			this.setStatus('live');
			if (!this.ended) void this.open();
		};
		this.onDisconnect = () => {
			this.setStatus('offline');
			this.synced = false;
			this.pending = 0;
			if (this.sentSinceSync) this.unsent = true;
			const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
			awarenessProtocol.removeAwarenessStates(this.awareness, others, this);
		};
		/** @param {number} boardId @param {unknown} data */
		this.onSync = (boardId, data) => {
			const bytes = toBytes(data);
			if (boardId !== this.boardId || !bytes) return;
			try {
				syncProtocol.readSyncMessage(decoding.createDecoder(bytes), encoding.createEncoder(), this.doc, this);
			} catch (e) {
				console.error('[board] could not read an update from the server', e);
			}
		};
		/** @param {number} boardId @param {unknown} data */
		this.onAwareness = (boardId, data) => {
			const bytes = toBytes(data);
			if (boardId !== this.boardId || !bytes) return;
			try {
				awarenessProtocol.applyAwarenessUpdate(this.awareness, bytes, this);
			} catch {
				/* a malformed presence message changes nothing */
			}
		};
		/** @param {{ boardId: number }} payload */
		this.onSignals = (payload) => {
			if (payload?.boardId === this.boardId) this.emit('signals', payload);
		};
		/** @param {{ boardId?: number; level?: 'view' | 'edit' | 'facilitate' | null; error?: string }} payload */
		this.onAccess = (payload) => {
			if (!payload || payload.boardId !== this.boardId || this.destroyed) return;
			if (payload.level) {
				this.level = payload.level;
				this.emit('level', payload.level);
				return;
			}
			this.ended = payload.error ?? 'forbidden';
			if (this.retryTimer) clearTimeout(this.retryTimer);
			this.retryTimer = null;
			this.synced = false;
			this.emit('ended', this.ended);
		};
		/** Why the right to the board ended (null while it holds). @type {string | null} */
		this.ended = null;
		/** Whether updates were sent since the last handshake (so a lost connection may have lost acks). */
		this.sentSinceSync = false;

		doc.on('update', this.onDocUpdate);
		this.awareness.on('update', this.onAwarenessUpdate);
		socket.on('connect', this.onConnect);
		socket.on('disconnect', this.onDisconnect);
		socket.on('board:sync', this.onSync);
		socket.on('board:awareness', this.onAwareness);
		socket.on('board:signals', this.onSignals);
		socket.on('board:access', this.onAccess);
		if (socket.connected) void this.open();
	}

	/** Changes not yet stored by the server (sent and unanswered, or waiting for the next handshake). */
	get pendingCount() {
		return this.pending + (this.unsent ? 1 : 0);
	}

	/** @param {string} event @param {(payload: any) => void} fn */
	on(event, fn) {
		let set = this.listeners.get(event);
		if (!set) this.listeners.set(event, (set = new Set()));
		set.add(fn);
		return () => set.delete(fn);
	}

	/** @param {string} event @param {unknown} [payload] */
	emit(event, payload) {
		for (const fn of this.listeners.get(event) ?? []) fn(payload);
	}

	/** @param {Status} status */
	setStatus(status) {
		if (this.status === status) return;
		this.status = status;
		this.emit('status', status);
	}

	/**
	 * Emits with an acknowledgement, answering {ok: false, error: 'timeout'} when none comes.
	 * @param {string} event @param {...unknown} args @returns {Promise<Reply>}
	 */
	request(event, ...args) {
		return new Promise((resolve) => {
			this.socket.timeout(ACK_TIMEOUT).emit(event, ...args, (/** @type {unknown} */ err, /** @type {Reply} */ reply) => {
				resolve(err ? { ok: false, error: 'timeout' } : (reply ?? { ok: false, error: 'server_error' }));
			});
		});
	}

	async open() {
		if (this.destroyed || this.ended) return;
		this.synced = false;
		const reply = await this.request('board:open', this.credentials);
		if (this.destroyed || this.ended) return;
		if (!reply.ok) {
			if (TRANSIENT.has(reply.error ?? '')) return this.retryLater();
			this.emit('error', reply.error);
			return;
		}
		const board = /** @type {{ id: number }} */ (reply.board);
		// A link holder's voter, as the server issued it: the same one after a reconnect.
		if (typeof reply.voterToken === 'string') this.credentials = { ...this.credentials, voter: reply.voterToken };
		this.boardId = board.id;
		this.level = /** @type {'view' | 'edit' | 'facilitate'} */ (reply.level);
		this.emit('opened', reply);
		const aw = toBytes(reply.awareness);
		if (aw) this.onAwareness(board.id, aw);
		await this.handshake();
		// Tell the others who is here (again, after a reconnect).
		if (this.awareness.getLocalState() !== null && this.socket.connected)
			this.socket.emit('board:awareness', board.id, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]));
	}

	/** Sync step 1 → the server's step 2 and step 1 → our step 2 (what the server lacks). @returns {Promise<void>} */
	async handshake() {
		if (this.destroyed || this.boardId === null || this.handshaking) return;
		this.handshaking = true;
		try {
			const enc = encoding.createEncoder();
			syncProtocol.writeSyncStep1(enc, this.doc);
			const hadUnsent = this.unsent || this.sentSinceSync;
			this.unsent = false;
			globalThis.performance?.mark?.('board:step1-sent');
			const reply = await this.request('board:sync', this.boardId, encoding.toUint8Array(enc));
			globalThis.performance?.mark?.('board:step2-received');
			if (this.destroyed) return;
			const step2 = toBytes(reply.reply);
			const step1 = toBytes(reply.step1);
			if (!reply.ok || !step2 || !step1) {
				this.unsent ||= hadUnsent;
				return this.failed(reply.error ?? 'server_error');
			}
			syncProtocol.readSyncMessage(decoding.createDecoder(step2), encoding.createEncoder(), this.doc, this);
			// The board as the server has it is here: it can be drawn while our own changes go the other way.
			this.emit('loaded', true);
			if (!this.readOnly && this.level !== 'view') {
				const answer = encoding.createEncoder();
				syncProtocol.readSyncMessage(decoding.createDecoder(step1), answer, this.doc, this);
				const r = await this.sendUpdate(encoding.toUint8Array(answer));
				if (!r.ok) return;
			}
			this.synced = true;
			this.sentSinceSync = false;
			this.retries = 0;
			this.emit('synced', true);
			this.emit('pending', this.pendingCount);
			// Changes made during the handshake went into no message yet.
			if (this.unsent) {
				this.synced = false;
				this.handshaking = false;
				return this.handshake();
			}
		} finally {
			this.handshaking = false;
		}
	}

	/** Sends a sync message that carries changes; resolves with the server's answer. @param {Uint8Array} message */
	async sendUpdate(message) {
		this.pending++;
		this.sentSinceSync = true;
		this.emit('pending', this.pendingCount);
		const clock = Y.decodeStateVector(Y.encodeStateVector(this.doc)).get(this.doc.clientID) ?? 0;
		const reply = await this.request('board:sync', this.boardId, message);
		if (reply.ok) this.savedClock = Math.max(this.savedClock, clock);
		this.pending = Math.max(0, this.pending - 1);
		if (!this.destroyed) {
			if (!reply.ok) this.failed(reply.error ?? 'server_error');
			this.emit('pending', this.pendingCount);
			if (reply.ok && this.pendingCount === 0) this.emit('saved', true);
		}
		return reply;
	}

	/** @param {string} error */
	failed(error) {
		if (this.ended) return;
		if (TRANSIENT.has(error)) {
			this.synced = false;
			this.unsent = true;
			this.retryLater();
			return;
		}
		this.synced = false;
		this.emit('refused', error);
	}

	retryLater() {
		if (this.retryTimer || this.destroyed) return;
		const wait = Math.min(RETRY_MAX, RETRY_FIRST * 2 ** this.retries++);
		this.retryTimer = setTimeout(() => {
			this.retryTimer = null;
			if (!this.socket.connected || this.destroyed) return;
			if (this.boardId === null) void this.open();
			else void this.handshake();
		}, wait);
	}

	/** Leaves the board (the socket stays, for other pages' use). */
	destroy() {
		if (this.destroyed) return;
		this.destroyed = true;
		if (this.retryTimer) clearTimeout(this.retryTimer);
		this.doc.off('update', this.onDocUpdate);
		this.awareness.off('update', this.onAwarenessUpdate);
		this.socket.off('connect', this.onConnect);
		this.socket.off('disconnect', this.onDisconnect);
		this.socket.off('board:sync', this.onSync);
		this.socket.off('board:awareness', this.onAwareness);
		this.socket.off('board:signals', this.onSignals);
		this.socket.off('board:access', this.onAccess);
		if (this.boardId !== null && this.socket.connected) this.socket.emit('board:close', this.boardId);
		this.listeners.clear();
	}
}
