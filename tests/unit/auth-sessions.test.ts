import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { closeDatabase, getDb, openDatabase, schema } from '../../src/lib/server/db';
import {
	createSession,
	createStaff,
	hashToken,
	invalidateSession,
	updateStaff,
	validateSession
} from '../../src/lib/server/auth';

const DAY = 86_400_000;

async function staff(email = 'mo@example.org') {
	const { id } = await createStaff({ email, name: 'Mo', roles: ['moderator'], councilIds: [], password: 'a long enough password' });
	return id;
}

describe('staff sessions', () => {
	it('are created, found again by their token, and never stored as the token itself', async () => {
		const userId = await staff();
		const { token, expiresAt } = await createSession(userId);
		expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
		const rows = await getDb().select().from(schema.sessions);
		expect(rows).toHaveLength(1);
		expect(rows[0].id).toBe(hashToken(token));
		expect(rows[0].id).not.toContain(token);
		const found = await validateSession(token);
		expect(found?.user).toMatchObject({ id: userId, email: 'mo@example.org', roles: ['moderator'] });
		expect(await validateSession('not-a-token')).toBeNull();
	});

	it('expire, and an expired session is removed', async () => {
		const { token } = await createSession(await staff());
		await getDb().update(schema.sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(schema.sessions.id, hashToken(token)));
		expect(await validateSession(token)).toBeNull();
		expect(await getDb().select().from(schema.sessions)).toHaveLength(0);
	});

	it('are renewed once past half their life (sliding expiry)', async () => {
		const { token } = await createSession(await staff());
		const old = new Date(Date.now() + 5 * DAY);
		await getDb().update(schema.sessions).set({ expiresAt: old }).where(eq(schema.sessions.id, hashToken(token)));
		const found = await validateSession(token);
		expect(found!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
	});

	it('end on logout (invalidate)', async () => {
		const { token } = await createSession(await staff());
		await invalidateSession(token);
		expect(await validateSession(token)).toBeNull();
	});

	it('all end when the account is deactivated', async () => {
		const userId = await staff();
		const a = await createSession(userId);
		const b = await createSession(userId);
		await updateStaff(userId, { active: false });
		expect(await validateSession(a.token)).toBeNull();
		expect(await validateSession(b.token)).toBeNull();
		expect(await getDb().select().from(schema.sessions)).toHaveLength(0);
	});
});

describe('sessions live in the database', () => {
	let dir: string | null = null;
	afterEach(() => {
		closeDatabase();
		if (dir) fs.rmSync(dir, { recursive: true, force: true });
		dir = null;
	});

	it('survive a restart: a new process opening the same file still knows the session', async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meespraak-session-'));
		const url = `file:${path.join(dir, 'sessions.db')}`;
		closeDatabase();
		openDatabase(url);
		const userId = await staff('restart@example.org');
		const { token } = await createSession(userId);

		closeDatabase(); // what a restart does to the process's connection
		openDatabase(url);
		const found = await validateSession(token);
		expect(found?.user.email).toBe('restart@example.org');
	});
});
