/**
 * Live dialogue tables: the domain, without HTTP or sockets. Every function checks its input, does its
 * work in one synchronous transaction and answers `{ ok: true, … }` or `{ ok: false, error }` with a
 * stable error code. Nothing is kept in process memory: a snapshot can be rebuilt from the database at
 * any moment, on any node.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { generateToken, hasRole, hashToken, type StaffUser } from '../auth';
import { prepared, schema, type Db } from '../db';
import { countedVotes } from './votes';
import { attempt, Refusal, refuse, type Answer, type Refused } from '../refusal';
import { emit } from '../events';
import type { ContributionStatus, PhaseKind, TableStaffRole, TableStatus, WorkshopStep } from '../db/schema';
import { newCode, normalizeCode } from '../postcards/codes';
import { wordCounts } from '$lib/tables/words';
import { copyTemplate, isTemplateId, templateGroups, type PhaseSpec } from './templates';
import { admitContribution, admitJoin } from './limits';
import {
	checkText,
	isClientId,
	isId,
	isIntIn,
	isRecord,
	MAX_PHASES,
	NAME_MAX,
	normalizePhase,
	TITLE_MAX
} from './validate';

export { copyTemplate, listTemplates, templateGroups, TEMPLATE_IDS } from './templates';

/** The template id of a persona workshop's table (made by the personas module with its own phases, not offered as a table template). */
export const WORKSHOP_TEMPLATE = 'persona_workshop';
export type { PhaseSpec, TemplateId } from './templates';

export type TableError =
	| 'bad_payload'
	| 'forbidden'
	| 'bad_code'
	| 'table_not_found'
	| 'table_locked'
	| 'table_ended'
	| 'table_not_live'
	| 'unknown_participant'
	| 'unknown_user'
	| 'bad_title'
	| 'bad_template'
	| 'bad_phase'
	| 'too_many_phases'
	| 'name_too_long'
	| 'empty_text'
	| 'text_too_long'
	| 'bad_client_id'
	| 'phase_not_found'
	| 'phase_not_open'
	| 'wrong_phase_kind'
	| 'facilitator_only'
	| 'unknown_contribution'
	| 'bad_votes'
	| 'over_budget'
	| 'bad_choice'
	| 'no_next_phase'
	| 'no_previous_phase'
	| 'no_timer'
	| 'bad_merge'
	| 'phase_has_input'
	| 'phase_is_current'
	| 'bad_order'
	| 'bad_group'
	| 'group_not_found'
	| 'unknown_lens'
	| 'table_full'
	| 'too_many_joins'
	| 'too_many_contributions'
	| 'participant_removed';

export type Fail = Refused<TableError>;
export type Result<T extends object = object> = Answer<TableError, T>;

const fail = (error: TableError): Fail => refuse(error);
const run = <T extends object>(fn: (tx: Db) => T): Promise<Result<T>> => attempt<TableError, T>(fn);

const t = schema.dialogueTables;
const ph = schema.tablePhases;
const pa = schema.tableParticipants;
const co = schema.tableContributions;
const vo = schema.tableVotes;
const st = schema.tableStaff;
const gr = schema.tableGroups;

type TableRow = typeof t.$inferSelect;
type PhaseRow = typeof ph.$inferSelect;

// The reads every phone message makes, prepared once per connection (building drizzle SQL each time
// cost more than running it). They run on the same SQLite connection as the surrounding transaction.
const byId = {
	table: () => prepared('tables.table', (db) => db.select().from(t).where(eq(t.id, sql.placeholder('id'))).prepare()),
	phase: () =>
		prepared('tables.phase', (db) =>
			db.select().from(ph).where(and(eq(ph.id, sql.placeholder('id')), eq(ph.tableId, sql.placeholder('tableId')))).prepare()
		),
	participant: () => prepared('tables.participant', (db) => db.select().from(pa).where(eq(pa.id, sql.placeholder('id'))).prepare()),
	participantClientId: () =>
		prepared('tables.participantClientId', (db) =>
			db.select().from(co).where(and(eq(co.participantId, sql.placeholder('participantId')), eq(co.clientId, sql.placeholder('clientId')))).prepare()
		)
};

function loadTable(_tx: Db, tableId: number): TableRow {
	const row = byId.table().get({ id: tableId });
	if (!row) throw new Refusal('table_not_found');
	return row;
}

function loadPhases(tx: Db, tableId: number): PhaseRow[] {
	return tx.select().from(ph).where(eq(ph.tableId, tableId)).orderBy(asc(ph.position), asc(ph.id)).all();
}

function loadPhase(_tx: Db, tableId: number, phaseId: unknown): PhaseRow {
	if (!isId(phaseId)) throw new Refusal('bad_payload');
	const row = byId.phase().get({ id: phaseId, tableId });
	if (!row) throw new Refusal('phase_not_found');
	return row;
}

function loadParticipant(_tx: Db, participantId: number) {
	const row = byId.participant().get({ id: participantId });
	if (!row) throw new Refusal('unknown_participant');
	if (row.removedAt) throw new Refusal('participant_removed');
	return row;
}

/** The participants who count (a removed one does not). */
const present = (tableId: number) => and(eq(pa.tableId, tableId), isNull(pa.removedAt));

/** Refuses input (contributions, votes) unless the table is running. Locked tables keep running for those already in. */
function requireRunning(table: TableRow): void {
	if (table.status === 'ended') throw new Refusal('table_ended');
	if (table.status === 'draft') throw new Refusal('table_not_live');
}

/** The phase must be the one on screen: input for any other phase is refused. */
function requireOpenPhase(tx: Db, table: TableRow, phaseId: unknown): PhaseRow {
	if (phaseId === undefined && table.currentPhaseId === null) throw new Refusal('phase_not_open');
	const phase = loadPhase(tx, table.id, phaseId ?? table.currentPhaseId);
	if (table.currentPhaseId !== phase.id) throw new Refusal('phase_not_open');
	return phase;
}

// ---------------------------------------------------------------- staff on a table

export type TableStaffInput = { userId: number; role: TableStaffRole };

function staffRole(tx: Db, tableId: number, user: StaffUser | null | undefined): TableStaffRole | 'admin' | null {
	if (!user) return null;
	if (user.roles.includes('admin')) return 'admin';
	const row = tx.select({ role: st.role }).from(st).where(and(eq(st.tableId, tableId), eq(st.userId, user.id))).get();
	return row?.role ?? null;
}

/** Facilitators, co-facilitators and admins run the table. */
function requireFacilitator(tx: Db, tableId: number, user: StaffUser | null | undefined): StaffUser {
	const role = staffRole(tx, tableId, user);
	if (role !== 'admin' && role !== 'facilitator' && role !== 'co_facilitator') throw new Refusal('forbidden');
	return user!;
}

/** Note-takers may also type contributions on someone's behalf. */
function requireScribe(tx: Db, tableId: number, user: StaffUser | null | undefined): StaffUser {
	if (!staffRole(tx, tableId, user)) throw new Refusal('forbidden');
	return user!;
}

export async function canFacilitate(tableId: number, user: StaffUser | null | undefined): Promise<boolean> {
	const r = await run((tx) => ({ role: staffRole(tx, tableId, user) }));
	return r.ok && r.role !== null;
}

// ---------------------------------------------------------------- creating a table

export type NewTable = {
	title: string;
	themeIds?: number[];
	locale?: string;
	scheduledAt?: Date | null;
	place?: string | null;
	template: string;
	/** An edited copy of the template's agenda; the template's own phases when left out. */
	phases?: unknown[];
	staff?: TableStaffInput[];
	preModeration?: boolean;
	/** World café sub-tables; the template's when left out. A host with an account may type for their sub-table. */
	groups?: GroupInput[];
};

