/**
 * "After the meeting": the report of one dialogue table, built from the database without HTTP, and its
 * CSV and Markdown downloads. A report is read by staff only (see `canReadReport`), so it shows
 * everything that was said, with what was hidden, merged or never approved marked and listed apart.
 *
 * Participants stay anonymous unless they chose a display name when joining: the report shows that
 * name and nothing else about them (no numbering of anonymous people, which would let a reader link
 * one person's contributions together).
 */
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { hasRole, type StaffUser } from '../auth';
import { getDb, schema } from '../db';
import type { ContributionStatus, PhaseKind, TableStaffRole, TableStatus } from '../db/schema';
import { label } from '../../i18n';
import { m } from '$lib/paraglide/messages';
import { normalizeCode } from '../postcards/codes';
import { toCsv, type Cell } from '../postcards/export';
import { signalsBackedBy } from '../signals';
import { countedVotes } from './votes';

const t = schema.dialogueTables;
const ph = schema.tablePhases;
const pa = schema.tableParticipants;
const co = schema.tableContributions;
const vo = schema.tableVotes;
const st = schema.tableStaff;
const gr = schema.tableGroups;

// ---------------------------------------------------------------- who may read a report

/**
 * Who reads a table's report:
 * - the staff on that table (facilitator, co-facilitator, note-taker, a host with an account): it is
 *   their meeting, and they owe the participants a follow-up;
 * - admins;
 * - moderators (the analysts: they tag input and turn it into signals, which is what a report is for)
 *   and plan owners (they decide on the signals and report back to residents), for every table,
 *   because a signal's evidence links to the report it came from.
 * Council members and facilitators of other tables do not: council members see the signals that
 * concern them, not the raw input of a meeting they were not at (the same line the signal pages draw).
 */
export async function canReadReport(user: StaffUser | null | undefined, tableId: number): Promise<boolean> {
	if (!user) return false;
	if (hasRole(user, 'moderator', 'plan_owner')) return true;
	const row = getDb().select({ role: st.role }).from(st).where(and(eq(st.tableId, tableId), eq(st.userId, user.id))).get();
	return !!row;
}

/** Turning contributions into signals is signal work: the same roles the signal pages ask for. */
export { canMakeSignals } from '../signals';

/** A table by its id (`12`) or its join code (`SCH-258`, as printed on the flyer); null when unknown. */
export async function findReportTable(param: string): Promise<number | null> {
	const db = getDb();
	if (/^\d{1,12}$/.test(param)) {
		const row = db.select({ id: t.id }).from(t).where(eq(t.id, Number(param))).get();
		return row?.id ?? null;
	}
	const code = normalizeCode(param);
	if (!code) return null;
	return db.select({ id: t.id }).from(t).where(eq(t.code, code)).get()?.id ?? null;
}

/** Tables that have a report worth reading (not drafts), newest first: for the list of moderators and plan owners. */
export async function reportTables(): Promise<{ id: number; code: string; title: string; status: TableStatus; scheduledAt: Date | null; place: string | null; endedAt: Date | null }[]> {
	return getDb()
		.select({ id: t.id, code: t.code, title: t.title, status: t.status, scheduledAt: t.scheduledAt, place: t.place, endedAt: t.endedAt })
		.from(t)
		.where(ne(t.status, 'draft'))
		.orderBy(sql`${t.id} desc`)
		.all();
}

// ---------------------------------------------------------------- the report

/** How a contribution ended up: shown in the room, or not (hidden, merged into another, never approved). */
export type ContributionState = 'shown' | 'hidden' | 'merged' | 'pending';

export type ReportContribution = {
	id: number;
	phaseId: number;
	groupId: number | null;
	groupName: string | null;
	text: string;
	state: ContributionState;
	mergedInto: number | null;
	/** Contributions merged into this one (duplicates). */
	mergedFrom: number[];
	highlighted: boolean;
	/** The display name the participant chose; null for anyone who stayed anonymous (and for staff input). */
	author: string | null;
	/** The staff member who typed it (a testimony, or for someone without a phone). */
	enteredBy: string | null;
	/** Dots received, all dots phases together. */
	dots: number;
	signals: { id: number; title: string }[];
	createdAt: Date;
};

