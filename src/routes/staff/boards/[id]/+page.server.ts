import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { requireStaff } from '$lib/server/auth/guard';
import { atLeast, createLink, isLevel, listLinks, listMembers, openBoard, renameBoard, revokeLink, setArchived, setMember } from '$lib/server/boards';
import { listUsers } from '$lib/server/auth';
import { signalFromNotes } from '$lib/server/boards/signals';
import { SIGNAL_TYPES } from '$lib/server/db/schema';
import { canMakeSignals, listSignals } from '$lib/server/signals';
import { parseTagValue, tagOptions } from '$lib/server/signals/tags';
import { getIO } from '$lib/server/realtime';
import { announceSignals } from '$lib/server/realtime/boards';
import { lensPersonas } from '$lib/server/personas/workshops';

/** The board for a staff member with at least view rights on it (404 unknown, 403 someone else's). */
async function access(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const user = requireStaff(event);
	const boardId = Number(event.params.id);
	const r = await openBoard({ kind: 'staff', user, boardId: Number.isSafeInteger(boardId) ? boardId : -1 });
	if (!r.ok) error(r.error === 'forbidden' ? 403 : 404, r.error === 'forbidden' ? m.error_forbidden() : m.error_not_found());
	return { user, boardId: r.board.id, board: r.board, level: r.level };
}

export const load: PageServerLoad = async (event) => {
	const { user, board, level } = await access(event);
	const locale = event.locals.locale;
	const facilitate = atLeast(level, 'facilitate');
	const canSignal = facilitate && canMakeSignals(user);
	const [options, signals, links, members, users, lenses] = await Promise.all([
		tagOptions(locale),
		canSignal ? listSignals() : Promise.resolve([]),
		facilitate ? listLinks(user, board.id) : Promise.resolve(null),
		facilitate ? listMembers(user, board.id) : Promise.resolve(null),
		facilitate ? listUsers() : Promise.resolve([]),
		// A persona workshop's board: its notes' lens tags read as the personas' names.
		board.tableId ? lensPersonas(board.tableId) : Promise.resolve([])
	]);
	return {
		board: { ...board, createdAt: board.createdAt.getTime() },
		level,
		me: user.name,
		canSignal,
		options,
		lenses,
		signalTypes: SIGNAL_TYPES,
		signals: signals.map((s) => ({ id: s.id, title: s.title, type: s.type, evidenceCount: s.evidenceCount })),
		links: links?.ok ? links.links.map((l) => ({ ...l, expiresAt: l.expiresAt.getTime(), createdAt: l.createdAt.getTime() })) : [],
		members: members?.ok ? members.members : [],
		staffUsers: users.filter((u) => u.active && u.id !== user.id).map((u) => ({ id: u.id, name: u.name })),
		view: event.url.searchParams.get('view') === 'outline' ? ('outline' as const) : ('board' as const),
		note: event.url.searchParams.get('note'),
		present: event.url.searchParams.get('present') === '1'
	};
};

async function facilitator(event: RequestEvent) {
	const a = await access(event);
	if (!atLeast(a.level, 'facilitate')) error(403, m.error_forbidden());
	return a;
}

export const actions: Actions = {
	/** A link for people without an account (view or edit), shown once. */
	link: async (event) => {
		const { user, boardId } = await facilitator(event);
		const f = await event.request.formData();
		const values = { level: String(f.get('level') ?? 'edit'), label: String(f.get('label') ?? ''), days: Number(f.get('days') ?? 1) };
		const r = await createLink(user, boardId, values);
		if (!r.ok) return fail(400, { action: 'link' as const, values, error: r.error });
		return { action: 'link' as const, token: r.token, level: values.level, expiresAt: r.expiresAt.getTime() };
	},
	revoke: async (event) => {
		const { user, boardId } = await facilitator(event);
		const f = await event.request.formData();
		const r = await revokeLink(user, boardId, Number(f.get('link')));
		if (!r.ok) return fail(400, { action: 'revoke' as const, error: r.error });
		return { action: 'revoke' as const };
	},
	/** Gives a staff member a level on this board, or takes it away (level ''). */
	member: async (event) => {
		const { user, boardId } = await facilitator(event);
		const f = await event.request.formData();
		const level = String(f.get('level') ?? '');
		const r = await setMember(user, boardId, Number(f.get('user')), isLevel(level) ? level : null);
		if (!r.ok) return fail(400, { action: 'member' as const, error: r.error });
		return { action: 'member' as const };
	},
	rename: async (event) => {
		const { user, boardId } = await facilitator(event);
		const f = await event.request.formData();
		const title = String(f.get('title') ?? '');
		const r = await renameBoard(user, boardId, title);
		if (!r.ok) return fail(400, { action: 'rename' as const, title, error: r.error });
		return { action: 'rename' as const };
	},
	archive: async (event) => {
		const { user, boardId } = await facilitator(event);
		const f = await event.request.formData();
		const r = await setArchived(user, boardId, f.get('archived') === '1');
		if (!r.ok) return fail(400, { action: 'archive' as const, error: r.error });
		return { action: 'archive' as const };
	},
	/** A cluster or a selection of notes → a new signal, or evidence for one that exists. */
	signal: async (event) => {
		const { user, boardId } = await facilitator(event);
		const f = await event.request.formData();
		const noteIds = f.getAll('note').map(String).filter(Boolean);
		const frameId = String(f.get('frame') ?? '') || null;
		const existing = Number(f.get('signal') ?? 0);
		const values = { title: String(f.get('title') ?? ''), summary: String(f.get('summary') ?? ''), type: String(f.get('type') ?? ''), tags: f.getAll('tag').map(String) };
		const tags = values.tags.map(parseTagValue);
		if (tags.some((t) => !t)) return fail(400, { action: 'signal' as const, values, problems: ['tag_unknown'] });
		const r = await signalFromNotes(
			user,
			boardId,
			existing > 0 ? { noteIds, frameId, signalId: existing } : { noteIds, frameId, ...values, tags: tags.map((t) => t!) }
		);
		if (!r.ok) return fail(r.problems.includes('forbidden') ? 403 : 400, { action: 'signal' as const, values, problems: r.problems });
		const io = getIO();
		if (io) await announceSignals(io, boardId);
		return { action: 'signal' as const, signalId: r.signalId, notes: r.notes, existing: existing > 0 };
	}
};
