import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { snapshot } from '$lib/server/tables';
import { countTableContacts } from '$lib/server/tables/contacts';
import { m } from '$lib/paraglide/messages';
import { createBoard } from '$lib/server/boards';
import { frameTitle } from '$lib/boards/labels';
import { getIO } from '$lib/server/realtime';
import { announceState } from '$lib/server/realtime/tables';

export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event, 'facilitator');
	const id = Number(event.params.id);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, m.error_not_found());
	const r = await snapshot(id, { kind: 'staff', user });
	if (!r.ok) {
		if (r.error === 'forbidden') error(403, m.error_forbidden());
		error(404, m.error_not_found());
	}
	// Only the table's facilitators and admins see the contact addresses; note-takers get no link.
	const contacts = await countTableContacts(user, id);
	return { snapshot: r.snapshot, created: event.url.searchParams.has('created'), contactCount: contacts.ok ? contacts.count : null };
};

export const actions: Actions = {
	/** Opens a collaborative board in a phase: phones get a button to it, the projector shows it. */
	board: async (event) => {
		const user = requireStaff(event, 'facilitator');
		const tableId = Number(event.params.id);
		const f = await event.request.formData();
		const phaseId = Number(f.get('phase'));
		const r = await snapshot(tableId, { kind: 'staff', user });
		if (!r.ok) error(r.error === 'forbidden' ? 403 : 404, r.error === 'forbidden' ? m.error_forbidden() : m.error_not_found());
		const phase = r.snapshot.phases.find((p) => p.id === phaseId);
		if (!phase) return fail(400, { board: 'phase_not_found' });
		if (phase.board) return { boardId: phase.board.id };
		const created = await createBoard(
			user,
			{ title: `${r.snapshot.table.title} · ${phase.title}`.slice(0, 120), template: String(f.get('template') ?? 'empty'), locale: r.snapshot.table.locale, tableId, phaseId },
			frameTitle
		);
		if (!created.ok) return fail(created.error === 'forbidden' ? 403 : 400, { board: created.error });
		const io = getIO();
		if (io) await announceState(io, { tableId, reason: 'board', phaseId });
		return { boardId: created.boardId };
	}
};