export type RankedContribution = { rank: number; dots: number; contribution: ReportContribution; phaseTitle: string };

export type ReportPhase = {
	id: number;
	/** 1, 2, 3 … in agenda order. */
	number: number;
	kind: PhaseKind;
	title: string;
	prompt: string;
	timerSeconds: number | null;
	dotsPerParticipant: number | null;
	isRecommendations: boolean;
	/** How much came in: contributions shown, dots given, or participants who answered the poll. */
	input: number;
	/** What was on the wall, in the order it was said. */
	shown: ReportContribution[];
	/** Hidden, merged and never approved contributions, for staff. */
	notShown: ReportContribution[];
	/** Dots phases: every contribution that got dots, most first (equal totals share a rank). */
	dots?: { voters: number; cast: number; ranking: RankedContribution[] };
	/** Polls: answers per option, and how many participants answered. */
	poll?: { voters: number; options: { text: string; count: number }[] };
	/** Word clouds: the entries on the wall, most frequent first. */
	words?: { text: string; count: number }[];
};

export type ReportStaff = { name: string; role: TableStaffRole };
export type ReportGroup = { id: number; name: string; host: string | null };

export type TableReport = {
	table: {
		id: number;
		code: string;
		title: string;
		status: TableStatus;
		template: string;
		locale: string;
		scheduledAt: Date | null;
		place: string | null;
		createdAt: Date;
		endedAt: Date | null;
	};
	themes: { id: number; label: string; pictogram: string | null }[];
	staff: ReportStaff[];
	/** World café sub-tables (empty for other methods). */
	groups: ReportGroup[];
	participantCount: number;
	/** How many participants chose to give a name. */
	namedCount: number;
	phases: ReportPhase[];
	/** The contributions of the recommendations phase still on the wall, most dots first. */
	recommendations: { phaseId: number; phaseTitle: string; items: ReportContribution[] } | null;
	locale: string;
};

const ROLE_ORDER: TableStaffRole[] = ['facilitator', 'co_facilitator', 'note_taker'];

/**
 * Which phase holds the recommendations: an open phase called so (in any of the four languages), or
 * else in a dialogue table the last open phase (the template's 'Aanbevelingen', even when renamed).
 */
const RECOMMENDATION_TITLE = /aanbeveling|recommend|recommandation|توصي/i;

function recommendationsPhaseId(phases: { id: number; kind: PhaseKind; title: string }[], template: string): number | null {
	const open = phases.filter((p) => p.kind === 'open');
	const named = open.find((p) => RECOMMENDATION_TITLE.test(p.title));
	if (named) return named.id;
	if (template === 'dialogue_table') return open.at(-1)?.id ?? null;
	return null;
}

function stateOf(status: ContributionStatus, mergedInto: number | null): ContributionState {
	if (mergedInto !== null) return 'merged';
	if (status === 'hidden') return 'hidden';
	if (status === 'pending') return 'pending';
	return 'shown';
}

/** Ranks by dots, most first; equal totals share a rank (1, 2, 2, 4). */
function rank<T extends { dots: number }>(items: T[]): (T & { rank: number })[] {
	const sorted = [...items].sort((a, b) => b.dots - a.dots);
	let last = -1;
	let rankNow = 0;
	return sorted.map((item, i) => {
		if (item.dots !== last) {
			rankNow = i + 1;
			last = item.dots;
		}
		return { ...item, rank: rankNow };
	});
}

