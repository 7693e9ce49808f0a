/**
 * Collaborative boards: creating them, who may do what on them, and links for people without an
 * account. The document itself (notes, clusters) lives in `documents.ts` and `log.ts`.
 *
 * Levels: view < edit < facilitate. Staff get theirs from the board (its maker, members, the staff of
 * its dialogue table) and from their roles (admins facilitate every board; facilitators and moderators
 * may look at any board); workshop participants get theirs from a link with a token, or, on a board of
 * a dialogue table, from their phone's participant token while the table runs.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import * as Y from 'yjs';
import { generateToken, hasRole, hashToken, type StaffUser } from '../auth';
import { getDb, schema, type Db } from '../db';
import { BOARD_LEVELS, type BoardLevel } from '../db/schema';
import { attempt, Refusal, refuse, type Answer } from '../refusal';
import { findTableByCode, resumeParticipant } from '../tables';
import { applyTemplate, isTemplate, type BoardTemplate } from '$lib/boards/doc.js';
import { isLocale } from '$lib/i18n';
import { appendIn } from './log';
import { emit } from '../events';

export type BoardError =
	| 'bad_payload'
	| 'forbidden'
	| 'board_not_found'
	| 'board_archived'
	| 'link_unknown'
	| 'link_expired'
	| 'bad_title'
	| 'bad_template'
	| 'bad_level'
	| 'bad_days'
	| 'bad_label'
	| 'campaign_not_found'
	| 'table_not_found'
	| 'phase_not_found'
	| 'unknown_user'
	| 'table_ended';

export type Result<T extends object = object> = Answer<BoardError, T>;
const run = <T extends object>(fn: (tx: Db) => T): Promise<Result<T>> => attempt<BoardError, T>(fn);

const b = schema.boards;
const bm = schema.boardMembers;
const bl = schema.boardLinks;

export const TITLE_MAX = 120;
export const LINK_LABEL_MAX = 60;
export const LINK_DAYS_MAX = 90;
const DAY = 86_400_000;

const RANK: Record<BoardLevel, number> = { view: 1, edit: 2, facilitate: 3 };
export const atLeast = (level: BoardLevel | null | undefined, wanted: BoardLevel): boolean => !!level && RANK[level] >= RANK[wanted];
const higher = (a: BoardLevel | null, b: BoardLevel | null): BoardLevel | null => (!a ? b : !b ? a : RANK[a] >= RANK[b] ? a : b);

export function isLevel(value: unknown): value is BoardLevel {
	return typeof value === 'string' && (BOARD_LEVELS as readonly string[]).includes(value);
}

export type BoardRow = typeof b.$inferSelect;

/** A board as its pages show it: with the names of what it belongs to. */
export type BoardInfo = Pick<BoardRow, 'id' | 'title' | 'template' | 'locale' | 'campaignId' | 'tableId' | 'phaseId' | 'createdAt'> & {
	archived: boolean;
	tableCode: string | null;
	tableTitle: string | null;
	phaseTitle: string | null;
	campaignSlug: string | null;
};

function infoIn(tx: Db, row: BoardRow): BoardInfo {
	const table = row.tableId
		? tx.select({ code: schema.dialogueTables.code, title: schema.dialogueTables.title }).from(schema.dialogueTables).where(eq(schema.dialogueTables.id, row.tableId)).get()
		: undefined;
	const phase = row.phaseId ? tx.select({ title: schema.tablePhases.title }).from(schema.tablePhases).where(eq(schema.tablePhases.id, row.phaseId)).get() : undefined;
	const campaign = row.campaignId ? tx.select({ slug: schema.campaigns.slug }).from(schema.campaigns).where(eq(schema.campaigns.id, row.campaignId)).get() : undefined;
	return {
		id: row.id,
		title: row.title,
		template: row.template,
		locale: row.locale,
		campaignId: row.campaignId,
		tableId: row.tableId,
		phaseId: row.phaseId,
		createdAt: row.createdAt,
		archived: !!row.archivedAt,
		tableCode: table?.code ?? null,
		tableTitle: table?.title ?? null,
		phaseTitle: phase?.title ?? null,
		campaignSlug: campaign?.slug ?? null
	};
}

function loadBoard(tx: Db, boardId: unknown): BoardRow {
	if (typeof boardId !== 'number' || !Number.isSafeInteger(boardId) || boardId <= 0) throw new Refusal('board_not_found');
	const row = tx.select().from(b).where(eq(b.id, boardId)).get();
	if (!row) throw new Refusal('board_not_found');
	return row;
}

