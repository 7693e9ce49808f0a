/**
 * Rights on a board end at once: a socket that opened a board with a link, or as a staff member on
 * the board's member list, can neither write nor read within a second of the link being revoked or the
 * member being removed (the staff page's form actions, as the facilitator posts them). Before, such a
 * socket kept reading and writing until it closed.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { DEMO, useServer } from './server';
import { action, ask, boardInbox, connect, noteUpdate, pageData, userId, wait } from './rights-helpers';

const own = useServer('rights-board');
const DEMO_LINK = 'demobordmeerminder2026groepnieuw';
const COUNCIL_EMAIL = 'adviesraad@meespraak.demo';

let facilitator = '';
let boardId = 0;
const sockets: Socket[] = [];
const open = async (cookie?: string) => {
	const s = await connect(own.url, cookie);
	sockets.push(s);
	return s;
};

beforeAll(async () => {
	facilitator = await own.login(DEMO.facilitator);
	const guest = await open();
	const r = await ask(guest, 'board:open', { link: DEMO_LINK });
	expect(r.ok).toBe(true);
	boardId = (r.board as { id: number }).id;
	guest.close();
});

afterEach(() => {
	for (const s of sockets.splice(0)) s.close();
});

/** A new link made on the staff page; answers its token and id. */
async function newLink(level: 'view' | 'edit', label: string): Promise<{ token: string; id: number }> {
	const made = await action(own.url, `/staff/boards/${boardId}?/link`, facilitator, { level, label, days: '1' });
	expect(made.type).toBe('success');
	const token = (made.data as { token: string }).token;
	const links = (await pageData(own.url, `/staff/boards/${boardId}`, facilitator)).links as { id: number; label: string }[];
	return { token, id: links.find((l) => l.label === label)!.id };
}

/** The facilitator's socket, on the board, and a note from it that `inbox` should (not) see. */
async function facilitatorOnBoard(): Promise<Socket> {
	const s = await open(facilitator);
	expect((await ask(s, 'board:open', { board: boardId })).ok).toBe(true);
	return s;
}

describe('board rights end at once', () => {
	it('a revoked edit link can no longer write nor read the board within a second', async () => {
		const link = await newLink('edit', 'revoke-me');
		const staff = await facilitatorOnBoard();
		const guest = await open();
		const opened = await ask(guest, 'board:open', { link: link.token });
		expect(opened).toMatchObject({ ok: true, level: 'edit' });
		const inbox = boardInbox(guest, boardId);
		// While the link holds: the guest writes, and sees what others write.
		expect((await ask(guest, 'board:sync', boardId, noteUpdate('voor het intrekken'))).ok).toBe(true);
		expect((await ask(staff, 'board:sync', boardId, noteUpdate('van de begeleider'))).ok).toBe(true);
		await wait(200);
		expect(inbox.count()).toBeGreaterThan(0);

		const revoked = await action(own.url, `/staff/boards/${boardId}?/revoke`, facilitator, { link: String(link.id) });
		expect(revoked.type).toBe('success');
		await wait(1000);
		const before = inbox.count();
		const write = await ask(guest, 'board:sync', boardId, noteUpdate('na het intrekken'));
		expect(write.ok).toBe(false);
		expect((await ask(staff, 'board:sync', boardId, noteUpdate('niet voor de gast'))).ok).toBe(true);
		await wait(300);
		expect(inbox.count()).toBe(before);
		// Opening again with the revoked link is refused too.
		expect(await ask(guest, 'board:open', { link: link.token })).toMatchObject({ ok: false, error: 'link_unknown' });
		expect(await own.alive()).toBe(true);
	});

	it('the guest is told in the socket that its access ended', async () => {
		const link = await newLink('edit', 'told');
		const guest = await open();
		expect((await ask(guest, 'board:open', { link: link.token })).ok).toBe(true);
		const told = new Promise<unknown>((resolve) => guest.on('board:access', resolve));
		await action(own.url, `/staff/boards/${boardId}?/revoke`, facilitator, { link: String(link.id) });
		const said = await Promise.race([told, wait(1000).then(() => null)]);
		expect(said).toMatchObject({ boardId, level: null });
	});

	it('a staff member taken off the board can no longer write nor read it within a second', async () => {
		const admin = await own.login(DEMO.admin);
		const memberId = await userId(own.url, admin, COUNCIL_EMAIL);
		const added = await action(own.url, `/staff/boards/${boardId}?/member`, facilitator, { user: String(memberId), level: 'edit' });
		expect(added.type).toBe('success');
		const staff = await facilitatorOnBoard();
		const member = await open(await own.login(DEMO.council));
		expect(await ask(member, 'board:open', { board: boardId })).toMatchObject({ ok: true, level: 'edit' });
		const inbox = boardInbox(member, boardId);
		expect((await ask(member, 'board:sync', boardId, noteUpdate('als lid'))).ok).toBe(true);

		const removed = await action(own.url, `/staff/boards/${boardId}?/member`, facilitator, { user: String(memberId), level: '' });
		expect(removed.type).toBe('success');
		await wait(1000);
		const before = inbox.count();
		expect((await ask(member, 'board:sync', boardId, noteUpdate('niet meer lid'))).ok).toBe(false);
		expect((await ask(staff, 'board:sync', boardId, noteUpdate('niet voor het oud-lid'))).ok).toBe(true);
		await wait(300);
		expect(inbox.count()).toBe(before);
	});

	it('a member whose level goes from edit to view keeps reading but can no longer write', async () => {
		const admin = await own.login(DEMO.admin);
		const memberId = await userId(own.url, admin, COUNCIL_EMAIL);
		await action(own.url, `/staff/boards/${boardId}?/member`, facilitator, { user: String(memberId), level: 'edit' });
		const staff = await facilitatorOnBoard();
		const member = await open(await own.login(DEMO.council));
		expect(await ask(member, 'board:open', { board: boardId })).toMatchObject({ ok: true, level: 'edit' });
		const told = new Promise<unknown>((resolve) => member.on('board:access', resolve));
		await action(own.url, `/staff/boards/${boardId}?/member`, facilitator, { user: String(memberId), level: 'view' });
		expect(await Promise.race([told, wait(1000).then(() => null)])).toMatchObject({ boardId, level: 'view' });
		const inbox = boardInbox(member, boardId);
		expect(await ask(member, 'board:sync', boardId, noteUpdate('alleen lezen'))).toMatchObject({ ok: false, error: 'view_only' });
		expect((await ask(staff, 'board:sync', boardId, noteUpdate('wel te lezen'))).ok).toBe(true);
		await wait(300);
		expect(inbox.count()).toBeGreaterThan(0);
		await action(own.url, `/staff/boards/${boardId}?/member`, facilitator, { user: String(memberId), level: '' });
	});

	it('archiving the board closes it for link holders within a second', async () => {
		const link = await newLink('edit', 'archive');
		const guest = await open();
		expect((await ask(guest, 'board:open', { link: link.token })).ok).toBe(true);
		const archived = await action(own.url, `/staff/boards/${boardId}?/archive`, facilitator, { archived: '1' });
		expect(archived.type).toBe('success');
		await wait(1000);
		expect((await ask(guest, 'board:sync', boardId, noteUpdate('na archiveren'))).ok).toBe(false);
		await action(own.url, `/staff/boards/${boardId}?/archive`, facilitator, { archived: '0' });
	});
});
