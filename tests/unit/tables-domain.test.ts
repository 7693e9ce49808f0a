import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase, useTestDatabase } from '../../src/lib/server/db';
import {
	addContribution,
	answerPoll,
	applyAction,
	castVotes,
	chooseGroup,
	contributeOnBehalf,
	copyTemplate,
	createTable,
	joinTable,
	listTables,
	listTemplates,
	resumeParticipant,
	snapshot,
	updateTable,
	type Snapshot
} from '../../src/lib/server/tables';
import { createSignal, getSignal } from '../../src/lib/server/signals';
import { staff, table } from './tables-fixtures';

async function snap(tableId: number, viewer: Parameters<typeof snapshot>[1]): Promise<Snapshot> {
	const r = await snapshot(tableId, viewer, 1_000);
	if (!r.ok) throw new Error(r.error);
	return r.snapshot;
}

async function join(code: string, name?: string) {
	const r = await joinTable(code, name);
	if (!r.ok) throw new Error(r.error);
	return r;
}

/** A live table whose current phase is the first 'open' phase. */
async function liveOpenTable(input = {}) {
	const f = await staff();
	const t = await table(f, { template: 'talk_cafe', ...input });
	expect(await applyAction(f, t.tableId, { type: 'start' })).toMatchObject({ ok: true });
	return { f, ...t };
}

describe('templates', () => {
	it('gives each method its agenda', () => {
		const kinds = Object.fromEntries(listTemplates().map((t) => [t.id, t.phases.map((p) => p.kind)]));
		expect(kinds.dialogue_table).toEqual(['testimony', 'open', 'open', 'open', 'dots']);
		expect(kinds.group_session).toEqual(['open', 'open', 'open']);
		expect(kinds.talk_cafe).toEqual(['open', 'dots']);
		expect(kinds.world_cafe.at(-1)).toBe('word_cloud');
		expect(listTemplates().find((t) => t.id === 'world_cafe')!.phases.filter((p) => p.kind === 'open').every((p) => p.timerSeconds)).toBe(true);
		const gs = listTemplates().find((t) => t.id === 'group_session')!.phases;
		expect(gs[2].timerSeconds!).toBeLessThan(gs[0].timerSeconds!);
	});

	it('hands out copies that can be edited without touching the template', () => {
		const copy = copyTemplate('talk_cafe');
		copy[0].prompt = 'Changed';
		copy.push({ kind: 'poll_single', title: 'Poll', prompt: 'Ja of nee?', options: ['Ja', 'Nee'] });
		expect(copyTemplate('talk_cafe')[0].prompt).not.toBe('Changed');
		expect(copyTemplate('talk_cafe')).toHaveLength(2);
	});

	it('creates a table with the template phases, or an edited copy', async () => {
		const f = await staff();
		const a = await table(f);
		const s = await snap(a.tableId, { kind: 'staff', user: f });
		expect(s.phases.map((p) => p.kind)).toEqual(['testimony', 'open', 'open', 'open', 'dots']);
		expect(s.table.status).toBe('draft');
		expect(s.table.code).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}$/);
		expect(s.staffRole).toBe('facilitator');

		const phases = [...copyTemplate('talk_cafe'), { kind: 'poll_multi', title: 'Poll', prompt: 'Wat?', options: ['A', 'B', 'C'] }];
		const b = await table(f, { template: 'talk_cafe', phases });
		expect((await snap(b.tableId, { kind: 'public' })).phases.map((p) => p.kind)).toEqual(['open', 'dots', 'poll_multi']);

		expect(await createTable(f, { title: 'x', template: 'nope' })).toEqual({ ok: false, error: 'bad_template' });
		expect(await createTable(f, { title: '', template: 'talk_cafe' })).toEqual({ ok: false, error: 'bad_title' });
		expect(await createTable(f, { title: 'x', template: 'custom', phases: [{ kind: 'poll_single', options: ['only one'] }] })).toEqual({ ok: false, error: 'bad_phase' });
		const moderator = await staff(['moderator']);
		expect(await createTable(moderator, { title: 'x', template: 'talk_cafe' })).toEqual({ ok: false, error: 'forbidden' });
	});
});

