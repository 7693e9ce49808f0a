import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireStaff } from '$lib/server/auth/guard';
import { councilChoices, sendToCouncil, QUESTION_MAX } from '$lib/server/councils';
import { cityInputValue, parseCityTime } from '$lib/server/councils/rules';

/**
 * Sending a signal to an advisory council, for the signal's page (its owner wires it in):
 *
 *   load:    ...(await councilFormData(event.locals.locale))   → { councils, councilDefaults }
 *   actions: { council: councilAction }                         → the form posts to ?/council
 *   page:    <SendToCouncil councils={data.councils} defaults={data.councilDefaults} result={form?.council} />
 *
 * Triage staff (moderators, facilitators) and the plan owner may send; the signal moves to 'with council'.
 * The action answers under `council` so that it never mixes with the page's other forms.
 */
const DAY = 86_400_000;

export type CouncilFormResult = {
	sent?: boolean;
	requestId?: number;
	councilName?: string;
	error?: string;
	values?: { council: string; question: string; deadline: string };
};

/** The councils to choose from, and the form's defaults (a deadline four weeks ahead; not before today). */
export async function councilFormData(locale: string) {
	const now = new Date();
	return {
		councils: await councilChoices(locale),
		councilDefaults: { deadline: cityInputValue(new Date(+now + 28 * DAY), false), minDeadline: cityInputValue(now, false), questionMax: QUESTION_MAX }
	};
}

export async function councilAction(event: Pick<RequestEvent, 'locals' | 'url' | 'request' | 'params'>) {
	const user = requireStaff(event, 'moderator', 'facilitator', 'plan_owner');
	const signalId = Number((event.params as { id?: string }).id);
	if (!Number.isSafeInteger(signalId) || signalId < 1) error(404, m.error_not_found());
	const f = await event.request.formData();
	const values = { council: String(f.get('council') ?? ''), question: String(f.get('question') ?? ''), deadline: String(f.get('deadline') ?? '') };
	const r = await sendToCouncil(user, signalId, values.council, { question: values.question, deadline: parseCityTime(values.deadline) });
	if (!r.ok) {
		const status = r.error === 'forbidden' ? 403 : r.error === 'signal_not_found' || r.error === 'council_not_found' ? 404 : r.error === 'already_with_council' || r.error === 'transition_not_allowed' ? 409 : 400;
		return fail(status, { council: { error: r.error, values } satisfies CouncilFormResult });
	}
	const name = (await councilChoices(event.locals.locale)).find((c) => c.id === values.council)?.name ?? values.council;
	return { council: { sent: true, requestId: r.requestId, councilName: name } satisfies CouncilFormResult };
}
