/**
 * Browser side of the live draft of a council's advice (the server side is
 * $lib/server/realtime/advice.ts): keeps a Y.Doc whose `getText('advice')` is the draft in step with the
 * server over socket.io.
 *
 * After every (re)connect: `advice:open` answers the server's whole document (applied here) and whether
 * this user may edit; changes made meanwhile (offline, or not acknowledged) are then sent as one update.
 * Local changes go out as `advice:update` as they happen; the server relays what it stored to the others.
 * A transient refusal (rate limit, server error, a lost acknowledgement) opens the draft again a moment
 * later; a permanent one (published, not a member, too long) is reported and the document starts afresh
 * from the server's, so that the text shown is the stored text.
 *
 * When the right to the draft ends while it is open (logout, deactivated, no longer on the council),
 * the server says so (`advice:access`): nothing is sent any more, the text stays as typed (so it can be
 * copied) and the status is 'refused' with 'signed_out' or 'access_ended'.
 *
 * Usage: `const c = new DraftClient(id, { onText, onStatus }); onMount(() => c.start());` and
 * `c.edit(index, removed, inserted)` for what the user typed.
 */
import * as Y from 'yjs';
import type { Socket } from 'socket.io-client';
import { getSocket } from '$lib/realtime/client';

export type DraftStatus = 'connecting' | 'connected' | 'saving' | 'saved' | 'offline' | 'refused';
/** A Y.Text change: retain / insert / delete, as Yjs describes it. */
export type TextDelta = { retain?: number; insert?: unknown; delete?: number }[];
type Reply = { ok: boolean; error?: string; [k: string]: unknown };

const FIELD = 'advice';
const ACK_TIMEOUT = 10_000;
const TRANSIENT = new Set(['rate_limited', 'server_error', 'out_of_order', 'timeout']);
const RETRY_FIRST = 1_000;
const RETRY_MAX = 30_000;

function toBytes(data: unknown): Uint8Array | null {
	if (data instanceof Uint8Array) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return null;
}

export type DraftClientOptions = {
	/** The text changed by someone else (or was reset): the new text, and the change when known. */
	onText?: (text: string, delta: TextDelta | null) => void;
	onStatus?: (status: DraftStatus, error?: string) => void;
};

export class DraftClient {
	readonly requestId: number;
	doc = new Y.Doc();
	/** Set by the server's answer to `advice:open`. */
	canEdit = false;
	opened = false;
	status: DraftStatus = 'connecting';
	error: string | undefined;
	#socket: Socket | null = null;
	#options: DraftClientOptions;
	/** Local changes the server has not acknowledged yet: sent again with the next open. */
	#unsent = false;
	#pending = 0;
	#retries = 0;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;
	#stopped = false;
	/** The right to the draft ended while it was open. */
	#ended = false;
	/** The document was just replaced: its first text is not a change of the text shown. */
	#fresh = false;
	/** Origins of changes that came from the server, and of what the user typed. */
	readonly #remote = Symbol('remote');
	readonly #local = Symbol('local');

	constructor(requestId: number, options: DraftClientOptions = {}) {
		this.requestId = requestId;
		this.#options = options;
		this.#watch(this.doc);
	}

	get text(): string {
		return this.doc.getText(FIELD).toString();
	}