/** The whole report of one table, labels in `locale`; null when the table does not exist. */
export async function buildReport(tableId: number, locale = 'nl'): Promise<TableReport | null> {
	const db = getDb();
	const table = db.select().from(t).where(eq(t.id, tableId)).get();
	if (!table) return null;

	const themeRows = table.themeIds.length ? db.select().from(schema.themes).where(inArray(schema.themes.id, table.themeIds)).all() : [];
	const themes = table.themeIds
		.map((id) => themeRows.find((r) => r.id === id))
		.filter((r) => r !== undefined)
		.map((r) => ({ id: r.id, label: label(r.labels, locale), pictogram: r.pictogram ?? null }));

	const staff = db
		.select({ name: schema.users.name, role: st.role, userId: st.userId })
		.from(st)
		.innerJoin(schema.users, eq(schema.users.id, st.userId))
		.where(eq(st.tableId, tableId))
		.all()
		.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name))
		.map(({ name, role }) => ({ name, role }));

	const groups: ReportGroup[] = db
		.select({ id: gr.id, name: gr.name, hostName: gr.hostName, hostUser: schema.users.name })
		.from(gr)
		.leftJoin(schema.users, eq(schema.users.id, gr.hostUserId))
		.where(eq(gr.tableId, tableId))
		.orderBy(asc(gr.position), asc(gr.id))
		.all()
		.map((g) => ({ id: g.id, name: g.name, host: g.hostUser ?? g.hostName ?? null }));
	const groupName = new Map(groups.map((g) => [g.id, g.name]));

	const people = db
		.select({ n: sql<number>`count(*)`, named: sql<number>`count(${pa.displayName})` })
		.from(pa)
		.where(and(eq(pa.tableId, tableId), isNull(pa.removedAt)))
		.get();

	const phaseRows = db.select().from(ph).where(eq(ph.tableId, tableId)).orderBy(asc(ph.position), asc(ph.id)).all();
	const recoId = recommendationsPhaseId(phaseRows, table.template);

	const rows = db
		.select({ c: co, author: pa.displayName, enteredBy: schema.users.name })
		.from(co)
		.leftJoin(pa, eq(pa.id, co.participantId))
		.leftJoin(schema.users, eq(schema.users.id, co.enteredBy))
		.where(eq(co.tableId, tableId))
		.orderBy(asc(co.createdAt), asc(co.id))
		.all();
	const phaseIds = phaseRows.map((p) => p.id);
	// Dots and answers of a participant the facilitator removed do not count (as on the projector).
	const votes = countedVotes(db, phaseIds);
	const backs = await signalsBackedBy(
		'table_contribution',
		rows.map((r) => r.c.id)
	);

	const dotsOf = new Map<number, number>();
	for (const v of votes) if (v.contributionId !== null) dotsOf.set(v.contributionId, (dotsOf.get(v.contributionId) ?? 0) + v.count);

	const contributions: ReportContribution[] = rows.map(({ c, author, enteredBy }) => ({
		id: c.id,
		phaseId: c.phaseId,
		groupId: c.groupId,
		groupName: c.groupId !== null ? (groupName.get(c.groupId) ?? null) : null,
		text: c.text,
		state: stateOf(c.status, c.mergedInto),
		mergedInto: c.mergedInto,
		mergedFrom: [],
		highlighted: c.highlighted,
		// Only a name the participant typed themselves; staff input has no participant.
		author: c.participantId !== null && author && author.trim() ? author.trim() : null,
		enteredBy: c.enteredBy !== null ? (enteredBy ?? null) : null,
		dots: dotsOf.get(c.id) ?? 0,
		signals: backs.get(c.id) ?? [],
		createdAt: c.createdAt
	}));
	const byId = new Map(contributions.map((c) => [c.id, c]));
	for (const c of contributions) if (c.mergedInto !== null) byId.get(c.mergedInto)?.mergedFrom.push(c.id);
	const phaseTitle = new Map(phaseRows.map((p) => [p.id, p.title]));

	const phases: ReportPhase[] = phaseRows.map((p, i) => {
		const mine = contributions.filter((c) => c.phaseId === p.id);
		const phase: ReportPhase = {
			id: p.id,
			number: i + 1,
			kind: p.kind,
			title: p.title,
			prompt: p.prompt,
			timerSeconds: p.timerSeconds,
			dotsPerParticipant: p.dotsPerParticipant,
			isRecommendations: p.id === recoId,
			input: 0,
			shown: mine.filter((c) => c.state === 'shown'),
			notShown: mine.filter((c) => c.state !== 'shown')
		};
		const cast = votes.filter((v) => v.phaseId === p.id);
		const voters = new Set(cast.map((v) => v.participantId)).size;
		if (p.kind === 'dots') {
			const per = new Map<number, number>();
			for (const v of cast) if (v.contributionId !== null) per.set(v.contributionId, (per.get(v.contributionId) ?? 0) + v.count);
			const ranking = rank(
				[...per]
					.filter(([id, n]) => n > 0 && byId.has(id))
					.map(([id, dots]) => ({ dots, contribution: byId.get(id)!, phaseTitle: phaseTitle.get(byId.get(id)!.phaseId) ?? '' }))
					.sort((a, b) => a.contribution.id - b.contribution.id)
			);
			phase.dots = { voters, cast: [...per.values()].reduce((a, b) => a + b, 0), ranking };
		} else if (p.kind === 'poll_single' || p.kind === 'poll_multi') {
			const counts = p.options.map(() => 0);
			for (const v of cast) if (v.optionIndex !== null && v.optionIndex < counts.length) counts[v.optionIndex] += v.count;
			phase.poll = { voters, options: p.options.map((text, j) => ({ text, count: counts[j] })) };
		} else if (p.kind === 'word_cloud') {
			const words = new Map<string, number>();
			for (const c of phase.shown) {
				const key = c.text.trim().toLocaleLowerCase().replace(/\s+/g, ' ');
				words.set(key, (words.get(key) ?? 0) + 1);
			}
			phase.words = [...words].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
		}
		phase.input = phase.dots ? phase.dots.cast : phase.poll ? phase.poll.voters : phase.shown.length;
		return phase;
	});

	const recoPhase = phases.find((p) => p.isRecommendations);
	const recommendations = recoPhase
		? { phaseId: recoPhase.id, phaseTitle: recoPhase.title, items: [...recoPhase.shown].sort((a, b) => b.dots - a.dots || a.id - b.id) }
		: null;

	return {
		table: {
			id: table.id,
			code: table.code,
			title: table.title,
			status: table.status,
			template: table.template,
			locale: table.locale,
			scheduledAt: table.scheduledAt,
			place: table.place,
			createdAt: table.createdAt,
			endedAt: table.endedAt
		},
		themes,
		staff,
		groups,
		participantCount: Number(people?.n ?? 0),
		namedCount: Number(people?.named ?? 0),
		phases,
		recommendations,
		locale
	};
}