describe('joining', () => {
	it('refuses unknown, locked and ended tables', async () => {
		const { f, tableId, code } = await liveOpenTable();
		expect(await joinTable('ZZZ-ZZZ')).toEqual({ ok: false, error: 'table_not_found' });
		expect(await joinTable('nonsense')).toEqual({ ok: false, error: 'bad_code' });
		expect(await joinTable(42)).toEqual({ ok: false, error: 'bad_code' });
		const early = await join(code.toLowerCase().replace('-', ' '), 'Fatima');
		await applyAction(f, tableId, { type: 'lock' });
		expect(await joinTable(code)).toEqual({ ok: false, error: 'table_locked' });
		// Those already in keep going while the table is locked, and can come back with their token.
		expect(await resumeParticipant(early.participantToken)).toEqual({ ok: true, tableId, participantId: early.participantId });
		expect(await addContribution(early.participantId, { clientId: 'a1', text: 'Nog één ding' })).toMatchObject({ ok: true });
		await applyAction(f, tableId, { type: 'end' });
		expect(await joinTable(code)).toEqual({ ok: false, error: 'table_ended' });
		expect(await addContribution(early.participantId, { clientId: 'a2', text: 'Te laat' })).toEqual({ ok: false, error: 'table_ended' });
		expect(await resumeParticipant('not-a-token')).toEqual({ ok: false, error: 'unknown_participant' });
	});

	it('keeps the display name optional and short', async () => {
		const { code, tableId } = await liveOpenTable();
		expect(await joinTable(code, 'x'.repeat(41))).toEqual({ ok: false, error: 'name_too_long' });
		const anon = await join(code);
		const named = await join(code, '  Marc ');
		const s = await snap(tableId, { kind: 'participant', participantId: named.participantId });
		expect(s.me).toMatchObject({ displayName: 'Marc' });
		expect(s.participantCount).toBe(2);
		expect((await snap(tableId, { kind: 'participant', participantId: anon.participantId })).me!.displayName).toBeNull();
	});
});

