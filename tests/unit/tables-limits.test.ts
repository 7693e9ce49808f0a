import { afterEach, describe, expect, it } from 'vitest';
import {
	addContribution,
	applyAction,
	castVotes,
	joinTable,
	phaseResults,
	resumeParticipant,
	snapshot,
	tableCounts
} from '../../src/lib/server/tables';
import { parseCount, tableLimits, DEFAULT_LIMITS } from '../../src/lib/server/tables/limits';
import { clientAddress } from '../../src/lib/server/realtime/connections';
import { openBoard } from '../../src/lib/server/boards';
import { saveTableContact, deleteTableContact } from '../../src/lib/server/tables/contacts';
import { staff, table } from './tables-fixtures';

const ENV = ['TABLE_JOIN_ADDRESS_LIMIT', 'TABLE_JOIN_LIMIT', 'TABLE_MAX_PARTICIPANTS', 'TABLE_CONTRIBUTION_LIMIT', 'TABLE_CONTRIBUTION_TABLE_LIMIT'];
afterEach(() => ENV.forEach((k) => delete process.env[k]));

async function live() {
	const f = await staff();
	const t = await table(f, { template: 'talk_cafe' });
	expect(await applyAction(f, t.tableId, { type: 'start' })).toMatchObject({ ok: true });
	return { f, ...t };
}

describe('settings', () => {
	it('reads the limits from the environment, with defaults a real event lives with', () => {
		expect(tableLimits()).toEqual(DEFAULT_LIMITS);
		process.env.TABLE_JOIN_ADDRESS_LIMIT = '20/5m';
		process.env.TABLE_MAX_PARTICIPANTS = 'off';
		process.env.TABLE_CONTRIBUTION_LIMIT = 'nonsense';
		expect(tableLimits()).toMatchObject({ joinsPerAddress: { max: 20, windowMs: 300_000 }, maxParticipants: null, contributionsPerParticipant: DEFAULT_LIMITS.contributionsPerParticipant });
		expect(parseCount('500', 1)).toBe(500);
		expect(parseCount(undefined, 1)).toBe(1);
	});

	it('reads the client address as adapter-node does, only from the header it is told to trust', () => {
		const req = (headers: Record<string, string>) => ({ headers, socket: { remoteAddress: '127.0.0.1' } }) as never;
		expect(clientAddress(req({ 'x-forwarded-for': '1.2.3.4' }), {})).toBe('127.0.0.1');
		expect(clientAddress(req({ 'x-forwarded-for': '9.9.9.9, 1.2.3.4' }), { ADDRESS_HEADER: 'X-Forwarded-For' })).toBe('1.2.3.4');
		expect(clientAddress(req({ 'x-forwarded-for': '9.9.9.9, 1.2.3.4' }), { ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '2' })).toBe('9.9.9.9');
		expect(clientAddress(req({ 'x-real-ip': '5.6.7.8' }), { ADDRESS_HEADER: 'X-Real-IP' })).toBe('5.6.7.8');
		expect(clientAddress(req({}), { ADDRESS_HEADER: 'X-Real-IP' })).toBe('127.0.0.1');
	});
});

describe('joins', () => {
	it('counts new participants per address and per table, and caps the table', async () => {
		process.env.TABLE_JOIN_ADDRESS_LIMIT = '3/1h';
		process.env.TABLE_JOIN_LIMIT = '5/1h';
		process.env.TABLE_MAX_PARTICIPANTS = '6';
		const t = await live();
		const from = (address: string) => joinTable(t.code, undefined, { address });
		for (let i = 0; i < 3; i++) expect(await from('10.0.0.1')).toMatchObject({ ok: true });
		expect(await from('10.0.0.1')).toEqual({ ok: false, error: 'too_many_joins' });
		expect(await from('10.0.0.2')).toMatchObject({ ok: true });
		expect(await from('10.0.0.3')).toMatchObject({ ok: true });
		expect(await from('10.0.0.4')).toEqual({ ok: false, error: 'too_many_joins' });
		process.env.TABLE_JOIN_LIMIT = 'off';
		expect(await from('10.0.0.4')).toMatchObject({ ok: true });
		expect(await from('10.0.0.5')).toEqual({ ok: false, error: 'table_full' });
		expect((await tableCounts(t.tableId)) as { participantCount: number }).toMatchObject({ participantCount: 6 });
	});
});

