/** The signal page's lifecycle: what it shows (status, strength, timeline, decision) and its actions. */
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import {
	canDecide,
	canTriage,
	changeStatus,
	currentSignalId,
	decide,
	decisionOf,
	mergeSignals,
	publishFeedback,
	registrationOf,
	splitSignal,
	strengthOf,
	timeline
} from '$lib/server/signals/lifecycle';
import { isEvidenceSource, listSignals, type EvidenceRef } from '$lib/server/signals';
import { getPlan } from '$lib/server/plan';
import { label } from '$lib/i18n';
import type { StaffUser } from '$lib/server/auth';

export const LIFECYCLE_ROLES = ['moderator', 'facilitator', 'plan_owner'] as const;

/** An old link to a merged signal leads to the signal it was merged into. */
export async function followMerge(id: number): Promise<void> {
	const current = await currentSignalId(id);
	if (current !== null && current !== id) redirect(303, `/staff/signals/${current}?from=${id}`);
}

export async function lifecycleData(user: StaffUser, signalId: number, locale: string) {
	const [events, decision, registration, strength, plan, others] = await Promise.all([
		timeline(signalId),
		decisionOf(signalId),
		registrationOf(signalId),
		strengthOf([signalId]),
		getPlan(),
		listSignals()
	]);
	return {
		events,
		decision,
		registration,
		strength: strength.get(signalId)!,
		canTriage: canTriage(user),
		canDecide: canDecide(user),
		goals: plan.goals.filter((g) => !g.archived).map((g) => ({ id: g.id, label: `${g.id} ${label(g.labels, locale)}` })),
		actions: plan.actions.filter((a) => !a.archived).map((a) => ({ id: a.id, label: `${a.id} ${label(a.labels, locale)}`, fromResident: !!a.fromResident })),
		mergeCandidates: others.filter((o) => o.id !== signalId && !o.mergedInto && !['taken_up', 'not_taken_up', 'passed_on', 'feedback_published'].includes(o.status)).map((o) => ({ id: o.id, title: o.title }))
	};
}

const text = (f: FormData, k: string) => String(f.get(k) ?? '');

function idOf(event: RequestEvent): number {
	return Number(event.params.id);
}

export const lifecycleActions = {
	status: async (event: RequestEvent) => {
		const user = requireStaff(event, ...LIFECYCLE_ROLES);
		const f = await event.request.formData();
		const r = await changeStatus(user, idOf(event), text(f, 'to'), text(f, 'reason'));
		if (!r.ok) return fail(400, { lifecycle: 'status', error: r.error, values: { reason: text(f, 'reason') } });
		return { lifecycle: 'status', done: true };
	},
	decide: async (event: RequestEvent) => {
		const user = requireStaff(event, 'plan_owner');
		const f = await event.request.formData();
		const values = {
			outcome: text(f, 'outcome'),
			reason: text(f, 'reason'),
			goalId: text(f, 'goal'),
			actionId: text(f, 'action'),
			newAction: text(f, 'newAction'),
			fromResident: f.get('fromResident') === 'on',
			level: text(f, 'level'),
			addressee: text(f, 'addressee')
		};
		const r = await decide(user, idOf(event), {
			outcome: values.outcome,
			reason: values.reason,
			goalId: values.goalId,
			actionId: values.actionId,
			newAction: values.newAction ? { label: values.newAction, fromResident: values.fromResident } : null,
			level: values.level,
			addressee: values.addressee
		});
		if (!r.ok) return fail(400, { lifecycle: 'decide', error: r.error, values });
		return { lifecycle: 'decide', done: true };
	},
	feedback: async (event: RequestEvent) => {
		const user = requireStaff(event, 'plan_owner');
		const f = await event.request.formData();
		const r = await publishFeedback(user, idOf(event), text(f, 'message'));
		if (!r.ok) return fail(400, { lifecycle: 'feedback', error: r.error, values: { message: text(f, 'message') } });
		return { lifecycle: 'feedback', done: true };
	},
	merge: async (event: RequestEvent) => {
		const user = requireStaff(event, ...LIFECYCLE_ROLES);
		const f = await event.request.formData();
		const other = Number(f.get('other'));
		const r = await mergeSignals(user, idOf(event), [other], text(f, 'reason'));
		if (!r.ok) return fail(400, { lifecycle: 'merge', error: r.error });
		return { lifecycle: 'merge', done: true, moved: r.moved };
	},
	split: async (event: RequestEvent) => {
		const user = requireStaff(event, ...LIFECYCLE_ROLES);
		const f = await event.request.formData();
		const evidence: EvidenceRef[] = f
			.getAll('evidence')
			.map(String)
			.flatMap((v) => {
				const [sourceType, id] = v.split(':');
				return isEvidenceSource(sourceType) && Number.isSafeInteger(Number(id)) ? [{ sourceType, sourceId: Number(id) }] : [];
			});
		const values = { title: text(f, 'title'), summary: text(f, 'summary'), type: text(f, 'type') };
		const r = await splitSignal(user, idOf(event), { ...values, evidence });
		if (!r.ok) return fail(400, { lifecycle: 'split', error: r.error, problems: 'problems' in r ? r.problems : [], values });
		redirect(303, `/staff/signals/${r.id}?split=${idOf(event)}`);
	}
};