describe('contributions', () => {
	it('stores a re-sent contribution once and answers the same', async () => {
		const { code, tableId } = await liveOpenTable();
		const p = await join(code);
		const first = await addContribution(p.participantId, { clientId: 'c-1', text: 'De bus rijdt te weinig' });
		const again = await addContribution(p.participantId, { clientId: 'c-1', text: 'De bus rijdt te weinig' });
		expect(first).toMatchObject({ ok: true, status: 'visible' });
		expect(again).toEqual(first);
		expect((await snap(tableId, { kind: 'public' })).contributions).toHaveLength(1);
		// Another phone may use the same client id: idempotency is per participant.
		const q = await join(code);
		expect(await addContribution(q.participantId, { clientId: 'c-1', text: 'Ook ik' })).toMatchObject({ ok: true });
		expect((await snap(tableId, { kind: 'public' })).contributions).toHaveLength(2);
	});

	it('refuses empty, overlong and malformed contributions', async () => {
		const { code, tableId } = await liveOpenTable();
		const p = await join(code);
		expect(await addContribution(p.participantId, { clientId: 'c', text: '   ' })).toEqual({ ok: false, error: 'empty_text' });
		expect(await addContribution(p.participantId, { clientId: 'c', text: 'x'.repeat(501) })).toEqual({ ok: false, error: 'text_too_long' });
		expect(await addContribution(p.participantId, { clientId: 'c', text: 'x'.repeat(500) })).toMatchObject({ ok: true });
		expect(await addContribution(p.participantId, { clientId: '', text: 'hi' })).toEqual({ ok: false, error: 'bad_client_id' });
		expect(await addContribution(p.participantId, { clientId: 'd', text: 7 })).toEqual({ ok: false, error: 'bad_payload' });
		expect(await addContribution(p.participantId, null as never)).toEqual({ ok: false, error: 'bad_payload' });
		expect((await snap(tableId, { kind: 'public' })).contributions).toHaveLength(1);
	});

	it('takes contributions only in the open phase on screen, and testimony only from staff', async () => {
		const f = await staff();
		const { tableId, code } = await table(f); // dialogue table: testimony first
		const p = await join(code);
		expect(await addContribution(p.participantId, { clientId: 'c1', text: 'te vroeg' })).toEqual({ ok: false, error: 'table_not_live' });
		await applyAction(f, tableId, { type: 'start' });
		expect(await addContribution(p.participantId, { clientId: 'c2', text: 'mijn verhaal' })).toEqual({ ok: false, error: 'facilitator_only' });
		const testimony = await applyAction(f, tableId, { type: 'on_behalf', clientId: 't1', text: 'Getuigenis van Mieke' });
		expect(testimony).toMatchObject({ ok: true, type: 'on_behalf' });
		const s = await snap(tableId, { kind: 'public' });
		expect(s.contributions[0]).toMatchObject({ text: 'Getuigenis van Mieke', byStaff: true, author: null });
		const testimonyPhase = s.phases[0].id;
		await applyAction(f, tableId, { type: 'next' });
		expect(await addContribution(p.participantId, { clientId: 'c3', text: 'probleem', phaseId: testimonyPhase })).toEqual({ ok: false, error: 'phase_not_open' });
		expect(await addContribution(p.participantId, { clientId: 'c3', text: 'probleem' })).toMatchObject({ ok: true, phaseId: s.phases[1].id });
		await applyAction(f, tableId, { type: 'goto', phaseId: s.phases[4].id });
		expect(await addContribution(p.participantId, { clientId: 'c4', text: 'in de stemronde' })).toEqual({ ok: false, error: 'wrong_phase_kind' });
		// A re-send of something acknowledged earlier still gets its answer after the phase moved on.
		expect(await addContribution(p.participantId, { clientId: 'c3', text: 'probleem' })).toMatchObject({ ok: true, phaseId: s.phases[1].id });
	});

	it('says phase_not_open when the agenda is empty or no phase is on screen', async () => {
		const f = await staff();
		const { tableId, code } = await table(f, { template: 'custom', phases: [] });
		const p = await join(code);
		await applyAction(f, tableId, { type: 'start' });
		expect(await addContribution(p.participantId, { clientId: 'e', text: 'hallo' })).toEqual({ ok: false, error: 'phase_not_open' });
		expect(await applyAction(f, tableId, { type: 'on_behalf', clientId: 'e', text: 'hallo' })).toEqual({ ok: false, error: 'phase_not_open' });
		expect(await applyAction(f, tableId, { type: 'timer_start' })).toEqual({ ok: false, error: 'phase_not_open' });
		expect(await applyAction(f, tableId, { type: 'next' })).toEqual({ ok: false, error: 'no_next_phase' });
		const added = await applyAction(f, tableId, { type: 'agenda_add', phase: { kind: 'open', title: 'Nu toch', prompt: 'Zeg het maar' } });
		await applyAction(f, tableId, { type: 'next' });
		expect(await addContribution(p.participantId, { clientId: 'e', text: 'hallo' })).toMatchObject({ ok: true, phaseId: added.ok ? added.phaseId : -1 });
	});

	it('records what staff typed on behalf of someone as entered by them', async () => {
		const { f, tableId } = await liveOpenTable();
		const noteTaker = await staff(['facilitator']);
		const outsider = await staff(['facilitator']);
		const t2 = await table(f, { template: 'talk_cafe', staff: [{ userId: noteTaker.id, role: 'note_taker' }] });
		await applyAction(f, t2.tableId, { type: 'start' });
		const r = await contributeOnBehalf(noteTaker, t2.tableId, { clientId: 'n1', text: 'Mevrouw zonder gsm zegt: meer bankjes' });
		expect(r).toMatchObject({ ok: true, status: 'visible' });
		expect(await contributeOnBehalf(noteTaker, t2.tableId, { clientId: 'n1', text: 'Mevrouw zonder gsm zegt: meer bankjes' })).toEqual(r);
		expect(await contributeOnBehalf(outsider, t2.tableId, { clientId: 'n2', text: 'x' })).toEqual({ ok: false, error: 'forbidden' });
		expect(await applyAction(noteTaker, t2.tableId, { type: 'on_behalf', clientId: 'n3', text: 'Via de console' })).toMatchObject({ ok: true, type: 'on_behalf' });
		// A note-taker types, but does not run the table.
		expect(await applyAction(noteTaker, t2.tableId, { type: 'next' })).toEqual({ ok: false, error: 'forbidden' });
		expect(await applyAction(outsider, t2.tableId, { type: 'on_behalf', clientId: 'n4', text: 'x' })).toEqual({ ok: false, error: 'forbidden' });
		expect(await applyAction(outsider, tableId, { type: 'next' })).toEqual({ ok: false, error: 'forbidden' });
	});
});