export type GroupInput = { name: string; hostName?: string | null; hostUserId?: number | null };

const MAX_GROUPS = 20;

function normalizeGroup(value: unknown): GroupInput | null {
	if (!isRecord(value) || typeof value.name !== 'string') return null;
	const name = value.name.trim();
	if (!name || name.length > TITLE_MAX) return null;
	const hostName = value.hostName ?? null;
	if (hostName !== null && (typeof hostName !== 'string' || hostName.length > TITLE_MAX)) return null;
	const hostUserId = value.hostUserId ?? null;
	if (hostUserId !== null && !isId(hostUserId)) return null;
	return { name, hostName: (hostName as string | null)?.trim() || null, hostUserId: hostUserId as number | null };
}

function insertGroups(tx: Db, tableId: number, groups: GroupInput[], from: number): number[] {
	const ids: number[] = [];
	groups.forEach((g, i) => {
		if (g.hostUserId && !tx.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.id, g.hostUserId)).get())
			throw new Refusal('unknown_user');
		const row = tx
			.insert(gr)
			.values({ tableId, position: from + i, name: g.name, hostName: g.hostName ?? null, hostUserId: g.hostUserId ?? null })
			.returning({ id: gr.id })
			.get();
		ids.push(row.id);
		// A host with an account may type what is said at their sub-table.
		if (g.hostUserId) tx.insert(st).values({ tableId, userId: g.hostUserId, role: 'note_taker' }).onConflictDoNothing().run();
	});
	return ids;
}

function loadGroup(tx: Db, tableId: number, groupId: unknown) {
	if (!isId(groupId)) throw new Refusal('bad_group');
	const row = tx.select().from(gr).where(and(eq(gr.id, groupId), eq(gr.tableId, tableId))).get();
	if (!row) throw new Refusal('group_not_found');
	return row;
}

const LOCALES = ['nl', 'fr', 'en', 'ar'];

function insertPhases(tx: Db, tableId: number, phases: PhaseSpec[], from = 0): void {
	phases.forEach((p, i) => {
		tx.insert(ph)
			.values({
				tableId,
				position: from + i,
				kind: p.kind,
				title: p.title,
				prompt: p.prompt,
				options: p.options ?? [],
				dotsPerParticipant: p.kind === 'dots' ? (p.dotsPerParticipant ?? 3) : null,
				timerSeconds: p.timerSeconds ?? null
			})
			.run();
	});
}

export async function createTable(user: StaffUser | null, input: NewTable): Promise<Result<{ tableId: number; code: string }>> {
	if (!hasRole(user, 'facilitator')) return fail('forbidden');
	if (!isRecord(input)) return fail('bad_payload');
	const title = typeof input.title === 'string' ? input.title.trim() : '';
	if (!title || title.length > TITLE_MAX) return fail('bad_title');
	if (!isTemplateId(input.template) && input.template !== 'custom' && input.template !== WORKSHOP_TEMPLATE) return fail('bad_template');
	const raw = input.phases ?? (isTemplateId(input.template) ? copyTemplate(input.template) : []);
	if (!Array.isArray(raw)) return fail('bad_phase');
	if (raw.length > MAX_PHASES) return fail('too_many_phases');
	const phases: PhaseSpec[] = [];
	for (const p of raw) {
		const spec = normalizePhase(p);
		if (!spec) return fail('bad_phase');
		phases.push(spec);
	}
	const themeIds = input.themeIds ?? [];
	if (!Array.isArray(themeIds) || !themeIds.every(isId)) return fail('bad_payload');
	const locale = input.locale ?? 'nl';
	if (!LOCALES.includes(locale)) return fail('bad_payload');
	const staff = input.staff ?? [];
	if (!Array.isArray(staff) || !staff.every((s) => isRecord(s) && isId(s.userId) && ['facilitator', 'co_facilitator', 'note_taker'].includes(s.role)))
		return fail('bad_payload');
	const rawGroups = input.groups ?? (isTemplateId(input.template) ? templateGroups(input.template).map((name) => ({ name })) : []);
	if (!Array.isArray(rawGroups) || rawGroups.length > MAX_GROUPS) return fail('bad_group');
	const groups: GroupInput[] = [];
	for (const g of rawGroups) {
		const clean = normalizeGroup(g);
		if (!clean) return fail('bad_group');
		groups.push(clean);
	}
	const me = user!;
	return run((tx) => {
		const ids = [...new Set(staff.map((s) => s.userId))];
		if (ids.length) {
			const found = tx.select({ id: schema.users.id }).from(schema.users).where(inArray(schema.users.id, ids)).all();
			if (found.length !== ids.length) throw new Refusal('unknown_user');
		}
		let code = newCode();
		while (tx.select({ id: t.id }).from(t).where(eq(t.code, code)).get()) code = newCode();
		const row = tx
			.insert(t)
			.values({
				code,
				title,
				themeIds,
				locale,
				scheduledAt: input.scheduledAt ?? null,
				place: typeof input.place === 'string' ? input.place.trim() || null : null,
				template: input.template,
				preModeration: input.preModeration === true,
				createdBy: me.id,
				createdAt: new Date()
			})
			.returning({ id: t.id })
			.get();
		const roles = new Map<number, TableStaffRole>([[me.id, 'facilitator']]);
		for (const s of staff) if (s.userId !== me.id) roles.set(s.userId, s.role);
		for (const [userId, role] of roles) tx.insert(st).values({ tableId: row.id, userId, role }).run();
		insertPhases(tx, row.id, phases);
		insertGroups(tx, row.id, groups, 0);
		return { tableId: row.id, code };
	});
}

export type TableDetails = {
	title?: string;
	themeIds?: number[];
	locale?: string;
	scheduledAt?: Date | null;
	place?: string | null;
	/** Replaces the co-facilitators and note-takers (facilitators on the table stay). */
	staff?: TableStaffInput[];
};

/** Changes a table's details and its team; not once it has ended. */
export async function updateTable(user: StaffUser | null, tableId: number, input: TableDetails): Promise<Result<{ tableId: number }>> {
	if (!isRecord(input)) return fail('bad_payload');
	const set: Partial<typeof t.$inferInsert> = {};
	if (input.title !== undefined) {
		const title = typeof input.title === 'string' ? input.title.trim() : '';
		if (!title || title.length > TITLE_MAX) return fail('bad_title');
		set.title = title;
	}
	if (input.themeIds !== undefined) {
		if (!Array.isArray(input.themeIds) || !input.themeIds.every(isId)) return fail('bad_payload');
		set.themeIds = input.themeIds;
	}
	if (input.locale !== undefined) {
		if (!LOCALES.includes(input.locale)) return fail('bad_payload');
		set.locale = input.locale;
	}
	if (input.scheduledAt !== undefined) {
		if (input.scheduledAt !== null && !(input.scheduledAt instanceof Date && !isNaN(+input.scheduledAt))) return fail('bad_payload');
		set.scheduledAt = input.scheduledAt;
	}
	if (input.place !== undefined) {
		if (input.place !== null && (typeof input.place !== 'string' || input.place.length > TITLE_MAX)) return fail('bad_payload');
		set.place = input.place?.trim() || null;
	}
	const staff = input.staff;
	if (staff !== undefined && (!Array.isArray(staff) || !staff.every((s) => isRecord(s) && isId(s.userId) && ['facilitator', 'co_facilitator', 'note_taker'].includes(s.role))))
		return fail('bad_payload');
	const r = await run((tx) => {
		requireFacilitator(tx, tableId, user);
		const table = loadTable(tx, tableId);
		if (table.status === 'ended') throw new Refusal('table_ended');
		if (Object.keys(set).length) tx.update(t).set(set).where(eq(t.id, tableId)).run();
		if (staff) {
			const ids = [...new Set(staff.map((s) => s.userId))];
			if (ids.length && tx.select({ id: schema.users.id }).from(schema.users).where(inArray(schema.users.id, ids)).all().length !== ids.length)
				throw new Refusal('unknown_user');
			tx.delete(st).where(and(eq(st.tableId, tableId), inArray(st.role, ['co_facilitator', 'note_taker']))).run();
			for (const s of staff) tx.insert(st).values({ tableId, userId: s.userId, role: s.role }).onConflictDoUpdate({ target: [st.tableId, st.userId], set: { role: s.role } }).run();
			// Hosts of world café sub-tables keep their right to type.
			for (const g of tx.select({ hostUserId: gr.hostUserId }).from(gr).where(eq(gr.tableId, tableId)).all())
				if (g.hostUserId) tx.insert(st).values({ tableId, userId: g.hostUserId, role: 'note_taker' }).onConflictDoNothing().run();
			const facilitators = tx.select({ userId: st.userId }).from(st).where(and(eq(st.tableId, tableId), eq(st.role, 'facilitator'))).all();
			if (!facilitators.length) throw new Refusal('forbidden');
		}
		return { tableId };
	});
	if (r.ok && staff) emit({ type: 'table.staff.changed', tableId });
	return r;
}