describe('contributions', () => {
	it('limits each participant and the table, answering a re-send of a stored one as before', async () => {
		process.env.TABLE_CONTRIBUTION_LIMIT = '2/1h';
		process.env.TABLE_CONTRIBUTION_TABLE_LIMIT = '3/1h';
		const t = await live();
		const a = await joinTable(t.code);
		const b = await joinTable(t.code);
		if (!a.ok || !b.ok) throw new Error('join');
		expect(await addContribution(a.participantId, { clientId: 'a1', text: 'een' })).toMatchObject({ ok: true });
		expect(await addContribution(a.participantId, { clientId: 'a2', text: 'twee' })).toMatchObject({ ok: true });
		expect(await addContribution(a.participantId, { clientId: 'a3', text: 'drie' })).toEqual({ ok: false, error: 'too_many_contributions' });
		expect(await addContribution(a.participantId, { clientId: 'a1', text: 'een' })).toMatchObject({ ok: true, contribution: { text: 'een' } });
		expect(await addContribution(b.participantId, { clientId: 'b1', text: 'vier' })).toMatchObject({ ok: true });
		expect(await addContribution(b.participantId, { clientId: 'b2', text: 'vijf' })).toEqual({ ok: false, error: 'too_many_contributions' });
	});
});

describe('removing a participant', () => {
	it('hides their contributions, drops their votes from the tallies and refuses their token everywhere', async () => {
		const t = await live();
		const bad = await joinTable(t.code, 'Trol');
		const good = await joinTable(t.code, 'Buur');
		if (!bad.ok || !good.ok) throw new Error('join');
		const said = await addContribution(bad.participantId, { clientId: 'x', text: 'iets kwetsends' });
		const fine = await addContribution(good.participantId, { clientId: 'y', text: 'iets goeds' });
		if (!said.ok || !fine.ok) throw new Error('contribute');
		expect(await applyAction(t.f, t.tableId, { type: 'next' })).toMatchObject({ ok: true });
		const dots = (await snapshot(t.tableId, { kind: 'public' }));
		if (!dots.ok) throw new Error('snapshot');
		const phaseId = dots.snapshot.table.currentPhaseId!;
		expect(await castVotes(bad.participantId, phaseId, [{ contributionId: fine.contributionId, count: 2 }])).toMatchObject({ ok: true });

		const r = await applyAction(t.f, t.tableId, { type: 'remove_participant', contributionId: said.contributionId });
		expect(r).toMatchObject({ ok: true, participantId: bad.participantId, touched: [said.contributionId], phaseIds: [phaseId] });
		const pub = await snapshot(t.tableId, { kind: 'public' });
		if (!pub.ok) throw new Error('snapshot');
		expect(pub.snapshot.contributions.map((c) => c.text)).toEqual(['iets goeds']);
		expect(pub.snapshot.participantCount).toBe(1);
		expect(await phaseResults(phaseId)).toMatchObject({ ok: true, results: { voters: 0 } });
		expect(await resumeParticipant(bad.participantToken)).toEqual({ ok: false, error: 'participant_removed' });
		expect(await addContribution(bad.participantId, { clientId: 'z', text: 'toch' })).toEqual({ ok: false, error: 'participant_removed' });
		expect(await snapshot(t.tableId, { kind: 'participant', participantId: bad.participantId })).toEqual({ ok: false, error: 'participant_removed' });
		expect(await saveTableContact(t.code, bad.participantToken, 'trol@example.org')).toMatchObject({ ok: false });
		expect(await deleteTableContact(t.code, bad.participantToken)).toMatchObject({ ok: true });
		// Staff still see what was said (hidden), and may show one again.
		const staffView = await snapshot(t.tableId, { kind: 'staff', user: t.f });
		expect(staffView.ok && staffView.snapshot.contributions.find((c) => c.id === said.contributionId)?.status).toBe('hidden');
		// Only facilitators remove; a contribution of another table is unknown here.
		expect(await applyAction(null, t.tableId, { type: 'remove_participant', participantId: good.participantId })).toMatchObject({ ok: false, error: 'forbidden' });
		expect(await applyAction(t.f, t.tableId, { type: 'remove_participant', contributionId: 999_999 })).toMatchObject({ ok: false, error: 'unknown_contribution' });
	});
});

describe('a table that has ended', () => {
	it('is read by its participants and staff, not by its code, nor its boards', async () => {
		const t = await live();
		const p = await joinTable(t.code);
		if (!p.ok) throw new Error('join');
		expect(await applyAction(t.f, t.tableId, { type: 'end' })).toMatchObject({ ok: true });
		expect(await snapshot(t.tableId, { kind: 'public' })).toEqual({ ok: false, error: 'table_ended' });
		expect(await snapshot(t.tableId, { kind: 'room' })).toMatchObject({ ok: true, snapshot: { viewer: 'public', table: { status: 'ended' } } });
		expect(await snapshot(t.tableId, { kind: 'participant', participantId: p.participantId })).toMatchObject({ ok: true });
		expect(await openBoard({ kind: 'watch', code: t.code, boardId: 1 })).toEqual({ ok: false, error: 'table_ended' });
	});
});