describe('pre-moderation and merging', () => {
	it('holds contributions back until approved', async () => {
		const { f, tableId, code } = await liveOpenTable();
		await applyAction(f, tableId, { type: 'set_premoderation', on: true });
		const p = await join(code);
		const other = await join(code);
		const c = await addContribution(p.participantId, { clientId: 'x', text: 'Wacht op goedkeuring' });
		expect(c).toMatchObject({ ok: true, status: 'pending' });
		if (!c.ok) return;
		expect((await snap(tableId, { kind: 'public' })).contributions).toEqual([]);
		expect((await snap(tableId, { kind: 'participant', participantId: other.participantId })).contributions).toEqual([]);
		expect((await snap(tableId, { kind: 'participant', participantId: p.participantId })).contributions).toMatchObject([{ status: 'pending', mine: true }]);
		expect((await snap(tableId, { kind: 'staff', user: f })).contributions).toMatchObject([{ status: 'pending' }]);
		expect(await applyAction(f, tableId, { type: 'moderate', contributionId: c.contributionId, op: 'approve' })).toMatchObject({ ok: true });
		expect((await snap(tableId, { kind: 'public' })).contributions).toMatchObject([{ text: 'Wacht op goedkeuring', status: 'visible' }]);
		await applyAction(f, tableId, { type: 'moderate', contributionId: c.contributionId, op: 'highlight' });
		expect((await snap(tableId, { kind: 'public' })).contributions[0].highlighted).toBe(true);
		await applyAction(f, tableId, { type: 'moderate', contributionId: c.contributionId, op: 'hide' });
		expect((await snap(tableId, { kind: 'public' })).contributions).toEqual([]);
	});

	it('merges duplicates into one and moves their dots', async () => {
		const { f, tableId, code } = await liveOpenTable();
		const p = await join(code);
		const a = await addContribution(p.participantId, { clientId: 'a', text: 'Meer bankjes' });
		const b = await addContribution(p.participantId, { clientId: 'b', text: 'Meer zitbanken' });
		const c = await addContribution(p.participantId, { clientId: 'c', text: 'Zitplekken!' });
		if (!a.ok || !b.ok || !c.ok) throw new Error('setup');
		await applyAction(f, tableId, { type: 'next' }); // dots
		const s0 = await snap(tableId, { kind: 'public' });
		const dots = s0.phases[1].id;
		expect(await castVotes(p.participantId, dots, [{ contributionId: b.contributionId, count: 2 }])).toMatchObject({ ok: true, used: 2 });
		expect(await applyAction(f, tableId, { type: 'merge', targetId: a.contributionId, sourceIds: [b.contributionId, c.contributionId] })).toMatchObject({ ok: true });
		const s = await snap(tableId, { kind: 'public' });
		expect(s.contributions.map((x) => x.text)).toEqual(['Meer bankjes']);
		const staffView = await snap(tableId, { kind: 'staff', user: f });
		expect(staffView.contributions.filter((x) => x.mergedInto === a.contributionId)).toHaveLength(2);
		expect(staffView.phases[1].results).toEqual({ byContribution: { [a.contributionId]: 2 }, voters: 1 });
		expect(await applyAction(f, tableId, { type: 'merge', targetId: b.contributionId, sourceIds: [c.contributionId] })).toEqual({ ok: false, error: 'bad_merge' });
		expect(await applyAction(f, tableId, { type: 'merge', targetId: a.contributionId, sourceIds: [a.contributionId] })).toEqual({ ok: false, error: 'bad_merge' });
	});
});

