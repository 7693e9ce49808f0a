// The live draft of a council's advice over a real socket.io server: members are the app's own
// DraftClient on their own Y.Doc, as browsers are.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Socket } from 'socket.io-client';
import { createStaff, type StaffUser } from '../../src/lib/server/auth';
import type { Role } from '../../src/lib/server/db/schema';
import { seedPlan } from '../../src/lib/server/seed';
import { createSignal } from '../../src/lib/server/signals';
import { castVote, openVote, publishAdvice, sendToCouncil, setQuorum } from '../../src/lib/server/councils';
import { draftText } from '../../src/lib/server/councils/draft';
import { DraftClient, type DraftStatus } from '../../src/lib/councils/draft-client';
import { connected, useSocketServer } from './socket-fixtures';
import { cookieFor } from './boards-fixtures';
import { staff } from './tables-fixtures';

const openClient = useSocketServer();
const client = (headers: Record<string, string> = {}): Promise<Socket> => connected(openClient(headers));
const DAY = 86_400_000;

type Answer = { ok: boolean; error?: string; [k: string]: unknown };
function send(c: Socket, event: string, payload: unknown): Promise<Answer> {
	return new Promise((r) => c.emit(event, payload, r));
}

let n = 0;
async function member(councilIds: string[], roles: Role[] = ['council_member']): Promise<StaffUser> {
	n++;
	const email = `live${n}-${Date.now()}@example.org`;
	const name = `Raadslid ${n}`;
	const { id } = await createStaff({ email, name, roles, councilIds });
	return { id, email, name, roles, councilIds };
}

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
	if (!r.ok) throw new Error(`refused: ${(r as { error?: string }).error}`);
	return r as Extract<T, { ok: true }>;
}

/** A request on the table of 'loko' (quorum 1), two of its members and a member of 'sar'. */
async function setup() {
	await seedPlan();
	const owner = await staff(['plan_owner']);
	const moderator = await staff(['moderator']);
	const [a, b] = [await member(['loko']), await member(['loko'])];
	const other = await member(['sar']);
	ok(await setQuorum(owner, 'loko', 1));
	const s = await createSignal({ title: 'Geen opvang na vijf uur', summary: 'Ouders die laat werken vinden geen opvang.', type: 'need' }, null);
	if (!s.ok) throw new Error(s.problems.join());
	const { requestId } = ok(await sendToCouncil(moderator, s.id, 'loko', { question: 'Is flexibele opvang een goed antwoord?', deadline: new Date(Date.now() + 30 * DAY) }));
	return { owner, a, b, other, requestId };
}

/** Resolves when `check` holds (checked every few milliseconds; fails after `ms`). */
async function until(check: () => boolean, ms = 3000): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 10));
	}
}

/** A DraftClient for `user`, resolved once the draft is open. */
async function editor(user: StaffUser, requestId: number) {
	const socket = await client(await cookieFor(user));
	const statuses: DraftStatus[] = [];
	const errors: string[] = [];
	const texts: string[] = [];
	const c = new DraftClient(requestId, {
		onStatus: (s, e) => {
			statuses.push(s);
			if (e) errors.push(e);
		},
		onText: (t) => texts.push(t)
	});
	c.start(socket);
	await until(() => c.opened || statuses.includes('refused'));
	return { c, socket, statuses, errors, texts };
}