/** The level a staff member has on a board (null: none). */
function staffLevelIn(tx: Db, row: BoardRow, user: StaffUser | null | undefined): BoardLevel | null {
	if (!user) return null;
	if (user.roles.includes('admin') || row.createdBy === user.id) return 'facilitate';
	let level: BoardLevel | null = tx.select({ level: bm.level }).from(bm).where(and(eq(bm.boardId, row.id), eq(bm.userId, user.id))).get()?.level ?? null;
	if (row.tableId) {
		const role = tx
			.select({ role: schema.tableStaff.role })
			.from(schema.tableStaff)
			.where(and(eq(schema.tableStaff.tableId, row.tableId), eq(schema.tableStaff.userId, user.id)))
			.get()?.role;
		if (role === 'facilitator' || role === 'co_facilitator') level = 'facilitate';
		else if (role === 'note_taker') level = higher(level, 'edit');
	}
	if (hasRole(user, 'facilitator', 'moderator')) level = higher(level, 'view');
	return level;
}

// ---------------------------------------------------------------- creating and listing boards

export type NewBoard = {
	title: string;
	template: string;
	locale?: string;
	campaignId?: number | null;
	tableId?: number | null;
	phaseId?: number | null;
	dots?: number;
};

/**
 * Creates a board and its first document (the template's clusters, titled by `frameTitle` in the
 * board's language). Facilitators and moderators create boards; on a dialogue table, only its staff.
 */
export async function createBoard(user: StaffUser | null, input: NewBoard, frameTitle: (key: string, locale: string, n?: number) => string): Promise<Result<{ boardId: number }>> {
	if (!hasRole(user, 'facilitator', 'moderator')) return refuse('forbidden');
	const title = typeof input.title === 'string' ? input.title.trim() : '';
	if (!title || [...title].length > TITLE_MAX) return refuse('bad_title');
	if (!isTemplate(input.template)) return refuse('bad_template');
	const template: BoardTemplate = input.template;
	const locale = isLocale(input.locale) ? input.locale : 'nl';
	const doc = new Y.Doc();
	applyTemplate(doc, template, (key, n) => frameTitle(key, locale, n), { dots: input.dots });
	const state = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return run((tx) => {
		let tableId = input.tableId ?? null;
		if (input.campaignId && !tx.select({ id: schema.campaigns.id }).from(schema.campaigns).where(eq(schema.campaigns.id, input.campaignId)).get())
			throw new Refusal('campaign_not_found');
		if (input.phaseId) {
			const phase = tx.select().from(schema.tablePhases).where(eq(schema.tablePhases.id, input.phaseId)).get();
			if (!phase || (tableId && phase.tableId !== tableId)) throw new Refusal('phase_not_found');
			tableId = phase.tableId;
		}
		if (tableId) {
			if (!tx.select({ id: schema.dialogueTables.id }).from(schema.dialogueTables).where(eq(schema.dialogueTables.id, tableId)).get()) throw new Refusal('table_not_found');
			const role = tx
				.select({ role: schema.tableStaff.role })
				.from(schema.tableStaff)
				.where(and(eq(schema.tableStaff.tableId, tableId), eq(schema.tableStaff.userId, user!.id)))
				.get()?.role;
			if (!user!.roles.includes('admin') && role !== 'facilitator' && role !== 'co_facilitator') throw new Refusal('forbidden');
		}
		const row = tx
			.insert(b)
			.values({ title, template, locale, campaignId: input.campaignId ?? null, tableId, phaseId: input.phaseId ?? null, createdBy: user!.id, createdAt: new Date() })
			.returning({ id: b.id })
			.get();
		appendIn(tx, row.id, state);
		return { boardId: row.id };
	});
}

export type BoardListItem = BoardInfo & { level: BoardLevel };

/** The boards a staff member can open, newest first, with their level on each. */
export async function listBoards(user: StaffUser | null, filter: { tableId?: number; campaignId?: number } = {}): Promise<BoardListItem[]> {
	if (!user) return [];
	const r = await run((tx) => {
		const where = [];
		if (filter.tableId) where.push(eq(b.tableId, filter.tableId));
		if (filter.campaignId) where.push(eq(b.campaignId, filter.campaignId));
		const rows = tx
			.select()
			.from(b)
			.where(where.length ? and(...where) : undefined)
			.orderBy(desc(b.createdAt), desc(b.id))
			.all();
		const items: BoardListItem[] = [];
		for (const row of rows) {
			const level = staffLevelIn(tx, row, user);
			if (level) items.push({ ...infoIn(tx, row), level });
		}
		return { items };
	});
	return r.ok ? r.items : [];
}