describe('voting', () => {
	async function dotsTable() {
		const t = await liveOpenTable();
		const p = await join(t.code);
		const ids: number[] = [];
		for (const text of ['Een', 'Twee', 'Drie']) {
			const r = await addContribution(p.participantId, { clientId: text, text });
			if (r.ok) ids.push(r.contributionId);
		}
		const openPhase = (await snap(t.tableId, { kind: 'public' })).phases[0].id;
		await applyAction(t.f, t.tableId, { type: 'next' });
		const dots = (await snap(t.tableId, { kind: 'public' })).phases[1].id;
		return { ...t, p, ids, dots, openPhase };
	}

	it('enforces the dot budget over the phase', async () => {
		const { p, ids, dots, tableId, f } = await dotsTable();
		expect(await castVotes(p.participantId, dots, [{ contributionId: ids[0], count: 4 }])).toEqual({ ok: false, error: 'over_budget' });
		expect(
			await castVotes(p.participantId, dots, [
				{ contributionId: ids[0], count: 2 },
				{ contributionId: ids[1], count: 1 },
				{ contributionId: ids[0], count: 1 }
			])
		).toEqual({ ok: false, error: 'over_budget' });
		expect(await castVotes(p.participantId, dots, [{ contributionId: ids[0], count: 2 }, { contributionId: ids[1], count: 1 }])).toEqual({ ok: true, used: 3, budget: 3 });
		// Re-sending or changing replaces the allocation, it never adds to it.
		expect(await castVotes(p.participantId, dots, [{ contributionId: ids[2], count: 3 }])).toEqual({ ok: true, used: 3, budget: 3 });
		expect(await castVotes(p.participantId, dots, [{ contributionId: 999999, count: 1 }])).toEqual({ ok: false, error: 'unknown_contribution' });
		expect(await castVotes(p.participantId, dots, [{ contributionId: ids[0], count: -1 }])).toEqual({ ok: false, error: 'bad_votes' });
		expect(await castVotes(p.participantId, dots, 'lots')).toEqual({ ok: false, error: 'bad_votes' });
		// Results stay hidden from the room until revealed; staff always see them.
		expect((await snap(tableId, { kind: 'public' })).phases[1].results).toBeNull();
		expect((await snap(tableId, { kind: 'staff', user: f })).phases[1].results).toEqual({ byContribution: { [ids[2]]: 3 }, voters: 1 });
		await applyAction(f, tableId, { type: 'reveal', phaseId: dots, revealed: true });
		expect((await snap(tableId, { kind: 'public' })).phases[1].results).toEqual({ byContribution: { [ids[2]]: 3 }, voters: 1 });
		expect((await snap(tableId, { kind: 'participant', participantId: p.participantId })).me!.votes[dots]).toEqual([{ contributionId: ids[2], optionIndex: null, count: 3 }]);
	});

	it('refuses a vote in a phase that is not open', async () => {
		const { p, ids, dots, openPhase, f, tableId } = await dotsTable();
		expect(await castVotes(p.participantId, openPhase, [{ contributionId: ids[0], count: 1 }])).toEqual({ ok: false, error: 'phase_not_open' });
		await applyAction(f, tableId, { type: 'previous' });
		expect(await castVotes(p.participantId, dots, [{ contributionId: ids[0], count: 1 }])).toEqual({ ok: false, error: 'phase_not_open' });
		expect(await castVotes(p.participantId, openPhase, [{ contributionId: ids[0], count: 1 }])).toEqual({ ok: false, error: 'wrong_phase_kind' });
		expect((await snap(tableId, { kind: 'staff', user: f })).phases[1].results).toEqual({ byContribution: {}, voters: 0 });
	});

	it('counts single and multiple choice polls', async () => {
		const f = await staff();
		const { tableId, code } = await table(f, {
			template: 'custom',
			phases: [
				{ kind: 'poll_single', title: 'Eén', prompt: 'Kies', options: ['A', 'B'] },
				{ kind: 'poll_multi', title: 'Meer', prompt: 'Kies', options: ['A', 'B', 'C'] }
			]
		});
		await applyAction(f, tableId, { type: 'start' });
		const p = await join(code);
		const q = await join(code);
		const [single, multi] = (await snap(tableId, { kind: 'public' })).phases.map((x) => x.id);
		expect(await answerPoll(p.participantId, single, [0, 1])).toEqual({ ok: false, error: 'bad_choice' });
		expect(await answerPoll(p.participantId, single, [2])).toEqual({ ok: false, error: 'bad_choice' });
		expect(await answerPoll(p.participantId, single, [1])).toEqual({ ok: true, choices: [1] });
		expect(await answerPoll(q.participantId, single, [1])).toEqual({ ok: true, choices: [1] });
		expect(await answerPoll(q.participantId, multi, [0])).toEqual({ ok: false, error: 'phase_not_open' });
		await applyAction(f, tableId, { type: 'next' });
		expect(await answerPoll(q.participantId, multi, [2, 0])).toEqual({ ok: true, choices: [0, 2] });
		expect(await answerPoll(q.participantId, multi, [0, 0])).toEqual({ ok: false, error: 'bad_choice' });
		const results = (await snap(tableId, { kind: 'staff', user: f })).phases.map((x) => x.results);
		expect(results).toEqual([{ byOption: [0, 2], voters: 2 }, { byOption: [1, 0, 1], voters: 1 }]);
	});
});