export type TableListItem = Pick<TableRow, 'id' | 'code' | 'title' | 'status' | 'template' | 'locale' | 'scheduledAt' | 'place' | 'createdAt' | 'endedAt'> & {
	role: TableStaffRole | 'admin';
};

/** The tables a staff member works on (all of them for an admin), newest first. */
export async function listTables(user: StaffUser | null): Promise<TableListItem[]> {
	if (!user) return [];
	const r = await run((tx) => {
		const cols = { id: t.id, code: t.code, title: t.title, status: t.status, template: t.template, locale: t.locale, scheduledAt: t.scheduledAt, place: t.place, createdAt: t.createdAt, endedAt: t.endedAt };
		const mine = new Map(tx.select({ tableId: st.tableId, role: st.role }).from(st).where(eq(st.userId, user.id)).all().map((r) => [r.tableId, r.role]));
		const isAdmin = user.roles.includes('admin');
		const rows = isAdmin
			? tx.select(cols).from(t).orderBy(sql`${t.id} desc`).all()
			: mine.size
				? tx.select(cols).from(t).where(inArray(t.id, [...mine.keys()])).orderBy(sql`${t.id} desc`).all()
				: [];
		return { items: rows.map((row) => ({ ...row, role: isAdmin ? ('admin' as const) : mine.get(row.id)! })) };
	});
	return r.ok ? r.items : [];
}

// ---------------------------------------------------------------- participants

export async function findTableByCode(code: unknown): Promise<Result<{ tableId: number; status: TableStatus }>> {
	const normalized = typeof code === 'string' ? normalizeCode(code) : null;
	if (!normalized) return fail('bad_code');
	return run((tx) => {
		const row = tx.select({ id: t.id, status: t.status }).from(t).where(eq(t.code, normalized)).get();
		if (!row) throw new Refusal('table_not_found');
		return { tableId: row.id, status: row.status };
	});
}

/** A phone joins by code. Only the SHA-256 of the returned token is stored. */
export async function joinTable(
	code: unknown,
	displayName?: unknown,
	from: { address?: string | null } = {}
): Promise<Result<{ tableId: number; participantId: number; participantToken: string }>> {
	const normalized = typeof code === 'string' ? normalizeCode(code) : null;
	if (!normalized) return fail('bad_code');
	let name: string | null = null;
	if (displayName !== undefined && displayName !== null) {
		if (typeof displayName !== 'string') return fail('bad_payload');
		name = displayName.trim() || null;
		if (name && [...name].length > NAME_MAX) return fail('name_too_long');
	}
	const token = generateToken();
	return run((tx) => {
		const table = tx.select().from(t).where(eq(t.code, normalized)).get();
		if (!table) throw new Refusal('table_not_found');
		if (table.status === 'locked') throw new Refusal('table_locked');
		if (table.status === 'ended') throw new Refusal('table_ended');
		const participants = tx.select({ n: sql<number>`count(*)` }).from(pa).where(present(table.id)).get()?.n ?? 0;
		admitJoin(tx, table.id, from.address ?? null, participants);
		const now = new Date();
		const row = tx
			.insert(pa)
			.values({ tableId: table.id, tokenHash: hashToken(token), displayName: name, joinedAt: now, lastSeen: now })
			.returning({ id: pa.id })
			.get();
		return { tableId: table.id, participantId: row.id, participantToken: token };
	});
}

/** A phone that reconnects: its token gives back the same participant (also on a locked or ended table), unless they were removed. */
export async function resumeParticipant(token: unknown): Promise<Result<{ tableId: number; participantId: number }>> {
	if (typeof token !== 'string' || token.length === 0 || token.length > 100) return fail('unknown_participant');
	return run((tx) => {
		const row = tx.select().from(pa).where(eq(pa.tokenHash, hashToken(token))).get();
		if (!row) throw new Refusal('unknown_participant');
		if (row.removedAt) throw new Refusal('participant_removed');
		tx.update(pa).set({ lastSeen: new Date() }).where(eq(pa.id, row.id)).run();
		return { tableId: row.tableId, participantId: row.id };
	});
}

// ---------------------------------------------------------------- contributions

export type ContributionInput = { clientId: unknown; text: unknown; phaseId?: unknown; groupId?: unknown; /** Persona workshops: the persona spoken as. */ lens?: unknown };
export type ContributionAck = {
	contributionId: number;
	status: ContributionStatus;
	phaseId: number;
	/** The stored contribution as its author sees it (a re-send gets the first one). */
	contribution: SnapshotContribution;
};

function existingByClient(tx: Db, by: { participantId: number } | { userId: number }, clientId: string) {
	if ('participantId' in by) return byId.participantClientId().get({ participantId: by.participantId, clientId });
	return tx.select().from(co).where(and(eq(co.enteredBy, by.userId), eq(co.clientId, clientId))).get();
}

/** A participant's contribution. Idempotent on (participant, clientId): a re-send gets the first answer. */
/** The checks every contribution passes before it reaches the database, whoever typed it. */
function readContribution(input: ContributionInput): Result<{ clientId: string; text: string; phaseId: number | undefined; lens: number | null }> {
	if (!isRecord(input)) return fail('bad_payload');
	if (!isClientId(input.clientId)) return fail('bad_client_id');
	const text = checkText(input.text);
	if (!text.ok) return fail(text.error);
	if (input.phaseId !== undefined && !isId(input.phaseId)) return fail('bad_payload');
	if (input.lens !== undefined && input.lens !== null && !isId(input.lens)) return fail('bad_payload');
	return { ok: true, clientId: input.clientId, text: text.text, phaseId: input.phaseId as number | undefined, lens: (input.lens as number | undefined) ?? null };
}

