/**
 * The plan seen through its signals: the 7 × 7 matrix of themes × attention points, the drill-down into
 * one theme's goals and actions, the yearly adjustment report (jaarlijkse bijsturing), the participation
 * dashboard and the open data of decided signals.
 *
 * Every figure is one SQL aggregate over the whole set (no query per signal): at 10,000 signals and
 * 100,000 evidence items the matrix stays well under 300 ms (bench/plan.js).
 *
 * Which signals count:
 * - live signals only: a signal merged into another counts through the one it was merged into;
 * - a signal belongs to a theme when it is tagged with the theme, or with a goal or an action of it
 *   (the drill-down also lists a signal under the goal or action a decision linked it to);
 * - filters: a neighbourhood or target group the signal is tagged with or that one of its postcards
 *   names; a channel it has evidence from (postcard, table, board, workshop, or an organisation's
 *   registration); the period in which it was made (days in the city's time zone, both ends included).
 * - strength = the evidence items of the signal, an organisation's registration counting as one (as
 *   strengthOf in signals/lifecycle.ts counts them).
 *
 * Figures about people (evidence items, postcards, contributions per group) go through privacy.ts: a
 * group under five is returned as null and the screens say '< 5'. Counts of signals are not about
 * people and are shown as they are.
 */
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '../db';
import { type EvidenceSource, type Labels, type SignalStatus } from '../db/schema';
import { getPlan, type Plan, type PlanItem } from './index';
import { suppressRow, suppressSmall, countText } from './privacy';
import { label, isLocale, type Locale } from '../../i18n';
import { m } from '$lib/paraglide/messages';
import { dayOf, dayStart } from '../postcards/campaign-form';
import { toCsv, type Cell as CsvCell } from '../../csv';
import type { Block, Doc } from '../documents/model';

// ---------------------------------------------------------------- filters

