import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { connected, useSocketServer } from './socket-fixtures';
import { createSession, invalidateSession, SESSION_COOKIE } from '../../src/lib/server/auth';
import type { Snapshot } from '../../src/lib/server/tables';
import { staff, table } from './tables-fixtures';

const openClient = useSocketServer();

const client = (headers: Record<string, string> = {}): Promise<Socket> => connected(openClient(headers));

type Reply = { ok: boolean; error?: string; snapshot?: Snapshot; participantToken?: string; [k: string]: unknown };

function send(c: Socket, event: string, ...args: unknown[]): Promise<Reply> {
	return new Promise((r) => c.emit(event, ...args, r));
}

type Change = { tableId: number; reason: string; phaseId?: number };

/** The next 'table:changed' (to staff) with this reason. */
function nextChange(c: Socket, reason: string): Promise<Change> {
	return nextPush<Change>(c, 'table:changed', (e) => e.reason === reason);
}

/** The next message `event` that passes `match` (earlier pushes, e.g. join counts, may still be on their way). */
function nextPush<T>(c: Socket, event: string, match: (payload: T) => boolean = () => true): Promise<T> {
	return new Promise((r) => {
		const listener = (e: T) => {
			if (!match(e)) return;
			c.off(event, listener);
			r(e);
		};
		c.on(event, listener);
	});
}

/** Everything `event` brings to `c` from now on. */
function record<T>(c: Socket, event: string): T[] {
	const seen: T[] = [];
	c.on(event, (e: T) => seen.push(e));
	return seen;
}

type Pushed = { tableId: number; contribution: { id: number; text: string; status: string; mine: boolean; author: string | null } };

async function facilitator() {
	const f = await staff(['facilitator']);
	const t = await table(f, { template: 'talk_cafe' });
	const { token } = await createSession(f.id);
	const console = await client({ cookie: `${SESSION_COOKIE}=${token}` });
	const r = await send(console, 'table:facilitate', { code: t.code });
	expect(r).toMatchObject({ ok: true });
	expect(r.snapshot!.viewer).toBe('staff');
	return { f, ...t, console, sessionToken: token };
}

