import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { requireStaff } from '$lib/server/auth/guard';
import { getSignal, isEvidenceSource, removeEvidence, signalExists, updateSignal, SIGNAL_ROLES } from '$lib/server/signals';
import { labelTags, tagOptions } from '$lib/server/signals/tags';
import { SIGNAL_TYPES } from '$lib/server/db/schema';
import { tagAction } from '../../tags.server';
import { followMerge, lifecycleActions, lifecycleData, LIFECYCLE_ROLES } from './lifecycle.server';
import { logRetag } from '$lib/server/signals/lifecycle';
import { councilAction, councilFormData } from './council.server';
import { requestsOfSignal } from '$lib/server/councils';

function signalId(params: { id?: string }): number {
	const id = Number(params.id);
	if (!Number.isInteger(id) || id < 1) error(404, m.error_not_found());
	return id;
}

export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event, ...LIFECYCLE_ROLES);
	const locale = event.locals.locale;
	const id = signalId(event.params);
	await followMerge(id);
	const signal = await getSignal(id, locale);
	if (!signal) error(404, m.error_not_found());
	const options = await tagOptions(locale);
	return { signal: { ...signal, tags: labelTags(signal.tags, options) }, options, signalTypes: SIGNAL_TYPES, life: await lifecycleData(user, id, locale), ...(await councilFormData(locale)), councilRequests: await councilRequestsOf(user, id, locale) };
};

async function councilRequestsOf(user: Parameters<typeof requestsOfSignal>[0], id: number, locale: string) {
	const r = await requestsOfSignal(user, id, locale);
	return r.ok ? r.requests : [];
}

/** Retagging is part of triage: the change is on the signal's timeline. */
async function retag(event: Parameters<Actions[string]>[0], op: 'add' | 'remove') {
	const user = requireStaff(event, ...LIFECYCLE_ROLES);
	const id = signalId(event.params);
	const copy = event.request.clone();
	const r = await tagAction(event.request, 'signal', op, async (s) => s === id && (await signalExists(s)));
	if (r && 'tagged' in r) await logRetag(user, id, `${op === 'add' ? '+' : '−'} ${String((await copy.formData()).get('tag') ?? '')}`);
	return r;
}

export const actions: Actions = {
	...lifecycleActions,
	council: councilAction,
	save: async (event) => {
		requireStaff(event, ...SIGNAL_ROLES);
		const id = signalId(event.params);
		const form = await event.request.formData();
		const values = { title: String(form.get('title') ?? ''), summary: String(form.get('summary') ?? ''), type: String(form.get('type') ?? '') };
		const result = await updateSignal(id, values);
		if (!result.ok) return fail(result.problems.includes('not_found') ? 404 : 400, { values, problems: result.problems });
		return { saved: true };
	},
	removeEvidence: async (event) => {
		requireStaff(event, ...SIGNAL_ROLES);
		const id = signalId(event.params);
		const form = await event.request.formData();
		const sourceType = String(form.get('sourceType') ?? '');
		const sourceId = Number(form.get('sourceId'));
		if (!isEvidenceSource(sourceType) || !Number.isInteger(sourceId)) return fail(400, { evidenceProblem: true });
		const removed = await removeEvidence(id, { sourceType, sourceId });
		return removed ? { removed: true } : fail(404, { evidenceProblem: true });
	},
	tagAdd: async (event) => retag(event, 'add'),
	tagRemove: async (event) => retag(event, 'remove')
};