describe('facilitator actions', () => {
	it('are refused to participants, outsiders and malformed input', async () => {
		const { f, tableId, code } = await liveOpenTable();
		const p = await join(code);
		const stranger = await staff(['facilitator']);
		for (const action of [{ type: 'next' }, { type: 'end' }, { type: 'lock' }]) {
			expect(await applyAction(null, tableId, action)).toEqual({ ok: false, error: 'forbidden' });
			expect(await applyAction(stranger, tableId, action)).toEqual({ ok: false, error: 'forbidden' });
		}
		expect(await applyAction(f, tableId, { type: 'explode' })).toEqual({ ok: false, error: 'bad_payload' });
		expect(await applyAction(f, tableId, { type: 'goto', phaseId: 'x' })).toEqual({ ok: false, error: 'bad_payload' });
		expect(await applyAction(f, tableId, 'next')).toEqual({ ok: false, error: 'bad_payload' });
		expect((await snap(tableId, { kind: 'participant', participantId: p.participantId })).table.status).toBe('live');
		const admin = await staff(['admin']);
		expect(await applyAction(admin, tableId, { type: 'lock' })).toMatchObject({ ok: true });
	});

	it('runs the timer from the database', async () => {
		const { f, tableId } = await liveOpenTable();
		const phases = (await snap(tableId, { kind: 'public' })).phases;
		expect(await applyAction(f, tableId, { type: 'timer_start' })).toEqual({ ok: false, error: 'no_timer' }); // open round has none
		await applyAction(f, tableId, { type: 'next' });
		expect(await applyAction(f, tableId, { type: 'timer_start' })).toMatchObject({ ok: true, phaseId: phases[1].id });
		const running = (await snapshot(tableId, { kind: 'public' })) as { ok: true; snapshot: Snapshot };
		expect(running.snapshot.phases[1].timer).toMatchObject({ seconds: 300, running: true });
		expect(await applyAction(f, tableId, { type: 'timer_pause' })).toMatchObject({ ok: true });
		const paused = (await snap(tableId, { kind: 'public' })).phases[1].timer!;
		expect(paused.running).toBe(false);
		expect(paused.remainingMs).toBeGreaterThan(290_000);
		expect(paused.remainingMs).toBeLessThanOrEqual(300_000);
		await applyAction(f, tableId, { type: 'timer_reset' });
		expect((await snap(tableId, { kind: 'public' })).phases[1].timer).toEqual({ seconds: 300, running: false, remainingMs: 300_000, startedAt: null });
	});

	it('edits the agenda mid-meeting', async () => {
		const { f, tableId, code } = await liveOpenTable();
		const p = await join(code);
		await addContribution(p.participantId, { clientId: 'x', text: 'iets' });
		const [open, dots] = (await snap(tableId, { kind: 'public' })).phases.map((x) => x.id);
		const added = await applyAction(f, tableId, { type: 'agenda_add', position: 1, phase: { kind: 'word_cloud', title: 'Woorden', prompt: 'Eén woord' } });
		expect(added).toMatchObject({ ok: true });
		const wc = added.ok ? added.phaseId! : 0;
		expect((await snap(tableId, { kind: 'public' })).phases.map((x) => x.id)).toEqual([open, wc, dots]);
		expect(await applyAction(f, tableId, { type: 'agenda_reorder', phaseIds: [open, dots, wc] })).toMatchObject({ ok: true });
		expect(await applyAction(f, tableId, { type: 'agenda_reorder', phaseIds: [open, dots] })).toEqual({ ok: false, error: 'bad_order' });
		expect(await applyAction(f, tableId, { type: 'agenda_edit', phaseId: dots, phase: { kind: 'dots', title: 'Stemmen', prompt: 'Kies', dotsPerParticipant: 5 } })).toMatchObject({ ok: true });
		expect(await applyAction(f, tableId, { type: 'agenda_remove', phaseId: open })).toEqual({ ok: false, error: 'phase_is_current' });
		await applyAction(f, tableId, { type: 'next' });
		expect(await applyAction(f, tableId, { type: 'agenda_remove', phaseId: open })).toEqual({ ok: false, error: 'phase_has_input' });
		expect(await applyAction(f, tableId, { type: 'agenda_remove', phaseId: wc })).toMatchObject({ ok: true });
		const s = await snap(tableId, { kind: 'public' });
		expect(s.phases.map((x) => [x.id, x.position, x.dotsPerParticipant])).toEqual([
			[open, 0, null],
			[dots, 1, 5]
		]);
		expect(s.table.currentPhaseId).toBe(dots);
		expect(await applyAction(f, tableId, { type: 'next' })).toEqual({ ok: false, error: 'no_next_phase' });
	});
});