export async function addContribution(participantId: number, raw: ContributionInput): Promise<Result<ContributionAck>> {
	const checked = readContribution(raw);
	if (!checked.ok) return checked;
	const { clientId } = checked;
	const text = { text: checked.text };
	const input = { phaseId: checked.phaseId };
	return run((tx) => {
		const participant = loadParticipant(tx, participantId);
		const prior = existingByClient(tx, { participantId }, clientId);
		if (prior) return { contributionId: prior.id, status: prior.status, phaseId: prior.phaseId, contribution: toView(prior, participant.displayName, true) };
		const table = loadTable(tx, participant.tableId);
		requireRunning(table);
		const phase = requireOpenPhase(tx, table, input.phaseId);
		if (phase.kind === 'testimony') throw new Refusal('facilitator_only');
		if (phase.kind !== 'open' && phase.kind !== 'word_cloud') throw new Refusal('wrong_phase_kind');
		admitContribution(tx, table.id, participantId);
		const status: ContributionStatus = table.preModeration ? 'pending' : 'visible';
		const lensPersonaId = checked.lens === null ? null : requireLens(tx, table, checked.lens);
		const createdAt = new Date();
		const row = tx
			.insert(co)
			.values({ tableId: table.id, phaseId: phase.id, participantId, groupId: participant.groupId, clientId, text: text.text, status, lensPersonaId, createdAt })
			.returning({ id: co.id })
			.get();
		const contribution = toView({ id: row.id, phaseId: phase.id, groupId: participant.groupId, text: text.text, status, highlighted: false, mergedInto: null, enteredBy: null, lensPersonaId, createdAt }, participant.displayName, true);
		return { contributionId: row.id, status, phaseId: phase.id, contribution };
	});
}

/**
 * Staff type a contribution: a testimony, or what someone without a phone said. Recorded as entered by
 * that staff member, always visible, idempotent on (user, clientId).
 */
export async function contributeOnBehalf(user: StaffUser | null, tableId: number, raw: ContributionInput): Promise<Result<ContributionAck>> {
	if (!user) return fail('forbidden');
	const checked = readContribution(raw);
	if (!checked.ok) return checked;
	const { clientId } = checked;
	const text = { text: checked.text };
	const input = { phaseId: checked.phaseId, groupId: raw.groupId };
	return run((tx) => {
		requireScribe(tx, tableId, user);
		const prior = existingByClient(tx, { userId: user.id }, clientId);
		if (prior && prior.tableId === tableId) return { contributionId: prior.id, status: prior.status, phaseId: prior.phaseId, contribution: toView(prior, null, false) };
		if (prior) throw new Refusal('bad_client_id');
		const table = loadTable(tx, tableId);
		if (table.status === 'ended') throw new Refusal('table_ended');
		// Staff may prepare the testimony before the start, and add to any phase that collects text.
		if (input.phaseId === undefined && table.currentPhaseId === null) throw new Refusal('phase_not_open');
		const phase = loadPhase(tx, tableId, input.phaseId ?? table.currentPhaseId);
		if (phase.kind !== 'open' && phase.kind !== 'word_cloud' && phase.kind !== 'testimony') throw new Refusal('wrong_phase_kind');
		const groupId = input.groupId === undefined || input.groupId === null ? null : loadGroup(tx, tableId, input.groupId).id;
		const createdAt = new Date();
		const lensPersonaId = checked.lens === null ? null : requireLens(tx, table, checked.lens);
		const row = tx
			.insert(co)
			.values({ tableId, phaseId: phase.id, enteredBy: user.id, groupId, clientId, text: text.text, status: 'visible', lensPersonaId, createdAt })
			.returning({ id: co.id })
			.get();
		const contribution = toView({ id: row.id, phaseId: phase.id, groupId, text: text.text, status: 'visible', highlighted: false, mergedInto: null, enteredBy: user.id, lensPersonaId, createdAt }, null, false);
		return { contributionId: row.id, status: 'visible' as ContributionStatus, phaseId: phase.id, contribution };
	});
}

/** World café: the participant sits down at a sub-table (or leaves it with null); later contributions carry it. */
export async function chooseGroup(participantId: number, groupId: unknown): Promise<Result<{ groupId: number | null }>> {
	if (groupId !== null && !isId(groupId)) return fail('bad_group');
	return run((tx) => {
		const participant = loadParticipant(tx, participantId);
		const table = loadTable(tx, participant.tableId);
		if (table.status === 'ended') throw new Refusal('table_ended');
		const id = groupId === null ? null : loadGroup(tx, table.id, groupId).id;
		tx.update(pa).set({ groupId: id, lastSeen: new Date() }).where(eq(pa.id, participantId)).run();
		return { groupId: id };
	});
}

// ---------------------------------------------------------------- dots and polls

/**
 * Replaces the participant's dots in a dots phase with `votes` (so a re-send changes nothing). The sum
 * may not exceed the phase's dots per participant; targets are visible contributions of earlier phases.
 */
export async function castVotes(participantId: number, phaseId: unknown, votes: unknown): Promise<Result<{ used: number; budget: number }>> {
	if (!isId(phaseId)) return fail('bad_payload');
	if (!Array.isArray(votes) || votes.length > 200) return fail('bad_votes');
	const tally = new Map<number, number>();
	for (const v of votes) {
		if (!isRecord(v) || !isId(v.contributionId) || !isIntIn(v.count, 0, 100)) return fail('bad_votes');
		tally.set(v.contributionId, (tally.get(v.contributionId) ?? 0) + v.count);
	}
	for (const [k, n] of tally) if (n === 0) tally.delete(k);
	const used = [...tally.values()].reduce((a, b) => a + b, 0);
	return run((tx) => {
		const participant = loadParticipant(tx, participantId);
		const table = loadTable(tx, participant.tableId);
		requireRunning(table);
		const phase = requireOpenPhase(tx, table, phaseId);
		if (phase.kind !== 'dots') throw new Refusal('wrong_phase_kind');
		const budget = phase.dotsPerParticipant ?? 3;
		if (used > budget) throw new Refusal('over_budget');
		const ids = [...tally.keys()];
		if (ids.length) {
			const targets = tx
				.select({ id: co.id })
				.from(co)
				.where(and(inArray(co.id, ids), eq(co.tableId, table.id), eq(co.status, 'visible'), isNull(co.mergedInto)))
				.all();
			if (targets.length !== ids.length) throw new Refusal('unknown_contribution');
		}
		tx.delete(vo).where(and(eq(vo.phaseId, phase.id), eq(vo.participantId, participantId))).run();
		for (const [contributionId, count] of tally) tx.insert(vo).values({ phaseId: phase.id, participantId, contributionId, count }).run();
		return { used, budget };
	});
}

/** Replaces the participant's answer to a poll: one option (poll_single) or one or more (poll_multi). */
export async function answerPoll(participantId: number, phaseId: unknown, choices: unknown): Promise<Result<{ choices: number[] }>> {
	if (!isId(phaseId)) return fail('bad_payload');
	if (!Array.isArray(choices) || choices.length === 0 || !choices.every((c) => isIntIn(c, 0, 1000))) return fail('bad_choice');
	const picked = [...new Set(choices as number[])].sort((a, b) => a - b);
	if (picked.length !== choices.length) return fail('bad_choice');
	return run((tx) => {
		const participant = loadParticipant(tx, participantId);
		const table = loadTable(tx, participant.tableId);
		requireRunning(table);
		const phase = requireOpenPhase(tx, table, phaseId);
		if (phase.kind !== 'poll_single' && phase.kind !== 'poll_multi') throw new Refusal('wrong_phase_kind');
		if (phase.kind === 'poll_single' && picked.length !== 1) throw new Refusal('bad_choice');
		if (picked.some((c) => c >= phase.options.length)) throw new Refusal('bad_choice');
		tx.delete(vo).where(and(eq(vo.phaseId, phase.id), eq(vo.participantId, participantId))).run();
		for (const optionIndex of picked) tx.insert(vo).values({ phaseId: phase.id, participantId, optionIndex, count: 1 }).run();
		return { choices: picked };
	});
}

