// Each unit test file gets a fresh, migrated in-memory database.
import { beforeEach } from 'vitest';
import { useTestDatabase } from '../../src/lib/server/db';

beforeEach(() => {
	useTestDatabase();
});
