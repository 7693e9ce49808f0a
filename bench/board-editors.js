// Simulated board editors for `npm run bench:board`, in their own process (forked by bench/board.js,
// driven over IPC). Every editor has its own Y.Doc and its own connection, to one of two servers:
// - mode 'meespraak': a socket.io connection (websocket transport, the facilitator's session cookie) and
//   the browser's own client, BoardProvider (src/lib/boards/provider.js), on board `boardId`;
// - mode 'reference': a `ws` connection to the reference y-websocket server with y-websocket's framing
//   (messageSync = 0 / messageAwareness = 1 in front of y-protocols messages), on room `room`.
// Both carry an awareness state (a name), renewed every 15 s as y-protocols does.
//
// The workload is the same for both servers: a schedule drawn from a seeded PRNG (which editor does what,
// when, on which note, where to), so two runs with the same seed make the same changes at the same moments.
// Each editor does its share of the creates and moves with exponentially distributed waits (mean `paceMs`)
// between its operations; a move picks a note whose creation was scheduled at least `marginMs` earlier,
// anyone's. The operations are the app's own (addNote, moveNotes from src/lib/boards/doc.js), nothing added.
//
// Convergence: all editors share this process's clock. An operation is one transaction of the editor;
// it ends at a known clock of the editor's Yjs client id. Another editor has it once its document's
// state for that client reaches that clock (checked after every remote transaction). That identifies
// each operation exactly without writing a tag into the document (which would add to what is stored
// and sent), and holds when two operations touch the same note. Latency of an operation = when the
// last of the other editors had it − when it was made.
import { performance, monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { BoardProvider } from '../src/lib/boards/provider.js';
import { addNote, moveNotes, notesOf, COLORS } from '../src/lib/boards/doc.js';

const now = () => performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const LOCAL = Symbol('local edit');
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

/** mulberry32: a small seeded PRNG, the same sequence on every machine. */
function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const TEXTS = [
	'Meer bankjes en schaduw op het plein',
	'Speelruimte voor tieners in de wijk',
	'Huiswerkbegeleiding in de bibliotheek',
	'Een buurtfeest in de zomer',
	'Betaalbare kinderopvang dichtbij',
	'Veilige fietsroute naar school',
	'Een vast aanspreekpunt voor nieuwkomers',
	'Minder papierwerk voor een premie'
];
const BOARD_W = 12_000;
const BOARD_H = 8_000;

/**
 * The whole workload as a list of operations in time order (ms from the start), the same for every run
 * with the same seed and sizes.
 */
export function schedule({ editors, notes, moves, paceMs, marginMs, seed }) {
	const rnd = prng(seed);
	const expo = (mean) => -Math.log(1 - rnd()) * mean;
	const quota = (total, e) => Math.floor(total / editors) + (e < total % editors ? 1 : 0);
	const left = Array.from({ length: editors }, (_, e) => ({ creates: quota(notes, e), moves: quota(moves, e) }));
	const slots = [];
	for (let e = 0; e < editors; e++) {
		let t = 0;
		const n = left[e].creates + left[e].moves;
		for (let k = 0; k < n; k++) slots.push({ editor: e, at: (t += expo(paceMs)) });
	}
	slots.sort((a, b) => a.at - b.at || a.editor - b.editor);
	const created = []; // { note, at }, in time order
	let eligible = 0; // created[0 .. eligible) were made at least marginMs earlier
	const ops = [];
	for (const { editor, at } of slots) {
		while (eligible < created.length && created[eligible].at <= at - marginMs) eligible++;
		const q = left[editor];
		const pool = eligible || created.length; // no note old enough yet: any note scheduled before
		if (q.creates === 0 && pool === 0) continue; // moves without any note (e.g. --notes 0): dropped
		const create = q.creates > 0 && (q.moves === 0 || pool === 0 || eligible === 0 || rnd() < q.creates / (q.creates + q.moves));
		const x = Math.round(rnd() * BOARD_W);
		const y = Math.round(rnd() * BOARD_H);
		if (create) {
			q.creates--;
			const note = created.length;
			created.push({ note, at });
			ops.push({ id: ops.length, editor, at, kind: 'create', note, x, y });
		} else {
			q.moves--;
			const note = created[Math.floor(rnd() * pool)].note;
			ops.push({ id: ops.length, editor, at, kind: 'move', note, x, y });
		}
	}
	return ops;
}

/** Ids as long as real ones (15 characters), deterministic. */
const noteId = (n) => `bench${String(n).padStart(10, '0')}`;

// ---------------------------------------------------------------- the editors

/** @type {Editor[]} */
let editors = [];
const totals = {
	refused: /** @type {Record<string, number>} */ ({}),
	errors: /** @type {Record<string, number>} */ ({}),
	ackErrors: /** @type {Record<string, number>} */ ({}),
	disconnects: 0,
	connectErrors: 0,
	ackMs: /** @type {number[]} */ ([]),
	ackedBytes: 0,
	ackedUpdates: 0
};
const bump = (o, k) => (o[k] = (o[k] ?? 0) + 1);

/** Convergence bookkeeping, filled by `run`. */
let tracking = null;

class Editor {
	constructor(index, mode) {
		this.index = index;
		this.mode = mode;
		this.doc = new Y.Doc();
		// Fixed client ids: the same conflict resolution, hence the same document, on both servers.
		this.doc.clientID = 1_000_000 + index;
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		this.awareness.setLocalState({ user: { name: `Redacteur ${index + 1}`, color: COLORS[index % COLORS.length] } });
		this.synced = false;
		this.doc.on('afterTransaction', (tr) => {
			if (tr.origin === LOCAL || !tracking) return;
			const at = now();
			for (const [client, clock] of tr.afterState) {
				if (tr.beforeState.get(client) === clock) continue;
				const author = client - 1_000_000;
				if (author === this.index || author < 0 || author >= editors.length) continue;
				const list = tracking.byAuthor[author];
				let p = tracking.pointer[this.index][author];
				while (p < list.length && list[p].clock <= clock) {
					const op = list[p++];
					tracking.deliveries.push(at - op.madeAt);
					if (++op.seen === editors.length - 1) {
						op.convergedAt = at;
						tracking.converged++;
					}
				}
				tracking.pointer[this.index][author] = p;
			}
		});
	}

	/** @returns {Promise<void>} resolves once in sync with the server */
	open(target) {
		return this.mode === 'meespraak' ? this.openMeespraak(target) : this.openReference(target);
	}

	openMeespraak({ url, cookie, boardId }) {
		const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: true, timeout: 20_000, extraHeaders: { cookie } });
		this.socket = socket;
		socket.on('connect_error', () => totals.connectErrors++);
		socket.on('disconnect', (reason) => {
			if (!this.closing) totals.disconnects++, bump(totals.errors, `disconnect:${reason}`);
		});
		const provider = new BoardProvider(socket, { board: boardId }, this.doc, { awareness: this.awareness });
		this.provider = provider;
		// Acknowledgements: how long the server took to store an update, and how many bytes it stored.
		const send = provider.sendUpdate.bind(provider);
		provider.sendUpdate = async (message) => {
			const t0 = now();
			const reply = await send(message);
			let type = -1;
			let size = 0;
			try {
				const d = decoding.createDecoder(message);
				type = decoding.readVarUint(d);
				size = decoding.readVarUint8Array(d).byteLength;
			} catch {
				/* counted as nothing */
			}
			if (reply.ok) {
				if (type === syncProtocol.messageYjsUpdate) totals.ackMs.push(now() - t0);
				// An empty step 2 (nothing the server lacks: 2 bytes) is not stored.
				if (type === syncProtocol.messageYjsUpdate || size > 2) (totals.ackedBytes += size), totals.ackedUpdates++;
			} else bump(totals.ackErrors, reply.error ?? 'unknown');
			return reply;
		};
		provider.on('refused', (e) => bump(totals.refused, String(e)));
		provider.on('error', (e) => bump(totals.errors, String(e)));
		return new Promise((resolve) => {
			provider.on('synced', () => {
				this.synced = true;
				resolve();
			});
			provider.on('error', resolve);
		});
	}

	openReference({ url, room }) {
		const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/${room}`);
		ws.binaryType = 'nodebuffer';
		this.ws = ws;
		const origin = this;
		const send = (bytes) => {
			if (ws.readyState === WebSocket.OPEN) ws.send(bytes);
		};
		this.onUpdate = (update, from) => {
			if (from === origin) return;
			const enc = encoding.createEncoder();
			encoding.writeVarUint(enc, MESSAGE_SYNC);
			syncProtocol.writeUpdate(enc, update);
			send(encoding.toUint8Array(enc));
		};
		this.doc.on('update', this.onUpdate);
		this.onAwareness = ({ added, updated, removed }, from) => {
			if (from !== 'local') return;
			const enc = encoding.createEncoder();
			encoding.writeVarUint(enc, MESSAGE_AWARENESS);
			encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(this.awareness, added.concat(updated, removed)));
			send(encoding.toUint8Array(enc));
		};
		this.awareness.on('update', this.onAwareness);
		return new Promise((resolve) => {
			ws.on('open', () => {
				const enc = encoding.createEncoder();
				encoding.writeVarUint(enc, MESSAGE_SYNC);
				syncProtocol.writeSyncStep1(enc, this.doc);
				send(encoding.toUint8Array(enc));
				const aw = encoding.createEncoder();
				encoding.writeVarUint(aw, MESSAGE_AWARENESS);
				encoding.writeVarUint8Array(aw, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]));
				send(encoding.toUint8Array(aw));
			});
			ws.on('message', (data) => {
				try {
					const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
					const decoder = decoding.createDecoder(bytes);
					const type = decoding.readVarUint(decoder);
					if (type === MESSAGE_SYNC) {
						const enc = encoding.createEncoder();
						encoding.writeVarUint(enc, MESSAGE_SYNC);
						const kind = syncProtocol.readSyncMessage(decoder, enc, this.doc, origin);
						if (encoding.length(enc) > 1) send(encoding.toUint8Array(enc));
						if (kind === syncProtocol.messageYjsSyncStep2 && !this.synced) {
							this.synced = true;
							resolve();
						}
					} else if (type === MESSAGE_AWARENESS) {
						awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), origin);
					}
				} catch (e) {
					bump(totals.errors, `bad_message:${e?.message ?? e}`);
				}
			});
			ws.on('error', (e) => {
				totals.connectErrors++;
				bump(totals.errors, `ws:${e?.code ?? e?.message}`);
				resolve();
			});
			ws.on('close', () => {
				if (!this.closing) totals.disconnects++, bump(totals.errors, 'ws_closed');
			});
		});
	}

	close() {
		this.closing = true;
		if (this.provider) {
			this.provider.destroy();
			this.socket.close();
		}
		if (this.ws) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], 'local');
			this.doc.off('update', this.onUpdate);
			this.ws.close();
		}
		this.awareness.destroy();
	}
}

async function openAll({ mode, target, count, rampMs }) {
	editors = Array.from({ length: count }, (_, i) => new Editor(i, mode));
	const openMs = [];
	await Promise.all(
		editors.map(async (ed, i) => {
			await sleep((i / count) * rampMs);
			const t0 = now();
			await ed.open(target);
			if (ed.synced) openMs.push(now() - t0);
		})
	);
	return { opened: editors.filter((e) => e.synced).length, openMs, totals: snapshotTotals() };
}

function snapshotTotals() {
	const { ackMs, ...rest } = totals;
	return { ...rest, acks: ackMs.length };
}

/** A note's canonical content, to compare documents across editors (insertion order may differ). */
function fingerprint(doc) {
	const notes = notesOf(doc);
	const ids = [...notes.keys()].sort();
	let s = '';
	for (const id of ids) {
		const m = notes.get(id);
		const json = m instanceof Y.Map ? m.toJSON() : m;
		s += `${id}:${JSON.stringify(Object.keys(json).sort().map((k) => [k, json[k]]))};`;
	}
	let h = 0;
	for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
	return `${ids.length}:${h >>> 0}:${s.length}`;
}

async function run({ editors: count, notes, moves, paceMs, marginMs, seed, convergeTimeoutMs }) {
	const ops = schedule({ editors: count, notes, moves, paceMs, marginMs, seed });
	tracking = {
		byAuthor: Array.from({ length: editors.length }, () => []),
		pointer: Array.from({ length: editors.length }, () => new Array(editors.length).fill(0)),
		deliveries: [],
		converged: 0
	};
	const lag = monitorEventLoopDelay({ resolution: 10 });
	lag.enable();
	let skipped = 0;
	let unchanged = 0;
	const made = [];
	const start = now() + 200;
	for (const op of ops) {
		const wait = start + op.at - now();
		if (wait > 1) await sleep(wait);
		const ed = editors[op.editor];
		const doc = ed.doc;
		const id = noteId(op.note);
		if (op.kind === 'move' && !(notesOf(doc).get(id) instanceof Y.Map)) {
			skipped++; // the note has not reached this editor yet
			continue;
		}
		const before = Y.getState(doc.store, doc.clientID);
		const madeAt = now();
		if (op.kind === 'create') {
			addNote(doc, { id, text: `${TEXTS[op.note % TEXTS.length]} (${op.note + 1})`, color: COLORS[op.note % COLORS.length], author: `Redacteur ${op.editor + 1}`, x: op.x, y: op.y }, LOCAL);
		} else moveNotes(doc, [{ id, x: op.x, y: op.y }], LOCAL);
		const clock = Y.getState(doc.store, doc.clientID);
		if (clock === before) {
			unchanged++; // a move to where the note already was: no change, nothing to send
			continue;
		}
		const record = { op: op.id, kind: op.kind, clock, madeAt, seen: 0, convergedAt: null, lateBy: madeAt - (start + op.at) };
		tracking.byAuthor[op.editor].push(record);
		made.push(record);
	}
	const madeAll = now();
	// Wait for the last operations to reach everyone.
	const deadline = now() + convergeTimeoutMs;
	while (tracking.converged < made.length && now() < deadline) await sleep(20);
	const settled = now();
	lag.disable();
	const latencies = made.filter((r) => r.convergedAt !== null).map((r) => r.convergedAt - r.madeAt);
	const missing = made.filter((r) => r.convergedAt === null);
	// Per 5 s of the workload: operations made, and their convergence p95 (for --timeline).
	const timeline = [];
	for (let from = 0; from < madeAll - start; from += 5000) {
		const inside = made.filter((r) => r.madeAt - start >= from && r.madeAt - start < from + 5000);
		const conv = pct(inside.filter((r) => r.convergedAt !== null).map((r) => r.convergedAt - r.madeAt));
		timeline.push({ fromS: from / 1000, ops: inside.length, p50: conv.p50, p95: conv.p95, max: conv.max });
	}
	const deliveries = tracking.deliveries;
	tracking = null;
	// Every editor should hold the same document.
	const prints = new Map();
	for (const ed of editors) {
		const f = fingerprint(ed.doc);
		prints.set(f, (prints.get(f) ?? 0) + 1);
	}
	const noteCounts = editors.map((ed) => notesOf(ed.doc).size);
	return {
		scheduled: ops.length,
		made: made.length,
		creates: made.filter((r) => r.kind === 'create').length,
		moves: made.filter((r) => r.kind === 'move').length,
		skipped,
		unchanged,
		latencies,
		// Per operation: when it was made (ms since the epoch, the clock every process shares) and its convergence latency.
		perOp: made.map((r) => [performance.timeOrigin + r.madeAt, r.convergedAt === null ? null : r.convergedAt - r.madeAt]),
		deliveries: pct(deliveries),
		deliveryCount: deliveries.length,
		unconverged: missing.length,
		unconvergedSample: missing.slice(0, 5).map((r) => ({ op: r.op, kind: r.kind, seenBy: r.seen })),
		lateMs: pct(made.map((r) => r.lateBy)),
		timeline,
		workloadMs: madeAll - start,
		settleMs: settled - madeAll,
		// The histogram holds the time between two samples (10 ms apart when nothing blocks): lag is beyond that.
		eventLoopLagMs: { p50: Math.max(0, lag.percentile(50) / 1e6 - 10), p99: Math.max(0, lag.percentile(99) / 1e6 - 10), max: Math.max(0, lag.max / 1e6 - 10) },
		documents: [...prints.values()].sort((a, b) => b - a),
		notes: { min: Math.min(...noteCounts), max: Math.max(...noteCounts) },
		stateBytes: Y.encodeStateAsUpdate(editors[0].doc).byteLength,
		ack: pct(totals.ackMs),
		acks: totals.ackMs.length,
		totals: snapshotTotals()
	};
}

function pct(values) {
	const s = Float64Array.from(values).sort();
	const at = (q) => (s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN);
	return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s.length ? s[s.length - 1] : NaN };
}

async function closeAll() {
	for (const ed of editors) ed.close();
	await sleep(300);
	return { totals: snapshotTotals() };
}

process.on('message', async (msg) => {
	try {
		if (msg.cmd === 'open') process.send({ cmd: 'open', ...(await openAll(msg)) });
		else if (msg.cmd === 'run') process.send({ cmd: 'run', ...(await run(msg)) });
		else if (msg.cmd === 'close') {
			process.send({ cmd: 'close', ...(await closeAll()) });
			setTimeout(() => process.exit(0), 100);
		}
	} catch (e) {
		process.send({ cmd: 'error', error: String(e?.stack ?? e) });
	}
});
process.on('disconnect', () => process.exit(0)); // the bench went away
if (process.send) process.send({ cmd: 'ready' });