// ---------------------------------------------------------------- facilitator actions

export type TableAction =
	| { type: 'start' }
	| { type: 'next' }
	| { type: 'previous' }
	| { type: 'goto'; phaseId: number }
	| { type: 'timer_start'; phaseId?: number }
	| { type: 'timer_pause'; phaseId?: number }
	| { type: 'timer_reset'; phaseId?: number }
	| { type: 'set_premoderation'; on: boolean }
	| { type: 'moderate'; contributionId: number; op: 'approve' | 'hide' | 'show' | 'highlight' | 'unhighlight' }
	| { type: 'merge'; targetId: number; sourceIds: number[] }
	| { type: 'on_behalf'; clientId: string; text: string; phaseId?: number; groupId?: number }
	| { type: 'group_add'; group: GroupInput }
	| { type: 'reveal'; phaseId: number; revealed: boolean }
	| { type: 'lock' }
	| { type: 'unlock' }
	| { type: 'end' }
	| { type: 'agenda_add'; phase: PhaseSpec; position?: number }
	| { type: 'agenda_edit'; phaseId: number; phase: PhaseSpec }
	| { type: 'agenda_remove'; phaseId: number }
	| { type: 'agenda_reorder'; phaseIds: number[] }
	| { type: 'remove_participant'; participantId?: number; contributionId?: number };

export const ACTION_TYPES = [
	'start',
	'next',
	'previous',
	'goto',
	'timer_start',
	'timer_pause',
	'timer_reset',
	'set_premoderation',
	'moderate',
	'merge',
	'on_behalf',
	'group_add',
	'reveal',
	'lock',
	'unlock',
	'end',
	'agenda_add',
	'agenda_edit',
	'agenda_remove',
	'agenda_reorder',
	'remove_participant'
] as const;

const MODERATION_OPS = ['approve', 'hide', 'show', 'highlight', 'unhighlight'];

/** Checks the shape of an action from an untrusted source; null when malformed. */
export function parseAction(value: unknown): TableAction | null {
	if (!isRecord(value) || typeof value.type !== 'string') return null;
	const optPhase = value.phaseId === undefined || isId(value.phaseId);
	switch (value.type) {
		case 'start':
		case 'next':
		case 'previous':
		case 'lock':
		case 'unlock':
		case 'end':
			return { type: value.type };
		case 'goto':
		case 'agenda_remove':
			return isId(value.phaseId) ? { type: value.type, phaseId: value.phaseId } : null;
		case 'timer_start':
		case 'timer_pause':
		case 'timer_reset':
			return optPhase ? { type: value.type, phaseId: value.phaseId as number | undefined } : null;
		case 'set_premoderation':
			return typeof value.on === 'boolean' ? { type: 'set_premoderation', on: value.on } : null;
		case 'moderate':
			return isId(value.contributionId) && typeof value.op === 'string' && MODERATION_OPS.includes(value.op)
				? { type: 'moderate', contributionId: value.contributionId, op: value.op as 'approve' }
				: null;
		case 'merge':
			return isId(value.targetId) && Array.isArray(value.sourceIds) && value.sourceIds.length > 0 && value.sourceIds.length <= 50 && value.sourceIds.every(isId)
				? { type: 'merge', targetId: value.targetId, sourceIds: value.sourceIds }
				: null;
		case 'on_behalf':
			return typeof value.clientId === 'string' && typeof value.text === 'string' && optPhase && (value.groupId === undefined || isId(value.groupId))
				? { type: 'on_behalf', clientId: value.clientId, text: value.text, phaseId: value.phaseId as number | undefined, groupId: value.groupId as number | undefined }
				: null;
		case 'group_add': {
			const group = normalizeGroup(value.group);
			return group ? { type: 'group_add', group } : null;
		}
		case 'reveal':
			return isId(value.phaseId) && typeof value.revealed === 'boolean' ? { type: 'reveal', phaseId: value.phaseId, revealed: value.revealed } : null;
		case 'agenda_add': {
			const phase = normalizePhase(value.phase);
			if (!phase || !(value.position === undefined || isIntIn(value.position, 0, MAX_PHASES))) return null;
			return { type: 'agenda_add', phase, position: value.position as number | undefined };
		}
		case 'agenda_edit': {
			const phase = normalizePhase(value.phase);
			return phase && isId(value.phaseId) ? { type: 'agenda_edit', phaseId: value.phaseId, phase } : null;
		}
		case 'remove_participant':
			// By the participant, or by one of their contributions (what the console shows).
			if (isId(value.participantId) && value.contributionId === undefined) return { type: 'remove_participant', participantId: value.participantId };
			if (isId(value.contributionId) && value.participantId === undefined) return { type: 'remove_participant', contributionId: value.contributionId };
			return null;
		case 'agenda_reorder':
			return Array.isArray(value.phaseIds) && value.phaseIds.length <= MAX_PHASES && value.phaseIds.every(isId)
				? { type: 'agenda_reorder', phaseIds: value.phaseIds }
				: null;
		default:
			return null;
	}
}

function setCurrent(tx: Db, tableId: number, phaseId: number | null): void {
	tx.update(t).set({ currentPhaseId: phaseId }).where(eq(t.id, tableId)).run();
}

function remainingMs(phase: PhaseRow, now: number): number | null {
	if (phase.timerSeconds === null) return null;
	const base = phase.timerRemainingMs ?? phase.timerSeconds * 1000;
	if (!phase.timerStartedAt) return base;
	return Math.max(0, base - (now - phase.timerStartedAt.getTime()));
}

/** Whether a phase holds what people gave: contributions, votes, or a board opened in it. */
function hasInput(tx: Db, phaseId: number): boolean {
	const c = tx.select({ id: co.id }).from(co).where(eq(co.phaseId, phaseId)).get();
	const v = tx.select({ id: vo.id }).from(vo).where(eq(vo.phaseId, phaseId)).get();
	const b = tx.select({ id: schema.boards.id }).from(schema.boards).where(eq(schema.boards.phaseId, phaseId)).get();
	return Boolean(c || v || b);
}

function renumber(tx: Db, ids: number[]): void {
	ids.forEach((id, position) => tx.update(ph).set({ position }).where(eq(ph.id, id)).run());
}

export type ActionResult = Result<{
	type: TableAction['type'];
	contributionId?: number;
	phaseId?: number | null;
	/** Contributions whose look changed (moderation, merge): the room is told about each. */
	touched?: number[];
	/** A contribution typed by staff, as the room sees it. */
	contribution?: SnapshotContribution;
	/** remove_participant: who was removed, and the voting phases whose tallies changed. */
	participantId?: number;
	phaseIds?: number[];
}>;

