import { describe, expect, it } from 'vitest';
import { applyAction, joinTable } from '../../src/lib/server/tables';
import { createBoard, createLink, listBoards, openBoard, setArchived, setMember } from '../../src/lib/server/boards';
import { frameTitle } from '../../src/lib/boards/labels';
import { staff, table } from './tables-fixtures';
import { newBoard } from './boards-fixtures';

const levelOf = async (viewer: Parameters<typeof openBoard>[0]) => {
	const r = await openBoard(viewer);
	return r.ok ? r.level : r.error;
};

describe('who may do what on a board', () => {
	it('gives the maker and admins facilitate, other facilitators and moderators view, council members nothing', async () => {
		const { owner, boardId } = await newBoard();
		const other = await staff(['facilitator']);
		const moderator = await staff(['moderator']);
		const council = await staff(['council_member']);
		const admin = await staff(['admin']);
		expect(await levelOf({ kind: 'staff', user: owner, boardId })).toBe('facilitate');
		expect(await levelOf({ kind: 'staff', user: admin, boardId })).toBe('facilitate');
		expect(await levelOf({ kind: 'staff', user: other, boardId })).toBe('view');
		expect(await levelOf({ kind: 'staff', user: moderator, boardId })).toBe('view');
		expect(await levelOf({ kind: 'staff', user: council, boardId })).toBe('forbidden');
		expect(await levelOf({ kind: 'staff', user: null, boardId })).toBe('forbidden');
		expect((await listBoards(council)).map((b) => b.id)).toEqual([]);
	});

	it('members get the level the facilitator gives them, and lose it again; only a facilitator may give it', async () => {
		const { owner, boardId } = await newBoard();
		const council = await staff(['council_member']);
		const other = await staff(['facilitator']);
		expect(await setMember(other, boardId, council.id, 'edit')).toEqual({ ok: false, error: 'forbidden' });
		expect((await setMember(owner, boardId, council.id, 'edit')).ok).toBe(true);
		expect(await levelOf({ kind: 'staff', user: council, boardId })).toBe('edit');
		expect((await listBoards(council)).map((b) => b.level)).toEqual(['edit']);
		expect((await setMember(owner, boardId, council.id, null)).ok).toBe(true);
		expect(await levelOf({ kind: 'staff', user: council, boardId })).toBe('forbidden');
		expect(await setMember(owner, boardId, 99999, 'view')).toEqual({ ok: false, error: 'unknown_user' });
	});

	it('links: view or edit until they expire; checked when made; closed once the board is archived', async () => {
		const { owner, boardId } = await newBoard();
		expect(await createLink(owner, boardId, { level: 'facilitate' })).toEqual({ ok: false, error: 'bad_level' });
		expect(await createLink(owner, boardId, { level: 'edit', days: 0 })).toEqual({ ok: false, error: 'bad_days' });
		expect(await createLink(owner, boardId, { level: 'edit', days: 91 })).toEqual({ ok: false, error: 'bad_days' });
		expect(await createLink(await staff(['facilitator']), boardId, { level: 'edit' })).toEqual({ ok: false, error: 'forbidden' });
		const edit = await createLink(owner, boardId, { level: 'edit', days: 7 });
		const view = await createLink(owner, boardId, { level: 'view' });
		if (!edit.ok || !view.ok) throw new Error('links');
		expect(await levelOf({ kind: 'link', token: edit.token })).toBe('edit');
		expect(await levelOf({ kind: 'link', token: view.token })).toBe('view');
		const week = Date.now() + 7 * 86_400_000 + 1000;
		expect((await openBoard({ kind: 'link', token: edit.token }, week)).ok).toBe(false);
		expect((await setArchived(owner, boardId, true)).ok).toBe(true);
		expect(await levelOf({ kind: 'link', token: edit.token })).toBe('board_archived');
		// Staff still read an archived board, and nobody edits it.
		expect(await levelOf({ kind: 'staff', user: owner, boardId })).toBe('view');
	});

	it('a dialogue table’s board: its staff facilitate, its phones edit while it runs and read afterwards, its projector watches', async () => {
		const facilitator = await staff(['facilitator']);
		const t = await table(facilitator, { template: 'talk_cafe' });
		await applyAction(facilitator, t.tableId, { type: 'start' });
		const outsider = await staff(['facilitator']);
		expect(await createBoard(outsider, { title: 'Bord', template: 'empty', tableId: t.tableId }, frameTitle)).toEqual({ ok: false, error: 'forbidden' });
		const made = await createBoard(facilitator, { title: 'Bord van de tafel', template: 'more_less', tableId: t.tableId }, frameTitle);
		if (!made.ok) throw new Error(made.error);
		const boardId = made.boardId;
		const phone = await joinTable(t.code, 'Mo');
		if (!phone.ok) throw new Error(phone.error);
		expect(await levelOf({ kind: 'table', participantToken: phone.participantToken, boardId })).toBe('edit');
		expect(await levelOf({ kind: 'watch', code: t.code, boardId })).toBe('view');
		const otherTable = await table(facilitator, { template: 'talk_cafe' });
		expect(await levelOf({ kind: 'watch', code: otherTable.code, boardId })).toBe('forbidden');
		await applyAction(facilitator, t.tableId, { type: 'end' });
		expect(await levelOf({ kind: 'table', participantToken: phone.participantToken, boardId })).toBe('view');
		expect(await levelOf({ kind: 'table', participantToken: 'not-a-token', boardId })).toBe('forbidden');
	});
});