/** Which contributions belong to this table (for actions that name one). */
export async function contributionOfTable(tableId: number, contributionId: number): Promise<boolean> {
	if (!Number.isSafeInteger(contributionId) || contributionId < 1) return false;
	return !!getDb().select({ id: co.id }).from(co).where(and(eq(co.id, contributionId), eq(co.tableId, tableId))).get();
}

/** Contributions grouped by world café sub-table, in the table's order (those said outside any sub-table last). */
export function byGroup(report: Pick<TableReport, 'groups'>, list: ReportContribution[]): { group: ReportGroup | null; items: ReportContribution[] }[] {
	if (!report.groups.length) return [{ group: null, items: list }];
	const out = report.groups.map((g) => ({ group: g as ReportGroup | null, items: list.filter((c) => c.groupId === g.id) }));
	const loose = list.filter((c) => c.groupId === null || !report.groups.some((g) => g.id === c.groupId));
	if (loose.length) out.push({ group: null, items: loose });
	return out.filter((g) => g.items.length > 0);
}

// ---------------------------------------------------------------- labels (shared by the page, CSV and Markdown)

type Loc = { locale: 'nl' | 'fr' | 'en' | 'ar' };
const loc = (locale: string): Loc => ({ locale: (['nl', 'fr', 'en', 'ar'].includes(locale) ? locale : 'nl') as Loc['locale'] });

