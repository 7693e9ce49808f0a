import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { useSocketServer } from './socket-fixtures';
import { notify, originAllowed } from '../../src/lib/server/realtime';
import { createSession, createStaff, SESSION_COOKIE } from '../../src/lib/server/auth';

const client = useSocketServer();

function subscribe(c: Socket, room: string): Promise<{ ok: boolean; error?: string }> {
	return new Promise((r) => c.emit('subscribe', room, r));
}

describe('socket.io checks that SvelteKit hooks cannot do', () => {
	it('lets anyone follow a public wall and receive its updates', async () => {
		const c = client();
		expect(await subscribe(c, 'wall:7')).toEqual({ ok: true });
		const got = new Promise((r) => c.on('postcard:published', r));
		notify('wall:7', 'postcard:published', { id: 42 });
		expect(await got).toEqual({ id: 42 });
	});

	it('refuses the moderation queue to a socket without a staff session', async () => {
		const c = client();
		expect(await subscribe(c, 'moderation:7')).toEqual({ ok: false, error: 'forbidden' });
		expect(await subscribe(c, 'nonsense')).toEqual({ ok: false, error: 'bad_room' });
	});

	it('opens the moderation queue to a moderator with a valid session cookie', async () => {
		const { id } = await createStaff({ email: 'mod@example.org', name: 'Mod', roles: ['moderator'], councilIds: [], password: 'long-enough-password' });
		const { token } = await createSession(id);
		const c = client({ cookie: `${SESSION_COOKIE}=${token}` });
		expect(await subscribe(c, 'moderation:7')).toEqual({ ok: true });
	});

	it('keeps a council member out of the moderation queue', async () => {
		const { id } = await createStaff({ email: 'raad@example.org', name: 'Raad', roles: ['council_member'], councilIds: ['sar'], password: 'long-enough-password' });
		const { token } = await createSession(id);
		const c = client({ cookie: `${SESSION_COOKIE}=${token}` });
		expect(await subscribe(c, 'moderation:7')).toEqual({ ok: false, error: 'forbidden' });
	});

	it('rejects a connection from another site', async () => {
		const c = client({ origin: 'https://evil.example' });
		const err = await new Promise<Error>((r) => c.on('connect_error', r));
		expect(err.message).toBe('origin_not_allowed');
	});
});

describe('originAllowed', () => {
	it('accepts the same host and refuses others', () => {
		expect(originAllowed('http://localhost:3000', 'localhost:3000')).toBe(true);
		expect(originAllowed('http://evil.example', 'localhost:3000')).toBe(false);
		expect(originAllowed(undefined, 'localhost:3000')).toBe(true);
		expect(originAllowed('not a url', 'localhost:3000')).toBe(false);
	});
});
