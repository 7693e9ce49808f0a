import { afterEach, describe, expect, it, vi } from 'vitest';
import { addNote } from '../../src/lib/boards/doc.js';
import { emit, on, type DomainEvent } from '../../src/lib/server/events';
import { revokeLink, setMember } from '../../src/lib/server/boards';
import { backstopInterval, roomsOf } from '../../src/lib/server/realtime/rights';
import { connected, useSocketServer } from './socket-fixtures';
import { cookieFor, editor, linkFor, newBoard, next, saved } from './boards-fixtures';
import { staff } from './tables-fixtures';
import { getDb, schema } from '../../src/lib/server/db';

const openClient = useSocketServer();
const client = async (headers: Record<string, string> = {}) => connected(openClient(headers));

afterEach(() => {
	vi.useRealTimers();
});

describe('domain events', () => {
	it('reach the listeners of their type and of every type; a failing listener harms neither the others nor the one who emitted', async () => {
		const heard: string[] = [];
		const offs = [
			on('board.link.revoked', (e) => void heard.push(`link ${e.linkId}`)),
			on('board.link.revoked', () => {
				throw new Error('a broken listener');
			}),
			on('*', (e) => void heard.push(`any ${e.type}`)),
			on('user.changed', () => Promise.reject(new Error('a broken async listener')))
		];
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			expect(() => emit({ type: 'board.link.revoked', boardId: 1, linkId: 7 })).not.toThrow();
			expect(() => emit({ type: 'user.changed', userId: 3, change: 'roles' })).not.toThrow();
			await Promise.resolve();
			expect(heard).toEqual(['link 7', 'any board.link.revoked', 'any user.changed']);
			expect(logged).toHaveBeenCalled();
		} finally {
			offs.forEach((off) => off());
			logged.mockRestore();
		}
	});

	it('are emitted by the domain after the change, and name the rooms whose sockets check again', async () => {
		const seen: DomainEvent[] = [];
		const off = on('*', (e) => void seen.push(e));
		try {
			const { owner, boardId } = await newBoard();
			const member = await staff(['council_member']);
			await setMember(owner, boardId, member.id, 'edit');
			await linkFor(owner, boardId);
			const link = getDb().select().from(schema.boardLinks).all().at(-1)!;
			expect((await revokeLink(owner, boardId, link.id)).ok).toBe(true);
			// A refused change says nothing.
			expect((await revokeLink(owner, boardId, link.id)).ok).toBe(false);
			expect(seen.map((e) => e.type)).toEqual(['board.member.changed', 'board.link.revoked']);
			expect(seen.flatMap(roomsOf)).toEqual([`user:${member.id}`, `board-link:${link.id}`]);
		} finally {
			off();
		}
		expect(roomsOf({ type: 'session.ended', sessionId: 'abc', userId: 1 })).toEqual(['session:abc']);
		expect(roomsOf({ type: 'table.staff.changed', tableId: 4 })).toEqual(['table:4:staff', 'table-boards:4']);
		expect(roomsOf({ type: 'board.archived', boardId: 5, archived: true })).toEqual(['board:5']);
	});

	it('RIGHTS_RECHECK_INTERVAL reads like 5m, 90s or off', () => {
		expect(backstopInterval(undefined)).toBe(300_000);
		expect(backstopInterval('90s')).toBe(90_000);
		expect(backstopInterval('1h')).toBe(3_600_000);
		expect(backstopInterval('off')).toBeNull();
		const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
		expect(backstopInterval('often')).toBe(300_000);
		warned.mockRestore();
	});
});

describe('open board sockets when a right ends', () => {
	it('a revoked link: the provider hears it ended, stops sending, and keeps what was not stored', async () => {
		const { owner, boardId } = await newBoard();
		const token = await linkFor(owner, boardId);
		const guest = await editor(await client(), { link: token });
		addNote(guest.doc, { text: 'bewaard', x: 0, y: 0 });
		await saved(guest.provider);
		const link = getDb().select().from(schema.boardLinks).all().at(-1)!;
		const ended = next<string>(guest.provider, 'ended');
		await revokeLink(owner, boardId, link.id);
		expect(await ended).toBe('link_unknown');
		expect(guest.provider.ended).toBe('link_unknown');
		expect(guest.provider.savedClock).toBeGreaterThan(0);
	});

	it('a link that expires while open is closed by the sweep within about a second', async () => {
		const { owner, boardId } = await newBoard();
		const token = await linkFor(owner, boardId);
		const guest = await editor(await client(), { link: token });
		const ended = next<string>(guest.provider, 'ended', 4000);
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(Date.now() + 2 * 86_400_000);
		expect(await ended).toBe('link_expired');
	});

	it('a member whose level drops to view is stepped down, not closed', async () => {
		const { owner, boardId } = await newBoard();
		const member = await staff(['council_member']);
		await setMember(owner, boardId, member.id, 'edit');
		const m = await editor(await client(await cookieFor(member)), { board: boardId });
		expect(m.provider.level).toBe('edit');
		const level = next<string>(m.provider, 'level');
		await setMember(owner, boardId, member.id, 'view');
		expect(await level).toBe('view');
		expect(m.provider.ended).toBeNull();
	});
});
