/**
 * Presence is trusted no further than the server says: a guest who declares itself facilitator in its
 * awareness state is relayed as what it is (the projector's 'follow the facilitator' follows only
 * someone the server says facilitates), oversized or unknown fields are not relayed, and nobody can
 * speak for another person's presence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { Socket } from 'socket.io-client';
import { DEMO, useServer } from './server';
import { connect, DEMO_BOARD_TOKEN, open } from './boards-client';

const own = useServer('boards-presence');

type State = Record<string, unknown> | null;

function presence(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, entries.length);
	for (const e of entries) {
		encoding.writeVarUint(enc, e.clientId);
		encoding.writeVarUint(enc, e.clock);
		encoding.writeVarString(enc, JSON.stringify(e.state));
	}
	return encoding.toUint8Array(enc);
}

function read(data: unknown): Map<number, State> {
	const bytes = data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer);
	const d = decoding.createDecoder(bytes);
	const out = new Map<number, State>();
	const n = decoding.readVarUint(d);
	for (let i = 0; i < n; i++) {
		const id = decoding.readVarUint(d);
		decoding.readVarUint(d);
		out.set(id, JSON.parse(decoding.readVarString(d)));
	}
	return out;
}

/** Collects every presence state a socket receives. */
function listen(socket: Socket): Map<number, State>[] {
	const seen: Map<number, State>[] = [];
	socket.on('board:awareness', (_id: number, data: unknown) => seen.push(read(data)));
	return seen;
}

const settle = () => new Promise((r) => setTimeout(r, 300));

let projector: Socket;
let guest: Socket;
let admin: Socket;
let boardId: number;
let seen: Map<number, State>[];

beforeAll(async () => {
	// The projector: a facilitator's screen on the board (staff session), following the facilitator.
	projector = await connect(own.url, await own.login(DEMO.facilitator));
	guest = await connect(own.url);
	boardId = (await open(guest, { link: DEMO_BOARD_TOKEN })).board.id;
	await open(projector, { board: boardId });
	seen = listen(projector);
	admin = await connect(own.url, await own.login(DEMO.admin));
	expect((await open(admin, { board: boardId })).level).toBe('facilitate');
});
afterAll(() => {
	for (const s of [projector, guest, admin]) s?.close();
});

const latest = (id: number): State | undefined => {
	for (let i = seen.length - 1; i >= 0; i--) if (seen[i].has(id)) return seen[i].get(id);
	return undefined;
};

describe('presence comes from the server', () => {
	it("a guest who claims to be the facilitator is relayed as a guest; the real facilitator as facilitator", async () => {
		guest.emit('board:awareness', boardId, presence([{ clientId: 1001, clock: 1, state: { user: { name: 'Begeleider' }, facilitator: true, viewport: { x: 9000, y: 9000, w: 10, h: 10 } } }]));
		admin.emit('board:awareness', boardId, presence([{ clientId: 2002, clock: 1, state: { user: { name: 'Echte begeleider' }, facilitator: false, viewport: { x: 0, y: 0, w: 1200, h: 800 } } }]));
		await settle();
		expect(latest(1001)).toMatchObject({ user: { name: 'Begeleider' }, facilitator: false, viewport: { x: 9000, y: 9000, w: 10, h: 10 } });
		expect(latest(2002)).toMatchObject({ facilitator: true, viewport: { x: 0, y: 0, w: 1200, h: 800 } });
		// Whom the projector follows: those the relayed states say facilitate (BoardCanvas's `leader`).
		const leaders = [...new Set(seen.flatMap((m) => [...m].filter(([, s]) => s?.facilitator === true).map(([id]) => id)))];
		expect(leaders).toEqual([2002]);
	});

	it('a guest cannot change the facilitator\'s presence by using their client id', async () => {
		const before = seen.length;
		guest.emit('board:awareness', boardId, presence([{ clientId: 2002, clock: 5, state: { user: { name: 'x' }, facilitator: true, viewport: { x: 5000, y: 5000, w: 1, h: 1 } } }]));
		await settle();
		expect(seen.slice(before).some((m) => m.has(2002))).toBe(false);
		expect(latest(2002)).toMatchObject({ viewport: { x: 0, y: 0, w: 1200, h: 800 } });
	});

	it('an oversized name is cut to 40 characters; a 200 kB state and unknown fields are not relayed', async () => {
		const before = seen.length;
		guest.emit('board:awareness', boardId, presence([{ clientId: 1001, clock: 2, state: { user: { name: 'N'.repeat(200_000) } } }]));
		guest.emit('board:awareness', boardId, presence([{ clientId: 1001, clock: 3, state: { user: { name: 'M'.repeat(2000), color: 'red;background:url(x)' }, extra: 'e'.repeat(300), cursor: { x: 'a', y: 1 }, selection: ['ok1', 'x'.repeat(300)] } }]));
		await settle();
		const states = seen.slice(before).map((m) => m.get(1001));
		expect(states.length).toBe(1);
		expect(states[0]).toEqual({ user: { name: 'M'.repeat(40) }, cursor: null, viewport: null, facilitator: false, selection: ['ok1'] });
		expect(JSON.stringify(states[0]).length).toBeLessThan(200);
		expect(await own.alive()).toBe(true);
	});
});
