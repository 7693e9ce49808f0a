/**
 * Suggestions for the facilitator of a board (nothing is changed here: a person accepts them on the
 * board). POST {kind: 'clusters'}: groups of similar notes among those outside any cluster.
 * POST {kind: 'tags', noteIds?, frameId?}: themes, goals and actions of the plan for those notes.
 */
import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { requireStaff } from '$lib/server/auth/guard';
import { atLeast, openBoard } from '$lib/server/boards';
import { chosenNotes } from '$lib/server/boards/signals';
import { readDocument } from '$lib/server/boards/documents';
import { suggestClusters, suggestTagsForTexts } from '$lib/server/signals/suggestions';
import { listNotes } from '$lib/boards/doc.js';
import { isRecord } from '$lib/server/tables/validate';

const MAX_CLUSTERED = 2000;

export const POST: RequestHandler = async (event) => {
	const user = requireStaff(event);
	const boardId = Number(event.params.id);
	const access = await openBoard({ kind: 'staff', user, boardId: Number.isSafeInteger(boardId) ? boardId : -1 });
	if (!access.ok) error(access.error === 'forbidden' ? 403 : 404, access.error === 'forbidden' ? m.error_forbidden() : m.error_not_found());
	if (!atLeast(access.level, 'edit')) error(403, m.error_forbidden());
	const body: unknown = await event.request.json().catch(() => null);
	if (!isRecord(body)) error(400, m.board_problem_other());
	if (body.kind === 'clusters') {
		const doc = await readDocument(access.board.id);
		const all = body.all === true;
		// Clustering costs n² (memory and time): the most recent notes when a board holds very many.
		const notes = listNotes(doc)
			.filter((n) => n.text.trim() && (all || !n.frame))
			.slice(-MAX_CLUSTERED);
		return json(suggestClusters(notes, { maxClusters: 12 }));
	}
	if (body.kind === 'tags') {
		const noteIds = Array.isArray(body.noteIds) ? body.noteIds.filter((x): x is string => typeof x === 'string').slice(0, 2000) : [];
		const frameId = typeof body.frameId === 'string' ? body.frameId : null;
		const { notes, frame } = await chosenNotes(access.board.id, { noteIds, frameId });
		const texts = [...(frame?.title ? [frame.title] : []), ...notes.map((n) => n.text)];
		return json({ tags: texts.length ? await suggestTagsForTexts(texts, event.locals.locale) : [] });
	}
	error(400, m.board_problem_other());
};