export async function renameBoard(user: StaffUser | null, boardId: number, title: string): Promise<Result> {
	return run((tx) => {
		const row = loadBoard(tx, boardId);
		if (!atLeast(staffLevelIn(tx, row, user), 'facilitate')) throw new Refusal('forbidden');
		const clean = typeof title === 'string' ? title.trim() : '';
		if (!clean || [...clean].length > TITLE_MAX) throw new Refusal('bad_title');
		tx.update(b).set({ title: clean }).where(eq(b.id, row.id)).run();
		return {};
	});
}

/** Archiving keeps the board readable for staff and closes it for links and participants. */
export async function setArchived(user: StaffUser | null, boardId: number, archived: boolean): Promise<Result> {
	const r = await run((tx) => {
		const row = loadBoard(tx, boardId);
		if (!atLeast(staffLevelIn(tx, row, user), 'facilitate')) throw new Refusal('forbidden');
		tx.update(b).set({ archivedAt: archived ? new Date() : null }).where(eq(b.id, row.id)).run();
		return {};
	});
	if (r.ok) emit({ type: 'board.archived', boardId, archived });
	return r;
}

// ---------------------------------------------------------------- who may open a board

/**
 * Who asks to open a board: a staff member (session), someone with a link, a table's participant, or
 * a table's projector (anyone with the join code may watch the table, and so its boards).
 */
export type BoardViewer =
	| { kind: 'staff'; user: StaffUser | null; boardId: unknown }
	| { kind: 'link'; token: unknown }
	| { kind: 'table'; participantToken: unknown; boardId: unknown }
	| { kind: 'watch'; code: unknown; boardId: unknown };

/** For a link: `until` when the right ends by itself (its expiry), `linkId` which link it is. */
export type BoardAccess = { board: BoardInfo; level: BoardLevel; until?: Date; linkId?: number };

/**
 * The board and the level someone has on it, or why not: unknown board, unknown or expired link,
 * an archived board (staff still read it), a table that has ended (its participants still read it).
 */
export async function openBoard(viewer: BoardViewer, now = Date.now()): Promise<Result<BoardAccess>> {
	if (viewer.kind === 'table') {
		const p = await resumeParticipant(viewer.participantToken);
		if (!p.ok) return refuse('forbidden');
		return run((tx) => {
			const row = loadBoard(tx, viewer.boardId);
			if (row.tableId !== p.tableId) throw new Refusal('forbidden');
			if (row.archivedAt) throw new Refusal('board_archived');
			const table = tx.select({ status: schema.dialogueTables.status }).from(schema.dialogueTables).where(eq(schema.dialogueTables.id, p.tableId)).get();
			return { board: infoIn(tx, row), level: table?.status === 'live' ? ('edit' as const) : ('view' as const) };
		});
	}
	if (viewer.kind === 'watch') {
		const t = await findTableByCode(viewer.code);
		if (!t.ok) return refuse('forbidden');
		// The code lets anyone watch a running table; once it has ended, its participants (their token) and staff only.
		if (t.status === 'ended') return refuse('table_ended');
		return run((tx) => {
			const row = loadBoard(tx, viewer.boardId);
			if (row.tableId !== t.tableId) throw new Refusal('forbidden');
			if (row.archivedAt) throw new Refusal('board_archived');
			return { board: infoIn(tx, row), level: 'view' as const };
		});
	}
	return run((tx) => {
		if (viewer.kind === 'staff') {
			const row = loadBoard(tx, viewer.boardId);
			let level = staffLevelIn(tx, row, viewer.user);
			if (!level) throw new Refusal('forbidden');
			if (row.archivedAt) level = 'view';
			return { board: infoIn(tx, row), level };
		}
		if (typeof viewer.token !== 'string' || !/^[a-z0-9]{16,64}$/.test(viewer.token)) throw new Refusal('link_unknown');
		const link = tx.select().from(bl).where(eq(bl.tokenHash, hashToken(viewer.token))).get();
		if (!link || link.revokedAt) throw new Refusal('link_unknown');
		if (link.expiresAt.getTime() <= now) throw new Refusal('link_expired');
		const row = loadBoard(tx, link.boardId);
		if (row.archivedAt) throw new Refusal('board_archived');
		return { board: infoIn(tx, row), level: link.level, until: link.expiresAt, linkId: link.id };
	});
}

// ---------------------------------------------------------------- links and members

export type BoardLink = { id: number; level: 'view' | 'edit'; label: string; expiresAt: Date; createdAt: Date; revoked: boolean; expired: boolean };

/**
 * A new link for people without an account. The token is answered once (it is stored hashed): the
 * facilitator shows or copies it now, and makes another when it is lost.
 */