/** Runs one facilitator action. `raw` is checked with parseAction first. */
export async function applyAction(user: StaffUser | null, tableId: number, raw: unknown): Promise<ActionResult> {
	const action = parseAction(raw);
	if (!action) return fail('bad_payload');
	if (!user) return fail('forbidden');
	if (action.type === 'on_behalf') {
		// Note-takers may type too (contributeOnBehalf checks that), not only facilitators.
		const c = await contributeOnBehalf(user, tableId, action);
		return c.ok ? { ok: true, type: 'on_behalf', contributionId: c.contributionId, phaseId: c.phaseId, contribution: c.contribution } : c;
	}
	const now = Date.now();
	const r = await run((tx) => {
		requireFacilitator(tx, tableId, user);
		const table = loadTable(tx, tableId);
		if (table.status === 'ended') throw new Refusal('table_ended');
		const phases = () => loadPhases(tx, tableId);
		const type = action.type;
		switch (action.type) {
			case 'start': {
				const first = table.currentPhaseId ?? phases()[0]?.id ?? null;
				tx.update(t).set({ status: table.status === 'draft' ? 'live' : table.status, currentPhaseId: first }).where(eq(t.id, tableId)).run();
				return { type, phaseId: first };
			}
			case 'next':
			case 'previous': {
				const list = phases();
				const i = list.findIndex((p) => p.id === table.currentPhaseId);
				const j = action.type === 'next' ? i + 1 : i - 1;
				if (j < 0 || j >= list.length || (i < 0 && action.type === 'previous'))
					throw new Refusal(action.type === 'next' ? 'no_next_phase' : 'no_previous_phase');
				setCurrent(tx, tableId, list[j].id);
				return { type, phaseId: list[j].id };
			}
			case 'goto': {
				const phase = loadPhase(tx, tableId, action.phaseId);
				setCurrent(tx, tableId, phase.id);
				return { type, phaseId: phase.id };
			}
			case 'timer_start':
			case 'timer_pause':
			case 'timer_reset': {
				if (action.phaseId === undefined && table.currentPhaseId === null) throw new Refusal('phase_not_open');
				const phase = loadPhase(tx, tableId, action.phaseId ?? table.currentPhaseId);
				if (phase.timerSeconds === null) throw new Refusal('no_timer');
				const left = remainingMs(phase, now)!;
				const set =
					action.type === 'timer_reset'
						? { timerStartedAt: null, timerRemainingMs: null }
						: action.type === 'timer_start'
							? phase.timerStartedAt
								? {}
								: { timerStartedAt: new Date(now), timerRemainingMs: left }
							: { timerStartedAt: null, timerRemainingMs: left };
				if (Object.keys(set).length) tx.update(ph).set(set).where(eq(ph.id, phase.id)).run();
				return { type, phaseId: phase.id };
			}
			case 'set_premoderation':
				tx.update(t).set({ preModeration: action.on }).where(eq(t.id, tableId)).run();
				return { type };
			case 'moderate': {
				const row = tx.select().from(co).where(and(eq(co.id, action.contributionId), eq(co.tableId, tableId))).get();
				if (!row) throw new Refusal('unknown_contribution');
				const set =
					action.op === 'highlight' || action.op === 'unhighlight'
						? { highlighted: action.op === 'highlight' }
						: { status: (action.op === 'hide' ? 'hidden' : 'visible') as ContributionStatus };
				tx.update(co).set(set).where(eq(co.id, row.id)).run();
				return { type, contributionId: row.id, touched: [row.id] };
			}
			case 'merge': {
				const ids = [...new Set([action.targetId, ...action.sourceIds])];
				if (ids.length !== action.sourceIds.length + 1) throw new Refusal('bad_merge');
				const rows = tx.select().from(co).where(and(inArray(co.id, ids), eq(co.tableId, tableId))).all();
				if (rows.length !== ids.length) throw new Refusal('unknown_contribution');
				if (rows.some((r) => r.mergedInto !== null)) throw new Refusal('bad_merge');
				tx.update(co).set({ mergedInto: action.targetId }).where(inArray(co.id, action.sourceIds)).run();
				// Contributions merged earlier into a source now point at the new target; dots follow.
				tx.update(co).set({ mergedInto: action.targetId }).where(inArray(co.mergedInto, action.sourceIds)).run();
				tx.update(vo).set({ contributionId: action.targetId }).where(inArray(vo.contributionId, action.sourceIds)).run();
				return { type, contributionId: action.targetId, touched: ids };
			}
			case 'group_add': {
				const count = tx.select({ n: sql<number>`count(*)` }).from(gr).where(eq(gr.tableId, tableId)).get()?.n ?? 0;
				if (count >= MAX_GROUPS) throw new Refusal('bad_group');
				insertGroups(tx, tableId, [action.group], count);
				return { type };
			}
			case 'reveal': {
				const phase = loadPhase(tx, tableId, action.phaseId);
				tx.update(ph).set({ resultsRevealed: action.revealed }).where(eq(ph.id, phase.id)).run();
				return { type, phaseId: phase.id };
			}
			case 'lock':
			case 'unlock': {
				if (table.status === 'draft') throw new Refusal('table_not_live');
				tx.update(t).set({ status: action.type === 'lock' ? 'locked' : 'live' }).where(eq(t.id, tableId)).run();
				return { type };
			}
			case 'end':
				tx.update(t).set({ status: 'ended', endedAt: new Date(now) }).where(eq(t.id, tableId)).run();
				return { type };
			case 'remove_participant': {
				const participantId =
					action.participantId ?? tx.select({ p: co.participantId }).from(co).where(and(eq(co.id, action.contributionId!), eq(co.tableId, tableId))).get()?.p;
				if (!participantId) throw new Refusal(action.contributionId ? 'unknown_contribution' : 'unknown_participant');
				const who = tx.select().from(pa).where(and(eq(pa.id, participantId), eq(pa.tableId, tableId))).get();
				if (!who) throw new Refusal('unknown_participant');
				if (who.removedAt) return { type, participantId, touched: [], phaseIds: [] };
				tx.update(pa).set({ removedAt: new Date(now) }).where(eq(pa.id, who.id)).run();
				// Their contributions are hidden (kept, so a mistaken removal loses nothing: 'show' brings one back).
				const shown = tx.select({ id: co.id }).from(co).where(and(eq(co.participantId, who.id), inArray(co.status, ['visible', 'pending']))).all().map((r) => r.id);
				if (shown.length) tx.update(co).set({ status: 'hidden' }).where(inArray(co.id, shown)).run();
				// Their dots and poll answers no longer count (kept, like the contributions; tallies skip removed participants).
				const phaseIds = [...new Set(tx.select({ phaseId: vo.phaseId }).from(vo).where(eq(vo.participantId, who.id)).all().map((r) => r.phaseId))];
				return { type, participantId: who.id, touched: shown, phaseIds };
			}
			case 'agenda_add': {
				const list = phases();
				if (list.length >= MAX_PHASES) throw new Refusal('too_many_phases');
				const at = Math.min(action.position ?? list.length, list.length);
				insertPhases(tx, tableId, [action.phase], list.length);
				const added = tx.select({ id: ph.id }).from(ph).where(eq(ph.tableId, tableId)).orderBy(sql`${ph.id} desc`).get()!;
				const ids = list.map((p) => p.id);
				ids.splice(at, 0, added.id);
				renumber(tx, ids);
				return { type, phaseId: added.id };
			}
			case 'agenda_edit': {
				const phase = loadPhase(tx, tableId, action.phaseId);
				if (phase.kind !== action.phase.kind && hasInput(tx, phase.id)) throw new Refusal('phase_has_input');
				const optionsChanged = JSON.stringify(phase.options) !== JSON.stringify(action.phase.options ?? []);
				if (optionsChanged && hasInput(tx, phase.id)) throw new Refusal('phase_has_input');
				tx.update(ph)
					.set({
						kind: action.phase.kind,
						title: action.phase.title,
						prompt: action.phase.prompt,
						options: action.phase.options ?? [],
						dotsPerParticipant: action.phase.kind === 'dots' ? (action.phase.dotsPerParticipant ?? 3) : null,
						timerSeconds: action.phase.timerSeconds ?? null,
						...(action.phase.timerSeconds !== phase.timerSeconds ? { timerStartedAt: null, timerRemainingMs: null } : {})
					})
					.where(eq(ph.id, phase.id))
					.run();
				return { type, phaseId: phase.id };
			}
			case 'agenda_remove': {
				const phase = loadPhase(tx, tableId, action.phaseId);
				if (table.currentPhaseId === phase.id) throw new Refusal('phase_is_current');
				if (hasInput(tx, phase.id)) throw new Refusal('phase_has_input');
				tx.delete(ph).where(eq(ph.id, phase.id)).run();
				renumber(tx, phases().map((p) => p.id));
				return { type, phaseId: phase.id };
			}
			case 'agenda_reorder': {
				const current = phases().map((p) => p.id);
				const wanted = action.phaseIds;
				if (wanted.length !== current.length || new Set(wanted).size !== wanted.length || !current.every((id) => wanted.includes(id)))
					throw new Refusal('bad_order');
				renumber(tx, wanted);
				return { type };
			}
		}
	});
	// Phones' rights on the table's boards follow its status (an ended table's boards are view only).
	if (r.ok && (r.type === 'lock' || r.type === 'unlock' || r.type === 'end')) emit({ type: 'table.status.changed', tableId, status: r.type === 'end' ? 'ended' : r.type === 'lock' ? 'locked' : 'live' });
	return r;
}

