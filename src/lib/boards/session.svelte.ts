/**
 * One board open in the browser: its Y.Doc, kept on the device (IndexedDB) so that edits made offline
 * survive a reload, synced by the BoardProvider, and read into Svelte state for the canvas and the
 * outline view. All edits go through here (one origin, so Y.UndoManager undoes only one's own changes).
 *
 * Notes keep their object identity until they change, so a remote move redraws one note, not 2,000.
 * A refusal by the server (a malformed change, a full board, a note that is too long) starts a fresh
 * document from the server's; the text of every note that was lost that way is kept in `lost` so the
 * person can copy it.
 * Usage: `const board = new BoardSession({ board: 12 }, { name }); onMount(() => board.start(getSocket()));`
 */
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import type { Socket } from 'socket.io-client';
import {
	addFrame,
	NOTE_H,
	NOTE_W,
	addNote,
	COLORS,
	deleteFrame,
	deleteNotes,
	dotBudget,
	dotTally,
	framesOf,
	listFrames,
	listNotes,
	moveNotes,
	notesOf,
	readNote,
	updateFrame,
	updateNote,
	vote,
	type Frame,
	type Note,
	type NoteColor
} from './doc.js';
import { BoardProvider, type Credentials } from './provider.js';

export type Level = 'view' | 'edit' | 'facilitate';
export type Status = 'connecting' | 'live' | 'offline';
export type Viewport = { x: number; y: number; w: number; h: number };
export type Peer = {
	clientId: number;
	name: string;
	color: string;
	cursor: { x: number; y: number } | null;
	viewport: Viewport | null;
	/** Whether the server says this person facilitates (it rebuilds every presence state; a client's own claim never arrives). */
	facilitator: boolean;
	selection: string[];
};
export type BoardMeta = { id: number; title: string; template: string; locale: string; tableCode: string | null; tableTitle: string | null; createdAt: string | number };
export type Limits = { maxNotes: number; maxNoteText: number; maxUpdateBytes: number };
export type NoteSignals = Record<string, { id: number; title: string }[]>;
/** Something that happened on the board by someone else, for the outline's polite announcements. */
export type Change = { kind: 'added' | 'changed' | 'removed' | 'moved'; text: string; cluster?: string };

/** Why an edit is not made on this device (the server is never asked). */
export type EditProblem = 'view_only' | 'empty_text' | 'note_too_long' | 'board_full' | 'no_dots_left';

const LOCAL = Symbol('local edit');
const PEER_COLORS = ['#1d4ed8', '#b91c1c', '#047857', '#7c3aed', '#c2410c', '#0e7490', '#be185d', '#4d7c0f'];
export const peerColor = (clientId: number) => PEER_COLORS[clientId % PEER_COLORS.length];

const storage = (): Storage | null => {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
};

const VOTER_KEY = 'meespraak:board:voter-token';

/**
 * The voter token the server gave this browser (someone with a link has no account: the server names
 * their voter and signs it; staff and table phones vote as who the server knows they are).
 */
export function voterToken(): string | undefined {
	return storage()?.getItem(VOTER_KEY) ?? undefined;
}

/** Longest author name a note carries (the server refuses longer ones). */
const AUTHOR_MAX = 80;

/** Marks for the browser's performance timeline (the benchmark reads where the load time goes). */
const mark = (name: string) => globalThis.performance?.mark?.(name);

const frame = (f: () => void) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => f()) : queueMicrotask(f));