describe('the live draft over socket.io', () => {
	it('two members: what one writes reaches the other and is stored; both converge when typing at once', async () => {
		const { a, b, requestId } = await setup();
		const ea = await editor(a, requestId);
		const eb = await editor(b, requestId);
		expect(ea.c.canEdit).toBe(true);
		ea.c.edit(0, 0, 'De raad is voor.');
		await until(() => eb.c.text === 'De raad is voor.');
		expect(eb.texts.at(-1)).toBe('De raad is voor.');
		await until(() => ea.c.status === 'saved');
		expect(await draftText(requestId)).toBe('De raad is voor.');
		// At once: a at the end, b at the start.
		ea.c.edit(ea.c.text.length, 0, ' Met voorwaarden.');
		eb.c.edit(0, 0, 'Advies: ');
		const both = 'Advies: De raad is voor. Met voorwaarden.';
		await until(() => ea.c.text === both && eb.c.text === both);
		await until(() => ea.c.status === 'saved' && eb.c.status === 'saved');
		expect(await draftText(requestId)).toBe(both);
		// A late joiner gets the whole text.
		const ec = await editor(a, requestId);
		expect(ec.c.text).toBe(both);
	});

	it('changes made offline are sent on reconnect', async () => {
		const { a, b, requestId } = await setup();
		const ea = await editor(a, requestId);
		const eb = await editor(b, requestId);
		ea.c.edit(0, 0, 'Eerst.');
		await until(() => eb.c.text === 'Eerst.');
		eb.socket.disconnect();
		await until(() => eb.c.status === 'offline');
		eb.c.edit(eb.c.text.length, 0, ' Offline geschreven.');
		ea.c.edit(0, 0, 'Intussen. ');
		await until(() => ea.c.status === 'saved');
		eb.socket.connect();
		const merged = 'Intussen. Eerst. Offline geschreven.';
		await until(() => ea.c.text === merged && eb.c.text === merged);
		await until(() => eb.c.status === 'saved');
		expect(await draftText(requestId)).toBe(merged);
	});

	it('a member of another council is refused on open and on update; an overseer reads but may not write', async () => {
		const { owner, other, requestId } = await setup();
		const stranger = await client(await cookieFor(other));
		expect(await send(stranger, 'advice:open', { requestId })).toEqual({ ok: false, error: 'forbidden' });
		const doc = new Y.Doc();
		doc.getText('advice').insert(0, 'Ik mag niet schrijven');
		expect(await send(stranger, 'advice:update', { requestId, update: Y.encodeStateAsUpdate(doc) })).toEqual({ ok: false, error: 'not_member' });
		const anonymous = await client();
		expect(await send(anonymous, 'advice:open', { requestId })).toEqual({ ok: false, error: 'forbidden' });
		expect(await send(anonymous, 'advice:update', { requestId, update: Y.encodeStateAsUpdate(doc) })).toEqual({ ok: false, error: 'not_member' });
		const overseer = await client(await cookieFor(owner));
		expect(await send(overseer, 'advice:open', { requestId })).toMatchObject({ ok: true, canEdit: false });
		expect(await send(overseer, 'advice:update', { requestId, update: Y.encodeStateAsUpdate(doc) })).toEqual({ ok: false, error: 'not_member' });
		expect(await send(overseer, 'advice:open', { requestId: requestId + 999 })).toEqual({ ok: false, error: 'not_found' });
		expect(await send(overseer, 'advice:open', { requestId: 'x' })).toEqual({ ok: false, error: 'bad_payload' });
		expect(await draftText(requestId)).toBe('');
	});

	it('a malformed update is refused and relayed to nobody', async () => {
		const { a, b, requestId } = await setup();
		const ea = await editor(a, requestId);
		const eb = await editor(b, requestId);
		const seen: unknown[] = [];
		eb.socket.on('advice:update', (p: unknown) => seen.push(p));
		expect(await send(ea.socket, 'advice:update', { requestId, update: new Uint8Array([1, 2, 3, 250, 251]) })).toEqual({ ok: false, error: 'bad_update' });
		expect(await send(ea.socket, 'advice:update', { requestId, update: 'tekst' })).toEqual({ ok: false, error: 'bad_update' });
		await new Promise((r) => setTimeout(r, 100));
		expect(seen).toEqual([]);
	});

	it('after publishing, updates are refused and the editor says so', async () => {
		const { a, b, requestId } = await setup();
		const ea = await editor(a, requestId);
		ea.c.edit(0, 0, 'Gunstig advies.');
		await until(() => ea.c.status === 'saved');
		ok(await openVote(a, requestId, new Date(Date.now() + DAY)));
		ok(await castVote(a, requestId, 'favourable'));
		ok(await publishAdvice(a, requestId));
		ea.c.edit(ea.c.text.length, 0, ' Nog iets.');
		await until(() => ea.errors.includes('published'));
		expect(ea.c.status).toBe('refused');
		// The editor starts again from the stored text, read-only now.
		await until(() => ea.c.opened && ea.c.text === 'Gunstig advies.');
		expect(ea.c.canEdit).toBe(false);
		const late = await client(await cookieFor(b));
		expect(await send(late, 'advice:open', { requestId })).toMatchObject({ ok: true, canEdit: false });
		const doc = new Y.Doc();
		doc.getText('advice').insert(0, 'Te laat');
		expect(await send(late, 'advice:update', { requestId, update: Y.encodeStateAsUpdate(doc) })).toEqual({ ok: false, error: 'published' });
		expect(await draftText(requestId)).toBe('Gunstig advies.');
	});
});
