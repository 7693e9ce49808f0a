/**
 * Socket events of the live draft of a council's advice (the client side is $lib/councils/draft-client.ts).
 * The draft is a Yjs text stored as an update log (../councils/draft.ts); this module checks who may
 * read and write it and relays stored updates to the others who have it open.
 * - advice:open {requestId} (staff session: a member of the request's council, or an overseer)
 *   → {ok, state: the whole document as one update, canEdit}; joins room `advice:<id>`.
 * - advice:update {requestId, update} (members only, while the advice is not published)
 *   → checked and stored (appendDraftUpdate), then {ok, stored} and relayed to the room except the
 *   sender as `advice:update {requestId, update}`; refused → {ok: false, error} and nobody sees it.
 * - advice:close {requestId}.
 * Binary payloads arrive as a Buffer on Node: they are wrapped in a plain Uint8Array.
 */
import type { Server, Socket } from 'socket.io';
import * as Y from 'yjs';
import { validateSession, type StaffUser } from '../auth';
import type { RateLimit } from '../ratelimit';
import { getRequest, type CouncilAccess } from '../councils';
import { appendDraftUpdate, readDraft } from '../councils/draft';
import { connectionLimit } from './limit';
import { sessionToken } from './session';

type Reply = { ok: boolean; error?: string; [k: string]: unknown };
type Ack = (reply: Reply) => void;
type Opened = Map<number, CouncilAccess>;

export const adviceRoom = (requestId: number) => `advice:${requestId}`;

const DEFAULT_LIMIT: RateLimit = { max: 300, windowMs: 10_000 };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

function toBytes(data: unknown): Uint8Array | null {
	if (data instanceof Uint8Array) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return null;
}

export function registerAdviceHandlers(io: Server, socket: Socket): void {
	const allowed = connectionLimit('ADVICE_SOCKET_LIMIT', DEFAULT_LIMIT);
	const opened = (): Opened => ((socket.data.advice as Opened | undefined) ??= new Map());
	// One socket's updates are handled one after the other, in the order they came: a later update may
	// depend on an earlier one (otherwise 'out_of_order').
	let queue: Promise<unknown> = Promise.resolve();
	const inTurn = (fn: () => Promise<void>) => void (queue = queue.then(fn, fn));

	const currentStaff = async (): Promise<StaffUser | null> => {
		const token = sessionToken(socket.handshake.headers.cookie);
		const session = token ? await validateSession(token) : null;
		socket.data.user = session?.user ?? null;
		return socket.data.user as StaffUser | null;
	};

	/** The user's access to the request now, with whether it is published; a refusal code otherwise. */
	const accessTo = async (requestId: number): Promise<{ access: CouncilAccess; published: boolean } | { error: string }> => {
		const user = await currentStaff();
		if (!user) return { error: 'forbidden' };
		const r = await getRequest(user, requestId);
		if (!r.ok) return { error: r.error };
		return { access: r.request.access, published: !!r.request.advice };
	};

	socket.on('advice:open', (payload: unknown, ack?: unknown) => {
		const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => {};
		if (!allowed()) return reply({ ok: false, error: 'rate_limited' });
		if (!isRecord(payload) || !isId(payload.requestId)) return reply({ ok: false, error: 'bad_payload' });
		const id = payload.requestId;
		inTurn(async () => {
			try {
				const a = await accessTo(id);
				if ('error' in a) {
					if (opened().delete(id)) await socket.leave(adviceRoom(id));
					return reply({ ok: false, error: a.error });
				}
				opened().set(id, a.access);
				await socket.join(adviceRoom(id));
				const doc = await readDraft(id);
				try {
					reply({ ok: true, requestId: id, state: Y.encodeStateAsUpdate(doc), canEdit: a.access === 'member' && !a.published });
				} finally {
					doc.destroy();
				}
			} catch (e) {
				console.error('[advice] open failed', e);
				reply({ ok: false, error: 'server_error' });
			}
		});
	});

	socket.on('advice:update', (payload: unknown, ack?: unknown) => {
		const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => {};
		if (!allowed()) return reply({ ok: false, error: 'rate_limited' });
		if (!isRecord(payload) || !isId(payload.requestId)) return reply({ ok: false, error: 'bad_payload' });
		const id = payload.requestId;
		const update = toBytes(payload.update);
		if (!update) return reply({ ok: false, error: 'bad_update' });
		inTurn(async () => {
			try {
				// Who opened the draft was checked then; anyone else is checked now (and refused the same way).
				let access = opened().get(id);
				if (!access) {
					const a = await accessTo(id);
					if ('error' in a) return reply({ ok: false, error: a.error === 'forbidden' ? 'not_member' : a.error });
					access = a.access;
				}
				if (access !== 'member') return reply({ ok: false, error: 'not_member' });
				const r = await appendDraftUpdate(id, update);
				if (!r.ok) return reply({ ok: false, error: r.error });
				if (r.stored) socket.to(adviceRoom(id)).emit('advice:update', { requestId: id, update });
				reply({ ok: true, stored: r.stored });
			} catch (e) {
				console.error('[advice] update failed', e);
				reply({ ok: false, error: 'server_error' });
			}
		});
	});

	socket.on('advice:close', (payload: unknown) => {
		if (!isRecord(payload) || !isId(payload.requestId)) return;
		if (opened().delete(payload.requestId)) void socket.leave(adviceRoom(payload.requestId));
	});
}