export async function createLink(
	user: StaffUser | null,
	boardId: number,
	input: { level: unknown; label?: unknown; days?: unknown },
	now = Date.now()
): Promise<Result<{ token: string; expiresAt: Date }>> {
	const level = input.level;
	if (level !== 'view' && level !== 'edit') return refuse('bad_level');
	const days = input.days ?? 1;
	if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > LINK_DAYS_MAX) return refuse('bad_days');
	const label = typeof input.label === 'string' ? input.label.trim() : '';
	if ([...label].length > LINK_LABEL_MAX) return refuse('bad_label');
	return run((tx) => {
		const row = loadBoard(tx, boardId);
		if (!atLeast(staffLevelIn(tx, row, user), 'facilitate')) throw new Refusal('forbidden');
		if (row.archivedAt) throw new Refusal('board_archived');
		const token = generateToken();
		const expiresAt = new Date(now + days * DAY);
		tx.insert(bl).values({ boardId: row.id, tokenHash: hashToken(token), level, label, expiresAt, createdBy: user!.id, createdAt: new Date(now) }).run();
		return { token, expiresAt };
	});
}

export async function listLinks(user: StaffUser | null, boardId: number, now = Date.now()): Promise<Result<{ links: BoardLink[] }>> {
	return run((tx) => {
		const row = loadBoard(tx, boardId);
		if (!atLeast(staffLevelIn(tx, row, user), 'facilitate')) throw new Refusal('forbidden');
		const links = tx
			.select()
			.from(bl)
			.where(eq(bl.boardId, row.id))
			.orderBy(desc(bl.createdAt), desc(bl.id))
			.all()
			.map((l) => ({ id: l.id, level: l.level, label: l.label, expiresAt: l.expiresAt, createdAt: l.createdAt, revoked: !!l.revokedAt, expired: l.expiresAt.getTime() <= now }));
		return { links };
	});
}

export async function revokeLink(user: StaffUser | null, boardId: number, linkId: number): Promise<Result> {
	const r = await run((tx) => {
		const row = loadBoard(tx, boardId);
		if (!atLeast(staffLevelIn(tx, row, user), 'facilitate')) throw new Refusal('forbidden');
		const res = tx.update(bl).set({ revokedAt: new Date() }).where(and(eq(bl.id, linkId), eq(bl.boardId, row.id), isNull(bl.revokedAt))).run();
		if (!res.changes) throw new Refusal('link_unknown');
		return {};
	});
	if (r.ok) emit({ type: 'board.link.revoked', boardId, linkId });
	return r;
}

export type BoardMember = { userId: number; name: string; email: string; level: BoardLevel };

export async function listMembers(user: StaffUser | null, boardId: number): Promise<Result<{ members: BoardMember[] }>> {
	return run((tx) => {
		const row = loadBoard(tx, boardId);
		if (!atLeast(staffLevelIn(tx, row, user), 'facilitate')) throw new Refusal('forbidden');
		const members = tx
			.select({ userId: bm.userId, level: bm.level, name: schema.users.name, email: schema.users.email })
			.from(bm)
			.innerJoin(schema.users, eq(schema.users.id, bm.userId))
			.where(eq(bm.boardId, row.id))
			.orderBy(schema.users.name)
			.all();
		return { members };
	});
}

/** Gives a staff member a level on the board (null: takes it away). */
export async function setMember(user: StaffUser | null, boardId: number, userId: number, level: BoardLevel | null): Promise<Result> {
	if (level !== null && !isLevel(level)) return refuse('bad_level');
	const r = await run((tx) => {
		const row = loadBoard(tx, boardId);
		if (!atLeast(staffLevelIn(tx, row, user), 'facilitate')) throw new Refusal('forbidden');
		if (!tx.select({ id: schema.users.id }).from(schema.users).where(and(eq(schema.users.id, userId), eq(schema.users.active, true))).get())
			throw new Refusal('unknown_user');
		tx.delete(bm).where(and(eq(bm.boardId, row.id), eq(bm.userId, userId))).run();
		if (level) tx.insert(bm).values({ boardId: row.id, userId, level }).run();
		return {};
	});
	if (r.ok) emit({ type: 'board.member.changed', boardId, userId });
	return r;
}

/** Titles of boards by id (for signal evidence and lists). */
export async function boardTitles(ids: number[]): Promise<Map<number, string>> {
	if (!ids.length) return new Map();
	const rows = await getDb().select({ id: b.id, title: b.title }).from(b).where(inArray(b.id, ids));
	return new Map(rows.map((r) => [r.id, r.title]));
}