/** A phase kind and a table status are named as the console names them (one name for each thing). */
export function kindText(kind: string, locale: string): string {
	const o = loc(locale);
	const k: Record<string, () => string> = {
		open: () => m.console_kind_open({}, o),
		dots: () => m.console_kind_dots({}, o),
		poll_single: () => m.console_kind_poll_single({}, o),
		poll_multi: () => m.console_kind_poll_multi({}, o),
		word_cloud: () => m.console_kind_word_cloud({}, o),
		testimony: () => m.console_kind_testimony({}, o)
	};
	return k[kind]?.() ?? kind;
}

export function templateText(template: string, locale: string): string {
	const o = loc(locale);
	const k: Record<string, () => string> = {
		dialogue_table: () => m.report_template_dialogue_table({}, o),
		group_session: () => m.report_template_group_session({}, o),
		talk_cafe: () => m.report_template_talk_cafe({}, o),
		world_cafe: () => m.report_template_world_cafe({}, o),
		custom: () => m.report_template_custom({}, o)
	};
	return k[template]?.() ?? template;
}

export function roleText(role: string, locale: string): string {
	const o = loc(locale);
	const k: Record<string, () => string> = {
		facilitator: () => m.report_role_facilitator({}, o),
		co_facilitator: () => m.report_role_co_facilitator({}, o),
		note_taker: () => m.report_role_note_taker({}, o)
	};
	return k[role]?.() ?? role;
}

export function statusText(status: string, locale: string): string {
	const o = loc(locale);
	const k: Record<string, () => string> = {
		draft: () => m.console_status_draft({}, o),
		live: () => m.console_status_live({}, o),
		locked: () => m.console_status_locked({}, o),
		ended: () => m.console_status_ended({}, o)
	};
	return k[status]?.() ?? status;
}

/** 'verborgen', 'samengevoegd met #12', 'niet goedgekeurd'; empty for a contribution that was shown. */
export function stateText(c: Pick<ReportContribution, 'state' | 'mergedInto'>, locale: string): string {
	const o = loc(locale);
	if (c.state === 'hidden') return m.report_state_hidden({}, o);
	if (c.state === 'pending') return m.report_state_pending({}, o);
	if (c.state === 'merged') return m.report_state_merged({ id: String(c.mergedInto) }, o);
	return '';
}

/** Who said it, as the report may show it: the chosen name, 'anonymous', or the staff member who typed it. */
export function sourceText(c: Pick<ReportContribution, 'author' | 'enteredBy'>, kind: PhaseKind, locale: string): string {
	const o = loc(locale);
	if (c.enteredBy !== null) return kind === 'testimony' ? m.report_testimony_by({ name: c.enteredBy }, o) : m.report_on_behalf({ name: c.enteredBy }, o);
	return c.author ?? m.report_anonymous({}, o);
}

/** Dates in the city's time zone, in the reader's language. */
export function dateText(d: Date | null, locale: string, withTime = true): string {
	if (!d) return '';
	return new Intl.DateTimeFormat(loc(locale).locale, {
		dateStyle: 'long',
		...(withTime ? { timeStyle: 'short' } : {}),
		timeZone: process.env.CITY_TIME_ZONE || 'Europe/Brussels'
	}).format(d);
}

// ---------------------------------------------------------------- CSV

/**
 * One row per contribution (all of them, with their state) and one per poll option, so a spreadsheet
 * can filter on the phase or the row type. Column names are fixed codes, like the postcard export.
 */
export const REPORT_CSV_HEADER = [
	'table_code',
	'table_title',
	'phase_number',
	'phase_title',
	'phase_kind',
	'sub_table',
	'row_type',
	'contribution_id',
	'text',
	'author',
	'entered_by_staff',
	'state',
	'merged_into',
	'highlighted',
	'recommendation',
	'dots',
	'votes',
	'voters',
	'signal_ids',
	'created_at'
];