describe('world café', () => {
	it('seats participants at sub-tables with hosts and keeps where each contribution was said', async () => {
		const f = await staff();
		const host = await staff(['moderator']);
		const plain = await table(f, { template: 'world_cafe' });
		expect((await snap(plain.tableId, { kind: 'public' })).groups.map((g) => g.name)).toEqual(['Tafel 1', 'Tafel 2', 'Tafel 3', 'Tafel 4']);

		const { tableId, code } = await table(f, {
			template: 'world_cafe',
			groups: [{ name: 'Wonen', hostUserId: host.id }, { name: 'Werk', hostName: 'Sabine' }]
		});
		await applyAction(f, tableId, { type: 'start' });
		const [wonen, werk] = (await snap(tableId, { kind: 'public' })).groups;
		expect(werk).toMatchObject({ name: 'Werk', hostName: 'Sabine', participantCount: 0 });
		const p = await join(code);
		expect(await chooseGroup(p.participantId, werk.id)).toEqual({ ok: true, groupId: werk.id });
		expect(await chooseGroup(p.participantId, plain.tableId)).toEqual({ ok: false, error: 'group_not_found' }); // another table's id space
		expect(await chooseGroup(p.participantId, (await snap(plain.tableId, { kind: 'public' })).groups[0].id)).toEqual({ ok: false, error: 'group_not_found' });
		expect(await chooseGroup(p.participantId, 'Werk')).toEqual({ ok: false, error: 'bad_group' });
		await addContribution(p.participantId, { clientId: 'w1', text: 'Flexibele uren' });
		// The host of 'Wonen' types what is said at their sub-table.
		expect(await contributeOnBehalf(host, tableId, { clientId: 'h1', text: 'Te weinig sociale woningen', groupId: wonen.id })).toMatchObject({ ok: true });
		expect(await applyAction(host, tableId, { type: 'next' })).toEqual({ ok: false, error: 'forbidden' });
		const s = await snap(tableId, { kind: 'participant', participantId: p.participantId });
		expect(s.me!.groupId).toBe(werk.id);
		expect(s.groups.map((g) => g.participantCount)).toEqual([0, 1]);
		expect(s.contributions.map((c) => [c.text, c.groupId])).toEqual([
			['Flexibele uren', werk.id],
			['Te weinig sociale woningen', wonen.id]
		]);
		expect(await applyAction(f, tableId, { type: 'group_add', group: { name: 'Zorg' } })).toMatchObject({ ok: true });
		expect((await snap(tableId, { kind: 'public' })).groups.map((g) => g.name)).toEqual(['Wonen', 'Werk', 'Zorg']);
		expect(await createTable(f, { title: 'x', template: 'world_cafe', groups: [{ name: '' }] })).toEqual({ ok: false, error: 'bad_group' });
		expect(await table(f, { template: 'talk_cafe' }).then((t) => snap(t.tableId, { kind: 'public' })).then((x) => x.groups)).toEqual([]);
	});
});

describe('managing tables', () => {
	it('lists a staff member their tables and lets the facilitator change details and team', async () => {
		const f = await staff();
		const co = await staff(['facilitator']);
		const admin = await staff(['admin']);
		const a = await table(f, { title: 'Eerste' });
		const b = await table(f, { title: 'Tweede', staff: [{ userId: co.id, role: 'note_taker' }] });
		expect((await listTables(f)).map((x) => [x.title, x.role])).toEqual([
			['Tweede', 'facilitator'],
			['Eerste', 'facilitator']
		]);
		expect((await listTables(co)).map((x) => [x.title, x.role])).toEqual([['Tweede', 'note_taker']]);
		expect((await listTables(admin)).length).toBeGreaterThanOrEqual(2);
		expect(await listTables(null)).toEqual([]);

		const when = new Date('2026-03-12T19:00:00Z');
		expect(await updateTable(co, b.tableId, { title: 'Niet van mij' })).toEqual({ ok: false, error: 'forbidden' });
		expect(await updateTable(f, b.tableId, { title: 'Tweede tafel', place: 'Buurtcentrum De Zandberg', scheduledAt: when, staff: [{ userId: co.id, role: 'co_facilitator' }] })).toEqual({ ok: true, tableId: b.tableId });
		const s = await snapshot(b.tableId, { kind: 'staff', user: co }, 1);
		expect(s.ok && s.snapshot.table).toMatchObject({ title: 'Tweede tafel', place: 'Buurtcentrum De Zandberg', scheduledAt: when.getTime() });
		expect(s.ok && s.snapshot.staffRole).toBe('co_facilitator');
		expect(await updateTable(co, b.tableId, { staff: [] })).toEqual({ ok: true, tableId: b.tableId });
		expect((await listTables(co)).map((x) => x.title)).toEqual([]);
		expect(await updateTable(f, a.tableId, { title: '' })).toEqual({ ok: false, error: 'bad_title' });
		expect(await updateTable(f, a.tableId, { staff: [{ userId: 424242, role: 'note_taker' }] })).toEqual({ ok: false, error: 'unknown_user' });
	});

	it('counts the words of a word cloud', async () => {
		const f = await staff();
		const { tableId, code } = await table(f, { template: 'custom', phases: [{ kind: 'word_cloud', title: 'Woorden', prompt: 'Eén woord' }] });
		await applyAction(f, tableId, { type: 'start' });
		for (const [i, w] of ['Samen', 'samen ', 'Respect', 'SAMEN', 'Tijd'].entries()) {
			const p = await join(code);
			await addContribution(p.participantId, { clientId: `w${i}`, text: w });
		}
		expect((await snap(tableId, { kind: 'public' })).phases[0].words).toEqual([
			{ text: 'samen', count: 3 },
			{ text: 'respect', count: 1 },
			{ text: 'tijd', count: 1 }
		]);
	});
});