describe('dialogue tables over socket.io', () => {
	it('lets three phones join and contribute while the facilitator moves the table on', async () => {
		const { code, console: fac } = await facilitator();
		const projector = await client();
		expect(await send(projector, 'table:watch', { code })).toMatchObject({ ok: true, snapshot: { viewer: 'public' } });
		expect(await send(fac, 'table:action', { type: 'start' })).toMatchObject({ ok: true, type: 'start' });

		const phones: Socket[] = [];
		for (const name of ['Nassim', 'Marc', undefined]) {
			const phone = await client();
			const r = await send(phone, 'table:join', { code, name });
			expect(r).toMatchObject({ ok: true });
			expect(r.participantToken).toMatch(/^[a-z2-7]{32}$/);
			expect(r.snapshot!.table.status).toBe('live');
			phones.push(phone);
		}

		// The contribution itself reaches every screen, with the name its author chose; nobody refetches the table.
		const seen = Promise.all([fac, projector, ...phones].map((c) => nextPush<Pushed>(c, 'table:contribution')));
		const sent = await send(phones[0], 'table:contribute', { clientId: 'n-1', text: 'Meer speelpleinen' });
		expect(sent).toMatchObject({ ok: true, status: 'visible', contribution: { text: 'Meer speelpleinen', mine: true, author: 'Nassim' } });
		for (const e of await seen) expect(e.contribution).toMatchObject({ id: sent.contributionId, text: 'Meer speelpleinen', author: 'Nassim', mine: false });
		expect(await send(phones[1], 'table:contribute', { clientId: 'm-1', text: 'Betere verlichting' })).toMatchObject({ ok: true });
		expect(await send(phones[2], 'table:contribute', { clientId: 'x-1', text: 'Een buurtfeest' })).toMatchObject({ ok: true });

		// The next phase: the room gets the table without its contributions, staff a hint to refetch their own view.
		type State = { table: { currentPhaseId: number }; phases: { id: number; results: unknown }[]; contributions?: unknown };
		const moved = Promise.all([projector, ...phones].map((c) => nextPush<State>(c, 'table:state')));
		const staffHint = nextChange(fac, 'next');
		const next = await send(fac, 'table:action', { type: 'next' });
		expect(next).toMatchObject({ ok: true, type: 'next' });
		for (const st of await moved) {
			expect(st.table.currentPhaseId).toBe(next.phaseId);
			expect(st.contributions).toBeUndefined();
		}
		expect(await staffHint).toMatchObject({ phaseId: next.phaseId });

		const fresh = await send(phones[2], 'table:snapshot');
		expect(fresh.snapshot!.table.currentPhaseId).toBe(next.phaseId);
		expect(fresh.snapshot!.contributions.map((c) => c.text)).toEqual(['Meer speelpleinen', 'Betere verlichting', 'Een buurtfeest']);
		const [first] = fresh.snapshot!.contributions;
		// Votes: staff see the tally at once; the room only once the facilitator reveals it.
		type Results = { phaseId: number; revealed: boolean; results: { byContribution: Record<number, number>; voters: number } };
		const projectorResults = record<Results>(projector, 'table:results');
		const staffTally = nextPush<Results>(fac, 'table:results');
		expect(await send(phones[2], 'table:vote', { phaseId: next.phaseId, votes: [{ contributionId: first.id, count: 3 }] })).toMatchObject({ ok: true, used: 3 });
		expect(await staffTally).toMatchObject({ phaseId: next.phaseId, revealed: false, results: { byContribution: { [first.id]: 3 }, voters: 1 } });
		expect(await send(phones[2], 'table:vote', { phaseId: next.phaseId, votes: [{ contributionId: first.id, count: 4 }] })).toEqual({ ok: false, error: 'over_budget' });
		const revealed = nextPush<State>(projector, 'table:state');
		expect(await send(fac, 'table:action', { type: 'reveal', phaseId: next.phaseId, revealed: true })).toMatchObject({ ok: true });
		expect((await revealed).phases.find((p) => p.id === next.phaseId)!.results).toEqual({ byContribution: { [first.id]: 3 }, voters: 1 });
		expect(projectorResults).toEqual([]);
		const live = nextPush<Results>(projector, 'table:results');
		expect(await send(phones[1], 'table:vote', { phaseId: next.phaseId, votes: [{ contributionId: first.id, count: 1 }] })).toMatchObject({ ok: true });
		expect((await live).results).toEqual({ byContribution: { [first.id]: 4 }, voters: 2 });
	});

	it('brings every contribution of a burst to the projector exactly once, several to a message when busy', async () => {
		const { code, console: fac } = await facilitator();
		await send(fac, 'table:action', { type: 'start' });
		const projector = await client();
		await send(projector, 'table:watch', { code });
		const got: number[] = [];
		let messages = 0;
		projector.on('table:contribution', (e: Pushed) => (messages++, got.push(e.contribution.id)));
		projector.on('table:contributions', (e: { contributions: Pushed['contribution'][] }) => (messages++, got.push(...e.contributions.map((c) => c.id))));
		const phones = await Promise.all(Array.from({ length: 15 }, () => client()));
		await Promise.all(phones.map((p) => send(p, 'table:join', { code })));
		const acks = await Promise.all(phones.map((p, i) => send(p, 'table:contribute', { clientId: `burst-${i}`, text: `Idee ${i}` })));
		const ids = acks.map((a) => a.contributionId as number).sort((a, b) => a - b);
		await expect.poll(() => got.length).toBe(15);
		expect([...got].sort((a, b) => a - b)).toEqual(ids);
		// A following facilitator action comes after everything that waited.
		const state = nextPush<unknown>(projector, 'table:state');
		await send(fac, 'table:action', { type: 'next' });
		await state;
		expect(got).toHaveLength(15);
		expect(messages).toBeLessThanOrEqual(15);
	});

	it('tells the room how many have joined, a burst of joins in a few messages', async () => {
		const { code, console: fac } = await facilitator();
		await send(fac, 'table:action', { type: 'start' });
		const projector = await client();
		await send(projector, 'table:watch', { code });
		const counts = record<{ participantCount: number }>(projector, 'table:count');
		const phones = await Promise.all(Array.from({ length: 12 }, () => client()));
		await Promise.all(phones.map((p) => send(p, 'table:join', { code })));
		await expect.poll(() => counts.at(-1)?.participantCount).toBe(12);
		expect(counts.length).toBeLessThan(12);
	});

	it('gives a reconnecting phone its participant back and stores a re-sent contribution once', async () => {
		const { code, console: fac, tableId } = await facilitator();
		await send(fac, 'table:action', { type: 'start' });
		const phone = await client();
		const joined = await send(phone, 'table:join', { code, name: 'Mieke' });
		const first = await send(phone, 'table:contribute', { clientId: 'q-1', text: 'Wachtlijsten' });
		phone.close();
		const again = await client();
		const resumed = await send(again, 'table:join', { code, token: joined.participantToken });
		expect(resumed).toMatchObject({ ok: true, participantToken: joined.participantToken });
		expect(resumed.snapshot!.me!.participantId).toBe(joined.snapshot!.me!.participantId);
		expect(await send(again, 'table:contribute', { clientId: 'q-1', text: 'Wachtlijsten' })).toEqual(first);
		const s = await send(fac, 'table:snapshot');
		expect(s.snapshot!.contributions).toHaveLength(1);
		expect(s.snapshot!.participantCount).toBe(1);
		expect(s.snapshot!.table.id).toBe(tableId);
	});

	it('answers malformed and forbidden messages with an error and keeps the connection', async () => {
		const { code, console: fac } = await facilitator();
		await send(fac, 'table:action', { type: 'start' });
		const phone = await client();
		expect(await send(phone, 'table:contribute', { clientId: 'a', text: 'not joined yet' })).toEqual({ ok: false, error: 'not_joined' });
		expect(await send(phone, 'table:join', 'ABC-DEF')).toEqual({ ok: false, error: 'bad_payload' });
		expect(await send(phone, 'table:join', { code: 'ZZZ-ZZZ' })).toEqual({ ok: false, error: 'table_not_found' });
		expect(await send(phone, 'table:join', { code: 12 })).toEqual({ ok: false, error: 'bad_code' });
		expect(await send(phone, 'table:join', { code, token: 5 })).toEqual({ ok: false, error: 'bad_payload' });
		expect(await send(phone, 'table:join', { code })).toMatchObject({ ok: true });
		expect(await send(phone, 'table:contribute', null)).toEqual({ ok: false, error: 'bad_payload' });
		expect(await send(phone, 'table:contribute', { clientId: 'a' })).toEqual({ ok: false, error: 'bad_payload' });
		expect(await send(phone, 'table:contribute', { clientId: 'a', text: '' })).toEqual({ ok: false, error: 'empty_text' });
		expect(await send(phone, 'table:contribute', { clientId: 'a', text: 'x'.repeat(501) })).toEqual({ ok: false, error: 'text_too_long' });
		expect(await send(phone, 'table:contribute', { clientId: { $gt: '' }, text: 'hi' })).toEqual({ ok: false, error: 'bad_client_id' });
		expect(await send(phone, 'table:vote', { phaseId: 'one', votes: [] })).toEqual({ ok: false, error: 'bad_payload' });
		expect(await send(phone, 'table:poll', [])).toEqual({ ok: false, error: 'bad_payload' });
		// A phone sending facilitator events.
		expect(await send(phone, 'table:action', { type: 'end' })).toEqual({ ok: false, error: 'forbidden' });
		expect(await send(phone, 'table:action', { type: 'next' })).toEqual({ ok: false, error: 'forbidden' });
		expect(await send(phone, 'table:facilitate', { code })).toEqual({ ok: false, error: 'forbidden' });
		expect(await send(fac, 'table:action', { type: 'self_destruct' })).toEqual({ ok: false, error: 'bad_payload' });
		expect(await send(fac, 'table:action', null)).toEqual({ ok: false, error: 'bad_payload' });
		// Without an acknowledgement callback nothing breaks either.
		phone.emit('table:contribute', 'garbage');
		phone.emit('table:action');
		expect(phone.connected).toBe(true);
		const s = await send(phone, 'table:snapshot');
		expect(s.snapshot!.table.status).toBe('live');
		expect(s.snapshot!.contributions).toEqual([]);
	});

	it('lets a phone sit down at a world café sub-table', async () => {
		const f = await staff(['facilitator']);
		const t = await table(f, { template: 'world_cafe' });
		const phone = await client();
		const joined = await send(phone, 'table:join', { code: t.code });
		const [first] = joined.snapshot!.groups;
		expect(await send(phone, 'table:group', { groupId: first.id })).toEqual({ ok: true, groupId: first.id });
		expect(await send(phone, 'table:group', { groupId: 'x' })).toEqual({ ok: false, error: 'bad_group' });
		expect(await send(phone, 'table:group', {})).toEqual({ ok: false, error: 'bad_payload' });
		expect((await send(phone, 'table:snapshot')).snapshot!.me!.groupId).toBe(first.id);
	});

	it('stops a console whose session was ended', async () => {
		const { console: fac, sessionToken } = await facilitator();
		expect(await send(fac, 'table:action', { type: 'start' })).toMatchObject({ ok: true });
		const told = new Promise((resolve) => fac.once('table:access', resolve));
		await invalidateSession(sessionToken);
		// The console is told at once and leaves the staff room; nothing it sends is done any more.
		expect(await told).toMatchObject({ error: 'signed_out' });
		expect(await send(fac, 'table:action', { type: 'end' })).toMatchObject({ ok: false });
		expect(await send(fac, 'table:snapshot')).toEqual({ ok: false, error: 'not_joined' });
	});

	it('keeps a staff member who is not on the table out of the console', async () => {
		const { code } = await facilitator();
		const other = await staff(['facilitator']);
		const { token } = await createSession(other.id);
		const c = await client({ cookie: `${SESSION_COOKIE}=${token}` });
		expect(await send(c, 'table:facilitate', { code })).toEqual({ ok: false, error: 'forbidden' });
		expect(await send(c, 'table:action', { type: 'end' })).toEqual({ ok: false, error: 'not_joined' });
	});

	it('holds pre-moderated contributions back from the room and tells only staff', async () => {
		const { code, console: fac } = await facilitator();
		await send(fac, 'table:action', { type: 'start' });
		await send(fac, 'table:action', { type: 'set_premoderation', on: true });
		const projector = await client();
		await send(projector, 'table:watch', { code });
		const phone = await client();
		await send(phone, 'table:join', { code });
		const projectorSaw = record<Pushed>(projector, 'table:contribution');
		const staffSaw = nextPush<Pushed>(fac, 'table:contribution');
		const r = await send(phone, 'table:contribute', { clientId: 'p1', text: 'Moet eerst gelezen worden' });
		expect(r).toMatchObject({ ok: true, status: 'pending' });
		expect((await staffSaw).contribution).toMatchObject({ id: r.contributionId, status: 'pending' });
		expect(projectorSaw).toEqual([]);
		expect((await send(projector, 'table:snapshot')).snapshot!.contributions).toEqual([]);
		const approved = nextPush<Pushed>(projector, 'table:contribution');
		expect(await send(fac, 'table:action', { type: 'moderate', contributionId: r.contributionId, op: 'approve' })).toMatchObject({ ok: true });
		expect((await approved).contribution).toMatchObject({ id: r.contributionId, status: 'visible', text: 'Moet eerst gelezen worden' });
		expect((await send(projector, 'table:snapshot')).snapshot!.contributions).toHaveLength(1);
		// Hidden again: taken off the screens by id, its text is not sent around again.
		const removed = nextPush<{ ids: number[] }>(projector, 'table:removed');
		expect(await send(fac, 'table:action', { type: 'moderate', contributionId: r.contributionId, op: 'hide' })).toMatchObject({ ok: true });
		expect(await removed).toMatchObject({ ids: [r.contributionId] });
	});

	it('refuses a flood from one socket with rate_limited and keeps serving others', async () => {
		const { code, console: fac } = await facilitator();
		await send(fac, 'table:action', { type: 'start' });
		const phone = await client();
		const other = await client();
		expect(await send(phone, 'table:join', { code })).toMatchObject({ ok: true });
		// The connection's own budget, without the per-participant contribution limit (tested below).
		process.env.TABLE_CONTRIBUTION_LIMIT = 'off';
		const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => send(phone, 'table:contribute', { clientId: `f${i}`, text: `flood ${i}` }))).finally(
			() => delete process.env.TABLE_CONTRIBUTION_LIMIT
		);
		// 20 messages per 10 s: the join and 19 contributions pass, the rest is refused and not stored.
		expect(replies.filter((r) => r.ok)).toHaveLength(19);
		expect(replies.filter((r) => r.error === 'rate_limited')).toHaveLength(11);
		expect(phone.connected).toBe(true);
		expect(await send(other, 'table:join', { code })).toMatchObject({ ok: true });
		expect((await send(fac, 'table:snapshot')).snapshot!.contributions).toHaveLength(19);
	});
});
