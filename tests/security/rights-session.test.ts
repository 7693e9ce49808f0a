/**
 * A staff member's rights end with their session: after logout, or once an admin deactivated the
 * account, the sockets they had open (a council's advice draft, a board they are a member of, the
 * moderation room) can neither write nor read within a second. Before, they kept going until closed.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { DEMO, useServer } from './server';
import { action, adviceEdit, adviceInbox, ask, boardInbox, bytes, connect, noteUpdate, pageData, userId, wait } from './rights-helpers';

const own = useServer('rights-session');
const DEMO_LINK = 'demobordmeerminder2026groepnieuw';
const COUNCIL_EMAIL = 'adviesraad@meespraak.demo';
const COLLEAGUE = { email: 'raad-dialoogstad-1@meespraak.demo', password: 'demo-raadslid-2026' };

let admin = '';
let facilitator = '';
let memberId = 0;
let boardId = 0;
let requestId = 0;
const sockets: Socket[] = [];
const open = async (cookie?: string) => {
	const s = await connect(own.url, cookie);
	sockets.push(s);
	return s;
};

/** Opens the advice draft the council can write; answers the reply (with the state to edit). */
async function openDraft(s: Socket): Promise<{ state: Uint8Array }> {
	const r = await ask(s, 'advice:open', { requestId });
	expect(r).toMatchObject({ ok: true, canEdit: true });
	return { state: bytes(r.state) };
}

async function write(s: Socket, text: string) {
	const { state } = await openDraft(s);
	return ask(s, 'advice:update', { requestId, update: adviceEdit(state, text) });
}

beforeAll(async () => {
	admin = await own.login(DEMO.admin);
	facilitator = await own.login(DEMO.facilitator);
	memberId = await userId(own.url, admin, COUNCIL_EMAIL);
	const guest = await open();
	boardId = ((await ask(guest, 'board:open', { link: DEMO_LINK })).board as { id: number }).id;
	await action(own.url, `/staff/boards/${boardId}?/member`, facilitator, { user: String(memberId), level: 'edit' });
	// The council's request whose advice is still a draft.
	const council = await open(await own.login(DEMO.council));
	for (const id of [1, 2, 3, 4, 5, 6]) {
		const r = await ask(council, 'advice:open', { requestId: id });
		if (r.ok && r.canEdit) {
			requestId = id;
			break;
		}
	}
	expect(requestId).toBeGreaterThan(0);
});

afterEach(() => {
	for (const s of sockets.splice(0)) s.close();
});

describe('rights end with the session', () => {
	it('after logout the advice draft and the board socket can neither write nor read', async () => {
		const mine = await own.login(DEMO.council);
		const other = await own.login(DEMO.council); // the same person in another browser stays signed in
		const s = await open(mine);
		const colleague = await open(other);
		await openDraft(s);
		await openDraft(colleague);
		expect((await ask(s, 'board:open', { board: boardId })).ok).toBe(true);
		const staff = await open(facilitator);
		expect((await ask(staff, 'board:open', { board: boardId })).ok).toBe(true);
		const advice = adviceInbox(s, requestId);
		const board = boardInbox(s, boardId);
		const told = new Promise<unknown>((resolve) => s.on('session:ended', resolve));

		const out = await fetch(`${own.url}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: mine, origin: own.url } });
		expect(out.status).toBe(303);
		const said = await Promise.race([told, wait(1000).then(() => null)]);

		// Writing is refused, and what others write no longer arrives.
		const r = await ask(s, 'advice:update', { requestId, update: adviceEdit(new Uint8Array([0, 0]), 'na het afmelden') });
		expect(r.ok).toBe(false);
		expect((await write(colleague, 'van een collega ')).ok).toBe(true);
		expect((await ask(s, 'board:sync', boardId, noteUpdate('na het afmelden'))).ok).toBe(false);
		expect((await ask(staff, 'board:sync', boardId, noteUpdate('niet voor wie afmeldde'))).ok).toBe(true);
		await wait(300);
		expect(advice.count()).toBe(0);
		expect(board.count()).toBe(0);
		expect((await ask(s, 'advice:open', { requestId })).ok).toBe(false);
		// …and the page hears it, so it can say so.
		expect(said).not.toBeNull();
	});

	it('after logout a moderator socket no longer receives the moderation room', async () => {
		const cookie = await own.login(DEMO.moderator);
		const s = await open(cookie);
		expect((await ask(s, 'subscribe', 'moderation:1')).ok).toBe(true);
		await fetch(`${own.url}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: own.url } });
		await wait(1000);
		let heard = 0;
		s.onAny((event: string) => event.startsWith('postcard') && heard++);
		await fetch(`${own.url}/api/v1/campaigns/brugge-draait-om-mensen/postcards`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: own.url },
			body: JSON.stringify({ text: 'Een kaart na het afmelden van de moderator.', locale: 'nl' })
		});
		await wait(500);
		expect(heard).toBe(0);
		expect(await ask(s, 'subscribe', 'moderation:1')).toMatchObject({ ok: false });
	});

	it('an account deactivated by an admin loses its open draft and board within a second', async () => {
		const s = await open(await own.login(DEMO.council));
		const colleague = await open(await own.login(COLLEAGUE));
		await openDraft(s);
		await openDraft(colleague);
		expect((await ask(s, 'board:open', { board: boardId })).ok).toBe(true);
		const staff = await open(facilitator);
		expect((await ask(staff, 'board:open', { board: boardId })).ok).toBe(true);
		const advice = adviceInbox(s, requestId);
		const board = boardInbox(s, boardId);

		const off = await action(own.url, '/staff/admin?/setActive', admin, { id: String(memberId), active: '0' });
		expect(off.type).toBe('success');
		try {
			await wait(1000);
			expect((await ask(s, 'advice:update', { requestId, update: adviceEdit(new Uint8Array([0, 0]), 'gedeactiveerd') })).ok).toBe(false);
			expect((await write(colleague, 'nog een collega ')).ok).toBe(true);
			expect((await ask(s, 'board:sync', boardId, noteUpdate('gedeactiveerd'))).ok).toBe(false);
			expect((await ask(staff, 'board:sync', boardId, noteUpdate('niet voor een gedeactiveerd account'))).ok).toBe(true);
			await wait(300);
			expect(advice.count()).toBe(0);
			expect(board.count()).toBe(0);
		} finally {
			await action(own.url, '/staff/admin?/setActive', admin, { id: String(memberId), active: '1' });
		}
	});

	it('a council member taken off the council loses write access to its draft within a second', async () => {
		const s = await open(await own.login(DEMO.council));
		await openDraft(s);
		const users = (await pageData(own.url, '/staff/admin', admin)).users as { id: number; roles: string[]; councilIds: string[] }[];
		const before = users.find((u) => u.id === memberId)!;
		// No longer on the council: its draft is no longer theirs to write.
		const changed = await action(own.url, '/staff/admin?/update', admin, { id: String(memberId), roles: 'moderator' });
		expect(changed.type).toBe('success');
		try {
			await wait(1000);
			expect((await ask(s, 'advice:update', { requestId, update: adviceEdit(new Uint8Array([0, 0]), 'geen lid meer') })).ok).toBe(false);
		} finally {
			const form = new URLSearchParams({ id: String(memberId) });
			for (const r of before.roles) form.append('roles', r);
			for (const c of before.councilIds) form.append('councilIds', c);
			expect((await action(own.url, '/staff/admin?/update', admin, form)).type).toBe('success');
		}
	});
});