describe('signals', () => {
	it('accepts a table contribution as evidence for a signal', async () => {
		const { f, tableId, code } = await liveOpenTable();
		const p = await join(code);
		const c = await addContribution(p.participantId, { clientId: 'r1', text: 'Aanbeveling: gratis schoolmaaltijden' });
		const typed = await applyAction(f, tableId, { type: 'on_behalf', clientId: 'r2', text: 'Aanbeveling van de tafel' });
		if (!c.ok || !typed.ok) throw new Error('setup');
		const signal = await createSignal(
			{
				title: 'Honger op school',
				summary: '',
				type: 'need',
				evidence: [
					{ sourceType: 'table_contribution', sourceId: c.contributionId },
					{ sourceType: 'table_contribution', sourceId: typed.contributionId! }
				]
			},
			f.id
		);
		expect(signal.ok).toBe(true);
		if (!signal.ok) return;
		const detail = (await getSignal(signal.id))!;
		expect(detail.evidence.map((e) => [e.sourceType, e.text, e.channel, e.context]).sort()).toEqual([
			['table_contribution', 'Aanbeveling van de tafel', 'facilitator', 'Gelijke kansen in het onderwijs'],
			['table_contribution', 'Aanbeveling: gratis schoolmaaltijden', 'table', 'Gelijke kansen in het onderwijs']
		]);
		expect(detail.evidence[0].reference).toMatch(new RegExp(`^${code} #\\d+$`));
		expect(await createSignal({ title: 'x', summary: '', type: 'need', evidence: [{ sourceType: 'table_contribution', sourceId: 999 }] }, f.id)).toEqual({
			ok: false,
			problems: ['evidence_unknown']
		});
	});
});

describe('durability', () => {
	it('gives the same snapshot after the database is closed and reopened', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meespraak-tables-'));
		const url = `file:${path.join(dir, 'test.db')}`;
		closeDatabase();
		openDatabase(url);
		try {
			const { f, tableId, code } = await liveOpenTable();
			const p = await join(code, 'Sabine');
			await addContribution(p.participantId, { clientId: 'k1', text: 'Een plek om te praten' });
			await applyAction(f, tableId, { type: 'on_behalf', clientId: 'k2', text: 'Voor meneer zonder gsm' });
			await applyAction(f, tableId, { type: 'next' });
			await applyAction(f, tableId, { type: 'timer_start' });
			await applyAction(f, tableId, { type: 'timer_pause' });
			const before = {
				staff: await snap(tableId, { kind: 'staff', user: f }),
				phone: await snap(tableId, { kind: 'participant', participantId: p.participantId })
			};
			closeDatabase();
			openDatabase(url);
			const after = {
				staff: await snap(tableId, { kind: 'staff', user: f }),
				phone: await snap(tableId, { kind: 'participant', participantId: p.participantId })
			};
			expect(after).toEqual(before);
			expect(await resumeParticipant(p.participantToken)).toMatchObject({ ok: true, participantId: p.participantId });
			// The phone re-sends after the restart: still stored once.
			expect(await addContribution(p.participantId, { clientId: 'k1', text: 'Een plek om te praten' })).toMatchObject({ ok: true });
			expect((await snap(tableId, { kind: 'public' })).contributions).toHaveLength(2);
		} finally {
			closeDatabase();
			fs.rmSync(dir, { recursive: true, force: true });
			useTestDatabase();
		}
	});
});