export function reportToCsv(report: TableReport): string {
	const rows: Cell[][] = [];
	const head = [report.table.code, report.table.title];
	for (const p of report.phases) {
		const phase = [p.number, p.title, p.kind];
		for (const c of [...p.shown, ...p.notShown].sort((a, b) => +a.createdAt - +b.createdAt || a.id - b.id))
			rows.push([
				...head,
				...phase,
				c.groupName,
				'contribution',
				c.id,
				c.text,
				// The name a participant chose, or nothing: anonymous people stay anonymous in exports too.
				c.author ?? '',
				c.enteredBy ?? '',
				c.state,
				c.mergedInto,
				c.highlighted,
				p.isRecommendations && c.state === 'shown',
				c.dots,
				null,
				null,
				c.signals.map((s) => s.id).join('; '),
				c.createdAt.toISOString()
			]);
		if (p.poll)
			for (const o of p.poll.options)
				rows.push([...head, ...phase, null, 'poll_option', null, o.text, null, null, null, null, null, null, null, o.count, p.poll.voters, null, null]);
	}
	return toCsv(REPORT_CSV_HEADER, rows);
}

// ---------------------------------------------------------------- Markdown

/**
 * Text a participant typed, made inert for Markdown: characters that would start emphasis, links,
 * HTML, tables or code are escaped, and so is anything at the start of a line that would make a
 * heading, quote or list. Line breaks stay (as hard breaks, indented under the list item).
 */