export const CHANNELS = ['postcard', 'table', 'board', 'workshop', 'organisation'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Evidence sources per channel; an organisation's registration is not evidence but counts as its own channel. */
export const CHANNEL_SOURCES: Record<Exclude<Channel, 'organisation'>, EvidenceSource[]> = {
	postcard: ['postcard'],
	table: ['table_contribution'],
	board: ['board_note'],
	workshop: ['challenge', 'enrichment_response']
};

export const DECIDED_STATUSES = ['taken_up', 'not_taken_up', 'passed_on', 'feedback_published'] as const satisfies readonly SignalStatus[];

/** Attention point '-' in a filter: signals without any attention point (the matrix's last column). */
export const NO_ATTENTION_POINT = '-';

export type PlanFilter = {
	neighbourhood?: string | null;
	targetGroup?: string | null;
	channel?: Channel | null;
	/** Signals made at or after this instant. */
	from?: Date | null;
	/** Signals made before this instant (the start of the day after the last chosen day). */
	to?: Date | null;
	/** Drill-down only: signals with this attention point ('-': without any). */
	attentionPoint?: string | null;
};

/** The filter as the GET form sends it, kept as typed so that the form shows it back. */
export type FilterForm = { neighbourhood: string; targetGroup: string; channel: string; from: string; to: string; ap: string };

export const isChannel = (v: unknown): v is Channel => typeof v === 'string' && (CHANNELS as readonly string[]).includes(v);

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The day after a YYYY-MM-DD day, as YYYY-MM-DD. */
function nextDay(day: string): string {
	const [y, mo, d] = day.split('-').map(Number);
	return new Date(Date.UTC(y, mo - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * Reads ?neighbourhood=&targetGroup=&channel=&from=YYYY-MM-DD&to=YYYY-MM-DD&ap= . Unknown values are
 * dropped (and reported in `problems`), so a mistyped link shows everything rather than nothing.
 */
export function parseFilter(params: URLSearchParams): { filter: PlanFilter; form: FilterForm; problems: ('from' | 'to' | 'channel')[] } {
	const get = (k: string) => (params.get(k) ?? '').trim().slice(0, 100);
	const form: FilterForm = { neighbourhood: get('neighbourhood'), targetGroup: get('targetGroup'), channel: get('channel'), from: get('from'), to: get('to'), ap: get('ap') };
	const problems: ('from' | 'to' | 'channel')[] = [];
	const filter: PlanFilter = {};
	if (form.neighbourhood) filter.neighbourhood = form.neighbourhood;
	if (form.targetGroup) filter.targetGroup = form.targetGroup;
	if (form.ap) filter.attentionPoint = form.ap;
	if (form.channel) {
		if (isChannel(form.channel)) filter.channel = form.channel;
		else problems.push('channel');
	}
	if (form.from) {
		const d = DAY_RE.test(form.from) ? dayStart(form.from) : new Date(NaN);
		if (isNaN(+d)) problems.push('from');
		else filter.from = d;
	}
	if (form.to) {
		const d = DAY_RE.test(form.to) && !isNaN(+dayStart(form.to)) ? dayStart(nextDay(form.to)) : new Date(NaN);
		if (isNaN(+d)) problems.push('to');
		else filter.to = d;
	}
	return { filter, form, problems };
}

const ids = (list: (number | string)[]) => sql`(select value from json_each(${JSON.stringify(list)}))`;
const list = (values: string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** Signals a neighbourhood or target group reaches: tagged on the signal, or named by one of its postcards. */
function reachedBy(kind: 'neighbourhood' | 'target_group', refId: string): SQL {
	return sql`select t.subject_id from taggings t where t.subject_type = 'signal' and t.kind = ${kind} and t.ref_id = ${refId}
		union select e.signal_id from taggings t join signal_evidence e on e.source_type = 'postcard' and e.source_id = t.subject_id
		where t.subject_type = 'postcard' and t.kind = ${kind} and t.ref_id = ${refId}`;
}

function channelSignals(channel: Channel): SQL {
	if (channel === 'organisation') return sql`select signal_id from signal_registrations`;
	return sql`select signal_id from signal_evidence where source_type in (${list(CHANNEL_SOURCES[channel])})`;
}

/** `select s.id from signals s where …`: the live signals the filter keeps. */
function liveSignals(f: PlanFilter): SQL {
	const where: SQL[] = [sql`s.merged_into is null`];
	if (f.from) where.push(sql`s.created_at >= ${f.from.getTime()}`);
	if (f.to) where.push(sql`s.created_at < ${f.to.getTime()}`);
	if (f.neighbourhood) where.push(sql`s.id in (${reachedBy('neighbourhood', f.neighbourhood)})`);
	if (f.targetGroup) where.push(sql`s.id in (${reachedBy('target_group', f.targetGroup)})`);
	if (f.channel) where.push(sql`s.id in (${channelSignals(f.channel)})`);
	if (f.attentionPoint === NO_ATTENTION_POINT)
		where.push(sql`s.id not in (select subject_id from taggings where subject_type = 'signal' and kind = 'attention_point')`);
	else if (f.attentionPoint)
		where.push(sql`s.id in (select subject_id from taggings where subject_type = 'signal' and kind = 'attention_point' and ref_id = ${f.attentionPoint})`);
	return sql`select s.id from signals s where ${sql.join(where, sql` and `)}`;
}

/** (signal, theme) pairs: tagged with the theme, or with one of its goals or actions. Distinct pairs. */
const SIGNAL_THEMES = sql`
	select t.subject_id as sid, cast(t.ref_id as integer) as theme from taggings t where t.subject_type = 'signal' and t.kind = 'theme'
	union select t.subject_id, g.theme_id from taggings t join goals g on g.id = t.ref_id where t.subject_type = 'signal' and t.kind = 'goal'
	union select t.subject_id, g.theme_id from taggings t join actions a on a.id = t.ref_id join goals g on g.id = a.goal_id
		where t.subject_type = 'signal' and t.kind = 'action'`;

/** Strength per signal: its evidence items, plus one for an organisation's registration. */
const STRENGTH = sql`
	select sid, sum(n) as n from (
		select signal_id as sid, count(*) as n from signal_evidence group by signal_id
		union all select signal_id, 1 from signal_registrations
	) group by sid`;

// ---------------------------------------------------------------- the matrix

export type MatrixCell = { signals: number; /** Evidence items summed; null under five. */ strength: number | null };
export type Matrix = {
	themes: { id: string; label: string; pictogram: string }[];
	attentionPoints: { id: string; label: string }[];
	/** cells[theme][attention point], in the order of `themes` and `attentionPoints`. */
	cells: MatrixCell[][];
	/** Per theme: its signals without any attention point. */
	noAttentionPoint: MatrixCell[];
	/** Per theme: its signals (each once, whatever its attention points). */
	rowTotals: MatrixCell[];
	/** Per attention point: its signals (each once, with or without a theme). */
	columnTotals: MatrixCell[];
	/** Per attention point: its signals that have no theme. */
	noTheme: MatrixCell[];
	/** Live signals the filter keeps (tagged or not), and how many of them have neither a theme nor an attention point. */
	total: MatrixCell;
	untagged: number;
	/** The largest cell (for shading). */
	max: number;
};

type AggRow = { g: string; theme: number | null; ap: string | null; c: number; n: number | null };

const cellOf = (r: AggRow | undefined): MatrixCell => ({ signals: Number(r?.c ?? 0), strength: suppressSmall(Number(r?.n ?? 0)) });

/** Themes × attention points: live signals tagged with both and their strength, with row and column totals. */
export async function matrix(filter: PlanFilter = {}, locale = 'nl', plan?: Plan): Promise<Matrix> {
	const p = plan ?? (await getPlan());
	// The attention points are joined on the taggings' primary key (subject_type, subject_id, kind, …), never
	// on a CTE: SQLite has no index on a CTE for a LEFT JOIN and would scan it once per signal.
	const apOf = sql`sa.subject_type = 'signal' and sa.subject_id = b.id and sa.kind = 'attention_point'`;
	const ap = sql`taggings sa on ${apOf}`;
	const rows = getDb().all<AggRow>(sql`
		with live as materialized (${liveSignals({ ...filter, attentionPoint: null })}),
		st as materialized (${SIGNAL_THEMES}),
		str as materialized (${STRENGTH}),
		base as materialized (select l.id, coalesce(str.n, 0) as n from live l left join str on str.sid = l.id)
		select 'cell' as g, st.theme as theme, sa.ref_id as ap, count(*) as c, sum(b.n) as n
			from st join base b on b.id = st.sid left join ${ap} group by st.theme, sa.ref_id
		union all select 'row', st.theme, null, count(*), sum(b.n) from st join base b on b.id = st.sid group by st.theme
		union all select 'col', null, sa.ref_id, count(*), sum(b.n) from base b join ${ap} group by sa.ref_id
		union all select 'col_none', null, sa.ref_id, count(*), sum(b.n) from base b join ${ap}
			where b.id not in (select sid from st) group by sa.ref_id
		union all select 'all', null, null, count(*), sum(b.n) from base b
		union all select 'untagged', null, null, count(*), null from base b
			where b.id not in (select sid from st) and not exists (select 1 from taggings sa where ${apOf})
	`);
	const key = (g: string, theme: number | string | null, ap: string | null) => `${g}|${theme ?? ''}|${ap ?? ''}`;
	const by = new Map(rows.map((r) => [key(r.g, r.theme, r.ap), r]));
	const themes = p.themes.map((t) => ({ id: t.id, label: label(t.labels, locale), pictogram: t.pictogram ?? '' }));
	const aps = p.attentionPoints.map((a) => ({ id: a.id, label: label(a.labels, locale) }));
	const cells = themes.map((t) => aps.map((a) => cellOf(by.get(key('cell', t.id, a.id)))));
	return {
		themes,
		attentionPoints: aps,
		cells,
		noAttentionPoint: themes.map((t) => cellOf(by.get(key('cell', t.id, null)))),
		rowTotals: themes.map((t) => cellOf(by.get(key('row', t.id, null)))),
		columnTotals: aps.map((a) => cellOf(by.get(key('col', null, a.id)))),
		noTheme: aps.map((a) => cellOf(by.get(key('col_none', null, a.id)))),
		total: cellOf(by.get(key('all', null, null))),
		untagged: Number(by.get(key('untagged', null, null))?.c ?? 0),
		max: Math.max(0, ...cells.flat().map((c) => c.signals))
	};
}

// ---------------------------------------------------------------- details of signals, in bulk

export type AdviceInfo = { council: string; councilId: string; verdict: string; verdictLabel: string; publishedAt: Date };
export type WaitingInfo = { council: string; councilId: string; deadline: Date | null; overdue: boolean };
export type DecisionInfo = {
	outcome: 'taken_up' | 'not_taken_up' | 'passed_on';
	outcomeLabel: string;
	reason: string;
	goalId: string | null;
	actionId: string | null;
	/** 'goal 1.2 …' / 'action 1.2.3 … (inwoner)', in the locale. */
	planLink: string | null;
	createdAction: boolean;
	level: string | null;
	addressee: string | null;
	/** 'Vlaamse overheid: Agentschap …', in the locale. */
	passedOnTo: string | null;
	decidedAt: Date;
};

type Councils = Map<string, Labels>;

async function councilLabels(plan: Plan): Promise<Councils> {
	return new Map(plan.councils.map((c) => [c.id, c.labels]));
}

/** Advice, open council requests and decisions of many signals: three queries, whatever their number. */
async function detailsOf(signalIds: number[], locale: string, plan: Plan, now = new Date()) {
	const advice = new Map<number, AdviceInfo[]>();
	const waiting = new Map<number, WaitingInfo[]>();
	const decisions = new Map<number, DecisionInfo>();
	if (!signalIds.length) return { advice, waiting, decisions };
	const db = getDb();
	const councils = await councilLabels(plan);
	const requests = db.all<{ sid: number; council: string; deadline: number | null; verdict: string | null; published: number | null }>(sql`
		select r.signal_id as sid, r.council_id as council, r.deadline as deadline, a.verdict as verdict, a.published_at as published
		from council_requests r left join council_advice a on a.request_id = r.id
		where r.signal_id in ${ids(signalIds)} order by r.requested_at, r.id`);
	for (const r of requests) {
		const council = label(councils.get(r.council), locale) || r.council;
		if (r.verdict && r.published !== null) {
			const l = advice.get(r.sid) ?? [];
			l.push({ council, councilId: r.council, verdict: r.verdict, verdictLabel: verdictLabel(r.verdict, locale), publishedAt: new Date(r.published) });
			advice.set(r.sid, l);
		} else {
			const l = waiting.get(r.sid) ?? [];
			l.push({ council, councilId: r.council, deadline: r.deadline === null ? null : new Date(r.deadline), overdue: r.deadline !== null && r.deadline < now.getTime() });
			waiting.set(r.sid, l);
		}
	}
	const rows = db.all<{ sid: number; outcome: DecisionInfo['outcome']; goal: string | null; action: string | null; created: number; level: string | null; addressee: string | null; reason: string; at: number }>(sql`
		select signal_id as sid, outcome, goal_id as goal, action_id as action, created_action as created, level, addressee, reason, decided_at as at
		from signal_decisions where signal_id in ${ids(signalIds)}`);
	const goals = new Map(plan.goals.map((g) => [g.id, g]));
	const actions = new Map(plan.actions.map((a) => [a.id, a]));
	for (const r of rows)
		decisions.set(r.sid, {
			outcome: r.outcome,
			outcomeLabel: outcomeLabel(r.outcome, locale),
			reason: r.reason,
			goalId: r.goal,
			actionId: r.action,
			planLink: planLinkText(r.action ? actions.get(r.action) : undefined, r.goal ? goals.get(r.goal) : undefined, r.action ?? r.goal, locale),
			createdAction: !!r.created,
			level: r.level,
			addressee: r.addressee,
			passedOnTo: r.outcome === 'passed_on' ? [r.level ? levelLabel(r.level, locale) : '', r.addressee ?? ''].filter(Boolean).join(': ') : null,
			decidedAt: new Date(r.at)
		});
	return { advice, waiting, decisions };
}

function planLinkText(action: PlanItem | undefined, goal: PlanItem | undefined, fallbackId: string | null, locale: string): string | null {
	const o = { locale: loc(locale) };
	if (action) {
		const text = m.planview_link_action({ id: action.id, label: label(action.labels, locale) }, o);
		return action.fromResident ? `${text} ${m.planview_resident_mark({}, o)}` : text;
	}
	if (goal) return m.planview_link_goal({ id: goal.id, label: label(goal.labels, locale) }, o);
	return fallbackId;
}

// ---------------------------------------------------------------- labels of fixed values

const loc = (locale: string): Locale => (isLocale(locale) ? locale : 'nl');

export function statusLabel(status: string, locale: string): string {
	const o = { locale: loc(locale) };
	const t: Record<string, () => string> = {
		new: () => m.planview_status_new({}, o),
		triage: () => m.planview_status_triage({}, o),
		with_council: () => m.planview_status_with_council({}, o),
		advised: () => m.planview_status_advised({}, o),
		taken_up: () => m.planview_status_taken_up({}, o),
		not_taken_up: () => m.planview_status_not_taken_up({}, o),
		passed_on: () => m.planview_status_passed_on({}, o),
		feedback_published: () => m.planview_status_feedback_published({}, o)
	};
	return t[status]?.() ?? status;
}

export function outcomeLabel(outcome: string, locale: string): string {
	const o = { locale: loc(locale) };
	if (outcome === 'taken_up') return m.planview_outcome_taken_up({}, o);
	if (outcome === 'not_taken_up') return m.planview_outcome_not_taken_up({}, o);
	if (outcome === 'passed_on') return m.planview_outcome_passed_on({}, o);
	return outcome;
}

export function verdictLabel(verdict: string, locale: string): string {
	const o = { locale: loc(locale) };
	if (verdict === 'favourable') return m.planview_verdict_favourable({}, o);
	if (verdict === 'conditional') return m.planview_verdict_conditional({}, o);
	if (verdict === 'unfavourable') return m.planview_verdict_unfavourable({}, o);
	return verdict;
}

export function levelLabel(level: string, locale: string): string {
	const o = { locale: loc(locale) };
	if (level === 'flemish') return m.planview_level_flemish({}, o);
	if (level === 'federal') return m.planview_level_federal({}, o);
	if (level === 'european') return m.planview_level_european({}, o);
	return level;
}

export function channelLabel(channel: string, locale: string): string {
	const o = { locale: loc(locale) };
	const t: Record<string, () => string> = {
		postcard: () => m.planview_channel_postcard({}, o),
		table: () => m.planview_channel_table({}, o),
		board: () => m.planview_channel_board({}, o),
		workshop: () => m.planview_channel_workshop({}, o),
		organisation: () => m.planview_channel_organisation({}, o)
	};
	return t[channel]?.() ?? channel;
}

// ---------------------------------------------------------------- drill-down into one theme

export type DrillSignal = {
	id: number;
	title: string;
	type: string;
	status: string;
	statusLabel: string;
	/** Evidence items (null under five) and strength (evidence plus an organisation's registration; null under five). */
	evidence: number | null;
	strength: number | null;
	/** How it came under this goal or action: its tags, or the plan owner's decision. */
	via: 'tag' | 'decision';
	advice: AdviceInfo[];
	waiting: WaitingInfo[];
	decision: DecisionInfo | null;
};
export type DrillList = { total: number; signals: DrillSignal[] };
export type DrillAction = { id: string; label: string; fromResident: boolean; archived: boolean } & DrillList;
export type DrillGoal = { id: string; label: string; archived: boolean; actions: DrillAction[] } & DrillList;
export type ThemeDrill = {
	theme: { id: string; label: string; pictogram: string; archived: boolean };
	attentionPoint: { id: string; label: string } | null;
	goals: DrillGoal[];
	/** Signals on the theme that are not linked to any of its goals or actions yet. */
	themeOnly: DrillList;
	/** Distinct signals on the page. */
	total: number;
};

/**
 * One theme: its goals and their actions, each with the signals on it (strongest first, at most `limit`
 * per list; `total` says how many there are), the advice of councils on them, the decision, and the
 * '(inwoner)' mark of actions. Archived goals and actions appear only when signals are on them.
 */
export async function themeDrill(themeId: string | number, filter: PlanFilter = {}, locale = 'nl', opts: { limit?: number; now?: Date } = {}): Promise<ThemeDrill | null> {
	const limit = opts.limit ?? 50;
	const plan = await getPlan({ includeArchived: true });
	const theme = plan.themes.find((t) => t.id === String(themeId));
	if (!theme) return null;
	const tid = Number(theme.id);
	const rows = getDb().all<{ sid: number; kind: 'goal' | 'action' | 'theme'; ref: string; via: 'tag' | 'decision'; title: string; status: string; type: string; ev: number; reg: number }>(sql`
		with live as materialized (${liveSignals(filter)}),
		links as (
			select t.subject_id as sid, 'goal' as kind, t.ref_id as ref, 'tag' as via from taggings t join goals g on g.id = t.ref_id
				where t.subject_type = 'signal' and t.kind = 'goal' and g.theme_id = ${tid}
			union select t.subject_id, 'action', t.ref_id, 'tag' from taggings t join actions a on a.id = t.ref_id join goals g on g.id = a.goal_id
				where t.subject_type = 'signal' and t.kind = 'action' and g.theme_id = ${tid}
			union select d.signal_id, 'action', d.action_id, 'decision' from signal_decisions d join actions a on a.id = d.action_id join goals g on g.id = a.goal_id
				where g.theme_id = ${tid}
			union select d.signal_id, 'goal', d.goal_id, 'decision' from signal_decisions d join goals g on g.id = d.goal_id
				where d.action_id is null and g.theme_id = ${tid}
			union select t.subject_id, 'theme', t.ref_id, 'tag' from taggings t
				where t.subject_type = 'signal' and t.kind = 'theme' and t.ref_id = ${theme.id}
		)
		select l.sid as sid, l.kind as kind, l.ref as ref, l.via as via, s.title as title, s.status as status, s.type as type,
			(select count(*) from signal_evidence e where e.signal_id = l.sid) as ev,
			(select count(*) from signal_registrations r where r.signal_id = l.sid) as reg
		from links l join live on live.id = l.sid join signals s on s.id = l.sid
	`);
	type Row = (typeof rows)[number];
	// One entry per signal and plan item; a decision wins over a tag (it is the stronger link).
	const lists = new Map<string, Map<number, Row>>();
	const linked = new Set<number>();
	const all = new Set<number>();
	for (const r of rows) {
		all.add(r.sid);
		if (r.kind !== 'theme') linked.add(r.sid);
		const k = `${r.kind}:${r.ref}`;
		const l = lists.get(k) ?? new Map<number, Row>();
		const had = l.get(r.sid);
		if (!had || (had.via === 'tag' && r.via === 'decision')) l.set(r.sid, r);
		lists.set(k, l);
	}
	const strength = (r: Row) => Number(r.ev) + Number(r.reg);
	const pick = (k: string, keep: (r: Row) => boolean = () => true) => {
		const l = [...(lists.get(k)?.values() ?? [])].filter(keep).sort((a, b) => strength(b) - strength(a) || b.sid - a.sid);
		return { total: l.length, rows: l.slice(0, limit) };
	};
	const goalsOf = plan.goals.filter((g) => g.parentId === theme.id);
	const picked = {
		goals: goalsOf.map((g) => ({
			g,
			list: pick(`goal:${g.id}`),
			actions: plan.actions.filter((a) => a.parentId === g.id).map((a) => ({ a, list: pick(`action:${a.id}`) }))
		})),
		themeOnly: pick(`theme:${theme.id}`, (r) => !linked.has(r.sid))
	};
	const shown = new Set<number>();
	for (const g of picked.goals) {
		g.list.rows.forEach((r) => shown.add(r.sid));
		for (const a of g.actions) a.list.rows.forEach((r) => shown.add(r.sid));
	}
	picked.themeOnly.rows.forEach((r) => shown.add(r.sid));
	const d = await detailsOf([...shown], locale, plan, opts.now);
	const toSignal = (r: Row): DrillSignal => ({
		id: r.sid,
		title: r.title,
		type: r.type,
		status: r.status,
		statusLabel: statusLabel(r.status, locale),
		evidence: suppressSmall(Number(r.ev)),
		strength: suppressSmall(strength(r)),
		via: r.via,
		advice: d.advice.get(r.sid) ?? [],
		waiting: d.waiting.get(r.sid) ?? [],
		decision: d.decisions.get(r.sid) ?? null
	});
	const listOf = (l: { total: number; rows: Row[] }): DrillList => ({ total: l.total, signals: l.rows.map(toSignal) });
	const ap = filter.attentionPoint
		? filter.attentionPoint === NO_ATTENTION_POINT
			? { id: NO_ATTENTION_POINT, label: m.planview_no_attention_point({}, { locale: loc(locale) }) }
			: (() => {
					const a = plan.attentionPoints.find((x) => x.id === filter.attentionPoint);
					return a ? { id: a.id, label: label(a.labels, locale) } : null;
				})()
		: null;
	return {
		theme: { id: theme.id, label: label(theme.labels, locale), pictogram: theme.pictogram ?? '', archived: theme.archived },
		attentionPoint: ap,
		goals: picked.goals
			.map(({ g, list: gl, actions }) => ({
				id: g.id,
				label: label(g.labels, locale),
				archived: g.archived,
				...listOf(gl),
				actions: actions
					.filter(({ a, list: al }) => !a.archived || al.total > 0)
					.map(({ a, list: al }) => ({ id: a.id, label: label(a.labels, locale), fromResident: !!a.fromResident, archived: a.archived, ...listOf(al) }))
			}))
			.filter((g) => !g.archived || g.total > 0 || g.actions.some((a) => a.total > 0)),
		themeOnly: listOf(picked.themeOnly),
		total: all.size
	};
}

// ---------------------------------------------------------------- the yearly adjustment report

export type YearSignal = {
	id: number;
	title: string;
	status: string;
	statusLabel: string;
	createdAt: Date;
	/** Evidence items; null under five. */
	evidence: number | null;
	/** Made this year. */
	cameIn: boolean;
	/** Advice published this year. */
	advice: AdviceInfo[];
	/** Decided this year. */
	decision: DecisionInfo | null;
};
export type YearTheme = {
	/** null: signals without a theme. */
	id: string | null;
	label: string;
	signals: YearSignal[];
	counts: { cameIn: number; advised: number; takenUp: number; notTakenUp: number; passedOn: number };
};
export type YearReport = {
	year: number;
	locale: Locale;
	generatedAt: Date;
	themes: YearTheme[];
	totals: YearTheme['counts'];
};

/** The year in a report's address ('2026'), or null for anything that is not a plausible year. */
export function reportYear(param: string): number | null {
	const year = /^\d{4}$/.test(param) ? Number(param) : NaN;
	return year >= 2000 && year <= 2100 ? year : null;
}

/** Instants of the start of `year` and of the next, in the city's time zone. */
function yearBounds(year: number): [number, number] {
	return [dayStart(`${year}-01-01`).getTime(), dayStart(`${year + 1}-01-01`).getTime()];
}

/**
 * What became of the signals in one year, per theme: which came in, what the councils advised, what was
 * taken up in the plan, not taken up (with the reason) or passed on to another government. A signal
 * shows under every theme it belongs to (tags, or the goal of its decision).
 */
export async function yearReport(year: number, locale = 'nl', now = new Date()): Promise<YearReport> {
	const l = loc(locale);
	const [start, end] = yearBounds(year);
	const plan = await getPlan({ includeArchived: true });
	const db = getDb();
	const rows = db.all<{ id: number; title: string; status: string; created: number; ev: number; came: number }>(sql`
		with ids as (
			select id from signals where merged_into is null and created_at >= ${start} and created_at < ${end}
			union select r.signal_id from council_requests r join council_advice a on a.request_id = r.id where a.published_at >= ${start} and a.published_at < ${end}
			union select signal_id from signal_decisions where decided_at >= ${start} and decided_at < ${end}
		)
		select s.id as id, s.title as title, s.status as status, s.created_at as created,
			(select count(*) from signal_evidence e where e.signal_id = s.id) as ev,
			(s.created_at >= ${start} and s.created_at < ${end}) as came
		from ids join signals s on s.id = ids.id where s.merged_into is null order by s.created_at, s.id`);
	const signalIds = rows.map((r) => r.id);
	const d = await detailsOf(signalIds, l, plan, now);
	const themesOf = new Map<number, Set<string>>();
	if (signalIds.length) {
		const pairs = db.all<{ sid: number; theme: number }>(sql`
			select sid, theme from (${SIGNAL_THEMES}) where sid in ${ids(signalIds)}
			union select d.signal_id, g.theme_id from signal_decisions d join goals g on g.id = d.goal_id where d.signal_id in ${ids(signalIds)}`);
		for (const p of pairs) {
			const set = themesOf.get(p.sid) ?? new Set<string>();
			set.add(String(p.theme));
			themesOf.set(p.sid, set);
		}
	}
	const inYear = (at: Date) => at.getTime() >= start && at.getTime() < end;
	const signals: YearSignal[] = rows.map((r) => {
		const decision = d.decisions.get(r.id) ?? null;
		return {
			id: r.id,
			title: r.title,
			status: r.status,
			statusLabel: statusLabel(r.status, l),
			createdAt: new Date(r.created),
			evidence: suppressSmall(Number(r.ev)),
			cameIn: !!r.came,
			advice: (d.advice.get(r.id) ?? []).filter((a) => inYear(a.publishedAt)),
			decision: decision && inYear(decision.decidedAt) ? decision : null
		};
	});
	const countOf = (list: YearSignal[]): YearTheme['counts'] => ({
		cameIn: list.filter((s) => s.cameIn).length,
		advised: list.filter((s) => s.advice.length).length,
		takenUp: list.filter((s) => s.decision?.outcome === 'taken_up').length,
		notTakenUp: list.filter((s) => s.decision?.outcome === 'not_taken_up').length,
		passedOn: list.filter((s) => s.decision?.outcome === 'passed_on').length
	});
	const themes: YearTheme[] = plan.themes
		.map((t) => {
			const list = signals.filter((s) => themesOf.get(s.id)?.has(t.id));
			return { id: t.id, label: `${t.pictogram ? t.pictogram + ' ' : ''}${label(t.labels, l)}`.trim(), signals: list, counts: countOf(list), archived: t.archived };
		})
		.filter((t) => !t.archived || t.signals.length)
		.map(({ archived: _archived, ...t }) => t);
	const none = signals.filter((s) => !themesOf.get(s.id)?.size);
	if (none.length) themes.push({ id: null, label: m.planview_no_theme({}, { locale: l }), signals: none, counts: countOf(none) });
	return { year, locale: l, generatedAt: now, themes, totals: countOf(signals) };
}

const day = (d: Date, locale: string) =>
	new Intl.DateTimeFormat(locale === 'ar' ? 'ar-u-nu-latn' : locale === 'nl' ? 'nl-BE' : locale === 'fr' ? 'fr-BE' : 'en-GB', {
		dateStyle: 'medium',
		timeZone: process.env.CITY_TIME_ZONE || 'Europe/Brussels'
	}).format(d);

const adviceText = (a: AdviceInfo[], locale: string) => a.map((x) => `${x.council}: ${x.verdictLabel} (${day(x.publishedAt, locale)})`).join('; ');

/** The yearly report as a document (PDF or Markdown through documents/). */
export function yearReportDoc(report: YearReport): Doc {
	const l = report.locale;
	const o = { locale: l };
	const year = String(report.year);
	const blocks: Block[] = [];
	blocks.push({ type: 'paragraph', text: m.planview_report_intro({ year }, o) });
	blocks.push({ type: 'heading', level: 1, text: m.planview_report_summary({}, o) });
	blocks.push({
		type: 'table',
		header: [m.planview_col_theme({}, o), m.planview_report_came_in({}, o), m.planview_report_advised({}, o), m.planview_outcome_taken_up({}, o), m.planview_outcome_not_taken_up({}, o), m.planview_outcome_passed_on({}, o)],
		rows: [
			...report.themes.map((t) => [t.label, t.counts.cameIn, t.counts.advised, t.counts.takenUp, t.counts.notTakenUp, t.counts.passedOn].map(String)),
			[m.planview_total({}, o), ...[report.totals.cameIn, report.totals.advised, report.totals.takenUp, report.totals.notTakenUp, report.totals.passedOn].map(String)]
		],
		widths: [0.35, 0.13, 0.13, 0.13, 0.13, 0.13]
	});
	blocks.push({ type: 'note', text: m.planview_report_note_multi({}, o) });
	for (const t of report.themes) {
		blocks.push({ type: 'heading', level: 1, text: t.label });
		if (!t.signals.length) {
			blocks.push({ type: 'paragraph', text: m.planview_report_nothing({ year }, o) });
			continue;
		}
		const came = t.signals.filter((s) => s.cameIn);
		if (came.length) {
			blocks.push({ type: 'heading', level: 2, text: m.planview_report_came_in_title({ year }, o) });
			blocks.push({
				type: 'table',
				header: [m.planview_col_signal({}, o), m.planview_col_date({}, o), m.planview_col_status({}, o), m.planview_col_evidence({}, o)],
				rows: came.map((s) => [`#${s.id} ${s.title}`, day(s.createdAt, l), s.statusLabel, countText(s.evidence)]),
				widths: [0.5, 0.18, 0.2, 0.12]
			});
		}
		const advised = t.signals.filter((s) => s.advice.length);
		if (advised.length) {
			blocks.push({ type: 'heading', level: 2, text: m.planview_report_advice_title({}, o) });
			blocks.push({
				type: 'table',
				header: [m.planview_col_signal({}, o), m.planview_col_council({}, o), m.planview_col_verdict({}, o), m.planview_col_date({}, o)],
				rows: advised.flatMap((s) => s.advice.map((a) => [`#${s.id} ${s.title}`, a.council, a.verdictLabel, day(a.publishedAt, l)])),
				widths: [0.4, 0.25, 0.17, 0.18]
			});
		}
		const decided = (outcome: string) => t.signals.filter((s) => s.decision?.outcome === outcome);
		const taken = decided('taken_up');
		if (taken.length) {
			blocks.push({ type: 'heading', level: 2, text: m.planview_outcome_taken_up({}, o) });
			blocks.push({
				type: 'table',
				header: [m.planview_col_signal({}, o), m.planview_col_plan_link({}, o), m.planview_col_reason({}, o)],
				rows: taken.map((s) => [`#${s.id} ${s.title}`, s.decision!.planLink ?? '', s.decision!.reason]),
				widths: [0.35, 0.35, 0.3]
			});
		}
		const not = decided('not_taken_up');
		if (not.length) {
			blocks.push({ type: 'heading', level: 2, text: m.planview_outcome_not_taken_up({}, o) });
			blocks.push({
				type: 'table',
				header: [m.planview_col_signal({}, o), m.planview_col_reason({}, o)],
				rows: not.map((s) => [`#${s.id} ${s.title}`, s.decision!.reason]),
				widths: [0.4, 0.6]
			});
		}
		const passed = decided('passed_on');
		if (passed.length) {
			blocks.push({ type: 'heading', level: 2, text: m.planview_outcome_passed_on({}, o) });
			blocks.push({
				type: 'table',
				header: [m.planview_col_signal({}, o), m.planview_col_passed_on_to({}, o), m.planview_col_reason({}, o)],
				rows: passed.map((s) => [`#${s.id} ${s.title}`, s.decision!.passedOnTo ?? '', s.decision!.reason]),
				widths: [0.35, 0.3, 0.35]
			});
		}
	}
	blocks.push({ type: 'note', text: m.planview_small_groups_note({}, o) });
	return {
		title: m.planview_report_title({ year }, o),
		subtitle: m.planview_report_subtitle({}, o),
		lang: l,
		meta: [
			{ label: m.planview_report_year({}, o), value: year },
			{ label: m.planview_report_made_on({}, o), value: day(report.generatedAt, l) }
		],
		blocks
	};
}

export const YEAR_REPORT_CSV_HEADER = [
	'year',
	'theme_id',
	'theme',
	'signal_id',
	'signal',
	'created_on',
	'came_in_this_year',
	'status',
	'evidence',
	'council_advice',
	'decision',
	'plan_link',
	'reason',
	'passed_on_to',
	'decided_on'
];

/** The yearly report as CSV: one row per theme and signal (a signal under two themes has two rows). */
export function yearReportCsv(report: YearReport): string {
	const l = report.locale;
	const rows: CsvCell[][] = [];
	for (const t of report.themes)
		for (const s of t.signals)
			rows.push([
				report.year,
				t.id ?? '',
				t.label,
				s.id,
				s.title,
				dayOf(s.createdAt),
				s.cameIn,
				s.statusLabel,
				countText(s.evidence),
				adviceText(s.advice, l),
				s.decision?.outcomeLabel ?? '',
				s.decision?.planLink ?? '',
				s.decision?.reason ?? '',
				s.decision?.passedOnTo ?? '',
				s.decision ? dayOf(s.decision.decidedAt) : ''
			]);
	return toCsv(YEAR_REPORT_CSV_HEADER, rows);
}

export const yearReportFileName = (year: number, ext: 'pdf' | 'csv' | 'md') => `bijsturing-${year}.${ext}`;

// ---------------------------------------------------------------- the dashboard

export type CountRow = { id: string; label: string; counts: (number | null)[]; total: number | null };
export type ReachRow = { id: string; label: string; count: number | null; underReached: boolean; priority?: boolean };
export type OverdueRequest = { requestId: number; signalId: number; title: string; council: string; deadline: Date; daysOverdue: number };
export type Dashboard = {
	/** Months shown, 'YYYY-MM', oldest first. */
	months: string[];
	from: Date;
	to: Date;
	/** Contributions per channel per month (postcards, table contributions, board notes kept as evidence, workshop input). */
	channels: CountRow[];
	/** Postcards per neighbourhood per month. */
	neighbourhoods: CountRow[];
	/** Postcards per target group and per neighbourhood over the period, and which are reached less than the others. */
	reach: { targetGroups: ReachRow[]; neighbourhoods: ReachRow[] };
	/** Signals waiting on a council past its deadline, longest overdue first. */
	overdue: OverdueRequest[];
	/** Live signals per status (signals, not people: shown as they are). */
	statuses: { status: string; label: string; count: number }[];
	/** True when a neighbourhood or target group filter left out the channels that do not record them. */
	postcardsOnly: boolean;
};

const MONTH = (d: Date) => dayOf(d).slice(0, 7);

function monthStarts(from: Date, to: Date): { keys: string[]; bounds: number[] } {
	const keys: string[] = [];
	const bounds: number[] = [];
	let [y, mo] = MONTH(from).split('-').map(Number);
	for (let i = 0; i < 60; i++) {
		const key = `${y}-${String(mo).padStart(2, '0')}`;
		const start = dayStart(`${key}-01`).getTime();
		if (start >= to.getTime()) break;
		keys.push(key);
		bounds.push(start);
		mo++;
		if (mo > 12) {
			mo = 1;
			y++;
		}
	}
	return { keys, bounds };
}

/** `case when col < b1 then 0 when col < b2 then 1 … end`: the month index of an instant, in SQL. */
function monthIndex(col: SQL, bounds: number[], to: number): SQL {
	const edges = [...bounds.slice(1), to];
	return sql`case ${sql.join(edges.map((b, i) => sql`when ${col} < ${b} then ${i}`), sql` `)} end`;
}

/** Median of numbers (0 for none). */
function median(values: number[]): number {
	if (!values.length) return 0;
	const s = [...values].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Who takes part, and who is missing: contributions per channel and postcards per neighbourhood, month
 * by month; target groups and neighbourhoods reached less than half as often as the median group; and
 * signals a council should have advised on by now. The period defaults to the last twelve months.
 * Every figure about people is hidden for groups under five (privacy.ts).
 */
export async function dashboard(filter: PlanFilter = {}, locale = 'nl', now = new Date()): Promise<Dashboard> {
	const l = loc(locale);
	const to = filter.to ?? dayStart(nextDay(dayOf(now)));
	const [ny, nm] = MONTH(now).split('-').map(Number);
	const from = filter.from ?? dayStart(`${new Date(Date.UTC(ny, nm - 12, 1)).toISOString().slice(0, 7)}-01`);
	const { keys, bounds } = monthStarts(from, to);
	const start = from.getTime();
	const end = to.getTime();
	const db = getDb();
	const plan = await getPlan();
	const postcardWhere: SQL[] = [sql`p.status != 'rejected'`, sql`p.created_at >= ${start}`, sql`p.created_at < ${end}`];
	if (filter.neighbourhood)
		postcardWhere.push(sql`p.id in (select subject_id from taggings where subject_type = 'postcard' and kind = 'neighbourhood' and ref_id = ${filter.neighbourhood})`);
	if (filter.targetGroup)
		postcardWhere.push(sql`p.id in (select subject_id from taggings where subject_type = 'postcard' and kind = 'target_group' and ref_id = ${filter.targetGroup})`);
	const pw = sql.join(postcardWhere, sql` and `);
	const postcardsOnly = !!(filter.neighbourhood || filter.targetGroup);
	// No month at all (the period ends before it starts): nothing is counted, and CASE needs a WHEN.
	const mi = (col: SQL) => (keys.length ? monthIndex(col, bounds, end) : sql`0`);

	const perChannel = db.all<{ ch: string; mi: number; c: number }>(sql`
		select 'postcard' as ch, ${mi(sql`p.created_at`)} as mi, count(*) as c from postcards p where ${pw} group by 2
		${
			postcardsOnly
				? sql``
				: sql`
		union all select case when w.id is null then 'table' else 'workshop' end, ${mi(sql`c.created_at`)}, count(*)
			from table_contributions c left join workshops w on w.table_id = c.table_id
			where c.status != 'hidden' and c.created_at >= ${start} and c.created_at < ${end} group by 1, 2
		union all select 'workshop', ${mi(sql`r.created_at`)}, count(*) from enrichment_responses r
			where r.created_at >= ${start} and r.created_at < ${end} group by 2
		union all select 'board', ${mi(sql`n.written_at`)}, count(*) from board_notes n
			where n.written_at >= ${start} and n.written_at < ${end} group by 2`
		}`);
	const channelIds = postcardsOnly ? ['postcard'] : ['postcard', 'table', 'board', 'workshop'];
	const grid = (rows: { key: string; mi: number; c: number }[], idsIn: string[]) => {
		const g = new Map(idsIn.map((id) => [id, new Array<number>(keys.length).fill(0)]));
		for (const r of rows) {
			const row = g.get(r.key);
			if (row && r.mi !== null && r.mi >= 0 && r.mi < keys.length) row[r.mi] += Number(r.c);
		}
		return g;
	};
	const chGrid = grid(perChannel.map((r) => ({ key: r.ch, mi: r.mi, c: r.c })), channelIds);
	const channels: CountRow[] = channelIds.map((id) => ({ id, label: channelLabel(id, l), ...suppressRow(chGrid.get(id)!) }));

	const perNb = db.all<{ nb: string; mi: number; c: number }>(sql`
		select t.ref_id as nb, ${mi(sql`p.created_at`)} as mi, count(*) as c
		from taggings t join postcards p on p.id = t.subject_id
		where t.subject_type = 'postcard' and t.kind = 'neighbourhood' and ${pw} group by 1, 2`);
	const nbIds = plan.neighbourhoods.map((n) => n.id);
	const nbGrid = grid(perNb.map((r) => ({ key: r.nb, mi: r.mi, c: r.c })), nbIds);
	const neighbourhoods: CountRow[] = plan.neighbourhoods.map((n) => ({ id: n.id, label: label(n.labels, l), ...suppressRow(nbGrid.get(n.id)!) }));

	const reachRows = db.all<{ kind: string; ref: string; c: number }>(sql`
		select t.kind as kind, t.ref_id as ref, count(*) as c from taggings t join postcards p on p.id = t.subject_id
		where t.subject_type = 'postcard' and t.kind in ('neighbourhood', 'target_group')
			and p.status != 'rejected' and p.created_at >= ${start} and p.created_at < ${end}
		group by 1, 2`);
	const reachOf = (kind: string, items: PlanItem[]): ReachRow[] => {
		const counts = new Map(reachRows.filter((r) => r.kind === kind).map((r) => [r.ref, Number(r.c)]));
		const values = items.map((i) => counts.get(i.id) ?? 0);
		const half = median(values) / 2;
		return items.map((i, n) => ({
			id: i.id,
			label: label(i.labels, l),
			count: suppressSmall(values[n]),
			underReached: values[n] < half,
			...(kind === 'neighbourhood' ? { priority: !!i.priority } : {})
		}));
	};

	const councils = await councilLabels(await getPlan({ includeArchived: true }));
	const overdueRows = db.all<{ rid: number; sid: number; title: string; council: string; deadline: number }>(sql`
		select r.id as rid, r.signal_id as sid, s.title as title, r.council_id as council, r.deadline as deadline
		from council_requests r join signals s on s.id = r.signal_id left join council_advice a on a.request_id = r.id
		where a.request_id is null and r.deadline is not null and r.deadline < ${now.getTime()}
			and s.merged_into is null and s.status = 'with_council'
		order by r.deadline, r.id`);
	const statuses = db.all<{ status: string; c: number }>(sql`select status, count(*) as c from signals where merged_into is null group by status`);
	const order = ['new', 'triage', 'with_council', 'advised', 'taken_up', 'not_taken_up', 'passed_on', 'feedback_published'];
	return {
		months: keys,
		from,
		to,
		channels,
		neighbourhoods,
		reach: { targetGroups: reachOf('target_group', plan.targetGroups), neighbourhoods: reachOf('neighbourhood', plan.neighbourhoods) },
		overdue: overdueRows.map((r) => ({
			requestId: r.rid,
			signalId: r.sid,
			title: r.title,
			council: label(councils.get(r.council), l) || r.council,
			deadline: new Date(r.deadline),
			daysOverdue: Math.max(1, Math.floor((now.getTime() - r.deadline) / 86_400_000))
		})),
		statuses: order.map((s) => ({ status: s, label: statusLabel(s, l), count: Number(statuses.find((x) => x.status === s)?.c ?? 0) })),
		postcardsOnly
	};
}

// ---------------------------------------------------------------- open data

export type OpenSignal = {
	id: number;
	title: string;
	type: string;
	status: string;
	createdAt: string;
	decision: {
		outcome: 'taken_up' | 'not_taken_up' | 'passed_on';
		decidedAt: string;
		reason: string;
		goal: { id: string; labels: Labels } | null;
		action: { id: string; labels: Labels; fromResident: boolean } | null;
		newAction: boolean;
		level: string | null;
		addressee: string | null;
	} | null;
	feedbackPublishedAt: string | null;
	tags: { themes: string[]; attentionPoints: string[]; goals: string[]; actions: string[]; targetGroups: string[]; neighbourhoods: string[] };
	/** Evidence items per channel and in all; null for a group under five. */
	evidence: Record<Channel, number | null> & { total: number | null };
	advice: { council: string; verdict: string; publishedAt: string }[];
};

const TAG_KEY = { theme: 'themes', attention_point: 'attentionPoints', goal: 'goals', action: 'actions', target_group: 'targetGroups', neighbourhood: 'neighbourhoods' } as const;
const CHANNEL_OF: Record<EvidenceSource, Exclude<Channel, 'organisation'>> = {
	postcard: 'postcard',
	table_contribution: 'table',
	board_note: 'board',
	challenge: 'workshop',
	enrichment_response: 'workshop'
};

/**
 * Signals the city has decided on (taken up, not taken up, passed on, feedback published), for anyone:
 * the decision and the plan items it links, the tags (ids of the plan), evidence counts per channel and
 * the councils' verdicts. No personal data: no postcard or contribution text, no names, no email
 * addresses, not even the signal's summary (staff may quote residents in it), and counts under five hidden.
 */
export async function openSignals(): Promise<OpenSignal[]> {
	const db = getDb();
	const plan = await getPlan({ includeArchived: true });
	const rows = db.all<{
		id: number; title: string; type: string; status: string; created: number;
		outcome: 'taken_up' | 'not_taken_up' | 'passed_on' | null;
		goal: string | null; action: string | null; createdAction: number | null; level: string | null; addressee: string | null; reason: string | null; decided: number | null; feedback: number | null;
	}>(sql`
		select s.id as id, s.title as title, s.type as type, s.status as status, s.created_at as created,
			d.outcome as outcome, d.goal_id as goal, d.action_id as action, d.created_action as createdAction, d.level as level,
			d.addressee as addressee, d.reason as reason, d.decided_at as decided,
			(select max(e.at) from signal_events e where e.signal_id = s.id and e.kind = 'status' and e.to_status = 'feedback_published') as feedback
		from signals s left join signal_decisions d on d.signal_id = s.id
		where s.merged_into is null and s.status in (${list([...DECIDED_STATUSES])})
		order by s.id`);
	if (!rows.length) return [];
	const published = sql`(select id from signals where merged_into is null and status in (${list([...DECIDED_STATUSES])}))`;
	const evidence = db.all<{ sid: number; source: EvidenceSource; c: number }>(sql`
		select signal_id as sid, source_type as source, count(*) as c from signal_evidence where signal_id in ${published} group by 1, 2`);
	const registrations = new Set(db.all<{ sid: number }>(sql`select signal_id as sid from signal_registrations where signal_id in ${published}`).map((r) => r.sid));
	const tags = db.all<{ sid: number; kind: keyof typeof TAG_KEY; ref: string }>(sql`
		select subject_id as sid, kind, ref_id as ref from taggings where subject_type = 'signal' and subject_id in ${published} order by kind, ref_id`);
	const advice = db.all<{ sid: number; council: string; verdict: string; at: number }>(sql`
		select r.signal_id as sid, r.council_id as council, a.verdict as verdict, a.published_at as at
		from council_requests r join council_advice a on a.request_id = r.id where r.signal_id in ${published} order by a.published_at`);
	const goals = new Map(plan.goals.map((g) => [g.id, g]));
	const actions = new Map(plan.actions.map((a) => [a.id, a]));
	const ev = new Map<number, Record<Channel, number>>();
	for (const r of evidence) {
		const e = ev.get(r.sid) ?? { postcard: 0, table: 0, board: 0, workshop: 0, organisation: 0 };
		e[CHANNEL_OF[r.source]] += Number(r.c);
		ev.set(r.sid, e);
	}
	const tagsOf = new Map<number, OpenSignal['tags']>();
	for (const t of tags) {
		const k = TAG_KEY[t.kind];
		if (!k) continue;
		const x = tagsOf.get(t.sid) ?? { themes: [], attentionPoints: [], goals: [], actions: [], targetGroups: [], neighbourhoods: [] };
		x[k].push(t.ref);
		tagsOf.set(t.sid, x);
	}
	const adviceOf = new Map<number, OpenSignal['advice']>();
	for (const a of advice) adviceOf.set(a.sid, [...(adviceOf.get(a.sid) ?? []), { council: a.council, verdict: a.verdict, publishedAt: new Date(a.at).toISOString() }]);
	return rows.map((r) => {
		const e = ev.get(r.id) ?? { postcard: 0, table: 0, board: 0, workshop: 0, organisation: 0 };
		if (registrations.has(r.id)) e.organisation = 1;
		const order = [...CHANNELS];
		const hidden = suppressRow(order.map((c) => e[c]));
		const goal = r.goal ? goals.get(r.goal) : undefined;
		const action = r.action ? actions.get(r.action) : undefined;
		return {
			id: r.id,
			title: r.title,
			type: r.type,
			status: r.status,
			createdAt: new Date(r.created).toISOString(),
			decision: r.outcome
				? {
						outcome: r.outcome,
						decidedAt: new Date(r.decided!).toISOString(),
						reason: r.reason ?? '',
						goal: goal ? { id: goal.id, labels: goal.labels } : r.goal ? { id: r.goal, labels: { nl: r.goal } } : null,
						action: action ? { id: action.id, labels: action.labels, fromResident: !!action.fromResident } : r.action ? { id: r.action, labels: { nl: r.action }, fromResident: false } : null,
						newAction: !!r.createdAction,
						level: r.level,
						addressee: r.addressee
					}
				: null,
			feedbackPublishedAt: r.feedback === null ? null : new Date(r.feedback).toISOString(),
			tags: tagsOf.get(r.id) ?? { themes: [], attentionPoints: [], goals: [], actions: [], targetGroups: [], neighbourhoods: [] },
			evidence: { ...(Object.fromEntries(order.map((c, i) => [c, hidden.counts[i]])) as Record<Channel, number | null>), total: hidden.total },
			advice: adviceOf.get(r.id) ?? []
		};
	});
}

const openCache = new WeakMap<object, { at: number; key: string; signals: Promise<OpenSignal[]> }>();

/**
 * openSignals() kept for up to `maxAgeMs` (default a minute) in this process, as long as nothing
 * happened to a signal since (a new event, a changed signal): the endpoints are public and uncounted,
 * and reading the list costs far more than these two look-ups. A failed read is not kept.
 */
export function cachedOpenSignals(maxAgeMs = 60_000, now = Date.now()): Promise<OpenSignal[]> {
	const db = getDb();
	const v = db.get<{ e: number | null; s: number | null; n: number }>(
		sql`select (select max(id) from signal_events) as e, (select max(updated_at) from signals) as s, (select count(*) from signals) as n`
	);
	const key = `${v?.e ?? 0}|${v?.s ?? 0}|${v?.n ?? 0}`;
	const hit = openCache.get(db);
	if (hit && hit.key === key && now - hit.at < maxAgeMs) return hit.signals;
	const signals = openSignals();
	const entry = { at: now, key, signals };
	openCache.set(db, entry);
	signals.catch(() => {
		if (openCache.get(db) === entry) openCache.delete(db);
	});
	return signals;
}

export const OPEN_SIGNALS_CSV_HEADER = [
	'id',
	'title',
	'type',
	'status',
	'created_at',
	'outcome',
	'decided_at',
	'reason',
	'goal_id',
	'action_id',
	'action_from_resident',
	'new_action',
	'level',
	'addressee',
	'feedback_published_at',
	'theme_ids',
	'attention_point_ids',
	'goal_tag_ids',
	'action_tag_ids',
	'target_group_ids',
	'neighbourhood_ids',
	'evidence_total',
	'evidence_postcard',
	'evidence_table',
	'evidence_board',
	'evidence_workshop',
	'evidence_organisation',
	'council_advice'
];

/** Open data as CSV: one row per signal; lists joined with ';'; a hidden small count reads '<5'. */
export function openSignalsCsv(signals: OpenSignal[]): string {
	const n = (v: number | null) => (v === null ? '<5' : v);
	return toCsv(
		OPEN_SIGNALS_CSV_HEADER,
		signals.map((s) => [
			s.id,
			s.title,
			s.type,
			s.status,
			s.createdAt,
			s.decision?.outcome ?? '',
			s.decision?.decidedAt ?? '',
			s.decision?.reason ?? '',
			s.decision?.goal?.id ?? '',
			s.decision?.action?.id ?? '',
			s.decision?.action ? s.decision.action.fromResident : '',
			s.decision ? s.decision.newAction : '',
			s.decision?.level ?? '',
			s.decision?.addressee ?? '',
			s.feedbackPublishedAt ?? '',
			s.tags.themes.join(';'),
			s.tags.attentionPoints.join(';'),
			s.tags.goals.join(';'),
			s.tags.actions.join(';'),
			s.tags.targetGroups.join(';'),
			s.tags.neighbourhoods.join(';'),
			n(s.evidence.total),
			n(s.evidence.postcard),
			n(s.evidence.table),
			n(s.evidence.board),
			n(s.evidence.workshop),
			n(s.evidence.organisation),
			s.advice.map((a) => `${a.council}:${a.verdict}:${a.publishedAt.slice(0, 10)}`).join(';')
		])
	);
}
