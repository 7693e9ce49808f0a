import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import {
	addPlanItem,
	getPlan,
	PLAN_KINDS,
	PlanEditError,
	renamePlanItem,
	setActionFromResident,
	setPlanItemArchived,
	type PlanEditProblem,
	type PlanItem,
	type PlanKind
} from '$lib/server/plan';
import type { Labels } from '$lib/server/db/schema';

/** What the editor needs of an item (descriptions of the 240 actions stay on the server). */
function slim(item: PlanItem) {
	return {
		id: item.id,
		labels: item.labels,
		parentId: item.parentId,
		archived: item.archived,
		...(item.fromResident ? { fromResident: true } : {}),
		...(item.priority ? { priority: true } : {})
	};
}
export type EditorItem = ReturnType<typeof slim>;

export const load: PageServerLoad = async (event) => {
	requireStaff(event, 'plan_owner');
	const plan = await getPlan({ includeArchived: true });
	return {
		plan: {
			themes: plan.themes.map(slim),
			attentionPoints: plan.attentionPoints.map(slim),
			goals: plan.goals.map(slim),
			actions: plan.actions.map(slim),
			targetGroups: plan.targetGroups.map(slim),
			neighbourhoods: plan.neighbourhoods.map(slim),
			councils: plan.councils.map(slim)
		}
	};
};

function readKind(form: FormData): PlanKind {
	const kind = String(form.get('kind') ?? '');
	if (!(PLAN_KINDS as readonly string[]).includes(kind)) error(400, 'Unknown kind of plan item');
	return kind as PlanKind;
}

function readLabels(form: FormData): Labels {
	return {
		nl: String(form.get('label_nl') ?? ''),
		fr: String(form.get('label_fr') ?? ''),
		en: String(form.get('label_en') ?? ''),
		ar: String(form.get('label_ar') ?? '')
	};
}

/** Every answer names the form it belongs to (`key`), so the page shows it beside that form. */
export type PlanAnswer = {
	key: string;
	ok?: 'added' | 'renamed' | 'archived' | 'restored';
	label?: string;
	problem?: PlanEditProblem;
	values?: Record<string, string | boolean>;
};

function problemOf(e: unknown): PlanEditProblem {
	if (e instanceof PlanEditError) return e.code;
	throw e;
}

export const actions: Actions = {
	add: async (event) => {
		requireStaff(event, 'plan_owner');
		const form = await event.request.formData();
		const kind = readKind(form);
		const parentId = String(form.get('parentId') ?? '') || undefined;
		const labels = readLabels(form);
		const id = String(form.get('id') ?? '');
		const fromResident = form.get('fromResident') === 'on';
		const key = `add:${kind}:${parentId ?? ''}`;
		try {
			await addPlanItem(kind, { id: id || undefined, labels, parentId, fromResident });
			return { key, ok: 'added', label: labels.nl.trim() } satisfies PlanAnswer;
		} catch (e) {
			return fail(400, { key, problem: problemOf(e), values: { ...labels, id, fromResident } } satisfies PlanAnswer);
		}
	},

	rename: async (event) => {
		requireStaff(event, 'plan_owner');
		const form = await event.request.formData();
		const kind = readKind(form);
		const id = String(form.get('id') ?? '');
		const labels = readLabels(form);
		const key = `${kind}:${id}`;
		try {
			await renamePlanItem(kind, id, labels);
			if (kind === 'action') await setActionFromResident(id, form.get('fromResident') === 'on');
			return { key, ok: 'renamed', label: labels.nl.trim() } satisfies PlanAnswer;
		} catch (e) {
			return fail(400, { key, problem: problemOf(e), values: { ...labels, fromResident: form.get('fromResident') === 'on' } } satisfies PlanAnswer);
		}
	},

	/** One form for the whole page: the pressed button says `kind|id|1` (archive) or `kind|id|0` (restore). */
	archive: async (event) => {
		requireStaff(event, 'plan_owner');
		const form = await event.request.formData();
		const [kind, id, flag] = String(form.get('target') ?? '').split('|');
		if (!(PLAN_KINDS as readonly string[]).includes(kind) || !id) error(400, 'Unknown plan item');
		const archived = flag === '1';
		const key = `${kind}:${id}`;
		try {
			await setPlanItemArchived(kind as PlanKind, id, archived);
			return { key, ok: archived ? 'archived' : 'restored' } satisfies PlanAnswer;
		} catch (e) {
			return fail(400, { key, problem: problemOf(e) } satisfies PlanAnswer);
		}
	}
};