export function mdText(text: string, indent = ''): string {
	return text
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((line) =>
			line
				.replace(/[\\`*_[\]<>|~]/g, (ch) => `\\${ch}`)
				.replace(/&(?=#?\w+;)/g, '\\&')
				.replace(/^(\s*)([#>+=-])/, '$1\\$2')
				.replace(/^(\s*\d+)([.)])/, '$1\\$2')
		)
		.join(`  \n${indent}`);
}

export function reportToMarkdown(report: TableReport, locale = report.locale): string {
	const o = loc(locale);
	const r = report;
	const out: string[] = [];
	const line = (s = '') => out.push(s);
	const sep = o.locale === 'ar' ? '، ' : ', ';
	const item = (c: ReportContribution, kind: PhaseKind, prefix = '- ') => {
		const marks: string[] = [sourceText(c, kind, locale)];
		if (c.highlighted) marks.push(m.report_highlighted({}, o));
		if (c.dots > 0) marks.push(m.report_dots({ count: String(c.dots) }, o));
		const state = stateText(c, locale);
		if (state) marks.push(state);
		if (c.mergedFrom.length) marks.push(m.report_merged_from({ ids: c.mergedFrom.map((id) => `#${id}`).join(', ') }, o));
		if (c.signals.length) marks.push(`${m.report_backs({}, o)} ${c.signals.map((s) => `#${s.id} ${s.title}`).join('; ')}`);
		line(`${prefix}${mdText(c.text, ' '.repeat(prefix.length))}  \n${' '.repeat(prefix.length)}*${marks.map((x) => mdText(x)).join(' · ')}* (#${c.id})`);
	};
	const list = (items: ReportContribution[], kind: PhaseKind) => {
		for (const g of byGroup(r, items)) {
			if (r.groups.length) {
				line();
				line(`**${g.group ? mdText(m.report_sub_table({ name: g.group.name }, o)) + (g.group.host ? ` (${mdText(m.report_host({ name: g.group.host }, o))})` : '') : m.report_no_sub_table({}, o)}**`);
				line();
			}
			for (const c of g.items) item(c, kind);
		}
	};

	line(`# ${mdText(m.report_title({ title: r.table.title }, o))}`);
	line();
	const facts: [string, string][] = [
		[m.report_themes({}, o), r.themes.map((x) => x.label).join(sep) || '–'],
		[m.report_date({}, o), dateText(r.table.scheduledAt ?? r.table.createdAt, locale)],
		[m.report_place({}, o), r.table.place ?? '–'],
		[m.report_method({}, o), templateText(r.table.template, locale)],
		[m.report_status({}, o), statusText(r.table.status, locale) + (r.table.endedAt ? ` (${dateText(r.table.endedAt, locale)})` : '')],
		[m.report_team({}, o), r.staff.map((s) => `${s.name} (${roleText(s.role, locale)})`).join(sep) || '–'],
		[m.report_participants({}, o), m.report_participants_value({ count: String(r.participantCount), named: String(r.namedCount) }, o)],
		[m.report_code({}, o), r.table.code]
	];
	if (r.groups.length) facts.push([m.report_sub_tables({}, o), r.groups.map((g) => g.name + (g.host ? ` (${g.host})` : '')).join(sep)]);
	for (const [k, v] of facts) line(`- **${mdText(k)}:** ${mdText(v)}`);
	line();
	line(`> ${mdText(m.report_staff_only({}, o))}`);

	line();
	line(`## ${mdText(m.report_recommendations({}, o))}`);
	line();
	if (r.recommendations && r.recommendations.items.length) {
		r.recommendations.items.forEach((c, i) => item(c, 'open', `${i + 1}. `));
	} else line(mdText(m.report_recommendations_none({}, o)));

	line();
	line(`## ${mdText(m.report_agenda({}, o))}`);
	line();
	line(`| # | ${[m.report_col_phase({}, o), m.report_col_kind({}, o), m.report_col_prompt({}, o), m.report_col_timer({}, o), m.report_col_input({}, o)].map((h) => mdText(h)).join(' | ')} |`);
	line('| --- | --- | --- | --- | --- | --- |');
	for (const p of r.phases)
		line(
			`| ${p.number} | ${mdText(p.title)} | ${mdText(kindText(p.kind, locale))} | ${mdText(p.prompt).replace(/ {2}\n/g, ' ')} | ${p.timerSeconds ? m.report_minutes({ minutes: String(Math.round(p.timerSeconds / 60)) }, o) : '–'} | ${p.input} |`
		);

	for (const p of r.phases) {
		line();
		line(`## ${p.number}. ${mdText(p.title)}`);
		line();
		line(`*${mdText(kindText(p.kind, locale))}*${p.prompt ? ` — ${mdText(p.prompt)}` : ''}`);
		line();
		if (p.dots) {
			line(mdText(m.report_dots_summary({ voters: String(p.dots.voters), cast: String(p.dots.cast) }, o)));
			line();
			if (p.dots.ranking.length) {
				line(`| ${[m.report_col_rank({}, o), m.report_col_contribution({}, o), m.report_col_from_phase({}, o), m.report_col_dots({}, o)].map((h) => mdText(h)).join(' | ')} |`);
				line('| --- | --- | --- | --- |');
				for (const x of p.dots.ranking)
					line(`| ${x.rank} | ${mdText(x.contribution.text).replace(/ {2}\n/g, ' ')}${x.contribution.state !== 'shown' ? ` (${mdText(stateText(x.contribution, locale))})` : ''} | ${mdText(x.phaseTitle)} | ${x.dots} |`);
			} else line(mdText(m.report_dots_none({}, o)));
			continue;
		}
		if (p.poll) {
			line(mdText(m.report_poll_voters({ count: String(p.poll.voters) }, o)));
			line();
			line(`| ${[m.report_col_option({}, o), m.report_col_votes({}, o)].map((h) => mdText(h)).join(' | ')} |`);
			line('| --- | --- |');
			for (const x of p.poll.options) line(`| ${mdText(x.text)} | ${x.count} |`);
			continue;
		}
		if (p.words && p.words.length) {
			line(`${mdText(m.report_words({}, o))}: ${p.words.map((w) => `${mdText(w.text)} (${w.count})`).join(', ')}`);
			line();
		}
		if (p.shown.length) list(p.shown, p.kind);
		else line(mdText(m.report_contributions_none({}, o)));
		if (p.notShown.length) {
			line();
			line(`### ${mdText(m.report_not_shown({}, o))}`);
			line();
			for (const c of p.notShown) item(c, p.kind);
		}
	}
	line();
	return out.join('\n');
}

/** `tafel-SCH-258-2026-11-08.csv`: the join code and the day of the meeting. */
export function reportFileName(report: TableReport, ext: 'csv' | 'md'): string {
	const day = new Intl.DateTimeFormat('en-CA', { timeZone: process.env.CITY_TIME_ZONE || 'Europe/Brussels' }).format(report.table.scheduledAt ?? report.table.createdAt);
	return `tafel-${report.table.code}-${day}.${ext}`;
}