export class BoardSession {
	readonly credentials: Credentials;
	status = $state<Status>('connecting');
	/** Error code when the board cannot be opened (board_not_found, link_expired, …). */
	error = $state<string | null>(null);
	level = $state<Level | null>(null);
	board = $state.raw<BoardMeta | null>(null);
	limits = $state.raw<Limits>({ maxNotes: 5000, maxNoteText: 500, maxUpdateBytes: 1_000_000 });
	/** True once the board has been loaded from the server (and stays true while offline). */
	ready = $state(false);
	/** Changes not yet stored by the server. */
	pending = $state(0);
	notes = $state.raw<Note[]>([]);
	frames = $state.raw<Frame[]>([]);
	dots = $state.raw<Map<string, number>>(new Map());
	myDots = $state.raw<Map<string, number>>(new Map());
	dotsUsed = $state(0);
	dotBudget = $state(5);
	signals = $state.raw<NoteSignals>({});
	peers = $state.raw<Peer[]>([]);
	canUndo = $state(false);
	canRedo = $state(false);
	/** The last refusal by the server, and the text of the notes it cost. */
	refusal = $state<string | null>(null);
	lost = $state<string[]>([]);
	/** Changes by others since the last announcement (the outline reads them out). */
	changes = $state.raw<Change[]>([]);
	/**
	 * Why the right to this board ended while it was open (a revoked or expired link, taken off the
	 * board, signed out), or null. The board stays on screen as it was, nothing is sent any more, and
	 * the texts of changes the server had not stored yet are in `lost`.
	 */
	ended = $state<string | null>(null);
	/** The server stepped this connection down while it was open (edit → view). */
	steppedDown = $state(false);
	/** The lens tag (`persona:<id>`) new notes carry while this person speaks as a persona, or null. */
	lens = $state<string | null>(null);

	name: string;
	/** Who this person's dots belong to, as the server said when the board opened ('' until then). */
	voter = $state('');
	doc!: Y.Doc;
	awareness!: Awareness;
	#provider: BoardProvider | null = null;
	#undo: Y.UndoManager | null = null;
	#persistence: { destroy: () => Promise<void>; clearData: () => Promise<void> } | null = null;
	#socket: Socket | null = null;
	#cache = new Map<string, Note>();
	#dirty = new Set<string>();
	#framesDirty = false;
	#dotsDirty = false;
	#scheduled = false;
	#pendingChanges: Change[] = [];
	#changeTimer: ReturnType<typeof setTimeout> | null = null;
	#offline: boolean;
	#voterToken: string | undefined;

	constructor(credentials: Credentials, options: { name?: string; offline?: boolean } = {}) {
		this.credentials = credentials;
		this.name = options.name ?? '';
		this.#offline = options.offline ?? true;
		this.#attach(new Y.Doc());
	}

	get editable(): boolean {
		return this.level === 'edit' || this.level === 'facilitate';
	}

	get noteCount(): number {
		return this.notes.length;
	}

	/** Connects; call from onMount. Returns the cleanup function. */
	start(socket: Socket): () => void {
		mark('board:start');
		this.#socket = socket;
		this.#connect();
		return () => this.stop();
	}

	stop(): void {
		this.#provider?.destroy();
		this.#provider = null;
		this.#undo?.destroy();
		void this.#persistence?.destroy();
		this.#persistence = null;
		this.awareness?.destroy();
		this.doc?.destroy();
	}