// ---------------------------------------------------------------- snapshot

/**
 * Who reads a snapshot. `public` (a projector by code) reads a running table only: once it has ended,
 * only its participants and staff do. `room` is the server itself drawing what it pushes to a table's room
 * (the table without contributions, also the moment it ends).
 */
export type Viewer =
	| { kind: 'participant'; participantId: number }
	| { kind: 'staff'; user: StaffUser }
	| { kind: 'public' }
	| { kind: 'room' };

export type SnapshotPhase = {
	id: number;
	position: number;
	kind: PhaseKind;
	title: string;
	prompt: string;
	options: string[];
	dotsPerParticipant: number | null;
	timer: { seconds: number; running: boolean; remainingMs: number; startedAt: number | null } | null;
	resultsRevealed: boolean;
	/** Dots per contribution id, or answers per option index; null while hidden from this viewer. */
	results: { byContribution?: Record<number, number>; byOption?: number[]; voters: number } | null;
	/** Word cloud: how often each entry (lower-cased, trimmed) was given among visible contributions, most frequent first. */
	words?: { text: string; count: number }[];
	/** A collaborative board opened in this phase (phones open it, the projector shows it). */
	board: { id: number; title: string } | null;
};

export type SnapshotGroup = { id: number; position: number; name: string; hostName: string | null; participantCount: number };

export type SnapshotContribution = {
	id: number;
	phaseId: number;
	groupId: number | null;
	text: string;
	status: ContributionStatus;
	highlighted: boolean;
	mergedInto: number | null;
	/** Typed by staff (testimony, or on someone's behalf). */
	byStaff: boolean;
	/** Persona workshops: the persona it was said as (an id of snapshot.workshop.personas). */
	lens: number | null;
	author: string | null;
	mine: boolean;
	createdAt: number;
};

export type Snapshot = {
	serverNow: number;
	viewer: 'participant' | 'staff' | 'public';
	table: {
		id: number;
		code: string;
		title: string;
		themeIds: number[];
		locale: string;
		scheduledAt: number | null;
		place: string | null;
		template: string;
		status: TableStatus;
		preModeration: boolean;
		currentPhaseId: number | null;
		endedAt: number | null;
	};
	phases: SnapshotPhase[];
	/** World café sub-tables (empty for other methods). */
	groups: SnapshotGroup[];
	contributions: SnapshotContribution[];
	participantCount: number;
	/** For a participant: their own dots / poll answers per phase. */
	me: { participantId: number; displayName: string | null; groupId: number | null; votes: Record<number, { contributionId: number | null; optionIndex: number | null; count: number }[]> } | null;
	/** For staff: their role on this table. */
	staffRole: TableStaffRole | 'admin' | null;
	/** A persona workshop's table: its personas (to speak as), each phase's step, and the challenges so far. */
	workshop: SnapshotWorkshop | null;
};

export type SnapshotWorkshop = {
	id: number;
	personas: { id: number; name: string; avatar: string }[];
	steps: Record<number, WorkshopStep>;
	challenges: { id: number; position: number; targetGroup: string; questions: { support: string; effect: string }[]; region: string; barriers: string }[];
};

/** The workshop part of a snapshot (null for other tables). */
function workshopPart(tx: Db, table: TableRow): SnapshotWorkshop | null {
	if (table.template !== WORKSHOP_TEMPLATE) return null;
	const w = tx.select({ id: schema.workshops.id }).from(schema.workshops).where(eq(schema.workshops.tableId, table.id)).get();
	if (!w) return null;
	const personas = tx
		.select({ id: schema.personas.id, name: schema.personas.name, avatar: schema.personas.avatar })
		.from(schema.workshopPersonas)
		.innerJoin(schema.personas, eq(schema.personas.id, schema.workshopPersonas.personaId))
		.where(eq(schema.workshopPersonas.workshopId, w.id))
		.orderBy(asc(schema.personas.name))
		.all();
	const steps: Record<number, WorkshopStep> = {};
	for (const s of tx.select().from(schema.workshopSteps).where(eq(schema.workshopSteps.workshopId, w.id)).all()) steps[s.phaseId] = s.step;
	const challenges = tx
		.select({ id: schema.challenges.id, position: schema.challenges.position, targetGroup: schema.challenges.targetGroup, questions: schema.challenges.questions, region: schema.challenges.region, barriers: schema.challenges.barriers })
		.from(schema.challenges)
		.where(eq(schema.challenges.workshopId, w.id))
		.orderBy(asc(schema.challenges.position), asc(schema.challenges.id))
		.all();
	return { id: w.id, personas, steps, challenges };
}

/** A lens must be one of the workshop's personas. */
function requireLens(tx: Db, table: TableRow, personaId: number): number {
	const part = workshopPart(tx, table);
	if (!part || !part.personas.some((p) => p.id === personaId)) throw new Refusal('unknown_lens');
	return personaId;
}


type ContributionRow = Pick<typeof co.$inferSelect, 'id' | 'phaseId' | 'groupId' | 'text' | 'status' | 'highlighted' | 'mergedInto' | 'enteredBy' | 'lensPersonaId' | 'createdAt'>;

/** One contribution as a screen shows it; `author` is the display name the participant chose, if any. */
function toView(c: ContributionRow, author: string | null, mine: boolean): SnapshotContribution {
	return {
		id: c.id,
		phaseId: c.phaseId,
		groupId: c.groupId,
		text: c.text,
		status: c.status,
		highlighted: c.highlighted,
		mergedInto: c.mergedInto,
		byStaff: c.enteredBy !== null,
		lens: c.lensPersonaId ?? null,
		author: author ?? null,
		mine,
		createdAt: c.createdAt.getTime()
	};
}

/** Whether everyone in the room may see it (not pending, hidden or merged away). */
export const isPublic = (c: Pick<SnapshotContribution, 'status' | 'mergedInto'>): boolean => c.status === 'visible' && c.mergedInto === null;

/** Contributions of a table as the room sees them (mine = false), for telling screens what changed. */
export async function contributionViews(tableId: number, ids: number[]): Promise<SnapshotContribution[]> {
	if (!ids.length) return [];
	const r = await run((tx) => ({
		items: tx
			.select({ c: co, name: pa.displayName })
			.from(co)
			.leftJoin(pa, eq(pa.id, co.participantId))
			.where(and(eq(co.tableId, tableId), inArray(co.id, ids)))
			.all()
			.map(({ c, name }) => toView(c, name, false))
	}));
	return r.ok ? r.items : [];
}

