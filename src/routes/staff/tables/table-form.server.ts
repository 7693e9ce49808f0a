/** Reading and checking the new-table form (works without JS: agenda rows are edited by submit buttons). */
import { listUsers } from '$lib/server/auth';
import { label } from '$lib/i18n';
import { getPlan } from '$lib/server/plan';
import { copyTemplate, listTemplates, TEMPLATE_IDS, type PhaseSpec, type TemplateId } from '$lib/server/tables';
import { MAX_DOTS, MAX_OPTIONS, MAX_PHASES, OPTION_MAX, TEXT_MAX, TITLE_MAX } from '$lib/server/tables/validate';
import { PHASE_KINDS, type PhaseKind } from '$lib/server/db/schema';

export type PhaseRow = { kind: PhaseKind; title: string; prompt: string; timer: string; dots: string; options: string };

export type FormValues = {
	title: string;
	themeIds: number[];
	locale: string;
	date: string;
	place: string;
	co: number[];
	note: string;
	template: TemplateId;
	preModeration: boolean;
	phases: PhaseRow[];
};

export type FormErrors = { title?: string; date?: string; phases?: string; phase?: Record<number, string> };

export function rowsFromSpecs(specs: PhaseSpec[]): PhaseRow[] {
	return specs.map((p) => ({
		kind: p.kind,
		title: p.title,
		prompt: p.prompt,
		timer: p.timerSeconds ? String(Math.round(p.timerSeconds / 60)) : '',
		dots: p.kind === 'dots' ? String(p.dotsPerParticipant ?? 3) : '3',
		options: (p.options ?? []).join('\n')
	}));
}

export function blankValues(locale: string): FormValues {
	return {
		title: '',
		themeIds: [],
		locale,
		date: '',
		place: '',
		co: [],
		note: '',
		template: 'dialogue_table',
		preModeration: false,
		phases: rowsFromSpecs(copyTemplate('dialogue_table'))
	};
}

export async function formOptions(locale: string, meId: number) {
	const plan = await getPlan();
	const users = (await listUsers()).filter((u) => u.active && u.id !== meId);
	return {
		themes: plan.themes.filter((t) => !t.archived).map((t) => ({ id: Number(t.id), label: label(t.labels, locale) })),
		staff: users.map((u) => ({ id: u.id, name: u.name })),
		templates: listTemplates().map((t) => ({ id: t.id, title: t.title, phases: t.phases.map((p) => ({ kind: p.kind, title: p.title })) }))
	};
}

const str = (f: FormData, k: string) => {
	const v = f.get(k);
	return typeof v === 'string' ? v : '';
};

export function readValues(f: FormData): FormValues {
	const count = Math.min(Number(str(f, 'phaseCount')) || 0, MAX_PHASES + 1);
	const phases: PhaseRow[] = [];
	for (let i = 0; i < count; i++) {
		const kind = str(f, `kind_${i}`);
		phases.push({
			kind: (PHASE_KINDS as readonly string[]).includes(kind) ? (kind as PhaseKind) : 'open',
			title: str(f, `title_${i}`),
			prompt: str(f, `prompt_${i}`),
			timer: str(f, `timer_${i}`).trim(),
			dots: str(f, `dots_${i}`).trim() || '3',
			options: str(f, `options_${i}`)
		});
	}
	const template = str(f, 'template');
	const ids = (k: string) => f.getAll(k).map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
	return {
		title: str(f, 'title'),
		themeIds: ids('theme'),
		locale: ['nl', 'fr', 'en', 'ar'].includes(str(f, 'locale')) ? str(f, 'locale') : 'nl',
		date: str(f, 'date'),
		place: str(f, 'place'),
		co: ids('co'),
		note: str(f, 'note'),
		template: (TEMPLATE_IDS as string[]).includes(template) ? (template as TemplateId) : 'dialogue_table',
		preModeration: f.get('preModeration') === 'on',
		phases
	};
}

/** Applies an agenda edit button (`op` = add, template, up:i, down:i, remove:i). */
export function applyOp(values: FormValues, op: string): void {
	const [name, arg] = op.split(':');
	const i = Number(arg);
	const p = values.phases;
	if (name === 'add' && p.length < MAX_PHASES) p.push({ kind: 'open', title: '', prompt: '', timer: '', dots: '3', options: '' });
	else if (name === 'template') values.phases = rowsFromSpecs(copyTemplate(values.template));
	else if (name === 'up' && i > 0 && i < p.length) [p[i - 1], p[i]] = [p[i], p[i - 1]];
	else if (name === 'down' && i >= 0 && i < p.length - 1) [p[i + 1], p[i]] = [p[i], p[i + 1]];
	else if (name === 'remove' && i >= 0 && i < p.length) p.splice(i, 1);
}

/** Turns the form into createTable input, or field errors (message keys). */
export function checkValues(v: FormValues): { ok: true; phases: PhaseSpec[]; scheduledAt: Date | null } | { ok: false; errors: FormErrors } {
	const errors: FormErrors = { phase: {} };
	const title = v.title.trim();
	if (!title || title.length > TITLE_MAX) errors.title = 'err_title';
	let scheduledAt: Date | null = null;
	if (v.date) {
		scheduledAt = new Date(v.date);
		if (isNaN(+scheduledAt)) errors.date = 'err_date';
	}
	if (v.phases.length === 0) errors.phases = 'err_no_phases';
	if (v.phases.length > MAX_PHASES) errors.phases = 'err_too_many';
	const phases: PhaseSpec[] = [];
	v.phases.forEach((row, i) => {
		const spec: PhaseSpec = { kind: row.kind, title: row.title.trim(), prompt: row.prompt.trim(), timerSeconds: null };
		if (spec.title.length > TITLE_MAX || spec.prompt.length > TEXT_MAX) errors.phase![i] = 'err_phase';
		if (row.timer) {
			const minutes = Number(row.timer);
			if (!Number.isInteger(minutes) || minutes < 1 || minutes > 360) errors.phase![i] = 'err_timer';
			else spec.timerSeconds = minutes * 60;
		}
		if (row.kind === 'dots') {
			const dots = Number(row.dots);
			if (!Number.isInteger(dots) || dots < 1 || dots > MAX_DOTS) errors.phase![i] = 'err_dots';
			else spec.dotsPerParticipant = dots;
		}
		if (row.kind === 'poll_single' || row.kind === 'poll_multi') {
			const options = row.options.split('\n').map((o) => o.trim()).filter(Boolean);
			if (options.length < 2 || options.length > MAX_OPTIONS || options.some((o) => o.length > OPTION_MAX)) errors.phase![i] = 'err_options';
			spec.options = options;
		}
		phases.push(spec);
	});
	if (errors.title || errors.date || errors.phases || Object.keys(errors.phase!).length) return { ok: false, errors };
	return { ok: true, phases, scheduledAt };
}