	/** Replaces `removed` characters at `index` by `inserted`, as one change. */
	edit(index: number, removed: number, inserted: string): void {
		if (!removed && !inserted) return;
		const text = this.doc.getText(FIELD);
		this.doc.transact(() => {
			if (removed) text.delete(index, removed);
			if (inserted) text.insert(index, inserted);
		}, this.#local);
	}

	/** Connects (on the page's shared socket unless one is given); answers a function that stops. */
	start(socket: Socket = getSocket()): () => void {
		this.#socket = socket;
		socket.on('connect', this.#onConnect);
		socket.on('disconnect', this.#onDisconnect);
		socket.on('advice:update', this.#onRelayed);
		socket.on('advice:access', this.#onAccess);
		if (socket.connected) this.#open();
		else this.#setStatus('connecting');
		return () => this.stop();
	}

	stop(): void {
		if (this.#stopped) return;
		this.#stopped = true;
		if (this.#retryTimer) clearTimeout(this.#retryTimer);
		const s = this.#socket;
		if (s) {
			s.off('connect', this.#onConnect);
			s.off('disconnect', this.#onDisconnect);
			s.off('advice:update', this.#onRelayed);
			s.off('advice:access', this.#onAccess);
			if (s.connected) s.emit('advice:close', { requestId: this.requestId });
		}
		this.doc.destroy();
	}

	#watch(doc: Y.Doc) {
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === this.#remote || doc !== this.doc || !this.canEdit || this.#ended) return;
			if (!this.opened || !this.#socket?.connected) return void (this.#unsent = true);
			void this.#send(update);
		});
		doc.getText(FIELD).observe((event, tr) => {
			if (tr.origin !== this.#local && doc === this.doc) this.#options.onText?.(event.target.toString(), this.#fresh ? null : (event.delta as TextDelta));
		});
	}

	#setStatus(status: DraftStatus, error?: string) {
		this.status = status;
		this.error = error;
		this.#options.onStatus?.(status, error);
	}

	#request(event: string, payload: unknown): Promise<Reply> {
		const s = this.#socket;
		if (!s) return Promise.resolve({ ok: false, error: 'timeout' });
		return new Promise((resolve) => {
			s.timeout(ACK_TIMEOUT).emit(event, payload, (err: unknown, reply: Reply) => resolve(err ? { ok: false, error: 'timeout' } : (reply ?? { ok: false, error: 'server_error' })));
		});
	}

	#onConnect = () => {
		if (!this.#ended) void this.#open();
	};

	/** The server took the right to write (or to read) this draft away. */
	#onAccess = (payload: unknown) => {
		if (!payload || typeof payload !== 'object') return;
		const { requestId, canEdit, error } = payload as { requestId?: unknown; canEdit?: unknown; error?: unknown };
		if (requestId !== this.requestId || this.#stopped) return;
		this.canEdit = canEdit === true && !error;
		if (!error) return this.#setStatus(this.status);
		this.#ended = true;
		this.opened = false;
		if (this.#retryTimer) clearTimeout(this.#retryTimer);
		this.#retryTimer = null;
		this.#setStatus('refused', error === 'signed_out' ? 'signed_out' : 'access_ended');
	};

	#onDisconnect = () => {
		this.opened = false;
		if (this.#pending) this.#unsent = true;
		this.#pending = 0;
		this.#setStatus('offline');
	};

	#onRelayed = (payload: unknown) => {
		if (!payload || typeof payload !== 'object') return;
		const { requestId, update } = payload as { requestId?: unknown; update?: unknown };
		const bytes = toBytes(update);
		// Applied even before the open's answer came: Yjs holds an update until what it builds on is there.
		if (requestId !== this.requestId || !bytes) return;
		try {
			Y.applyUpdate(this.doc, bytes, this.#remote);
		} catch (e) {
			console.error('[draft] could not read an update from the server', e);
		}
	};

	async #open(keepStatus = false) {
		if (this.#stopped || this.#ended) return;
		const r = await this.#request('advice:open', { requestId: this.requestId });
		if (this.#stopped) return;
		if (!r.ok) {
			this.opened = false;
			if (TRANSIENT.has(r.error ?? '')) return this.#retryLater();
			return this.#setStatus('refused', r.error);
		}
		const state = toBytes(r.state);
		if (!state) return this.#retryLater();
		this.canEdit = r.canEdit === true;
		Y.applyUpdate(this.doc, state, this.#remote);
		this.#fresh = false;
		this.opened = true;
		this.#retries = 0;
		if (this.#unsent && this.canEdit) {
			this.#unsent = false;
			// What the server lacks (its state vector is the one of the state it sent).
			const missing = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVectorFromUpdate(state));
			await this.#send(missing);
		} else {
			this.#unsent = false;
			if (!keepStatus) this.#setStatus('connected');
		}
	}

	async #send(update: Uint8Array) {
		this.#pending++;
		this.#setStatus('saving');
		const r = await this.#request('advice:update', { requestId: this.requestId, update });
		if (this.#stopped || this.#ended) return;
		this.#pending = Math.max(0, this.#pending - 1);
		if (r.ok) {
			if (this.#pending === 0 && this.status === 'saving') this.#setStatus('saved');
			return;
		}
		if (TRANSIENT.has(r.error ?? '')) {
			this.#unsent = true;
			this.opened = false;
			return this.#retryLater();
		}
		this.#setStatus('refused', r.error);
		this.#reset();
	}

	/** Starts afresh from the server's document (after a permanent refusal). */
	#reset() {
		const old = this.doc;
		this.doc = new Y.Doc();
		this.#watch(this.doc);
		old.destroy();
		this.opened = false;
		this.#unsent = false;
		this.#pending = 0;
		this.#fresh = true;
		void this.#open(true).then(() => this.#options.onText?.(this.text, null));
	}

	#retryLater() {
		if (this.#retryTimer || this.#stopped) return;
		const wait = Math.min(RETRY_MAX, RETRY_FIRST * 2 ** this.#retries++);
		this.#retryTimer = setTimeout(() => {
			this.#retryTimer = null;
			if (this.#socket?.connected && !this.#stopped) void this.#open();
		}, wait);
	}
}