function tallyPhase(p: PhaseRow, votes: { participantId: number; contributionId: number | null; optionIndex: number | null; count: number }[]): NonNullable<SnapshotPhase['results']> {
	const voters = new Set(votes.map((v) => v.participantId)).size;
	if (p.kind === 'dots') {
		const byContribution: Record<number, number> = {};
		for (const v of votes) if (v.contributionId !== null) byContribution[v.contributionId] = (byContribution[v.contributionId] ?? 0) + v.count;
		return { byContribution, voters };
	}
	const byOption = p.options.map(() => 0);
	for (const v of votes) if (v.optionIndex !== null && v.optionIndex < byOption.length) byOption[v.optionIndex] += v.count;
	return { byOption, voters };
}

const VOTING_KINDS: PhaseKind[] = ['dots', 'poll_single', 'poll_multi'];

export type PhaseResults = { tableId: number; phaseId: number; revealed: boolean; results: NonNullable<SnapshotPhase['results']> };

/** The current tally of a dots or poll phase (for staff always; for the room once revealed). */
export async function phaseResults(phaseId: number): Promise<Result<PhaseResults>> {
	return run((tx) => {
		const p = tx.select().from(ph).where(eq(ph.id, phaseId)).get();
		if (!p) throw new Refusal('phase_not_found');
		if (!VOTING_KINDS.includes(p.kind)) throw new Refusal('wrong_phase_kind');
		const votes = tx
			.select({ participantId: vo.participantId, contributionId: vo.contributionId, optionIndex: vo.optionIndex, count: vo.count })
			.from(vo)
			.innerJoin(pa, eq(pa.id, vo.participantId))
			.where(and(eq(vo.phaseId, phaseId), isNull(pa.removedAt)))
			.all();
		return { tableId: p.tableId, phaseId, revealed: p.resultsRevealed, results: tallyPhase(p, votes) };
	});
}

export type TableCounts = { tableId: number; participantCount: number; groups: { id: number; participantCount: number }[] };

/** How many have joined, in all and per world café sub-table. */
export async function tableCounts(tableId: number): Promise<Result<TableCounts>> {
	return run((tx) => {
		const rows = tx
			.select({ groupId: pa.groupId, n: sql<number>`count(*)` })
			.from(pa)
			.where(present(tableId))
			.groupBy(pa.groupId)
			.all();
		const participantCount = rows.reduce((a, r) => a + r.n, 0);
		const groups = tx
			.select({ id: gr.id })
			.from(gr)
			.where(eq(gr.tableId, tableId))
			.all()
			.map((g) => ({ id: g.id, participantCount: rows.find((r) => r.groupId === g.id)?.n ?? 0 }));
		return { tableId, participantCount, groups };
	});
}

/** Everything a projector, phone or facilitator console needs to draw the table as it is now. */
export async function snapshot(tableId: number, viewer: Viewer, now = Date.now()): Promise<Result<{ snapshot: Snapshot }>> {
	return run((tx) => {
		const table = loadTable(tx, tableId);
		let isStaff = false;
		let role: Snapshot['staffRole'] = null;
		let participant: typeof pa.$inferSelect | null = null;
		if (viewer.kind === 'staff') {
			role = staffRole(tx, tableId, viewer.user);
			if (!role) throw new Refusal('forbidden');
			isStaff = true;
		} else if (viewer.kind === 'participant') {
			participant = loadParticipant(tx, viewer.participantId);
			if (participant.tableId !== tableId) throw new Refusal('forbidden');
		} else if (viewer.kind === 'public' && table.status === 'ended') throw new Refusal('table_ended');
		const phaseRows = loadPhases(tx, tableId);
		const contributionRows = tx
			.select({ c: co, name: pa.displayName })
			.from(co)
			.leftJoin(pa, eq(pa.id, co.participantId))
			.where(eq(co.tableId, tableId))
			.orderBy(asc(co.id))
			.all();
		const phaseIds = phaseRows.map((p) => p.id);
		const voteRows = countedVotes(tx, phaseIds);
		const participantCount = tx.select({ n: sql<number>`count(*)` }).from(pa).where(present(tableId)).get()?.n ?? 0;
		const seated = new Map(
			tx
				.select({ groupId: pa.groupId, n: sql<number>`count(*)` })
				.from(pa)
				.where(present(tableId))
				.groupBy(pa.groupId)
				.all()
				.map((r) => [r.groupId, r.n])
		);
		const groups: SnapshotGroup[] = tx
			.select()
			.from(gr)
			.where(eq(gr.tableId, tableId))
			.orderBy(asc(gr.position), asc(gr.id))
			.all()
			.map((g) => ({ id: g.id, position: g.position, name: g.name, hostName: g.hostName, participantCount: seated.get(g.id) ?? 0 }));

		const boardOf = new Map<number, { id: number; title: string }>();
		for (const b of tx
			.select({ id: schema.boards.id, title: schema.boards.title, phaseId: schema.boards.phaseId })
			.from(schema.boards)
			.where(and(eq(schema.boards.tableId, tableId), isNull(schema.boards.archivedAt)))
			.orderBy(asc(schema.boards.id))
			.all())
			if (b.phaseId && !boardOf.has(b.phaseId)) boardOf.set(b.phaseId, { id: b.id, title: b.title });

		const phases: SnapshotPhase[] = phaseRows.map((p) => {
			let results: SnapshotPhase['results'] = null;
			if (VOTING_KINDS.includes(p.kind) && (isStaff || p.resultsRevealed))
				results = tallyPhase(
					p,
					voteRows.filter((v) => v.phaseId === p.id)
				);
			return {
				id: p.id,
				position: p.position,
				kind: p.kind,
				title: p.title,
				prompt: p.prompt,
				options: p.options,
				dotsPerParticipant: p.dotsPerParticipant,
				timer:
					p.timerSeconds === null
						? null
						: {
								seconds: p.timerSeconds,
								running: p.timerStartedAt !== null,
								remainingMs: remainingMs(p, now)!,
								startedAt: p.timerStartedAt?.getTime() ?? null
							},
				resultsRevealed: p.resultsRevealed,
				results,
				board: boardOf.get(p.id) ?? null,
				...(p.kind === 'word_cloud' ? { words: wordCounts(contributionRows.filter(({ c }) => c.phaseId === p.id).map(({ c }) => c)) } : {})
			};
		});

		const contributions: SnapshotContribution[] = [];
		for (const { c, name } of contributionRows) {
			const mine = participant !== null && c.participantId === participant.id;
			const shown = c.status === 'visible' && c.mergedInto === null;
			if (!isStaff && !shown && !(mine && c.mergedInto === null)) continue;
			contributions.push(toView(c, name, mine));
		}

		let me: Snapshot['me'] = null;
		if (participant) {
			const votes: NonNullable<Snapshot['me']>['votes'] = {};
			for (const v of voteRows)
				if (v.participantId === participant.id)
					(votes[v.phaseId] ??= []).push({ contributionId: v.contributionId, optionIndex: v.optionIndex, count: v.count });
			me = { participantId: participant.id, displayName: participant.displayName, groupId: participant.groupId, votes };
		}

		const snapshot: Snapshot = {
			serverNow: now,
			viewer: viewer.kind === 'room' ? 'public' : viewer.kind,
			table: {
				id: table.id,
				code: table.code,
				title: table.title,
				themeIds: table.themeIds,
				locale: table.locale,
				scheduledAt: table.scheduledAt?.getTime() ?? null,
				place: table.place,
				template: table.template,
				status: table.status,
				preModeration: table.preModeration,
				currentPhaseId: table.currentPhaseId,
				endedAt: table.endedAt?.getTime() ?? null
			},
			phases,
			groups,
			contributions,
			participantCount,
			me,
			staffRole: role,
			workshop: workshopPart(tx, table)
		};
		return { snapshot };
	});
}
