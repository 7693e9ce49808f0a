// Each unit test gets a fresh, migrated in-memory database, and no board documents held in memory
// from the last one (they belong to its database).
import { beforeEach } from 'vitest';
import { useTestDatabase } from '../../src/lib/server/db';
import { unloadAll } from '../../src/lib/server/boards/documents';

beforeEach(() => {
	unloadAll();
	useTestDatabase();
});