	/** A document with its presence, observers and undo history (before any connection). */
	#attach(doc: Y.Doc): void {
		this.doc = doc;
		this.#cache.clear();
		this.awareness = new Awareness(doc);
		this.awareness.setLocalState({ user: { name: this.name, color: peerColor(doc.clientID) }, cursor: null, viewport: null, selection: [] });
		this.awareness.on('change', () => this.#readPeers());
		notesOf(doc).observeDeep((events, tr) => this.#notesChanged(events, tr));
		framesOf(doc).observeDeep((_e, tr) => {
			this.#framesDirty = true;
			if (tr.origin === this.#provider && this.ready) this.#framesRemote(_e);
			this.#schedule();
		});
		doc.getMap('dots').observe(() => ((this.#dotsDirty = true), this.#schedule()));
		doc.getMap('meta').observe(() => ((this.#dotsDirty = true), this.#schedule()));
		this.#undo = new Y.UndoManager([notesOf(doc), framesOf(doc), doc.getMap('dots')], { trackedOrigins: new Set([LOCAL]), captureTimeout: 600 });
		const undoState = () => {
			this.canUndo = this.#undo!.undoStack.length > 0;
			this.canRedo = this.#undo!.redoStack.length > 0;
		};
		this.#undo.on('stack-item-added', undoState);
		this.#undo.on('stack-item-popped', undoState);
		this.#undo.on('stack-cleared', undoState);
	}

	#connect(): void {
		const doc = this.doc;
		// A link holder keeps the voter the server issued (across reloads, reconnects and fresh starts).
		const token = this.credentials.link ? (this.#voterToken ?? voterToken()) : undefined;
		const provider = new BoardProvider(this.#socket!, token ? { ...this.credentials, voter: token } : this.credentials, doc, { awareness: this.awareness });
		this.#provider = provider;
		this.status = provider.status;
		provider.on('status', (s: Status) => (this.status = s));
		provider.on('error', (e: string) => (this.error = e));
		provider.on('opened', (reply: { board: BoardMeta; level: Level; limits: Limits; signals: NoteSignals; voter?: string | null; voterToken?: string }) => {
			mark('board:opened');
			this.error = null;
			this.steppedDown = false;
			this.board = reply.board;
			this.level = reply.level;
			this.limits = reply.limits;
			this.signals = reply.signals ?? {};
			// Whether someone facilitates is not ours to say: the server sets it in everyone's presence.
			this.voter = reply.voter ?? '';
			if (reply.voterToken) {
				this.#voterToken = reply.voterToken;
				try {
					storage()?.setItem(VOTER_KEY, reply.voterToken);
				} catch {
					/* without storage the voter lasts for this visit */
				}
			}
			this.#dotsDirty = true;
			this.#schedule();
			void this.#persist(reply.board);
		});
		provider.on('loaded', () => {
			mark('board:loaded');
			this.#flush();
			this.ready = true;
		});
		provider.on('pending', (n: number) => (this.pending = n));
		provider.on('signals', (p: { notes: NoteSignals }) => (this.signals = p.notes ?? {}));
		provider.on('refused', (error: string) => void this.#refused(error));
		provider.on('level', (level: Level) => {
			this.level = level;
			this.steppedDown = true;
			this.awareness.setLocalStateField('facilitator', level === 'facilitate');
		});
		provider.on('ended', (error: string) => {
			const unsaved = provider.pendingCount > 0 ? this.#unsaved(provider.savedClock) : [];
			this.ended = error;
			this.level = null;
			this.pending = 0;
			this.lost = [...this.lost, ...unsaved];
		});
	}

	/** Texts of notes this device wrote or changed that the server has not stored (its clock from `savedClock` on). */
	#unsaved(savedClock: number): string[] {
		const texts: string[] = [];
		notesOf(this.doc).forEach((m) => {
			if (!(m instanceof Y.Map)) return;
			const item = (m as unknown as { _map: Map<string, { id: { client: number; clock: number } }> })._map.get('text');
			const text = String(m.get('text') ?? '');
			if (item && item.id.client === this.doc.clientID && item.id.clock >= savedClock && text.trim()) texts.push(text);
		});
		return texts;
	}

	/** Keeps the board on this device (IndexedDB), per board and per board's creation (a new database never mixes with an old one). */
	async #persist(board: BoardMeta): Promise<void> {
		if (!this.#offline || this.#persistence || typeof indexedDB === 'undefined') return;
		try {
			const { IndexeddbPersistence } = await import('y-indexeddb');
			const stamp = new Date(board.createdAt).getTime();
			this.#persistence = new IndexeddbPersistence(`meespraak-board-${board.id}-${stamp}`, this.doc);
		} catch {
			this.#persistence = null; // private windows without IndexedDB: the board still works online
		}
	}

	/** The server refused a change for good: start again from the server's document, keep the lost texts. */
	async #refused(error: string): Promise<void> {
		this.refusal = error;
		const before = new Map([...this.#cache].map(([id, n]) => [id, n.text]));
		const persistence = this.#persistence;
		this.#persistence = null;
		this.#provider?.destroy();
		this.#undo?.destroy();
		this.awareness.destroy();
		const old = this.doc;
		await persistence?.clearData().catch(() => {});
		this.#attach(new Y.Doc());
		this.#connect();
		old.destroy();
		const provider = this.#provider!;
		await new Promise<void>((resolve) => {
			const off = provider.on('synced', () => (off(), resolve()));
		});
		const now = new Map(listNotes(this.doc).map((n) => [n.id, n.text]));
		const lost: string[] = [];
		for (const [id, text] of before) if (text.trim() && now.get(id) !== text) lost.push(text);
		this.lost = [...this.lost, ...lost];
	}

	dismissRefusal(): void {
		this.refusal = null;
		this.lost = [];
	}

	// ---------------------------------------------------------------- reading the document into state

	#notesChanged(events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction): void {
		const notes = notesOf(this.doc);
		// Others' changes are announced once the board is there (not the whole board as it loads).
		const remote = tr.origin === this.#provider && this.ready;
		for (const e of events) {
			if (e.target === notes) {
				for (const [key, change] of e.changes.keys) {
					this.#dirty.add(key);
					if (remote && change.action === 'add') this.#remember({ kind: 'added', text: String((notes.get(key) as Y.Map<unknown> | undefined)?.get('text') ?? '') });
					if (remote && change.action === 'delete') this.#remember({ kind: 'removed', text: this.#cache.get(key)?.text ?? '' });
				}
			} else {
				const id = (e.target as Y.AbstractType<unknown>)._item?.parentSub;
				if (!id) continue;
				this.#dirty.add(id);
				if (remote && !e.changes.keys.has('text') && e.changes.keys.has('frame')) {
					const m = notes.get(id) as Y.Map<unknown>;
					const f = this.frames.find((x) => x.id === m?.get('frame'));
					this.#remember({ kind: 'moved', text: String(m?.get('text') ?? ''), cluster: f?.title });
				} else if (remote && e.changes.keys.has('text')) this.#remember({ kind: 'changed', text: String((notes.get(id) as Y.Map<unknown>)?.get('text') ?? '') });
			}
		}
		this.#schedule();
	}

	#framesRemote(events: Y.YEvent<Y.AbstractType<unknown>>[]): void {
		for (const e of events)
			if (e.target === framesOf(this.doc))
				for (const [key, change] of e.changes.keys) {
					const title = String((framesOf(this.doc).get(key) as Y.Map<unknown> | undefined)?.get('title') ?? this.frames.find((f) => f.id === key)?.title ?? '');
					if (change.action === 'add') this.#remember({ kind: 'added', text: title, cluster: title });
					if (change.action === 'delete') this.#remember({ kind: 'removed', text: title, cluster: title });
				}
	}

	#remember(change: Change): void {
		this.#pendingChanges.push(change);
		if (this.#changeTimer) return;
		// Gathered for a moment: a screen reader hears one sentence for a burst, not one per keystroke.
		this.#changeTimer = setTimeout(() => {
			this.#changeTimer = null;
			this.changes = this.#pendingChanges;
			this.#pendingChanges = [];
		}, 1200);
	}

	#schedule(): void {
		if (this.#scheduled) return;
		this.#scheduled = true;
		frame(() => this.#flush());
	}

	#flush(): void {
		this.#scheduled = false;
		const notes = notesOf(this.doc);
		if (this.#cache.size === 0 && notes.size > 0) {
			// First read: every note, oldest first (the order new notes are drawn on top).
			const all: Note[] = [];
			notes.forEach((m, id) => {
				if (m instanceof Y.Map) all.push(readNote(id, m));
			});
			all.sort((a, b) => a.at - b.at);
			for (const n of all) this.#cache.set(n.id, n);
			this.#dirty.clear();
			this.notes = all;
		} else if (this.#dirty.size) {
			for (const id of this.#dirty) {
				const m = notes.get(id);
				if (m instanceof Y.Map) this.#cache.set(id, readNote(id, m));
				else this.#cache.delete(id);
			}
			this.#dirty.clear();
			this.notes = [...this.#cache.values()];
		}
		if (this.#framesDirty) {
			this.#framesDirty = false;
			this.frames = listFrames(this.doc);
		}
		if (this.#dotsDirty) {
			this.#dotsDirty = false;
			const t = dotTally(this.doc, this.voter);
			this.dots = t.perNote;
			this.myDots = t.mine;
			this.dotsUsed = t.used;
			this.dotBudget = dotBudget(this.doc);
		}
	}

	#readPeers(): void {
		const peers: Peer[] = [];
		this.awareness.getStates().forEach((s, clientId) => {
			if (clientId === this.doc.clientID || !s) return;
			const st = s as Partial<Omit<Peer, 'clientId'>> & { user?: { name?: string; color?: string } };
			peers.push({
				clientId,
				name: typeof st.user?.name === 'string' ? st.user.name.slice(0, 40) : '',
				color: typeof st.user?.color === 'string' && /^#[0-9a-f]{6}$/i.test(st.user.color) ? st.user.color : peerColor(clientId),
				cursor: st.cursor && Number.isFinite(st.cursor.x) && Number.isFinite(st.cursor.y) ? st.cursor : null,
				viewport: st.viewport && [st.viewport.x, st.viewport.y, st.viewport.w, st.viewport.h].every(Number.isFinite) ? st.viewport : null,
				facilitator: st.facilitator === true,
				selection: Array.isArray(st.selection) ? st.selection.filter((x) => typeof x === 'string').slice(0, 200) : []
			});
		});
		this.peers = peers;
	}

	// ---------------------------------------------------------------- presence

	setName(name: string): void {
		this.name = name;
		this.awareness.setLocalStateField('user', { name, color: peerColor(this.doc.clientID) });
	}

	setCursor(cursor: { x: number; y: number } | null): void {
		this.awareness.setLocalStateField('cursor', cursor ? { x: Math.round(cursor.x), y: Math.round(cursor.y) } : null);
	}

	setViewport(viewport: Viewport): void {
		this.awareness.setLocalStateField('viewport', { x: Math.round(viewport.x), y: Math.round(viewport.y), w: Math.round(viewport.w), h: Math.round(viewport.h) });
	}

	setSelection(ids: string[]): void {
		this.awareness.setLocalStateField('selection', ids.slice(0, 200));
	}

	// ---------------------------------------------------------------- editing

	#textProblem(text: string): EditProblem | null {
		if (!this.editable) return 'view_only';
		if (!text.trim()) return 'empty_text';
		if ([...text].length > this.limits.maxNoteText) return 'note_too_long';
		return null;
	}

	/** Adds a note; answers its id, or why not. */
	addNote(fields: { text: string; x: number; y: number; color?: NoteColor; frame?: string | null; anonymous?: boolean }): { ok: true; id: string } | { ok: false; problem: EditProblem } {
		const problem = this.#textProblem(fields.text);
		if (problem) return { ok: false, problem };
		if (this.notes.length >= this.limits.maxNotes) return { ok: false, problem: 'board_full' };
		const author = fields.anonymous || !this.name.trim() ? null : [...this.name.trim()].slice(0, AUTHOR_MAX).join('');
		const id = this.#step(() => addNote(this.doc, { text: fields.text.trim(), x: fields.x, y: fields.y, color: fields.color ?? COLORS[0], frame: fields.frame ?? null, author, tags: this.lens ? [this.lens] : undefined }, LOCAL));
		return { ok: true, id };
	}

	editNote(id: string, patch: Partial<Pick<Note, 'text' | 'color' | 'tags' | 'w' | 'h'>>): EditProblem | null {
		if (patch.text !== undefined) {
			const problem = this.#textProblem(patch.text);
			if (problem) return problem;
			patch = { ...patch, text: patch.text.trim() };
		} else if (!this.editable) return 'view_only';
		this.#step(() => updateNote(this.doc, id, patch, LOCAL));
		return null;
	}

	moveNotes(moves: { id: string; x: number; y: number; frame?: string | null }[]): void {
		if (this.editable && moves.length) moveNotes(this.doc, moves, LOCAL);
	}

	deleteNotes(ids: string[]): void {
		if (this.editable && ids.length) this.#step(() => deleteNotes(this.doc, ids, LOCAL));
	}

	/** Puts notes into a cluster (null: out of any), and places them inside it when asked. */
	setCluster(ids: string[], frameId: string | null): void {
		if (!this.editable) return;
		this.#step(() =>
			this.doc.transact(() => {
				for (const id of ids) updateNote(this.doc, id, { frame: frameId });
			}, LOCAL)
		);
	}

	addFrame(fields: { title: string; x: number; y: number; w?: number; h?: number; color?: string; tags?: string[] }, noteIds: string[] = []): string | null {
		if (!this.editable) return null;
		return this.#step(() => addFrame(this.doc, fields, noteIds, LOCAL));
	}

	/**
	 * A new cluster holding `noteIds`, laid out as a grid below everything on the board (an accepted
	 * suggestion): one change, undone at once.
	 */
	arrangeCluster(title: string, noteIds: string[], tags: string[] = []): string | null {
		if (!this.editable || !noteIds.length) return null;
		const gap = 20;
		const columns = Math.min(4, noteIds.length);
		const rows = Math.ceil(noteIds.length / columns);
		const boxes = [...this.frames, ...this.notes.filter((n) => !noteIds.includes(n.id))];
		const x = boxes.length ? Math.min(...boxes.map((b) => b.x)) : 0;
		const y = boxes.length ? Math.max(...boxes.map((b) => b.y + b.h)) + 60 : 0;
		let id: string | null = null;
		this.#step(() =>
			this.doc.transact(() => {
				id = addFrame(this.doc, { title, x, y, w: columns * (NOTE_W + gap) + gap, h: rows * (NOTE_H + gap) + 70, tags });
				moveNotes(
					this.doc,
					noteIds.map((n, i) => ({ id: n, x: x + gap + (i % columns) * (NOTE_W + gap), y: y + 56 + Math.floor(i / columns) * (NOTE_H + gap), frame: id }))
				);
			}, LOCAL)
		);
		return id;
	}

	editFrame(id: string, patch: Partial<Pick<Frame, 'title' | 'x' | 'y' | 'w' | 'h' | 'color' | 'tags'>>): void {
		if (this.editable) this.#step(() => updateFrame(this.doc, id, patch, LOCAL));
	}

	/** Moves a cluster and every note in it by (dx, dy), as one change. */
	moveFrame(id: string, dx: number, dy: number): void {
		if (!this.editable) return;
		const f = this.frames.find((x) => x.id === id);
		if (!f) return;
		this.#step(() =>
			this.doc.transact(() => {
				updateFrame(this.doc, id, { x: f.x + dx, y: f.y + dy });
				moveNotes(
					this.doc,
					this.notes.filter((n) => n.frame === id).map((n) => ({ id: n.id, x: n.x + dx, y: n.y + dy }))
				);
			}, LOCAL)
		);
	}

	deleteFrame(id: string): void {
		if (this.editable) this.#step(() => deleteFrame(this.doc, id, LOCAL));
	}

	/** Gives (1) or takes back (-1) a dot; answers why not. */
	vote(noteId: string, delta: 1 | -1): EditProblem | null {
		if (!this.editable || !this.voter) return 'view_only';
		return this.#step(() => vote(this.doc, noteId, this.voter, delta, LOCAL)) ? null : 'no_dots_left';
	}

	/**
	 * Ends the current undo step: the next change starts a new one. Changes within a moment of each other
	 * merge into one step (the positions of a drag); separate actions (write, edit, delete, a move from
	 * the list) must not, or one 'undo' would take back several of them.
	 */
	checkpoint(): void {
		this.#undo?.stopCapturing();
	}

	/** A separate action: its own undo step. */
	#step<T>(fn: () => T): T {
		this.checkpoint();
		const r = fn();
		this.checkpoint();
		return r;
	}

	undo(): void {
		this.#undo?.undo();
	}

	redo(): void {
		this.#undo?.redo();
	}

	/** Reads a note as the document holds it now (also before the next redraw). */
	note(id: string): Note | null {
		const m = notesOf(this.doc).get(id);
		return m instanceof Y.Map ? readNote(id, m) : null;
	}
}
