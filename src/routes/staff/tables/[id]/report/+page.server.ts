import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { hasRole } from '$lib/server/auth';
import { SIGNAL_TYPES, type TagKind } from '$lib/server/db/schema';
import { addEvidence, createSignal, listSignals, signalProblems, type SignalProblem } from '$lib/server/signals';
import { parseTagValue, tagOptions } from '$lib/server/signals/tags';
import { canFacilitate } from '$lib/server/tables';
import {
	buildReport,
	canMakeSignals,
	contributionOfTable,
	dateText,
	kindText,
	roleText,
	sourceText,
	stateText,
	statusText,
	templateText,
	type ReportContribution
} from '$lib/server/tables/report';
import { reportAccess } from './report.server';

export const load: PageServerLoad = async (event) => {
	const { user, tableId } = await reportAccess(event);
	const locale = event.locals.locale;
	const report = await buildReport(tableId, locale);
	if (!report) error(404, m.error_not_found());
	const canSignal = canMakeSignals(user);
	const [options, signals] = canSignal ? await Promise.all([tagOptions(locale), listSignals()]) : [null, []];

	const kindOf = new Map(report.phases.map((p) => [p.id, p.kind]));
	// Labels are made here, with the same functions as the Markdown download, so both say the same.
	const show = (c: ReportContribution) => ({ ...c, source: sourceText(c, kindOf.get(c.phaseId) ?? 'open', locale), stateLabel: stateText(c, locale) });
	return {
		table: {
			...report.table,
			date: dateText(report.table.scheduledAt ?? report.table.createdAt, locale),
			ended: report.table.endedAt ? dateText(report.table.endedAt, locale) : null,
			templateLabel: templateText(report.table.template, locale),
			statusLabel: statusText(report.table.status, locale)
		},
		themes: report.themes,
		staff: report.staff.map((s) => ({ ...s, roleLabel: roleText(s.role, locale) })),
		groups: report.groups,
		participantCount: report.participantCount,
		namedCount: report.namedCount,
		phases: report.phases.map((p) => ({
			...p,
			kindLabel: kindText(p.kind, locale),
			shown: p.shown.map(show),
			notShown: p.notShown.map(show),
			dots: p.dots ? { ...p.dots, ranking: p.dots.ranking.map((r) => ({ ...r, contribution: show(r.contribution) })) } : undefined
		})),
		recommendations: report.recommendations ? { ...report.recommendations, items: report.recommendations.items.map(show) } : null,
		canSignal,
		canConsole: hasRole(user, 'facilitator') && (await canFacilitate(tableId, user)),
		options,
		signalTypes: SIGNAL_TYPES,
		signals: signals.map((s) => ({ id: s.id, title: s.title, type: s.type, evidenceCount: s.evidenceCount }))
	};
};

/** Signal work from the report: the signals domain, the same path postcards take (createSignal / addEvidence). */
async function signalWork(event: RequestEvent) {
	const { user, tableId } = await reportAccess(event);
	if (!canMakeSignals(user)) error(403, m.error_forbidden());
	const form = await event.request.formData();
	const contributionId = Number(form.get('contribution'));
	const known = await contributionOfTable(tableId, contributionId);
	return { user, form, contributionId, known };
}

export const actions: Actions = {
	/** A new signal with this contribution as its first evidence, tagged like postcards are. */
	signal: async (event) => {
		const { user, form, contributionId, known } = await signalWork(event);
		const tagValues = form.getAll('tag').map(String);
		const extra = form.get('extra') === '1';
		const extraTag = String(form.get('extra_tag') ?? '');
		const values = { title: String(form.get('title') ?? ''), summary: String(form.get('summary') ?? ''), type: String(form.get('type') ?? ''), tags: tagValues, extra, extraTag };
		if (!known) return fail(404, { action: 'signal' as const, contributionId, values, problems: ['evidence_unknown'] as SignalProblem[] });
		const wanted = [...new Set([...tagValues, ...(extra && extraTag ? [extraTag] : [])])];
		const tags: { kind: TagKind; refId: string }[] = [];
		let badTag = false;
		for (const v of wanted) {
			const tag = parseTagValue(v);
			if (tag) tags.push(tag);
			else badTag = true;
		}
		// A malformed tag: nothing is made, and the other problems are told at the same time.
		if (badTag) return fail(400, { action: 'signal' as const, contributionId, values, problems: [...signalProblems(values), 'tag_unknown'] as SignalProblem[] });
		const result = await createSignal({ ...values, evidence: [{ sourceType: 'table_contribution', sourceId: contributionId }], tags }, user.id);
		if (!result.ok) return fail(400, { action: 'signal' as const, contributionId, values, problems: result.problems });
		return { action: 'signal' as const, contributionId, signalId: result.id, signalTitle: values.title.trim() };
	},
	/** This contribution as evidence for a signal that exists. */
	evidence: async (event) => {
		const { user, form, contributionId, known } = await signalWork(event);
		const signalId = Number(form.get('signal'));
		if (!known) return fail(404, { action: 'evidence' as const, contributionId, signalId, problems: ['evidence_unknown'] as SignalProblem[] });
		if (!Number.isSafeInteger(signalId) || signalId < 1) return fail(400, { action: 'evidence' as const, contributionId, signalId, problems: ['not_found'] as SignalProblem[] });
		const result = await addEvidence(signalId, [{ sourceType: 'table_contribution', sourceId: contributionId }], user.id);
		if (!result.ok) return fail(result.problems.includes('not_found') ? 404 : 400, { action: 'evidence' as const, contributionId, signalId, problems: result.problems });
		return { action: 'evidence' as const, contributionId, signalId, added: result.added };
	}
};
