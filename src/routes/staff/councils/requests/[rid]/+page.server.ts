import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { hasRole, type StaffUser } from '$lib/server/auth';
import { requireStaff } from '$lib/server/auth/guard';
import { castVote, getRequest, MESSAGE_MAX, openVote, postMessage, publishAdvice, replaceDraft, type CouncilError } from '$lib/server/councils';
import { DRAFT_TEXT_MAX } from '$lib/server/councils/draft';
import { cityInputValue, parseCityTime } from '$lib/server/councils/rules';
import { SIGNAL_ROLES } from '$lib/server/signals';

/**
 * One request on a council's table: the signal, the question, the thread, the shared draft, the vote and
 * the published advice with its PDF. Members of the request's council work on it; the plan owner and the
 * admin read it and may publish advice that reached its quorum; anyone else gets a 403 that says why.
 * Every action is a plain form (works without JavaScript) that answers { action, … } for its own form.
 */
const COUNCIL_ROLES = ['council_member', 'plan_owner'] as const;
const DAY = 86_400_000;

function requestId(params: { rid?: string }): number {
	const id = Number(params.rid);
	if (!Number.isSafeInteger(id) || id < 1) error(404, m.council_problem_not_found());
	return id;
}

/** The page's refusal for a request the user may not open, or one that does not exist. */
function refused(code: CouncilError): never {
	if (code === 'forbidden') error(403, m.council_forbidden_request());
	error(404, m.council_problem_not_found());
}

export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event, ...COUNCIL_ROLES);
	const r = await getRequest(user, requestId(event.params), event.locals.locale);
	if (!r.ok) refused(r.error);
	const now = Date.now();
	return {
		request: r.request,
		// The signal's own page is for the staff who work on signals; council members read the summary here.
		signalHref: hasRole(user, ...SIGNAL_ROLES, 'plan_owner') ? `/staff/signals/${r.request.signal.id}` : null,
		defaultCloses: cityInputValue(new Date(now + 7 * DAY), true).slice(0, 11) + '18:00',
		minCloses: cityInputValue(new Date(now), true),
		messageMax: MESSAGE_MAX,
		draftMax: DRAFT_TEXT_MAX
	};
};

type Action = 'post' | 'draft' | 'openVote' | 'vote' | 'publish';

/** A refused action: 403 for who may not, 404 for what does not exist, 409 when the state does not allow it, 400 for bad input. */
function refusal(action: Action, code: CouncilError, extra: Record<string, unknown> = {}) {
	const status =
		code === 'forbidden' || code === 'not_member'
			? 403
			: code === 'not_found'
				? 404
				: ['published', 'vote_closed', 'vote_not_open', 'vote_already_open', 'no_quorum', 'tie', 'draft_changed'].includes(code)
					? 409
					: 400;
	return fail(status, { action, error: code, ...extra });
}

async function start(event: Pick<RequestEvent, 'locals' | 'url' | 'request'> & { params: { rid?: string } }): Promise<{ user: StaffUser; id: number; form: FormData }> {
	const user = requireStaff(event, ...COUNCIL_ROLES);
	return { user, id: requestId(event.params), form: await event.request.formData() };
}

export const actions: Actions = {
	post: async (event) => {
		const { user, id, form } = await start(event);
		const text = String(form.get('text') ?? '');
		const r = await postMessage(user, id, text);
		if (!r.ok) return refusal('post', r.error, { text });
		return { action: 'post' as const, done: true };
	},
	/**
	 * FALLBACK until the live collaborative editor (socket.io sync on top of $lib/server/councils/draft.ts)
	 * exists: a plain form that replaces the whole draft text. It stays a Yjs document: the replacement is
	 * one Yjs transaction (delete all, insert the new text). `base` is the text the member started from, so
	 * that a save over someone else's newer version is refused and shown instead of overwriting it.
	 */
	draft: async (event) => {
		const { user, id, form } = await start(event);
		const text = String(form.get('text') ?? '');
		const base = String(form.get('base') ?? '');
		const r = await replaceDraft(user, id, text, base);
		if (!r.ok) return refusal('draft', r.error, { text });
		return { action: 'draft' as const, done: true, stored: r.stored };
	},
	openVote: async (event) => {
		const { user, id, form } = await start(event);
		const value = String(form.get('closesAt') ?? '');
		const r = await openVote(user, id, parseCityTime(value));
		if (!r.ok) return refusal('openVote', r.error, { closesAt: value });
		return { action: 'openVote' as const, done: true };
	},
	vote: async (event) => {
		const { user, id, form } = await start(event);
		const r = await castVote(user, id, String(form.get('verdict') ?? ''));
		if (!r.ok) return refusal('vote', r.error);
		return { action: 'vote' as const, done: true, verdict: r.verdict };
	},
	publish: async (event) => {
		const { user, id } = await start(event);
		const r = await publishAdvice(user, id);
		if (!r.ok) return refusal('publish', r.error);
		return { action: 'publish' as const, done: true };
	}
};
