// Boards over a real socket.io server: editors are y-protocols clients (the app's own BoardProvider)
// on their own Y.Doc, as browsers are.
import { expect } from 'vitest';
import * as Y from 'yjs';
import type { Socket } from 'socket.io-client';
import { createSession, SESSION_COOKIE, type StaffUser } from '../../src/lib/server/auth';
import { createBoard, createLink } from '../../src/lib/server/boards';
import { frameTitle } from '../../src/lib/boards/labels';
import { BoardProvider } from '../../src/lib/boards/provider.js';
import { staff } from './tables-fixtures';

export async function newBoard(user?: StaffUser, template = 'empty') {
	const owner = user ?? (await staff(['facilitator']));
	const r = await createBoard(owner, { title: 'Schoolkosten', template }, frameTitle);
	if (!r.ok) throw new Error(r.error);
	return { owner, boardId: r.boardId };
}

export async function cookieFor(user: StaffUser): Promise<Record<string, string>> {
	const { token } = await createSession(user.id);
	return { cookie: `${SESSION_COOKIE}=${token}` };
}

export async function linkFor(owner: StaffUser, boardId: number, level: 'view' | 'edit' = 'edit'): Promise<string> {
	const r = await createLink(owner, boardId, { level, label: 'test' });
	if (!r.ok) throw new Error(r.error);
	return r.token;
}

/** Resolves when `check` holds, checking after every change of `doc` (fails the test after `ms`). */
export function until(doc: Y.Doc, check: () => boolean, ms = 3000): Promise<void> {
	if (check()) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			doc.off('update', listener);
			reject(new Error('timed out waiting for the document'));
		}, ms);
		const listener = () => {
			if (!check()) return;
			clearTimeout(timer);
			doc.off('update', listener);
			resolve();
		};
		doc.on('update', listener);
	});
}

/** Resolves on the provider's next `event`. */
export function next<T = unknown>(p: BoardProvider, event: string, ms = 3000): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no ${event}`)), ms);
		const off = p.on(event, (payload: T) => {
			clearTimeout(timer);
			off();
			resolve(payload);
		});
	});
}

/** A provider on a fresh doc, resolved once its first handshake is done. */
export async function editor(socket: Socket, credentials: ConstructorParameters<typeof BoardProvider>[1], doc = new Y.Doc()) {
	const provider = new BoardProvider(socket, credentials, doc);
	const synced = next(provider, 'synced');
	const error = next<string>(provider, 'error').then((e) => Promise.reject(new Error(`open refused: ${e}`)));
	await Promise.race([synced, error]);
	error.catch(() => {});
	expect(provider.synced).toBe(true);
	return { doc, provider };
}

/** Resolves once every change the provider sent was stored by the server. */
export async function saved(p: BoardProvider): Promise<void> {
	for (let i = 0; i < 100 && (p.pendingCount > 0 || !p.synced); i++) await new Promise((r) => setTimeout(r, 20));
	expect(p.pendingCount).toBe(0);
}
