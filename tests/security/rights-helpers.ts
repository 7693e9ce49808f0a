/**
 * What the rights tests do as a staff member (form actions, as the pages post them) and as a socket
 * (open a board or an advice draft, write to it, watch what arrives), against a real server.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { parse, unflatten } from 'devalue';
import { io, type Socket } from 'socket.io-client';
import { addNote } from '$lib/boards/doc.js';

export type Reply = { ok: boolean; error?: string; [k: string]: unknown };

export function connect(url: string, cookie?: string): Promise<Socket> {
	const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: cookie ? { cookie } : {} });
	return new Promise((resolve, reject) => {
		s.once('connect', () => resolve(s));
		s.once('connect_error', reject);
	});
}

export function ask(s: Socket, event: string, ...args: unknown[]): Promise<Reply> {
	return new Promise((resolve) => s.timeout(5000).emit(event, ...args, (err: unknown, r: Reply) => resolve(err ? { ok: false, error: 'timeout' } : r)));
}

export const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Posts a SvelteKit form action as `use:enhance` does; answers its result (data parsed). */
export async function action(url: string, path: string, cookie: string, fields: Record<string, string> | URLSearchParams): Promise<{ type: string; status: number; data: unknown; location?: string }> {
	const res = await fetch(`${url}${path}`, {
		method: 'POST',
		headers: { cookie, origin: url, accept: 'application/json', 'x-sveltekit-action': 'true', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields)
	});
	const body = (await res.json()) as { type: string; status: number; data?: string; location?: string };
	return { ...body, data: body.data ? parse(body.data) : undefined };
}

export async function page(url: string, path: string, cookie: string): Promise<string> {
	const res = await fetch(`${url}${path}`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
	return res.text();
}

/** A note added to a board as a y-protocols update message (what an editor's provider sends). */
export function noteUpdate(text: string): Uint8Array {
	const doc = new Y.Doc();
	addNote(doc, { text, x: 0, y: 0 });
	const enc = encoding.createEncoder();
	syncProtocol.writeUpdate(enc, Y.encodeStateAsUpdate(doc));
	return encoding.toUint8Array(enc);
}

/** Counts the board updates a socket receives for a board. */
export function boardInbox(s: Socket, boardId: number): { count: () => number } {
	let n = 0;
	s.on('board:sync', (id: number) => {
		if (id === boardId) n++;
	});
	return { count: () => n };
}

/** A text change of an advice draft, made on a copy of its current state. */
export function adviceEdit(state: Uint8Array, text: string): Uint8Array {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	const before = Y.encodeStateVector(doc);
	doc.getText('advice').insert(0, text);
	return Y.encodeStateAsUpdate(doc, before);
}

/** Counts the advice updates relayed to a socket for one request. */
export function adviceInbox(s: Socket, requestId: number): { count: () => number } {
	let n = 0;
	s.on('advice:update', (p: { requestId?: number }) => {
		if (p?.requestId === requestId) n++;
	});
	return { count: () => n };
}

export const bytes = (b: unknown) => (b instanceof Uint8Array ? b : new Uint8Array(b as ArrayBuffer));

/** A staff page's data as its load function answered it (SvelteKit's __data.json, devalue). */
export async function pageData(url: string, path: string, cookie: string): Promise<Record<string, unknown>> {
	const res = await fetch(`${url}${path}/__data.json`, { headers: { cookie } });
	const body = (await res.json()) as { nodes?: ({ type: string; data: unknown[] } | null)[] };
	const merged: Record<string, unknown> = {};
	for (const n of body.nodes ?? []) if (n?.type === 'data') Object.assign(merged, unflatten(n.data));
	return merged;
}

/** The id of a staff account, as the admin page lists it. */
export async function userId(url: string, adminCookie: string, email: string): Promise<number> {
	const data = await pageData(url, '/staff/admin', adminCookie);
	const users = data.users as { id: number; email: string }[];
	const u = users.find((x) => x.email === email);
	if (!u) throw new Error(`no account ${email}`);
	return u.id;
}
